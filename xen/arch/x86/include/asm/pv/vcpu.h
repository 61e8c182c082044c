/*
 * The PV halves of the vCPU-context and hypercall-page hooks of the common
 * code (contracts in common/vcpu_op.c and common/domctl_vcpu.c);
 * arch/x86/guest.c calls them for PV domains.
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

#endif /* ASM_X86_PV_VCPU_H */
