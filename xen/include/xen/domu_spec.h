/*
 * Boot-time domUs: the "domU=" hypervisor option describes one extra PV
 * domain to build at boot from a boot module, so that behaviour between
 * domains can be exercised before any toolstack runs.
 *
 *   domU=name=<s>,mem=<size>[,vcpus=<n>][,weight=<n>][,cap=<n>][,type=pv|pvh]
 *
 * type=pvh builds an HVM domain entered at the kernel's PHYS32_ENTRY
 * (docs/hvm.md); the default is PV.
 *
 * The option may be given several times.  With k of them, the last k boot
 * modules are the domUs' kernels, in order, and their module strings
 * (after the file name) are the kernels' command lines.  The domUs get
 * ids 1..k.
 */
#ifndef XEN_DOMU_SPEC_H
#define XEN_DOMU_SPEC_H

#include <xen/types.h>

#define MAX_BOOT_DOMUS 8

struct domu_spec {
    char name[32];
    unsigned long mem_bytes;
    unsigned int vcpus;
    unsigned int weight;      /* 0: the scheduler's default */
    unsigned int cap;         /* percent of one CPU, 0: none */
    bool pvh;                 /* type=pvh */
};

/*
 * Parse one option value into *s.  0, or -EINVAL with *why naming the
 * offending part (a static string).
 */
int domu_spec_parse(const char *val, struct domu_spec *s, const char **why);

/* The specs given on the command line so far, in order. */
extern struct domu_spec boot_domus[MAX_BOOT_DOMUS];
extern unsigned int nr_boot_domus;

#endif /* XEN_DOMU_SPEC_H */
