/* SPDX-License-Identifier: MIT */
/*
 * xl console <Domain>: attach this terminal to the domain's console pty
 * (xenconsoled's, named in console/tty) until CTRL-] or the domain ends.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../console/console_attach.h"
#include "dom.h"
#include "xl.h"

/* /dev/pts/ and digits only: the node is not ours alone to trust. */
static int is_pts_path(const char *p)
{
    const char *d = p + 9;

    if (strncmp(p, "/dev/pts/", 9) || !*d || strlen(d) > 9)
        return 0;
    for (; *d; d++)
        if (*d < '0' || *d > '9')
            return 0;
    return 1;
}

char *xl_console_tty(uint32_t domid, int wait_ms)
{
    char path[64], *tty = NULL;
    int waited;

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    for (waited = 0; xl_store(); waited += 100) {
        tty = xt_store_read(xl_store(), XT_TX_NONE, path, NULL);
        if (tty && is_pts_path(tty))
            return tty;
        if (tty && tty[0]) {
            fprintf(stderr, "xl: domain %u's console/tty is not a pty "
                    "path; not opening it\n", domid);
            free(tty);
            return NULL;
        }
        free(tty);
        if (waited >= wait_ms)
            break;
        usleep(100 * 1000);
    }
    fprintf(stderr, "xl: domain %u has no console pty (is xenconsoled "
            "running?)\n", domid);
    return NULL;
}

int xl_console_attach_domain(uint32_t domid)
{
    char *tty = xl_console_tty(domid, 5000);
    int r;

    if (!tty)
        return 1;
    r = console_attach(tty, 0, 1);
    free(tty);
    if (r < 0) {
        fprintf(stderr, "xl: console of domain %u: %s\n", domid,
                strerror(-r));
        return 1;
    }
    return 0;
}

int cmd_console(int argc, char **argv)
{
    int opt;

    while ((opt = xl_getopt(argc, argv, "", 1)) != -1)
        return opt;
    return xl_console_attach_domain(xl_find_domain(argv[optind]));
}
