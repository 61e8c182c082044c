/* SPDX-License-Identifier: MIT */
/*
 * What the daemon needs from the OS to serve domains over shared rings:
 * map a domain's ring page, event channels, and whether a domain still
 * lives.  Two implementations: domain_io_linux.c (dom0, over the xt_*
 * tool libraries) and domain_io_fake.c (host tests: ring pages are
 * files, events are datagrams).  Everything else in the daemon sees only
 * this table.
 */
#ifndef XENSTORED_DOMAIN_IO_H
#define XENSTORED_DOMAIN_IO_H

#include <stdbool.h>
#include <stdint.h>

/* What domain_state() answers. */
enum dom_state {
    DOM_RUNNING,                /* alive (paused or blocked counts too) */
    DOM_SHUTDOWN,               /* shut down or crashed, not yet dying */
    DOM_GONE,                   /* dying, or no such domain any more */
};

struct domain_io {
    const char *name;
    /* The ring page of 'domid' (mfn as INTRODUCE gave it); NULL: errno. */
    void *(*map_ring)(unsigned int domid, uint64_t mfn);
    void (*unmap_ring)(void *page);
    /* Local port bound to (domid, remote_port); -1 and errno on failure. */
    int (*bind_interdomain)(unsigned int domid, unsigned int remote_port);
    int (*bind_virq)(unsigned int virq);
    void (*unbind)(int port);
    void (*notify)(int port);
    /* Pollable (POLLIN) when ports fired; next fired port, or -1: none. */
    int fd;
    int (*pending)(void);
    void (*unmask)(int port);
    enum dom_state (*domain_state)(unsigned int domid);
    /*
     * Dom0's own kernel allocates its store page and an unbound port for
     * a local daemon; 0 and both filled in, or -1 (not available).
     */
    int (*dom0_store)(void **page, unsigned int *port);
    void (*unmap_dom0_store)(void *page);
};

/* NULL when this host has no such devices; the daemon is socket-only. */
const struct domain_io *domain_io_linux(void);
/* Fake hypervisor in directory 'dir' (see domain_io_fake.c). */
const struct domain_io *domain_io_fake(const char *dir);

#endif
