/* SPDX-License-Identifier: MIT */
/*
 * xl info: the host and the hypervisor, field by field in xl's order.
 * Fields we cannot fill truthfully (page sharing, cpupools, NUMA
 * distances) are left out rather than invented.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <sys/utsname.h>
#include <public/version.h>
#include "xl.h"

#define MIB_PAGES 256u      /* 4 KiB pages per MiB */

static void print_host(void)
{
    struct utsname u;

    if (uname(&u) < 0)
        return;
    printf("host                   : %s\n", u.nodename);
    printf("release                : %s\n", u.release);
    printf("version                : %s\n", u.version);
    printf("machine                : %s\n", u.machine);
}

static void print_caps(uint32_t caps)
{
    int pv = !!(caps & XEN_SYSCTL_PHYSCAP_pv);
    int hvm = !!(caps & XEN_SYSCTL_PHYSCAP_hvm);
    int dio = !!(caps & XEN_SYSCTL_PHYSCAP_directio);

    printf("virt_caps              :%s%s%s%s%s%s%s%s%s%s%s\n",
           pv ? " pv" : "", hvm ? " hvm" : "",
           hvm && dio ? " hvm_directio" : "", pv && dio ? " pv_directio" : "",
           caps & XEN_SYSCTL_PHYSCAP_hap ? " hap" : "",
           caps & XEN_SYSCTL_PHYSCAP_shadow ? " shadow" : "",
           caps & XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share ?
               " iommu_hap_pt_share" : "",
           caps & XEN_SYSCTL_PHYSCAP_vmtrace ? " vmtrace" : "",
           caps & XEN_SYSCTL_PHYSCAP_vpmu ? " vpmu" : "",
           caps & XEN_SYSCTL_PHYSCAP_gnttab_v1 ? " gnttab-v1" : "",
           caps & XEN_SYSCTL_PHYSCAP_gnttab_v2 ? " gnttab-v2" : "");
}

static int print_physinfo(void)
{
    struct xen_sysctl_physinfo p;
    int r = xt_physinfo(xl_call(), &p);
    unsigned int i;

    if (r < 0) {
        fprintf(stderr, "libxl_physinfo failed.\n");
        return r;
    }
    printf("nr_cpus                : %u\n", p.nr_cpus);
    printf("max_cpu_id             : %u\n", p.max_cpu_id);
    printf("nr_nodes               : %u\n", p.nr_nodes);
    printf("cores_per_socket       : %u\n", p.cores_per_socket);
    printf("threads_per_core       : %u\n", p.threads_per_core);
    printf("cpu_mhz                : %u.%03u\n", p.cpu_khz / 1000,
           p.cpu_khz % 1000);
    printf("hw_caps                : ");
    for (i = 0; i < 8; i++)
        printf("%08x%c", p.hw_cap[i], i < 7 ? ':' : '\n');
    print_caps(p.capabilities);
    printf("total_memory           : %lu\n",
           (unsigned long)(p.total_pages / MIB_PAGES));
    printf("free_memory            : %lu\n",
           (unsigned long)(p.free_pages / MIB_PAGES));
    printf("outstanding_claims     : %lu\n",
           (unsigned long)(p.outstanding_pages / MIB_PAGES));
    return 0;
}

static const char *sched_name(uint32_t id)
{
    switch (id) {
    case XEN_SCHEDULER_CREDIT:   return "credit";
    case XEN_SCHEDULER_CREDIT2:  return "credit2";
    case XEN_SCHEDULER_ARINC653: return "arinc653";
    case XEN_SCHEDULER_RTDS:     return "rtds";
    case XEN_SCHEDULER_NULL:     return "null";
    default:                     return "unknown";
    }
}

/* A string-valued xen_version query into buf (NUL-terminated). */
static void version_string(int cmd, char *buf, size_t len)
{
    memset(buf, 0, len);
    if (xt_xen_version(xl_call(), cmd, buf, len) < 0)
        buf[0] = '\0';
    buf[len - 1] = '\0';
}

/* XENVER_build_id: a 32-bit length, then the raw id bytes. */
static void print_build_id(void)
{
    uint32_t buf[1 + 64];
    const unsigned char *id = (const unsigned char *)&buf[1];
    long n, i;

    memset(buf, 0, sizeof(buf));
    buf[0] = sizeof(buf) - sizeof(buf[0]);
    n = xt_xen_version(xl_call(), XENVER_build_id, buf, sizeof(buf));
    if (n <= 0 || n > (long)(sizeof(buf) - sizeof(buf[0])))
        return;
    printf("build_id               : ");
    for (i = 0; i < n; i++)
        printf("%02x", id[i]);
    printf("\n");
}

static void print_xen(void)
{
    long ver = xt_xen_version(xl_call(), XENVER_version, NULL, 0);
    static xen_capabilities_info_t caps;
    static xen_commandline_t cmdline;
    xen_extraversion_t extra;
    xen_changeset_info_t cs;
    xen_compile_info_t cc;
    xen_platform_parameters_t pp = { 0 };
    uint32_t sched = 0;

    version_string(XENVER_extraversion, extra, sizeof(extra));
    version_string(XENVER_capabilities, caps, sizeof(caps));
    version_string(XENVER_changeset, cs, sizeof(cs));
    version_string(XENVER_commandline, cmdline, sizeof(cmdline));
    memset(&cc, 0, sizeof(cc));
    xt_xen_version(xl_call(), XENVER_compile_info, &cc, sizeof(cc));
    xt_xen_version(xl_call(), XENVER_platform_parameters, &pp, sizeof(pp));
    printf("xen_major              : %ld\n", ver >> 16);
    printf("xen_minor              : %ld\n", ver & 0xffff);
    printf("xen_extra              : %s\n", extra);
    printf("xen_version            : %ld.%ld%s\n", ver >> 16, ver & 0xffff,
           extra);
    printf("xen_caps               : %s\n", caps);
    if (xt_sched_id(xl_call(), &sched) >= 0)
        printf("xen_scheduler          : %s\n", sched_name(sched));
    printf("xen_pagesize           : %ld\n",
           xt_xen_version(xl_call(), XENVER_pagesize, NULL, 0));
    printf("platform_params        : virt_start=0x%lx\n",
           (unsigned long)pp.virt_start);
    printf("xen_changeset          : %s\n", cs);
    printf("xen_commandline        : %s\n", cmdline);
    printf("cc_compiler            : %.64s\n", cc.compiler);
    printf("cc_compile_by          : %.16s\n", cc.compile_by);
    printf("cc_compile_domain      : %.32s\n", cc.compile_domain);
    printf("cc_compile_date        : %.32s\n", cc.compile_date);
    print_build_id();
    printf("xend_config_format     : 4\n");
}

int cmd_info(int argc, char **argv)
{
    int opt;

    while ((opt = xl_getopt(argc, argv, "", 0)) != -1)
        return opt;
    print_host();
    if (print_physinfo() < 0)
        return 1;
    print_xen();
    return 0;
}
