/*
 * The x86 part of the sysctl sub-ops: CPU features and topology as the
 * toolstack sees them in physinfo and cputopoinfo.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/smp.h>
#include <xen/sysctl.h>
#include <asm/apic.h>
#include <asm/processor.h>
#include <asm/e820.h>
#include <asm/hvm/hvm.h>
#include <public/sysctl.h>

#include "cpu_policy_ops.h"

/* Xen's featureset words, in its order: the CPUID registers listing the
 * hardware's features (hw_cap[i] is word i). */
static const struct { uint32_t leaf, sub; uint8_t reg; } featureset[8] = {
    { 0x00000001, 0, 'd' }, { 0x00000001, 0, 'c' },
    { 0x80000001, 0, 'd' }, { 0x80000001, 0, 'c' },
    { 0x0000000d, 1, 'a' }, { 0x00000007, 0, 'b' },
    { 0x00000007, 0, 'c' }, { 0x80000007, 0, 'd' },
};

static uint32_t feature_word(unsigned int i)
{
    uint32_t leaf = featureset[i].leaf;
    struct cpuid_leaf r;

    cpuid(leaf & 0x80000000, &r);
    if ( r.a < leaf )
        return 0;                   /* the CPU does not have the leaf */
    cpuid_count(leaf, featureset[i].sub, &r);
    switch ( featureset[i].reg )
    {
    case 'a': return r.a;
    case 'b': return r.b;
    case 'c': return r.c;
    }
    return r.d;
}

static bool vendor_is_amd(void)
{
    struct cpuid_leaf r;

    cpuid(0, &r);
    return r.b == 0x68747541;   /* "Auth"enticAMD */
}

/* ceil(log2(n)): how many APIC id bits n of something take. */
static unsigned int id_bits(unsigned int n)
{
    unsigned int b = 0;

    while ( (1U << b) < n )
        b++;
    return b;
}

/*
 * The widths on a CPU without leaf 0xb, as Xen (and Linux) work them out
 * there: the package's logical CPUs from leaf 1 EBX[23:16] (only when
 * HTT says there are several), its cores from leaf 4 (Intel) or
 * 0x80000008 ECX (AMD); the threads of a core are what is left.
 */
static void legacy_shifts(unsigned int *smt_shift, unsigned int *pkg_shift)
{
    unsigned int logical, cores = 1, max_leaf;
    struct cpuid_leaf r;

    *smt_shift = *pkg_shift = 0;
    cpuid(0, &r);
    max_leaf = r.a;
    cpuid(1, &r);
    if ( !(r.d & (1U << 28)) )
        return;                     /* one logical CPU per package */
    logical = ((r.b >> 16) & 0xff) ?: 1;
    if ( vendor_is_amd() )
    {
        cpuid(0x80000000, &r);
        if ( r.a >= 0x80000008 )
        {
            cpuid(0x80000008, &r);
            cores = (r.c & 0xff) + 1;
        }
    }
    else if ( max_leaf >= 4 )
    {
        cpuid_count(4, 0, &r);
        if ( r.a & 0x1f )           /* a cache is described: the count is */
            cores = (r.a >> 26) + 1;
    }
    cores = min(cores, logical);
    *pkg_shift = id_bits(logical);
    *smt_shift = id_bits(logical / cores);
}

/*
 * Where a CPU sits: its APIC id split by the widths CPUID leaf 0xb gives
 * (threads of a core, then cores of a package), or, without that leaf,
 * by those of leaves 1 and 4 (legacy_shifts).
 */
void arch_cpu_topology(unsigned int cpu, unsigned int *core,
                       unsigned int *socket)
{
    unsigned int smt_shift = 0, pkg_shift = 0, apic = x86_cpu_to_apicid[cpu];
    struct cpuid_leaf r;

    cpuid(0, &r);
    if ( r.a >= 0xb )
        cpuid_count(0xb, 0, &r);
    else
        r.b = 0;
    if ( r.b )
    {
        smt_shift = r.a & 0x1f;
        cpuid_count(0xb, 1, &r);
        pkg_shift = r.b ? r.a & 0x1f : smt_shift;
    }
    else
        legacy_shifts(&smt_shift, &pkg_shift);
    *core = (apic & ((1U << pkg_shift) - 1)) >> smt_shift;
    *socket = apic >> pkg_shift;
}

/* Leaf 0x80000001 EDX repeats these leaf 1 EDX bits on AMD; Xen's
 * featureset lists each feature once, in word 0. */
#define COMMON_1D_FEATURES 0x0183f3ffU
#define FEATURE_SEP        (1U << 11)      /* word 0: SYSENTER/SYSEXIT */

long arch_do_sysctl(struct xen_sysctl *op, bool *copyback)
{
    long rc;

    switch ( op->cmd )
    {
    case XEN_SYSCTL_get_cpu_featureset:
        /* As Xen: the count written goes back with -ENOBUFS too. */
        rc = sysctl_cpu_featureset(&op->u.cpu_featureset);
        *copyback = rc == -ENOBUFS;
        return rc;
    case XEN_SYSCTL_get_cpu_policy:
        return sysctl_cpu_policy(&op->u.cpu_policy);
    }
    return -ENOSYS;
}

void arch_physinfo(struct xen_sysctl_physinfo *pi)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(pi->hw_cap); i++ )
        pi->hw_cap[i] = feature_word(i);
    pi->hw_cap[2] &= ~COMMON_1D_FEATURES;
    /* AMD has no SYSENTER in long mode: Xen drops the bit there. */
    if ( vendor_is_amd() )
        pi->hw_cap[0] &= ~FEATURE_SEP;
    /* 64-bit PV, and HVM with HAP where SVM with nested paging is up
     * (xl info's virt_caps; domctl createdomain accepts HVM then); no
     * shadow paging. */
    pi->capabilities |= XEN_SYSCTL_PHYSCAP_pv;
    if ( hvm_enabled() )
        pi->capabilities |= XEN_SYSCTL_PHYSCAP_hvm | XEN_SYSCTL_PHYSCAP_hap;
    pi->arch_capabilities = 0;
    /* As Xen's: the RAM the firmware reported, the hypervisor's own
     * share included (xl info's total_memory). */
    pi->total_pages = e820_ram_pages();
}
