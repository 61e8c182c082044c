/* SPDX-License-Identifier: MIT */
/* xtcheck [call|evtchn|gnttab|domain]...: run the named checks (all by
 * default); exit 1 if any failed.  xtcheck free-pages prints the host's
 * free page count (physinfo), exact where xl info rounds to MiB. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <xt/ctrl.h>
#include "xtcheck.h"

static int failures;

int report(const char *name, int ok, const char *fmt, ...)
{
    va_list ap;

    printf("xtcheck: %s: %s", name, ok ? "ok" : "FAILED (");
    if (!ok) {
        va_start(ap, fmt);
        vprintf(fmt, ap);
        va_end(ap);
        printf(")");
        failures++;
    }
    printf("\n");
    fflush(stdout);
    return ok;
}

static int wanted(int argc, char **argv, const char *name)
{
    int i;

    if (argc < 2)
        return 1;
    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], name))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    struct xt_call *xc = xt_call_open();

    if (argc == 2 && !strcmp(argv[1], "free-pages")) {
        struct xen_sysctl_physinfo pi;
        int r = xc ? xt_physinfo(xc, &pi) : -errno;

        if (r < 0) {
            fprintf(stderr, "xtcheck: physinfo: %s\n", strerror(-r));
            return 1;
        }
        printf("free_pages %llu\n", (unsigned long long)pi.free_pages);
        xt_call_close(xc);
        return 0;
    }
    if (!report("open privcmd", xc != NULL, "%s", strerror(errno)))
        return 1;
    if (wanted(argc, argv, "call"))
        check_call(xc);
    if (wanted(argc, argv, "evtchn"))
        check_evtchn();
    if (wanted(argc, argv, "gnttab"))
        check_gnttab();
    if (wanted(argc, argv, "domain"))
        check_domain(xc);
    xt_call_close(xc);
    return failures != 0;
}
