/*
 * The CPUID view of PV guests.
 *
 * pv_cpuid(leaf, subleaf, regs) answers an emulated CPUID (the forced-
 * emulation prefix, or CPUID faulting) into regs->rax..rdx.  Leaves come
 * from the host filtered through an allowlist: a feature bit reaches the
 * guest only if it is listed in leaf_policy[] below, so features that new
 * hardware invents stay hidden until someone decides they are safe.  What
 * is hidden, and why, follows Linux's PV needs (docs: linux-pv-dom0.md
 * §3.5): anything that needs CPL0, MSRs or state we do not virtualise
 * (PSE/PGE/1G pages, MTRR, APIC, VMX/SVM, MONITOR, SMEP/SMAP/UMIP,
 * FSGSBASE, PKU, LA57, PCID/INVPCID, x2APIC, XSAVE and everything that
 * needs its YMM/ZMM state, TSC deadline, debug store, perf counters).
 *
 * The hypervisor leaves at 0x40000000 carry Xen's signature and the
 * values Xen 4.17 reports to a 64-bit PV guest (checked against it with
 * tests/pv/cpuid.c).  A domain whose toolstack set a CPU policy is
 * answered from it instead (asm/cpu_policy.h).  The guest's native CPUID is not intercepted (no
 * CPUID faulting), so this policy is what an enlightened kernel sees.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/mm.h>
#include <xen/time.h>
#include <xen/version.h>
#include <public/arch-x86/cpuid.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/page.h>
#include <asm/processor.h>
#include <asm/pv/traps.h>
#include <asm/cpu_policy.h>
#include <asm/current.h>

#define BIT(n) (1u << (n))

/* Highest leaves offered; the host's own maximum lowers them further. */
#define BASIC_MAX_LEAF  0x0000000du
#define EXTD_MAX_LEAF   0x80000008u

/* How the subleaf (ECX) selects the host value of a leaf. */
enum subleaf_rule {
    SUB_NONE,           /* leaf has no subleaves: ECX is ignored */
    SUB_HOST,           /* every subleaf the host has, filtered alike */
    SUB_ZERO_ONLY,      /* subleaf 0 filtered, the others read as zero */
};

struct leaf_policy {
    uint32_t leaf;
    enum subleaf_rule sub;
    uint32_t a, b, c, d;        /* host bits the guest may see */
};

#define ALL 0xffffffffu

/* Leaf 1 EDX: FPU DE TSC MSR PAE MCE CX8 MCA CMOV PAT CLFSH MMX FXSR SSE
 * SSE2 SS HTT.  MCE and MCA as on Xen 4.17: the machine-check MSRs are
 * virtual (pv/vmce.c). */
#define L1_EDX (BIT(0) | BIT(2) | BIT(4) | BIT(5) | BIT(6) | BIT(7) |      \
                BIT(8) | BIT(14) | BIT(15) | BIT(16) | BIT(19) | BIT(23) | \
                BIT(24) | BIT(25) | BIT(26) | BIT(27) | BIT(28))
/* Leaf 1 ECX: SSE3 PCLMULQDQ SSSE3 CX16 SSE4.1 SSE4.2 MOVBE POPCNT AES
 * RDRAND. */
#define L1_ECX (BIT(0) | BIT(1) | BIT(9) | BIT(13) | BIT(19) | BIT(20) |  \
                BIT(22) | BIT(23) | BIT(25) | BIT(30))
/* Leaf 1 EBX: brand, CLFLUSH size, logical count; not the APIC ID (31:24). */
#define L1_EBX 0x00ffffffu
/* Leaf 7.0 EBX: BMI1 FDP_EXCPTN_ONLY BMI2 ERMS NO_FPU_SEL RDSEED ADX
 * CLFLUSHOPT CLWB SHA (the TSX bits HLE/RTM stay hidden). */
#define L7_EBX (BIT(3) | BIT(6) | BIT(8) | BIT(9) | BIT(13) | BIT(18) |   \
                BIT(19) | BIT(23) | BIT(24) | BIT(29))
/* Leaf 7.0 ECX: PREFETCHWT1 GFNI CLDEMOTE MOVDIRI MOVDIR64B. */
#define L7_ECX (BIT(0) | BIT(8) | BIT(25) | BIT(27) | BIT(28))
/* Leaf 7.0 EDX: FSRM MD_CLEAR SERIALIZE. */
#define L7_EDX (BIT(4) | BIT(10) | BIT(14))
/* 0x80000001 ECX: LAHF_LM CMP_LEGACY ABM SSE4A MISALIGNSSE PREFETCHW. */
#define E1_ECX (BIT(0) | BIT(1) | BIT(5) | BIT(6) | BIT(7) | BIT(8))
/* 0x80000001 EDX: the leaf 1 EDX duplicates we keep (MCE and MCA too),
 * SYSCALL, NX, MMXEXT, FFXSR, LM, 3DNow!; not PSE/PGE/PSE36/MTRR/APIC/1G
 * pages/RDTSCP. */
#define E1_EDX (BIT(0) | BIT(2) | BIT(4) | BIT(5) | BIT(6) | BIT(7) |      \
                BIT(8) | BIT(11) | BIT(14) | BIT(15) | BIT(16) | BIT(20) | \
                BIT(22) | BIT(23) | BIT(24) | BIT(25) | BIT(29) | BIT(30) | \
                BIT(31))
/* 0x80000008 EBX: CLZERO only (the speculation-control bits need MSRs). */
#define E8_EBX BIT(0)

/* Leaves absent from this table read as all zeros. */
static const struct leaf_policy leaf_policy[] = {
    { 0x00000000, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x00000001, SUB_NONE,      ALL, L1_EBX, L1_ECX, L1_EDX },
    { 0x00000002, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x00000004, SUB_HOST,      ALL, ALL,    ALL,    ALL    },
    /* EAX (the highest subleaf) is 0: only subleaf 0 is offered. */
    { 0x00000007, SUB_ZERO_ONLY, 0,   L7_EBX, L7_ECX, L7_EDX },
    { 0x80000000, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000001, SUB_NONE,      ALL, ALL,    E1_ECX, E1_EDX },
    { 0x80000002, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000003, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000004, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000005, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000006, SUB_NONE,      ALL, ALL,    ALL,    ALL    },
    { 0x80000008, SUB_NONE,      ALL, E8_EBX, ALL,    0      },
};

#define X86_FEATURE_HYPERVISOR BIT(31)  /* leaf 1 ECX */
#define X86_FEATURE_APIC       BIT(9)   /* leaf 1 EDX, 0x80000001 EDX */

/*
 * The hardware domain sees the APIC bit, as on Xen 4.17: without it
 * Linux skips the MADT's IO-APIC and interrupt-override entries, keeps
 * no legacy IRQ range (its event-channel IRQs then take numbers 0-15
 * that ISA drivers request) and never asks for GSI PIRQs.  It does not
 * touch a local APIC through it: a PV kernel's APIC operations are
 * hypercalls (PHYSDEVOP_apic_read, IPIs as events).
 */
static uint32_t apic_bit(uint32_t host_edx)
{
    return current->domain->is_privileged ? host_edx & X86_FEATURE_APIC : 0;
}

static const struct leaf_policy *find_policy(uint32_t leaf)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(leaf_policy); i++ )
        if ( leaf_policy[i].leaf == leaf )
            return &leaf_policy[i];
    return NULL;
}

/* The guest's maximum for the range holding leaf (basic or extended). */
static uint32_t range_max(uint32_t leaf)
{
    struct cpuid_leaf r;
    uint32_t cap = (leaf & 0x80000000u) ? EXTD_MAX_LEAF : BASIC_MAX_LEAF;

    cpuid(leaf & 0x80000000u, &r);
    return min(r.a, cap);
}

/* A host leaf through the allowlist, plus the few synthesised fields. */
static void host_leaf(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res)
{
    const struct leaf_policy *p = find_policy(leaf);
    uint32_t host_edx;

    *res = (struct cpuid_leaf){ 0 };
    if ( !p || leaf > range_max(leaf) )
        return;
    if ( p->sub == SUB_ZERO_ONLY && subleaf != 0 )
        return;
    cpuid_count(leaf, p->sub == SUB_NONE ? 0 : subleaf, res);
    host_edx = res->d;
    res->a &= p->a;
    res->b &= p->b;
    res->c &= p->c;
    res->d &= p->d;

    switch ( leaf )
    {
    case 0x00000000:
    case 0x80000000:
        res->a = range_max(leaf);
        break;
    case 0x00000001:
        res->c |= X86_FEATURE_HYPERVISOR;
        res->d |= apic_bit(host_edx);
        break;
    case 0x80000001:
        res->d |= apic_bit(host_edx);
        break;
    }
}

/* Highest set bit, 1-based; 0 for 0. */
static unsigned int fls_ul(unsigned long x)
{
    return x ? 8 * sizeof(x) - __builtin_clzl(x) : 0;
}

/* Leaf 0x40000003: time.  Xen 4.17 gives a PV dom0 zeros except the
 * host TSC frequency in subleaf 2 (no TSC emulation, mode 0). */
static void time_leaf(uint32_t subleaf, struct cpuid_leaf *res)
{
    if ( subleaf == 2 )
        res->a = cpu_khz;
}

/* The Xen leaves; idx is the offset from XEN_CPUID_FIRST_LEAF. */
static void xen_leaf(uint32_t idx, uint32_t subleaf, struct cpuid_leaf *res)
{
    *res = (struct cpuid_leaf){ 0 };
    switch ( idx )
    {
    case 0:
        res->a = XEN_CPUID_LEAF(XEN_CPUID_MAX_NUM_LEAVES);
        res->b = XEN_CPUID_SIGNATURE_EBX;
        res->c = XEN_CPUID_SIGNATURE_ECX;
        res->d = XEN_CPUID_SIGNATURE_EDX;
        break;
    case 1:
        res->a = (XEN_VERSION_MAJOR << 16) | XEN_VERSION_MINOR;
        break;
    case 2:
        res->a = 1;                         /* hypercall pages */
        res->b = XEN_CPUID_FIRST_LEAF;      /* MSR that loads the page */
        res->c = XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD;
        break;
    case 3:
        time_leaf(subleaf, res);
        break;
    case 4:
        /* HVM only: a PV guest must not see e.g. the upcall-vector bit. */
        break;
    case 5:
        /* Machine address width: Linux wants grant v2 only above 44. */
        if ( subleaf == 0 && max_page )
            res->b = fls_ul(max_page - 1) + PAGE_SHIFT;
        break;
    }
}

void pv_cpuid_filtered(uint32_t leaf, uint32_t subleaf, struct cpuid_leaf *res)
{
    host_leaf(leaf, subleaf, res);
}

void pv_cpuid(uint32_t leaf, uint32_t subleaf, struct cpu_user_regs *regs)
{
    const struct cpu_policy *policy = current->domain->arch.cpu_policy;
    struct cpuid_leaf res = { 0 };

    /* Xen answers 0x40000100-0x400001ff from the same base (all beyond
     * the highest leaf, so zero); no other hypervisor range exists. */
    if ( leaf >= XEN_CPUID_FIRST_LEAF && leaf < XEN_CPUID_FIRST_LEAF + 0x200 )
        xen_leaf(leaf - XEN_CPUID_FIRST_LEAF, subleaf, &res);
    else if ( leaf < 0x40000000u || (leaf & 0xffff0000u) == 0x80000000u )
    {
        /* The toolstack's policy if it set one (XEN_DOMCTL_set_cpu_policy,
         * already within this allowlist), else the allowlist itself. */
        if ( policy )
            cpu_policy_leaf(policy, leaf, subleaf, &res);
        else
            host_leaf(leaf, subleaf, &res);
    }

    /* CPUID writes 32-bit registers: the upper halves become zero. */
    regs->rax = res.a;
    regs->rbx = res.b;
    regs->rcx = res.c;
    regs->rdx = res.d;
}
