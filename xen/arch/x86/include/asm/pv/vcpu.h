/*
 * The PV halves of the vCPU-context, hypercall-page and grant-mapping
 * hooks of the common code (contracts in common/vcpu_op.c,
 * common/domctl_vcpu.c and xen/grant_table.h); arch/x86/guest.c calls
 * them for PV domains.
 */
#ifndef ASM_X86_PV_VCPU_H
#define ASM_X86_PV_VCPU_H

struct vcpu;
struct domain;
struct vcpu_guest_context;

int pv_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
int pv_update_info_guest(struct vcpu *v, const struct vcpu_guest_context *c);
void pv_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c);
int pv_vcpu_reset(struct vcpu *v);
int pv_hypercall_init(struct domain *d, unsigned long gmfn);
/* arch_grant_host_map/unmap (xen/grant_table.h) for a PV vCPU. */
#include <xen/mm.h>
int pv_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                      unsigned int flags);
int pv_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                        unsigned int flags);

/* The virtual machine-check MSRs (pv/vmce.c; Xen shows HVM guests the
 * same, so arch/x86/guest.c offers them to the HVM side too): whether msr
 * is one, and its read/write (0, or -EINVAL for #GP). */
bool pv_vmce_msr(uint32_t msr);
int pv_vmce_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int pv_vmce_write(struct vcpu *v, uint32_t msr, uint64_t val);

#endif /* ASM_X86_PV_VCPU_H */
