/*
 * dom0's stores to MMCONFIG, which it maps read-only (arch/x86/pci_mmcfg.c):
 * the store faults, and a plain MOV of 1, 2 or 4 bytes inside one dword
 * is passed through the MSI filter (arch/x86/msi.c, Xen 4.17's intercept)
 * and done by the hypervisor, or dropped as the filter says; either way
 * the guest steps past the instruction, as Xen's MMCONFIG emulation
 * does.  Anything else (another instruction, a wider store, a store
 * across a dword) is left to fault in the guest.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include "emulate.h"
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

/*
 * A store to an area out of use (dom0 reported it not reserved) is
 * dropped as Xen's read-only MMIO emulation drops it: a naturally
 * aligned MOV of up to 8 bytes steps on, anything else faults.
 */
static bool drop_store(struct cpu_user_regs *regs, const struct ptwr_insn *in,
                       unsigned long addr)
{
    if ( in->bytes > 8 || (addr & (in->bytes - 1)) )
        return false;
    regs->rip += in->len;
    return true;
}

bool pv_mmcfg_write_fault(struct cpu_user_regs *regs, unsigned long addr)
{
    struct vcpu *v = current;
    struct ptwr_insn in;
    unsigned int seg, bus, devfn, reg;
    enum mmcfg_frame kind;
    unsigned long mfn;
    uint32_t val;

    if ( !v->domain->is_privileged ||
         (regs->error_code & (PFEC_present | PFEC_write)) !=
         (PFEC_present | PFEC_write) || !mapped_frame(v, addr, &mfn) ||
         (kind = pci_mmcfg_decode(mfn, &seg, &bus, &devfn)) == MMCFG_NONE )
        return false;
    if ( !ptwr_fetch_decode(regs, &in) || in.op != PTWR_MOV || !in.bytes )
        return false;
    if ( kind == MMCFG_UNUSED )
        return drop_store(regs, &in, addr);
    if ( in.bytes > 4 || (addr & 3) + in.bytes > 4 )
        return false;
    val = in.src_is_imm ? (uint64_t)in.imm : *pv_emul_gpr(regs, in.src_reg);
    if ( in.bytes < 4 )
        val &= (1u << (in.bytes * 8)) - 1;
    reg = addr & (PAGE_SIZE - 1);
    if ( msi_conf_write_ok(seg, bus, devfn, reg, in.bytes, &val) )
        pci_mmcfg_write(seg, bus, devfn, reg, in.bytes, val);
    regs->rip += in.len;
    return true;
}
