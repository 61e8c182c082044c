/* SPDX-License-Identifier: MIT */
/*
 * The backend for a Linux dom0, over the tool libraries: xenstore through
 * xt_store (store_xt.c), event channels through xt_evtchn, the console
 * page through xt_gnttab or xt_foreign (backend_linux.c).  Whether a
 * domain is alive is asked of xenstored (IS_DOMAIN_INTRODUCED).
 */
#ifndef CONSOLE_BACKEND_LINUX_H
#define CONSOLE_BACKEND_LINUX_H

#include "backend.h"

struct xt_store;
/* Fill in the store group (and domain.alive) of a backend; both use xs
 * as their context. */
void cons_store_xt(struct xt_store *xs, struct cons_backend *be);

/* The whole backend.  socket NULL: xt_store_open()'s choice
 * ($XENSTORED_PATH, the usual sockets, /dev/xen/xenbus). */
struct cons_backend *linux_backend_open(const char *socket);
void linux_backend_close(struct cons_backend *be);

#endif /* CONSOLE_BACKEND_LINUX_H */
