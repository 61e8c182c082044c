/* SPDX-License-Identifier: MIT */
/*
 * The backend for a Linux dom0 without the xt_* libraries: xenstore over
 * its Unix socket (xs_sock.c), /dev/xen/evtchn, /dev/xen/gntdev and
 * /dev/xen/privcmd (backend_linux.c).  Whether a domain is alive is asked
 * of xenstored (IS_DOMAIN_INTRODUCED).
 */
#ifndef CONSOLE_BACKEND_LINUX_H
#define CONSOLE_BACKEND_LINUX_H

#include "backend.h"

#define XS_SOCKET_DEFAULT "/run/xenstored/socket"

/* xs_sock.c: a xenstore client; NULL and errno when it cannot connect. */
struct xs_sock;
struct xs_sock *xs_sock_open(const char *path);
void xs_sock_close(struct xs_sock *xs);
/* Fill in the store group (and domain.alive) of a backend. */
void xs_sock_ops(struct xs_sock *xs, struct cons_backend *be);

/* The whole backend; socket NULL means $XENSTORED_PATH or the default. */
struct cons_backend *linux_backend_open(const char *socket);
void linux_backend_close(struct cons_backend *be);

#endif /* CONSOLE_BACKEND_LINUX_H */
