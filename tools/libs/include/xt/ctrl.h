/* SPDX-License-Identifier: MIT */
/*
 * xt/ctrl.h: the toolstack's domctl and sysctl calls (Xen 4.17 interface
 * versions, structures from guest-pv/include/public).  Every call copies
 * its arguments through hypercall-safe buffers (xt/call.h), so callers
 * pass ordinary memory.  Return values: >= 0 success, -errno failure.
 */
#ifndef XT_CTRL_H
#define XT_CTRL_H

#include <stdint.h>
#include <public/xen.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <xt/call.h>

typedef struct xen_domctl_getdomaininfo xt_dominfo_t;

/* The raw calls: cmd and the union filled in by the caller; the
 * interface version is set here. */
int xt_domctl(struct xt_call *xc, struct xen_domctl *d);
int xt_sysctl(struct xt_call *xc, struct xen_sysctl *s);

/* Exactly domain domid (-ESRCH if it does not exist). */
int xt_domain_getinfo(struct xt_call *xc, domid_t domid, xt_dominfo_t *out);
/* Up to max domains with id >= first, ascending; returns how many. */
int xt_domain_getinfolist(struct xt_call *xc, domid_t first,
                          unsigned int max, xt_dominfo_t *out);
int xt_physinfo(struct xt_call *xc, struct xen_sysctl_physinfo *out);
int xt_sched_id(struct xt_call *xc, uint32_t *sched_id);

/* Copies up to *len bytes of the console ring into buf and sets *len to
 * what was copied.  With index non-NULL the read is incremental from
 * *index, which is advanced.  clear empties the ring afterwards. */
int xt_readconsole(struct xt_call *xc, char *buf, uint32_t *len,
                   uint32_t *index, int clear);

int xt_domain_pause(struct xt_call *xc, domid_t domid);
int xt_domain_unpause(struct xt_call *xc, domid_t domid);
int xt_domain_destroy(struct xt_call *xc, domid_t domid);
/* *domid in: the wanted id, or 0 for any; out: the new domain's id. */
int xt_domain_create(struct xt_call *xc, domid_t *domid,
                     const struct xen_domctl_createdomain *cfg);
int xt_domain_max_vcpus(struct xt_call *xc, domid_t domid, uint32_t max);
int xt_domain_max_mem(struct xt_call *xc, domid_t domid, uint64_t max_kb);
int xt_vcpu_setcontext(struct xt_call *xc, domid_t domid, uint32_t vcpu,
                       const vcpu_guest_context_t *ctx);
int xt_vcpu_getcontext(struct xt_call *xc, domid_t domid, uint32_t vcpu,
                       vcpu_guest_context_t *ctx);

/* XENMEM_populate_physmap for domid: back nr extents of 2^order pages at
 * the frames in gpfns (PV: overwritten with the new MFNs).  Returns the
 * number of extents populated, which may be fewer than nr. */
long xt_populate_physmap(struct xt_call *xc, domid_t domid,
                         unsigned long nr, unsigned int order,
                         xen_pfn_t *gpfns);

/* HYPERVISOR_xen_version with an optional argument of size len. */
long xt_xen_version(struct xt_call *xc, int cmd, void *arg, size_t len);

/* An unbound port in domid that remote may bind (EVTCHNOP_alloc_unbound
 * for another domain); returns the port or -errno. */
int xt_evtchn_alloc_unbound(struct xt_call *xc, domid_t domid,
                            domid_t remote);

/* The domain builder's calls: XEN_DOMCTL_hypercall_init for the frame
 * gmfn; mmuext_op cmd (MMUEXT_PIN_L4_TABLE ...) on mfn of domid's
 * memory; GNTTABOP_setup_table of nr frames for domid, their frame
 * numbers in frames (a GNTST_ failure becomes -ESRCH or -EINVAL). */
int xt_domain_hypercall_init(struct xt_call *xc, domid_t domid,
                             xen_pfn_t gmfn);
int xt_mmuext_pin(struct xt_call *xc, domid_t domid, unsigned int cmd,
                  xen_pfn_t mfn);
int xt_gnttab_setup_table(struct xt_call *xc, domid_t domid,
                          unsigned int nr, xen_pfn_t *frames);

/* PVH builds (ctrl/hvm.c).  HVM parameters of another domain
 * (HVMOP_set_param / get_param). */
int xt_hvm_param_set(struct xt_call *xc, domid_t domid, uint32_t index,
                     uint64_t value);
int xt_hvm_param_get(struct xt_call *xc, domid_t domid, uint32_t index,
                     uint64_t *value);
/* The domain's saved-state chain (public/hvm/save.h).  get: buf NULL asks
 * for the size in *size; else *size is buf's room in and the bytes
 * written out (-ENOSPC when too small). */
int xt_domain_hvm_getcontext(struct xt_call *xc, domid_t domid, void *buf,
                             uint32_t *size);
int xt_domain_hvm_setcontext(struct xt_call *xc, domid_t domid,
                             const void *buf, uint32_t size);
/* XENMEM_set_memory_map: the E820 map the domain reads back with
 * XENMEM_memory_map (the ABI's packed 20-byte entries). */
struct xt_e820 {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((__packed__));
int xt_domain_set_memory_map(struct xt_call *xc, domid_t domid,
                             const struct xt_e820 *map, unsigned int nr);

#endif
