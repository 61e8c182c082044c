/* SPDX-License-Identifier: MIT */
/*
 * An in-process stand-in for xenstore, event channels, grant/foreign
 * mappings and the guests themselves, for the host unit tests.  Each
 * guest's ring is one shared page seen twice: the guest's view stays
 * mapped, the daemon's view exists only between map and unmap and ends
 * at a guard page, so any access after unmap or past the ring faults.
 */
#ifndef CONSOLE_BACKEND_FAKE_H
#define CONSOLE_BACKEND_FAKE_H

#include <stdbool.h>
#include <stddef.h>
#include <public/io/console.h>
#include "backend.h"

struct fake;

struct fake *fake_new(void);
struct cons_backend *fake_backend(struct fake *f);
void fake_free(struct fake *f);

/* The store, as a test sees it (values NUL-terminated, malloc'd). */
int fake_write(struct fake *f, const char *path, const char *value);
char *fake_read(struct fake *f, const char *path);
int fake_rm(struct fake *f, const char *path);

/* What the daemon holds right now. */
unsigned int fake_nodes(struct fake *f);
unsigned int fake_watches(struct fake *f);
unsigned int fake_maps(struct fake *f);
unsigned int fake_bound(struct fake *f);

/* Create a running guest with its console nodes and fire
 * @introduceDomain.  grant: whether map_grant works (else only the
 * foreign mapping does).  Returns the guest's view of the ring. */
struct xencons_interface *fake_add_guest(struct fake *f, unsigned int domid,
                                         const char *name, bool grant);
/* The guest is dead: alive() says so and @releaseDomain fires. */
void fake_release(struct fake *f, unsigned int domid);
/* Guest side: write output / read input as a well-behaved guest would
 * (at most what fits), then kick the console port. */
size_t fake_guest_write(struct fake *f, unsigned int domid,
                        const char *p, size_t n);
size_t fake_guest_read(struct fake *f, unsigned int domid, char *p,
                       size_t n);
void fake_kick(struct fake *f, unsigned int domid);
/* Times the daemon notified this guest. */
unsigned int fake_notifies(struct fake *f, unsigned int domid);
/* The port the guest advertises (change it to test rebinding). */
void fake_set_port(struct fake *f, unsigned int domid, uint32_t port);

#endif /* CONSOLE_BACKEND_FAKE_H */
