/*
 * MMIO instruction emulation for HVM guests (hvm/emulate.c, hvm/mmio.c).
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

/* Emulate the instruction at the guest's rip, which faulted on gpa, and
 * step over it.  0, or -errno: an instruction it cannot fetch or does
 * not know (the caller crashes the domain). */
int hvm_emulate_mmio(struct vcpu *v, struct cpu_user_regs *regs,
                     uint64_t gpa, const struct hvm_mmio_ops *ops);

/* What answers an access to gpa that the p2m does not back (the local
 * APIC's page, or the bus where nothing answers), or NULL: gpa is mapped
 * (the fault had another reason) or beyond the address width. */
const struct hvm_mmio_ops *hvm_mmio_claimant(struct vcpu *v, uint64_t gpa);

/* A nested page fault (hvm/mmio.c): emulated against the local APIC's
 * page or the bus where nothing answers, or #GP for a fetch.  NULL when
 * handled, else why the domain must be crashed. */
struct hvm_exit;
const char *hvm_handle_npf(struct vcpu *v, struct cpu_user_regs *regs,
                           const struct hvm_exit *e);

#endif /* ASM_X86_HVM_EMULATE_H */
