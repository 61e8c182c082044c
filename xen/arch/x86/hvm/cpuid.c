/*
 * CPUID for HVM guests: the host's leaves with what the guest cannot use
 * taken out (SVM and VMX: no nested virtualisation; MONITOR and XSAVE,
 * whose instructions are intercepted), the hypervisor bit set, the
 * initial APIC ID the vCPU's own (2 * vCPU id, as Xen), x2APIC offered
 * and TSC-deadline not (the emulated APIC's), and Xen's
 * leaves at 0x40000000: the signature, the version, the hypercall page
 * MSR, and the HVM leaf with the vCPU and domain ids.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/version.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>
#include <public/arch-x86/cpuid.h>

#define L1_ECX_MONITOR     (1u << 3)
#define L1_ECX_VMX         (1u << 5)
#define L1_ECX_XSAVE       (1u << 26)
#define L1_ECX_OSXSAVE     (1u << 27)
#define L1_ECX_X2APIC      (1u << 21)
#define L1_ECX_TSC_DL      (1u << 24)
#define L1_ECX_HYPERVISOR  (1u << 31)
#define L1_EDX_APIC        (1u << 9)
#define APIC_BASE_EN       (1UL << 11)
#define X1_ECX_SVM         (1u << 2)

static void xen_leaf(const struct vcpu *v, uint32_t idx, struct cpuid_leaf *r)
{
    *r = (struct cpuid_leaf){ 0 };
    switch ( idx )
    {
    case 0:
        r->a = XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES);
        r->b = XEN_CPUID_SIGNATURE_EBX;
        r->c = XEN_CPUID_SIGNATURE_ECX;
        r->d = XEN_CPUID_SIGNATURE_EDX;
        break;
    case 1:
        r->a = (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
        break;
    case 2:
        r->a = 1;                           /* hypercall pages */
        r->b = XEN_CPUID_FIRST_LEAF;        /* the MSR that writes them */
        break;
    case 4:
        r->a = XEN_HVM_CPUID_VCPU_ID_PRESENT | XEN_HVM_CPUID_DOMID_PRESENT;
        r->b = v->vcpu_id;
        r->c = v->domain->domain_id;
        break;
    }
}

static void host_leaf(const struct vcpu *v, uint32_t leaf, uint32_t sub,
                      struct cpuid_leaf *r)
{
    cpuid_count(leaf, sub, r);
    switch ( leaf )
    {
    case 1:
        r->c &= ~(L1_ECX_MONITOR | L1_ECX_VMX | L1_ECX_XSAVE | L1_ECX_OSXSAVE |
                  L1_ECX_TSC_DL);
        /* The emulated local APIC (vlapic.c) has x2APIC mode but no
         * TSC-deadline timer, as Xen's; the APIC bit follows the base
         * MSR's enable, as on hardware. */
        r->c |= L1_ECX_HYPERVISOR | L1_ECX_X2APIC;
        if ( !(vlapic_base_msr(v) & APIC_BASE_EN) )
            r->d &= ~L1_EDX_APIC;
        /* The vCPU's own initial APIC ID, not the physical CPU's it ran
         * on last: vCPU n is 2n, as on Xen. */
        r->b = (r->b & 0x00ffffff) | ((uint32_t)(v->vcpu_id * 2) << 24);
        break;
    case 0xd:                               /* XSAVE states: none */
        *r = (struct cpuid_leaf){ 0 };
        break;
    case 0x80000001:
        r->c &= ~X1_ECX_SVM;
        break;
    case 0x8000000a:                        /* SVM features: none */
        *r = (struct cpuid_leaf){ 0 };
        break;
    }
}

void hvm_cpuid(struct vcpu *v, struct cpu_user_regs *regs)
{
    uint32_t leaf = regs->rax, sub = regs->rcx;
    struct cpuid_leaf r;

    if ( leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + 0x100 )
        xen_leaf(v, leaf - XEN_CPUID_FIRST_LEAF, &r);
    else if ( (leaf & 0xf0000000) == 0x40000000 )
        r = (struct cpuid_leaf){ 0 };       /* other hypervisor ranges */
    else
        host_leaf(v, leaf, sub, &r);
    regs->rax = r.a;
    regs->rbx = r.b;
    regs->rcx = r.c;
    regs->rdx = r.d;
}
