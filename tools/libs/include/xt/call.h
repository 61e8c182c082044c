/* SPDX-License-Identifier: MIT */
/*
 * xt/call.h: hypercalls from dom0 userspace through Linux's privcmd
 * driver (/dev/xen/privcmd), and buffers that are safe to hand to the
 * hypervisor as hypercall arguments.
 *
 * A buffer the hypervisor reads or writes must stay mapped and resident
 * while the call runs.  Linux's /dev/xen/hypercall gives such memory
 * through mmap(); without it we fall back to mlock()ed anonymous pages.
 * Return values: >= 0 success, -errno failure (the hypervisor's errno).
 */
#ifndef XT_CALL_H
#define XT_CALL_H

#include <stddef.h>
#include <stdint.h>

struct xt_call;

/* Opens the privcmd device; NULL with errno set if that fails. */
struct xt_call *xt_call_open(void);
void xt_call_close(struct xt_call *xc);
/* The privcmd file descriptor (foreign mappings need it). */
int xt_call_fd(const struct xt_call *xc);

long xt_hypercall(struct xt_call *xc, unsigned int op, uint64_t a0,
                  uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);

/* Zeroed, page-granular, hypercall-safe memory; NULL on failure. */
void *xt_buf_alloc(struct xt_call *xc, size_t size);
void xt_buf_free(struct xt_call *xc, void *buf, size_t size);
/* 1 if buffers come from /dev/xen/hypercall, 0 if mlock()ed. */
int xt_buf_is_hypercall_dev(const struct xt_call *xc);

#endif
