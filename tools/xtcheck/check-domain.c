/* SPDX-License-Identifier: MIT */
/*
 * xt_ctrl and xt_foreign on a scratch domain: create it (PV, 1 vCPU),
 * size it, populate two pages, map them from dom0, pause/unpause it,
 * read its (not yet initialised) vCPU context, introduce it to xenstored
 * (its second page as a console for xenconsoled, check-console.c),
 * destroy it and see xenstored hear of the death.  The domain never runs: it has no kernel.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <poll.h>
#include <string.h>
#include <sys/mman.h>
#include <xt/ctrl.h>
#include <xt/store.h>
#include <xt/foreign.h>
#include "xtcheck.h"

#define NPAGES 2

static void check_foreign(struct xt_call *xc, domid_t domid,
                          const xen_pfn_t *mfns)
{
    int err[NPAGES];
    char *p = xt_foreign_map(xc, domid, PROT_READ | PROT_WRITE, mfns, err,
                             NPAGES);

    if (!report("foreign map of the new domain's pages",
                p && !err[0] && !err[1], "%s, err %d %d",
                p ? "mapped" : strerror(errno), err[0], err[1]))
        return;
    strcpy(p + 4096, "written-by-dom0");
    xt_foreign_unmap(p, NPAGES);
    p = xt_foreign_map(xc, domid, PROT_READ, mfns, err, NPAGES);
    report("foreign map sees what was written", p &&
           !strcmp(p + 4096, "written-by-dom0") && p[0] == 0,
           "contents differ");
    if (p)
        xt_foreign_unmap(p, NPAGES);
}

static void check_pause(struct xt_call *xc, domid_t domid)
{
    xt_dominfo_t info;
    int r1 = xt_domain_unpause(xc, domid);
    int r2 = xt_domain_getinfo(xc, domid, &info);

    report("unpause", r1 == 0 && r2 == 0 &&
           !(info.flags & XEN_DOMINF_paused), "%d %d flags %#x", r1, r2,
           info.flags);
    r1 = xt_domain_pause(xc, domid);
    r2 = xt_domain_getinfo(xc, domid, &info);
    report("pause", r1 == 0 && r2 == 0 && (info.flags & XEN_DOMINF_paused),
           "%d %d flags %#x", r1, r2, info.flags);
}

/*
 * xenstored holds VIRQ_DOM_EXC (a global VIRQ has one binding), so the
 * event is seen through it: the scratch domain is introduced with a store
 * port and its first page as the ring, and after destroydomain the
 * daemon must notice the death and fire @releaseDomain.
 */
static bool introduce(struct xt_call *xc, struct xt_store *xs, domid_t domid,
                      xen_pfn_t ring_mfn)
{
    int port = xt_evtchn_alloc_unbound(xc, domid, 0);
    int r;

    if (!report("alloc_unbound store port for the new domain", port > 0,
                "%s", strerror(-port)))
        return false;
    r = xt_store_introduce(xs, domid, ring_mfn, (uint32_t)port);
    return report("introduce to xenstored", r == 0, "%s", strerror(-r));
}

/* The next watch event within ms, or false. */
static bool next_event(struct xt_store *xs, int ms, char **path)
{
    struct pollfd p = { .fd = xt_store_watch_fd(xs), .events = POLLIN };
    char *token;

    if (poll(&p, 1, ms) != 1 || xt_store_read_watch(xs, path, &token) < 0)
        return false;
    return true;
}

static void check_destroy(struct xt_call *xc, domid_t domid,
                          const xen_pfn_t *mfns)
{
    struct xt_store *xs = xt_store_open();
    bool watching = false, released = false, console = false;
    bool served = false;
    xt_dominfo_t info;
    char *path = NULL;
    int r;

    if (report("xenstore connection", xs != NULL, "%s", strerror(errno)))
        console = console_prepare(xc, xs, domid, mfns[1]);
    if (xs && introduce(xc, xs, domid, mfns[0])) {
        if (console)
            served = console_check(xc, xs, domid, mfns[1]);
        watching = xt_store_watch(xs, "@releaseDomain", "xtcheck") == 0 &&
                   next_event(xs, 3000, &path);      /* the initial one */
        free(path);
    }
    r = xt_domain_destroy(xc, domid);
    report("destroydomain", r == 0, "%s", strerror(-r));
    while (watching && !released && next_event(xs, 5000, &path)) {
        released = !strcmp(path, "@releaseDomain");
        free(path);
    }
    if (xs)
        report("@releaseDomain after destroy (VIRQ_DOM_EXC reached xenstored)",
               released, "no event within 5 s");
    r = xt_domain_getinfo(xc, domid, &info);
    report("destroyed domain is gone or dying",
           r == -ESRCH || (r == 0 && (info.flags & XEN_DOMINF_dying)),
           "getdomaininfo %d flags %#x", r, r == 0 ? info.flags : 0);
    if (console)
        console_gone(xs, domid, served);
    if (xs)
        xt_store_close(xs);
}

void check_domain(struct xt_call *xc)
{
    struct xen_domctl_createdomain cfg = {
        .max_vcpus = 1, .max_evtchn_port = 1023, .max_grant_frames = 32,
        .max_maptrack_frames = 1024, .grant_opts = XEN_DOMCTL_GRANT_version(1),
    };
    xen_pfn_t pfns[NPAGES] = { 0, 1 };
    static vcpu_guest_context_t ctx;
    xt_dominfo_t info;
    domid_t domid = 0;
    long n;
    int r;

    r = xt_domain_create(xc, &domid, &cfg);
    if (!report("createdomain", r == 0 && domid > 0, "%s, domid %u",
                strerror(-r), domid))
        return;
    /* createdomain sizes the vCPU array; max_vcpus creates them. */
    r = xt_domain_getinfo(xc, domid, &info);
    report("getdomaininfo of the new domain", r == 0 &&
           (info.flags & XEN_DOMINF_paused) &&
           info.max_vcpu_id == XEN_INVALID_MAX_VCPU_ID,
           "%d flags %#x max_vcpu_id %u", r, info.flags, info.max_vcpu_id);
    r = xt_domain_max_vcpus(xc, domid, 1);
    report("max_vcpus 1", r == 0, "%s", strerror(-r));
    r = xt_domain_getinfo(xc, domid, &info);
    report("max_vcpus made vCPU 0", r == 0 && info.max_vcpu_id == 0,
           "%d max_vcpu_id %u", r, info.max_vcpu_id);
    r = xt_domain_max_mem(xc, domid, 1024);
    report("max_mem 1024 KiB", r == 0, "%s", strerror(-r));
    n = xt_populate_physmap(xc, domid, NPAGES, 0, pfns);
    r = xt_domain_getinfo(xc, domid, &info);
    if (report("populate_physmap 2 pages", n == NPAGES && r == 0 &&
               info.tot_pages == NPAGES, "returned %ld, tot_pages %lu", n,
               (unsigned long)info.tot_pages))
        check_foreign(xc, domid, pfns);
    r = xt_vcpu_getcontext(xc, domid, 0, &ctx);
    report("getvcpucontext of a vCPU never started: ENODATA", r == -ENODATA,
           "%d", r);
    check_pause(xc, domid);
    check_destroy(xc, domid, pfns);
}
