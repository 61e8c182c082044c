/*
 * MTRR MSRs of HVM vCPUs, as Xen 4.17 emulates them for an HVM or PVH
 * guest: MTRRcap (0xfe) reports 8 variable ranges, the fixed ranges and
 * write-combining, and cannot be written; MTRRdefType (0x2ff), the 11
 * fixed-range MSRs and the 8 base/mask pairs (0x200-0x20f) read back
 * what was written.  A write is refused with #GP, as on Xen, when a
 * memory type is not UC, WC, WT, WP or WB, or when it sets a reserved
 * bit: in MTRRdefType anything but the type, FE (10) and E (11); in a
 * base bits 8-11; in a mask bits 0-10; in both, bits at or above the
 * guest's physical address width (CPUID 0x80000008, passed through).
 * The MSRs exist only when CPUID leaf 1 shows MTRR (the host's bit,
 * passed through: Xen shows it to PVH guests), #GP otherwise.
 *
 * On AMD hosts, AMD's own memory-range MSRs as Xen 4.17 shows them to
 * an HVM guest: SYSCFG (0xc0010010), TOP_MEM (0xc001001a) and TOP_MEM2
 * (0xc001001d) read 0 and ignore writes; the I/O range registers
 * (0xc0010016-0xc0010019) read 0 and refuse writes with #GP.  Linux
 * reads SYSCFG while it collects the fixed ranges (its MtrrFixDramModEn
 * bit).
 *
 * Linux reads MTRRcap without an exception handler in mtrr_bp_init();
 * without these it logged "unchecked MSR access error" and ran with
 * MTRRs and PAT disabled.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/mtrr.h>

#define MSR_MTRR_CAP        0xfe
#define MSR_MTRR_VAR_FIRST  0x200
#define MSR_MTRR_DEF_TYPE   0x2ff
#define CAP_FIXED           (1u << 8)
#define CAP_WC              (1u << 10)
#define DEF_TYPE_OK_BITS    0xcffULL        /* type, FE, E */
#define BASE_RSVD           0xf00ULL
#define MASK_RSVD           0x7ffULL
#define L1_EDX_MTRR         (1u << 12)
#define MSR_AMD_SYSCFG      0xc0010010
#define MSR_AMD_IORR_FIRST  0xc0010016
#define MSR_AMD_IORR_LAST   0xc0010019
#define MSR_AMD_TOP_MEM     0xc001001a
#define MSR_AMD_TOP_MEM2    0xc001001d

/* The fixed-range MSRs in the order of the save record's array. */
static const uint32_t fixed_msr[HVM_MTRR_FIXED] = {
    0x250, 0x258, 0x259, 0x268, 0x269, 0x26a, 0x26b, 0x26c, 0x26d, 0x26e,
    0x26f,
};

uint64_t hvm_mtrr_cap(void)
{
    return HVM_MTRR_VCNT | CAP_FIXED | CAP_WC;
}

/* UC, WC, WT, WP, WB: the types Xen lets a guest program. */
static bool type_ok(uint8_t t)
{
    return t == 0 || t == 1 || t == 4 || t == 5 || t == 6;
}

static bool fixed_ok(uint64_t val)
{
    for ( unsigned int i = 0; i < 8; i++ )
        if ( !type_ok(val >> (i * 8)) )
            return false;
    return true;
}

/* A variable-range base (even index) or mask (odd) the guest may load. */
static bool var_ok(unsigned int idx, uint64_t val)
{
    uint64_t rsvd = ~((1ULL << paddr_bits) - 1);

    if ( idx & 1 )
        return !(val & (rsvd | MASK_RSVD));
    return !(val & (rsvd | BASE_RSVD)) && type_ok(val);
}

static bool mtrr_offered(void)
{
    struct cpuid_leaf l;

    cpuid(1, &l);
    return l.d & L1_EDX_MTRR;
}

/* The register behind msr, or NULL; *idx is its variable-range index
 * (base or mask), or -1 for the others. */
static uint64_t *mtrr_reg(struct hvm_mtrr *m, uint32_t msr, int *idx)
{
    *idx = -1;
    if ( msr == MSR_MTRR_DEF_TYPE )
        return &m->def_type;
    if ( msr >= MSR_MTRR_VAR_FIRST &&
         msr < MSR_MTRR_VAR_FIRST + 2 * HVM_MTRR_VCNT )
    {
        *idx = msr - MSR_MTRR_VAR_FIRST;
        return &m->var[*idx];
    }
    for ( unsigned int i = 0; i < HVM_MTRR_FIXED; i++ )
        if ( msr == fixed_msr[i] )
            return &m->fixed[i];
    return NULL;
}

int hvm_mtrr_set(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct hvm_mtrr *m = &v->arch.hvm.mtrr;
    int idx;
    uint64_t *reg = mtrr_reg(m, msr, &idx);

    if ( !reg )
        return -ENOENT;
    if ( reg == &m->def_type
         ? (val & ~DEF_TYPE_OK_BITS) || !type_ok(val)
         : idx >= 0 ? !var_ok(idx, val) : !fixed_ok(val) )
        return -EINVAL;
    *reg = val;
    return 0;
}

/* AMD's range MSRs: read as zero; -ENOENT for another MSR. */
static int amd_range_msr(uint32_t msr, uint64_t *val, bool write)
{
    bool iorr = msr >= MSR_AMD_IORR_FIRST && msr <= MSR_AMD_IORR_LAST;

    if ( (!iorr && msr != MSR_AMD_SYSCFG && msr != MSR_AMD_TOP_MEM &&
          msr != MSR_AMD_TOP_MEM2) || !cpu_vendor_is_amd() )
        return -ENOENT;
    if ( write )
        return iorr ? -EINVAL : 0;
    *val = 0;
    return 0;
}

int hvm_mtrr_msr(struct vcpu *v, uint32_t msr, uint64_t *val, bool write)
{
    uint64_t *reg;
    int idx;
    int rc = amd_range_msr(msr, val, write);

    if ( rc != -ENOENT )
        return rc;
    if ( msr == MSR_MTRR_CAP )
    {
        if ( write || !mtrr_offered() )
            return -EINVAL;
        *val = hvm_mtrr_cap();
        return 0;
    }
    if ( !(reg = mtrr_reg(&v->arch.hvm.mtrr, msr, &idx)) )
        return -ENOENT;
    if ( !mtrr_offered() )
        return -EINVAL;
    if ( write )
        return hvm_mtrr_set(v, msr, *val);
    *val = *reg;
    return 0;
}
