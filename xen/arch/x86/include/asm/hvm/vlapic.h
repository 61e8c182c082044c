/*
 * The emulated local APIC of an HVM vCPU (hvm/vlapic.c, docs/hvm.md).
 *
 * Each HVM vCPU has one, as Xen 4.17 gives a PVH guest: xAPIC registers
 * in a page at the APIC base (0xfee00000; reached by nested page faults
 * and the MMIO emulator, hvm/emulate.c), x2APIC registers as MSRs
 * 0x800-0x8ff once the guest turns x2APIC mode on, the APIC base MSR, a
 * timer on the hypervisor's timers, fixed IPIs within the domain, and
 * interrupts injected by priority through the vendor's event injection.
 *
 * Locking: each APIC has a lock (interrupts off while held) around its
 * registers and timer; another vCPU's IPI or a timer may set IRR bits
 * from any CPU.  Injection and EOI happen only on the vCPU's own CPU.
 */
#ifndef ASM_X86_HVM_VLAPIC_H
#define ASM_X86_HVM_VLAPIC_H

#include <xen/types.h>

struct vcpu;
struct vlapic;

#define VLAPIC_BASE_DEFAULT     0xfee00000UL

/* vCPU creation and teardown (hvm_vcpu_create / hvm_vcpu_destroy). */
int vlapic_create(struct vcpu *v);
void vlapic_destroy(struct vcpu *v);

/* INIT (hvm/ap_start.c): the registers as at reset, but the ID, the base
 * MSR and ESR as they were (as Xen's INIT leaves them).  Any CPU. */
void vlapic_init_reset(struct vcpu *v);

/* The APIC base MSR (0x1b) and the x2APIC MSRs (0x800-0x8ff).  0, or
 * -EINVAL: the guest gets #GP. */
uint64_t vlapic_base_msr(const struct vcpu *v);
int vlapic_set_base_msr(struct vcpu *v, uint64_t val);
int vlapic_x2apic_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int vlapic_x2apic_write(struct vcpu *v, uint32_t msr, uint64_t val);

/* Whether gpa is in the xAPIC page v answers now (enabled, xAPIC mode). */
bool vlapic_mmio_covers(const struct vcpu *v, uint64_t gpa);
/* An access of len bytes (1, 2, 4 or 8) at gpa in that page. */
void vlapic_mmio_read(struct vcpu *v, uint64_t gpa, unsigned int len,
                      uint64_t *val);
void vlapic_mmio_write(struct vcpu *v, uint64_t gpa, unsigned int len,
                       uint64_t val);

/* The highest vector v's APIC would deliver now (above its processor
 * priority), or -1. */
int vlapic_pending(struct vcpu *v);
/* The vendor injected vector: IRR -> ISR. */
void vlapic_ack(struct vcpu *v, unsigned int vector);

/* Request vector (16-255) at v's APIC from outside, as an edge-triggered
 * interrupt (the event-channel upcall vector); an APIC that is disabled
 * (hardware or software) drops it, as a real one would.  Any CPU. */
void vlapic_raise(struct vcpu *v, unsigned int vector);

/* The task priority as CR8 shows it (TPR bits 7-4), for the vendor's
 * virtual TPR, and back after the guest ran (it may write CR8). */
unsigned int vlapic_cr8(const struct vcpu *v);
void vlapic_set_cr8(struct vcpu *v, unsigned int cr8);

#endif /* ASM_X86_HVM_VLAPIC_H */
