/*
 * hvinfo.h - which hypervisor is this kernel running on?
 *
 * Tests are the same binaries on real Xen 4.17 (the oracle) and on our
 * hypervisor.  When Xen's real behaviour differs from what a test
 * demands, the test may SKIP on Xen with a reason.  The answer comes
 * from, in order:
 *
 *   1. the word "pvtest.hv=xen" or "pvtest.hv=ours" on the dom0 command
 *      line (tests/pv/run.sh always passes it);
 *   2. otherwise XENVER_extraversion: real Xen releases report "."
 *      followed by a digit (".7" for 4.17.7), which ours must not.
 */
#ifndef PV_HVINFO_H
#define PV_HVINFO_H

#include <pv/types.h>

enum hv_kind
{
    HV_UNKNOWN = 0,
    HV_XEN,         /* the real Xen */
    HV_OURS,        /* this project's hypervisor */
};

struct hv_info
{
    unsigned int major, minor;      /* XENVER_version */
    char extraversion[16];          /* XENVER_extraversion */
    char cpuid_signature[13];       /* leaf 0x40000000 ebx:ecx:edx */
    uint32_t cpuid_base;            /* leaf where the signature was found */
    enum hv_kind kind;
};

/* Gather the information (cached after the first call). */
const struct hv_info *hv_info(void);
enum hv_kind hv_kind(void);
const char *hv_kind_name(enum hv_kind kind);

static inline bool hv_is_xen(void)
{
    return hv_kind() == HV_XEN;
}

#endif /* PV_HVINFO_H */
