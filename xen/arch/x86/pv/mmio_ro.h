/*
 * dom0's stores to device memory it may only read (mmio_ro_write.c): the
 * common fault path and its MMCONFIG branch (mmcfg_write.c).
 */
#ifndef PV_MMIO_RO_H
#define PV_MMIO_RO_H

#include <xen/types.h>

struct cpu_user_regs;
struct ptwr_insn;

/* Step over a store that Xen 4.17 would drop: a MOV of 1, 2, 4 or 8
 * bytes at a naturally aligned address.  False: leave it to fault. */
bool pv_mmio_ro_drop(struct cpu_user_regs *regs, const struct ptwr_insn *in,
                     unsigned long addr);

enum mmio_ro_store {
    MMIO_RO_OTHER,      /* not this kind of frame: try the next */
    MMIO_RO_DONE,       /* emulated (done or dropped): the guest steps on */
    MMIO_RO_FAULT,      /* a store it cannot take: reflect the #PF */
};

/* The store `in` at addr to frame mfn, if mfn is MMCONFIG: filtered and
 * done, or dropped. */
enum mmio_ro_store pv_mmcfg_store(struct cpu_user_regs *regs,
                                  const struct ptwr_insn *in,
                                  unsigned long addr, unsigned long mfn);

#endif /* PV_MMIO_RO_H */
