/* SPDX-License-Identifier: MIT */
/*
 * xl list [Domain...]: one line per domain in xl's own layout, with the
 * state letters r(unning) b(locked) p(aused) s(hut down), the shutdown
 * reason (c for crash) and d(ying).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include "xl.h"

#define LIST_BATCH 64

static char state_letter(int set, char letter)
{
    return set ? letter : '-';
}

/* The fifth column: which shutdown; '-' while not shut down. */
static char reason_letter(uint32_t flags)
{
    static const char letters[] = "-rscwS";
    unsigned int reason;

    if (!(flags & XEN_DOMINF_shutdown))
        return '-';
    reason = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
    return reason < sizeof(letters) - 1 ? letters[reason] : '?';
}

static void print_domain(const xt_dominfo_t *d)
{
    char *name = xl_domain_name(d->domain);
    unsigned long mem_mib = (unsigned long)((d->tot_pages +
                                             d->outstanding_pages) / 256);

    printf("%-40s %5d %5lu %5d     %c%c%c%c%c%c  %8.1f\n",
           name ? name : "(null)", d->domain, mem_mib, d->nr_online_vcpus,
           state_letter(d->flags & XEN_DOMINF_running, 'r'),
           state_letter(d->flags & XEN_DOMINF_blocked, 'b'),
           state_letter(d->flags & XEN_DOMINF_paused, 'p'),
           state_letter(d->flags & XEN_DOMINF_shutdown, 's'),
           reason_letter(d->flags),
           state_letter(d->flags & XEN_DOMINF_dying, 'd'),
           (double)d->cpu_time / 1e9);
    free(name);
}

static int list_all(void)
{
    xt_dominfo_t info[LIST_BATCH];
    uint32_t next = 0;
    int n, i;

    do {
        n = xt_domain_getinfolist(xl_call(), (domid_t)next, LIST_BATCH, info);
        if (n < 0) {
            fprintf(stderr, "libxl_list_domain failed.\n");
            return 1;
        }
        for (i = 0; i < n; i++)
            print_domain(&info[i]);
        if (n > 0)
            next = info[n - 1].domain + 1u;
    } while (n == LIST_BATCH && next < DOMID_FIRST_RESERVED);
    return 0;
}

int cmd_list(int argc, char **argv)
{
    xt_dominfo_t info;
    int opt, i;

    while ((opt = xl_getopt(argc, argv, "", 0)) != -1)
        return opt;
    printf("Name                                        ID   Mem VCPUs"
           "\tState\tTime(s)\n");
    if (optind >= argc)
        return list_all();
    for (i = optind; i < argc; i++) {
        uint32_t domid = xl_find_domain(argv[i]);

        if (xt_domain_getinfo(xl_call(), (domid_t)domid, &info) < 0) {
            fprintf(stderr, "Error: Domain '%s' does not exist.\n", argv[i]);
            return 1;
        }
        print_domain(&info);
    }
    return 0;
}
