/*
 * MMIO instruction emulation for HVM guests (hvm/emulate.c).
 */
#ifndef ASM_X86_HVM_EMULATE_H
#define ASM_X86_HVM_EMULATE_H

#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;

/* A device's registers: len is 1, 2, 4 or 8 bytes at gpa. */
struct hvm_mmio_ops {
    void (*read)(struct vcpu *v, uint64_t gpa, unsigned int len,
                 uint64_t *val);
    void (*write)(struct vcpu *v, uint64_t gpa, unsigned int len,
                  uint64_t val);
};

/* Guest-physical memory nothing backs: reads all ones, writes dropped. */
extern const struct hvm_mmio_ops hvm_null_mmio_ops;

/* Emulate the instruction at the guest's rip, which faulted on gpa, and
 * step over it.  0, or -errno: an instruction it cannot fetch or does
 * not know (the caller crashes the domain). */
int hvm_emulate_mmio(struct vcpu *v, struct cpu_user_regs *regs,
                     uint64_t gpa, const struct hvm_mmio_ops *ops);

#endif /* ASM_X86_HVM_EMULATE_H */
