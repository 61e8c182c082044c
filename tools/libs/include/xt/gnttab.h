/* SPDX-License-Identifier: MIT */
/*
 * xt/gnttab.h: mapping pages another domain granted us
 * (/dev/xen/gntdev).  One handle may hold many mappings.
 */
#ifndef XT_GNTTAB_H
#define XT_GNTTAB_H

#include <stdint.h>

struct xt_gnttab;

struct xt_gnttab *xt_gnttab_open(void);     /* NULL, errno on failure */
void xt_gnttab_close(struct xt_gnttab *xg);

/* Maps grant ref of domid (one page) with prot; NULL, errno on failure. */
void *xt_gnttab_map(struct xt_gnttab *xg, uint32_t domid, uint32_t ref,
                    int prot);
/* Unmaps what xt_gnttab_map returned; 0 or -errno. */
int xt_gnttab_unmap(struct xt_gnttab *xg, void *addr);

#endif
