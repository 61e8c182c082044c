/* SPDX-License-Identifier: MIT */
/*
 * xenconsoled in dom0, on the scratch domain of check-domain.c.  That
 * domain never runs, so dom0 plays the guest through a foreign mapping of
 * its console page: output is put in the page before the daemon hears of
 * the domain; the daemon must map the page (xt_gnttab, else xt_foreign),
 * bind the port (xt_evtchn), give it a pty and write console/tty; the
 * output must come out of the pty, what is typed on the pty must land in
 * the page's input ring, and after the domain dies the tty node must go.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <public/io/console.h>
#include <xt/ctrl.h>
#include <xt/foreign.h>
#include "xtcheck.h"

static const char out_text[] = "xt-out", in_text[] = "xt-in";

static int node(struct xt_store *xs, domid_t domid, const char *name,
                const char *value)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/%s", domid, name);
    return xt_store_write(xs, XT_TX_NONE, path, value,
                          (unsigned int)strlen(value));
}

static char *tty_node(struct xt_store *xs, domid_t domid)
{
    char path[64];

    snprintf(path, sizeof(path), "/local/domain/%u/console/tty", domid);
    return xt_store_read(xs, XT_TX_NONE, path, NULL);
}

static void sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

    nanosleep(&ts, NULL);
}

bool console_prepare(struct xt_call *xc, struct xt_store *xs,
                     domid_t domid, xen_pfn_t mfn)
{
    struct xencons_interface *intf;
    char num[24];
    int port, r;

    intf = xt_foreign_map_one(xc, domid, PROT_READ | PROT_WRITE, mfn);
    if (!report("console: page of the new domain mapped", intf != NULL,
                "%s", strerror(errno)))
        return false;
    memcpy(intf->out, out_text, sizeof(out_text) - 1);
    __atomic_store_n(&intf->out_prod, sizeof(out_text) - 1, __ATOMIC_RELEASE);
    xt_foreign_unmap(intf, 1);
    port = xt_evtchn_alloc_unbound(xc, domid, 0);
    r = port > 0 ? node(xs, domid, "name", "xtcheck") : port;
    snprintf(num, sizeof(num), "%llu", (unsigned long long)mfn);
    if (r == 0)
        r = node(xs, domid, "console/ring-ref", num);
    snprintf(num, sizeof(num), "%d", port);
    if (r == 0)
        r = node(xs, domid, "console/port", num);
    return report("console: port and nodes for xenconsoled", r == 0, "%s",
                  strerror(-r));
}

/* console/tty within 5 s; the path, malloc()ed, or NULL. */
static char *wait_tty(struct xt_store *xs, domid_t domid)
{
    char *tty = NULL;
    int i;

    for (i = 0; i < 50 && !(tty = tty_node(xs, domid)); i++)
        sleep_ms(100);
    report("console: xenconsoled wrote console/tty", tty != NULL,
           "none within 5 s (is xenconsoled running?)");
    return tty;
}

static void check_output(int fd)
{
    struct pollfd p = { .fd = fd, .events = POLLIN };
    char buf[64];
    size_t got = 0;
    ssize_t n;

    while (got < sizeof(out_text) - 1 && poll(&p, 1, 3000) == 1) {
        n = read(fd, buf + got, sizeof(buf) - 1 - got);
        if (n <= 0)
            break;
        got += (size_t)n;
    }
    buf[got] = '\0';
    report("console: guest output comes out of the pty",
           !strcmp(buf, out_text), "read \"%s\"", buf);
}

static void check_input(struct xt_call *xc, domid_t domid, xen_pfn_t mfn,
                        int fd)
{
    struct xencons_interface *intf;
    uint32_t prod = 0;
    int i;

    intf = xt_foreign_map_one(xc, domid, PROT_READ, mfn);
    if (!intf || write(fd, in_text, sizeof(in_text) - 1) < 0) {
        report("console: pty input lands in the guest ring", 0, "%s",
               strerror(errno));
        if (intf)
            xt_foreign_unmap(intf, 1);
        return;
    }
    for (i = 0; i < 30; i++) {
        prod = __atomic_load_n(&intf->in_prod, __ATOMIC_ACQUIRE);
        if (prod >= sizeof(in_text) - 1)
            break;
        sleep_ms(100);
    }
    report("console: pty input lands in the guest ring",
           prod == sizeof(in_text) - 1 &&
           !memcmp(intf->in, in_text, sizeof(in_text) - 1),
           "in_prod %u", prod);
    xt_foreign_unmap(intf, 1);
}

bool console_check(struct xt_call *xc, struct xt_store *xs, domid_t domid,
                   xen_pfn_t mfn)
{
    char *tty = wait_tty(xs, domid);
    int fd;

    if (!tty)
        return false;
    fd = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (report("console: open the pty", fd >= 0, "%s: %s", tty,
               strerror(errno))) {
        check_output(fd);
        check_input(xc, domid, mfn, fd);
        close(fd);
    }
    free(tty);
    return true;
}

void console_gone(struct xt_store *xs, domid_t domid, bool served)
{
    char path[64], *tty = NULL;
    int i;

    for (i = 0; served && i < 30 && (tty = tty_node(xs, domid)); i++) {
        free(tty);
        sleep_ms(100);
    }
    /* Only a domain the daemon served can show that it let it go. */
    report("console: tty node gone after the domain died",
           served && tty == NULL, "%s",
           !served ? "never served" : tty ? tty : "");
    free(tty);
    snprintf(path, sizeof(path), "/local/domain/%u", domid);
    xt_store_rm(xs, XT_TX_NONE, path);
}
