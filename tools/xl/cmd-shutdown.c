/* SPDX-License-Identifier: MIT */
/*
 * xl shutdown [-w] <Domain> and xl reboot [-w] <Domain>: ask the guest
 * through its control/shutdown node ("poweroff" / "reboot", which
 * Linux's xenbus watches and obeys).  -w waits until the domain is
 * destroyed (after a reboot with on_reboot=restart the watcher has by
 * then built its successor under a new id).
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dom.h"
#include "xl.h"

static int gone(uint32_t domid)
{
    xt_dominfo_t info;

    return xt_domain_getinfo(xl_call(), (domid_t)domid, &info) < 0 ||
           (info.flags & XEN_DOMINF_dying);
}

static int wait_death(uint32_t domid)
{
    struct xt_store *xs = xl_store();

    fprintf(stderr, "Waiting for 1 domains\n");
    if (!xs || xt_store_watch(xs, "@releaseDomain", "xl-wait") < 0) {
        fprintf(stderr, "wait for death failed (evgen, rc=-3)\n");
        return 1;
    }
    while (!gone(domid)) {
        struct pollfd p = { .fd = xt_store_watch_fd(xs), .events = POLLIN };
        char *path = NULL, *token = NULL;

        if (poll(&p, 1, 1000) == 1 &&
            xt_store_read_watch(xs, &path, &token) < 0) {
            fprintf(stderr, "Failed to get event, quitting (rc=-3)\n");
            return 1;
        }
        free(path);             /* the token shares its block */
    }
    fprintf(stderr, "Domain %u has been destroyed\n", domid);
    return 0;
}

static int request(int argc, char **argv, const char *what, const char *msg)
{
    char path[64];
    uint32_t domid;
    int opt, wait = 0, r;

    while ((opt = xl_getopt(argc, argv, "w", 1)) != -1) {
        if (opt != 'w')
            return opt;
        wait = 1;
    }
    domid = xl_find_domain(argv[optind]);
    fprintf(stderr, "%s domain %u\n", msg, domid);
    snprintf(path, sizeof(path), "/local/domain/%u/control/shutdown", domid);
    r = xl_store() ? xt_store_write(xl_store(), XT_TX_NONE, path, what,
                                    (unsigned int)strlen(what)) : -ENOTCONN;
    if (r < 0) {
        fprintf(stderr, "%s failed (rc=-3): %s\n", argv[0], strerror(-r));
        return 1;
    }
    return wait ? wait_death(domid) : 0;
}

int cmd_shutdown(int argc, char **argv)
{
    return request(argc, argv, "poweroff", "Shutting down");
}

int cmd_reboot(int argc, char **argv)
{
    return request(argc, argv, "reboot", "Rebooting");
}
