/*
 * The memory type range registers an HVM vCPU sees (hvm/mtrr.c).  They
 * are state only: with nested paging the host's memory types rule, so
 * nothing here changes how guest memory is mapped; the guest reads back
 * what it wrote, as on Xen 4.17.
 */
#ifndef __ASM_HVM_MTRR_H__
#define __ASM_HVM_MTRR_H__

#include <xen/types.h>

#define HVM_MTRR_VCNT   8       /* variable ranges (public MTRR_VCNT) */
#define HVM_MTRR_FIXED  11      /* fixed-range MSRs (NUM_FIXED_MSR) */

struct hvm_mtrr {
    uint64_t def_type;
    uint64_t fixed[HVM_MTRR_FIXED];
    uint64_t var[HVM_MTRR_VCNT * 2];    /* base, mask, base, mask ... */
};

struct vcpu;

/* RDMSR/WRMSR of an MTRR MSR: 0, -EINVAL (#GP), or -ENOENT if msr is
 * not one of them. */
int hvm_mtrr_msr(struct vcpu *v, uint32_t msr, uint64_t *val, bool write);

/* Load one of them as the toolstack's record says (no CPUID check):
 * 0, -EINVAL for a value a guest's WRMSR could not load, -ENOENT. */
int hvm_mtrr_set(struct vcpu *v, uint32_t msr, uint64_t val);

/* The capability word every vCPU reports (MTRRcap). */
uint64_t hvm_mtrr_cap(void);

#endif
