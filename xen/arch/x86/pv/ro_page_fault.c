/*
 * Writable page tables: a PV kernel may write its (read-only mapped) L1
 * page tables directly.  The write faults; we decode the instruction, compute
 * the new entry, validate it exactly as mmu_update would, store it, and
 * step the guest past the instruction.  Linux relies on this for plain
 * stores, xchg, cmpxchg, and/or and btr/bts on its PTEs.
 *
 * A write that does not validate (or that we cannot decode) is reflected
 * to the guest as the page fault it was.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include <asm/processor-flags.h>
#include <asm/traps.h>
#include <asm/pv/mm.h>
#include <asm/pv/traps.h>
#include "emulate.h"
#include "ptwr.h"

#define ARITH_FLAGS (X86_EFLAGS_CF | X86_EFLAGS_PF | X86_EFLAGS_AF | \
                     X86_EFLAGS_ZF | X86_EFLAGS_SF | X86_EFLAGS_OF)

/* The validated L1 frame that the write to addr lands in, or 0. */
static unsigned long target_table(struct vcpu *v, unsigned long addr)
{
    paddr_t l1e_ma = pv_find_l1e(v, addr);
    pgentry_t e;
    struct page_info *pg;
    unsigned long mfn;

    if ( !l1e_ma )
        return 0;
    e = *(pgentry_t *)__va(l1e_ma);
    mfn = pte_paddr(e) >> PAGE_SHIFT;
    if ( !(e & _PAGE_PRESENT) || !mfn_valid(_mfn(mfn)) )
        return 0;
    pg = mfn_to_page(_mfn(mfn));
    /* As on Xen, only L1 tables: writes to upper levels fault through. */
    if ( pg->owner != v->domain || !(pg->u.inuse.type_info & PGT_validated) ||
         (pg->u.inuse.type_info & PGT_type_mask) != PGT_l1_page_table )
        return 0;
    return mfn;
}

static uint64_t width_mask(unsigned int bytes)
{
    return bytes == 8 ? ~0UL : (1UL << (bytes * 8)) - 1;
}

/* Write a result to a register with the CPU's width rules. */
static void set_reg(uint64_t *r, uint64_t v, unsigned int bytes)
{
    if ( bytes >= 4 )
        *r = v & width_mask(bytes);       /* 32-bit writes zero-extend */
    else
        *r = (*r & ~width_mask(bytes)) | (v & width_mask(bytes));
}

/* Apply the operation to the old operand; may update registers/flags. */
static uint64_t apply(struct cpu_user_regs *regs, const struct ptwr_insn *in,
                      uint64_t old)
{
    uint64_t m = width_mask(in->bytes);
    uint64_t src = in->src_is_imm ? (uint64_t)in->imm
                                  : *pv_emul_gpr(regs, in->src_reg);
    uint64_t bit;

    switch ( in->op )
    {
    case PTWR_MOV:
        return src & m;
    case PTWR_XCHG:
        set_reg(pv_emul_gpr(regs, in->src_reg), old, in->bytes);
        return src & m;
    case PTWR_CMPXCHG:
        regs->rflags &= ~ARITH_FLAGS;
        if ( (regs->rax & m) == old )
        {
            regs->rflags |= X86_EFLAGS_ZF;
            return src & m;
        }
        set_reg(&regs->rax, old, in->bytes);
        return old;
    case PTWR_AND:
    case PTWR_OR:
        regs->rflags &= ~ARITH_FLAGS;
        old = in->op == PTWR_AND ? (old & src) : (old | src);
        if ( !(old & m) )
            regs->rflags |= X86_EFLAGS_ZF;
        return old & m;
    case PTWR_BTR:
    case PTWR_BTS:
        bit = 1UL << (src & (in->bytes * 8 - 1));
        regs->rflags = (regs->rflags & ~X86_EFLAGS_CF) |
                       ((old & bit) ? X86_EFLAGS_CF : 0);
        return in->op == PTWR_BTR ? (old & ~bit) : (old | bit);
    }
    return old;
}

bool ptwr_fetch_decode(struct cpu_user_regs *regs, struct ptwr_insn *in)
{
    uint8_t buf[15];
    unsigned long n = sizeof(buf);

    /* Fetch what can be had: the instruction may sit at the end of the
     * guest's range or before an unmapped page. */
    while ( n && !guest_range_ok((void *)regs->rip, n) )
        n--;
    n -= raw_copy_from_guest(buf, (void *)regs->rip, n);
    return ptwr_decode(buf, n, in);
}

bool pv_ro_page_fault(struct cpu_user_regs *regs, unsigned long addr)
{
    struct vcpu *v = current;
    struct ptwr_insn in;
    unsigned long mfn, shift;
    paddr_t pte_ma;
    pgentry_t old, new;
    uint64_t m;
    int rc = -EINVAL;

    if ( !v->arch.pv.in_kernel ||
         (regs->error_code & (PFEC_present | PFEC_write)) !=
         (PFEC_present | PFEC_write) )
        return false;
    if ( !ptwr_fetch_decode(regs, &in) || (addr & 7) + in.bytes > 8 )
        return false;

    pv_mm_lock(v->domain);                /* interrupts are on again */
    if ( (mfn = target_table(v, addr)) != 0 )
    {
        pte_ma = ((paddr_t)mfn << PAGE_SHIFT) | (addr & (PAGE_SIZE - 8));
        old = *(pgentry_t *)__va(pte_ma);
        shift = (addr & 7) * 8;
        m = width_mask(in.bytes) << shift;
        new = (old & ~m) |
              ((apply(regs, &in, (old & m) >> shift) << shift) & m);
        rc = pv_mod_entry(v->domain, pte_ma, new, false, NULL);
    }
    pv_mm_unlock(v->domain);
    if ( rc )
        return false;
    regs->rip += in.len;
    return true;
}
