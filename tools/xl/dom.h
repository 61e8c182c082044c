/* SPDX-License-Identifier: MIT */
/*
 * The domain lifecycle behind xl create / destroy / shutdown: building a
 * PV domain from a config (dom-create.c), its xenstore tree with libxl's
 * layout and permissions (dom-xs.c), taking it down again
 * (dom-destroy.c) and the per-domain process that waits for its
 * shutdown and applies on_poweroff/on_reboot/on_crash (dom-watch.c).
 */
#ifndef XL_DOM_H
#define XL_DOM_H

#include <stdint.h>
#include "config.h"

/* What the xenstore tree needs to know about a domain being built. */
struct xl_dom_state {
    uint32_t domid;
    char uuid[37];                  /* 8-4-4-4-12, lowercase */
    uint32_t store_port, console_port;
    uint64_t store_mfn, console_mfn;
};

/* Create, build and (unless paused) start the domain of cfg.  On
 * failure the half-built domain and its nodes are gone again, the
 * reason is on stderr and the result is negative. */
int xl_dom_create(const struct xl_domain_config *cfg, int paused,
                  uint32_t *domid);

/* The tree before the build (libxl__domain_make) and after it
 * (libxl__build_post, the console frontend); then INTRODUCE. */
int xl_xs_make(const struct xl_domain_config *cfg,
               const struct xl_dom_state *st);
int xl_xs_post(const struct xl_domain_config *cfg,
               const struct xl_dom_state *st);
/* Remove /local/domain/N, its /vm/<uuid> and /libxl/N. */
void xl_xs_remove(uint32_t domid);

/* xenstore cleanup, destroydomain, RELEASE from xenstored. */
int xl_dom_destroy(uint32_t domid);

/* Fork the process that waits for domid's end and acts on it with cfg
 * (restarts use cfg again).  Its messages go to
 * /var/log/xen/xl-NAME.log.  Returns in the caller at once. */
int xl_dom_watch(const struct xl_domain_config *cfg, uint32_t domid);

/* The pty of domid's console from xenstore, checked to be /dev/pts/N
 * (a guest-influenced node must not name another file); waits up to
 * wait_ms for xenconsoled to write it.  malloc()ed, or NULL. */
char *xl_console_tty(uint32_t domid, int wait_ms);

/* xl console's body: attach stdin/stdout to domid's console; 0 or 1. */
int xl_console_attach_domain(uint32_t domid);

#endif
