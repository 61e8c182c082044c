/*
 * dom0's stores to device memory the hypervisor maps for it read-only
 * (asm/mmio_guard.h: the IO-APICs, the HPET, MMCONFIG, MSI-X tables
 * while held).  Xen 4.17 emulates such a store instead of reflecting the
 * fault: MMCONFIG stores go through its MSI filter (mmcfg_write.c), any
 * other is dropped when it is a plain MOV of 1, 2, 4 or 8 bytes at a
 * naturally aligned address, and the guest steps past it.  dom0 kernels
 * rely on that (a driver poking a register the hypervisor owns must not
 * oops).  Anything else (a misaligned store, an instruction that also
 * reads the page) keeps faulting in the guest, as on Xen.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/mmio_guard.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include "mmio_ro.h"
#include "ptwr.h"

/* The machine frame addr is mapped to in the current vCPU's tables. */
static bool mapped_frame(struct vcpu *v, unsigned long addr, unsigned long *mfn)
{
    paddr_t l1e_ma;
    pgentry_t e = 0;

    pv_mm_lock(v->domain);
    if ( (l1e_ma = pv_find_l1e(v, addr)) != 0 )
        e = *(pgentry_t *)__va(l1e_ma);
    pv_mm_unlock(v->domain);
    *mfn = pte_paddr(e) >> PAGE_SHIFT;
    return e & _PAGE_PRESENT;
}

bool pv_mmio_ro_drop(struct cpu_user_regs *regs, const struct ptwr_insn *in,
                     unsigned long addr)
{
    if ( in->op != PTWR_MOV || !in->bytes || in->bytes > 8 ||
         (addr & (in->bytes - 1)) )
        return false;
    regs->rip += in->len;
    return true;
}

bool pv_mmio_ro_write_fault(struct cpu_user_regs *regs, unsigned long addr)
{
    struct vcpu *v = current;
    struct ptwr_insn in;
    unsigned long mfn;

    /* Only the hardware domain maps device memory; a domU's write fault
     * on a read-only page is its own business. */
    if ( !v->domain->is_privileged ||
         (regs->error_code & (PFEC_present | PFEC_write)) !=
         (PFEC_present | PFEC_write) || !mapped_frame(v, addr, &mfn) ||
         mmio_access(mfn) != MMIO_READ_ONLY )
        return false;
    if ( !ptwr_fetch_decode(regs, &in) )
        return false;
    switch ( pv_mmcfg_store(regs, &in, addr, mfn) )
    {
    case MMIO_RO_DONE:
        return true;
    case MMIO_RO_FAULT:
        return false;
    case MMIO_RO_OTHER:
        break;
    }
    return pv_mmio_ro_drop(regs, &in, addr);
}
