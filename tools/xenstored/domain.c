/* SPDX-License-Identifier: MIT */
/*
 * The table of introduced domains.  INTRODUCE records a domain's ring
 * frame and event channel; mapping the ring and binding the channel need
 * dom0's devices and come with the ring transport.  Dom0 talks over the
 * local socket and counts as introduced from the start.
 */
#include <stdlib.h>
#include <string.h>
#include "xenstored.h"

struct domain {
    struct domain *next;
    unsigned int domid;
    uint64_t mfn;
    unsigned int port;
};

static struct domain *domains;

static struct domain *find(unsigned int domid)
{
    struct domain *d;

    for (d = domains; d; d = d->next)
        if (d->domid == domid)
            return d;
    return NULL;
}

/* A second introduction of the same ring is harmless; another is not. */
int domain_introduce(unsigned int domid, uint64_t mfn, unsigned int port)
{
    struct domain *d = find(domid);

    if (domid == DOM0)
        return XEN_EINVAL;
    if (d)
        return d->mfn == mfn ? 0 : XEN_EEXIST;
    d = xs_alloc(sizeof(*d));
    d->domid = domid;
    d->mfn = mfn;
    d->port = port;
    d->next = domains;
    domains = d;
    xs_log(1, "introduced dom%u (mfn %#llx port %u)", domid,
           (unsigned long long)mfn, port);
    watch_fire_special("@introduceDomain");
    return 0;
}

int domain_release(unsigned int domid)
{
    struct domain **link;

    for (link = &domains; *link; link = &(*link)->next) {
        struct domain *d = *link;

        if (d->domid == domid) {
            *link = d->next;
            free(d);
            xs_log(1, "released dom%u", domid);
            watch_fire_special("@releaseDomain");
            return 0;
        }
    }
    return XEN_ENOENT;
}

bool domain_introduced(unsigned int domid)
{
    return domid == DOM0 || find(domid) != NULL;
}
