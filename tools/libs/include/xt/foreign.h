/* SPDX-License-Identifier: MIT */
/*
 * xt/foreign.h: mapping another domain's frames into our address space
 * (privcmd IOCTL_PRIVCMD_MMAPBATCH_V2).  Needs a privileged caller.
 */
#ifndef XT_FOREIGN_H
#define XT_FOREIGN_H

#include <stddef.h>
#include <public/xen.h>
#include <xt/call.h>

/* Maps the n frames gfns[] of domid, contiguously, with prot
 * (PROT_READ | PROT_WRITE ...).  err[i] receives 0 or the frame's
 * -errno; frames that failed are not accessible.  Returns the mapping,
 * or NULL with errno set when nothing could be mapped. */
void *xt_foreign_map(struct xt_call *xc, domid_t domid, int prot,
                     const xen_pfn_t *gfns, int *err, size_t n);
int xt_foreign_unmap(void *addr, size_t n);
/* One frame (a guest's ring page, say): the mapping, or NULL with errno
 * set, also when the frame itself failed. */
void *xt_foreign_map_one(struct xt_call *xc, domid_t domid, int prot,
                         xen_pfn_t gfn);

/* n frames of a resource the hypervisor keeps for domid (XENMEM_resource_*
 * type and id, from frame idx: a grant table's frames, say), through
 * privcmd IOCTL_PRIVCMD_MMAP_RESOURCE; xt_foreign_unmap() with the same
 * n undoes it.  NULL with errno set on failure. */
void *xt_foreign_map_resource(struct xt_call *xc, domid_t domid,
                              unsigned int type, unsigned int id,
                              unsigned int idx, size_t n, int prot);

#endif
