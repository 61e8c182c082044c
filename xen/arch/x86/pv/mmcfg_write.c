/*
 * dom0's stores to MMCONFIG, which it maps read-only (arch/x86/pci_mmcfg.c),
 * one branch of the read-only MMIO store path (mmio_ro_write.c): a plain
 * MOV of 1, 2 or 4 bytes inside one dword is passed through the MSI
 * filter (arch/x86/msi.c, Xen 4.17's intercept) and done by the
 * hypervisor, or dropped as the filter says; either way the guest steps
 * past the instruction, as Xen's MMCONFIG emulation does.  Anything else
 * (another instruction, a wider store, a store across a dword) is left to
 * fault in the guest.
 */
#include <xen/lib.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include "emulate.h"
#include "mmio_ro.h"
#include "ptwr.h"

enum mmio_ro_store pv_mmcfg_store(struct cpu_user_regs *regs,
                                  const struct ptwr_insn *in,
                                  unsigned long addr, unsigned long mfn)
{
    unsigned int seg, bus, devfn, reg;
    enum mmcfg_frame kind;
    uint32_t val;

    if ( (kind = pci_mmcfg_decode(mfn, &seg, &bus, &devfn)) == MMCFG_NONE )
        return MMIO_RO_OTHER;
    /* An area dom0 reported not reserved is out of use: its stores are
     * dropped as any other read-only MMIO's. */
    if ( kind == MMCFG_UNUSED )
        return pv_mmio_ro_drop(regs, in, addr) ? MMIO_RO_DONE : MMIO_RO_FAULT;
    if ( in->op != PTWR_MOV || !in->bytes || in->bytes > 4 ||
         (addr & 3) + in->bytes > 4 )
        return MMIO_RO_FAULT;
    val = in->src_is_imm ? (uint64_t)in->imm : *pv_emul_gpr(regs, in->src_reg);
    if ( in->bytes < 4 )
        val &= (1u << (in->bytes * 8)) - 1;
    reg = addr & (PAGE_SIZE - 1);
    if ( msi_conf_write_ok(seg, bus, devfn, reg, in->bytes, &val) )
        pci_mmcfg_write(seg, bus, devfn, reg, in->bytes, val);
    regs->rip += in->len;
    return MMIO_RO_DONE;
}
