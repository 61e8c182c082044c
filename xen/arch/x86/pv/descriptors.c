/*
 * PV descriptor tables: the guest's GDT (HYPERVISOR_set_gdt), single
 * descriptor updates (HYPERVISOR_update_descriptor) and the rules every
 * descriptor a guest can load must follow.
 *
 * A GDT frame is typed PGT_seg_desc_page while it is in use, which (like
 * a page table's type) excludes any writable mapping of it, and every one
 * of its 512 descriptors is checked when it takes that type; afterwards it
 * changes only through update_descriptor, which checks the new one.  The
 * running vCPU's GDT frames are mapped into its CPU's GDT window in front
 * of the hypervisor's reserved page (arch/x86/desc.c).
 *
 * The rules, Xen's for a 64-bit PV guest (whose kernel runs in ring 3):
 *  - a not-present descriptor is harmless and kept as it is;
 *  - code and data descriptors are fine, their DPL raised to 3;
 *  - a system descriptor of type 0 is harmless (the upper half of a
 *    64-bit call gate looks like one);
 *  - a 64-bit call gate is kept if its target selector is the guest's
 *    (in its GDT part or its LDT) or one of the flat ring-3 selectors; its
 *    DPL is moved into the selector's RPL and made 0, so that using the
 *    gate faults and can be emulated; its reserved bits must be zero;
 *  - every other system descriptor (TSS, LDT, interrupt/trap gates) is
 *    refused.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/pv/mm.h>
#include <asm/pv/hypercalls.h>
#include <asm/pv/traps.h>
#include <public/xen.h>

#define SEG_P        (1U << 15)          /* in the high word */
#define SEG_S        (1U << 12)          /* code/data, not system */
#define SEG_DPL_MASK (3U << 13)
#define SEG_TYPE     (0xfU << 8)
#define TYPE_CALLGATE64 (0xcU << 8)

static bool gate_target_ok(uint16_t sel)
{
    return (sel >> 3) < FIRST_RESERVED_GDT_ENTRY || (sel & 4) ||
           (sel >> 3) == (FLAT_RING3_CS64 >> 3) ||
           (sel >> 3) == (FLAT_RING3_CS32 >> 3) ||
           (sel >> 3) == (FLAT_RING3_DS32 >> 3);
}

bool pv_check_descriptor(uint64_t *desc)
{
    uint32_t a = *desc, b = *desc >> 32;
    unsigned int dpl;
    uint16_t cs;

    if ( !(b & SEG_P) )
        return true;
    dpl = 3;                      /* whatever was asked: ring 3 at most */
    if ( b & SEG_S )
    {
        b = (b & ~SEG_DPL_MASK) | (dpl << 13);
        *desc = ((uint64_t)b << 32) | a;
        return true;
    }
    if ( (b & SEG_TYPE) == 0 )
        return true;
    if ( (b & SEG_TYPE) != TYPE_CALLGATE64 || (b & 0xff) )
        return false;
    cs = a >> 16;
    if ( !gate_target_ok(cs) )
        return false;
    dpl = (b >> 13) & 3;
    b &= ~SEG_DPL_MASK;
    cs = (cs & ~3) | dpl;
    a = (a & 0xffff) | ((uint32_t)cs << 16);
    *desc = ((uint64_t)b << 32) | a;
    return true;
}

int pv_validate_segdesc_page(struct page_info *pg)
{
    uint64_t *descs = page_to_virt(pg);

    for ( unsigned int i = 0; i < PAGE_SIZE / 8; i++ )
        if ( !pv_check_descriptor(&descs[i]) )
            return -EINVAL;
    return 0;
}

static unsigned int gdt_frames_of(unsigned int entries)
{
    return DIV_ROUND_UP(entries, PAGE_SIZE / 8);
}

/* ---- the GDT ---- */

/* Caller holds the mm lock of v's domain. */
static void put_gdt_frames(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    for ( unsigned int i = 0; i < gdt_frames_of(pv->gdt_ents); i++ )
        put_page_and_type(mfn_to_page(_mfn(pv->gdt_frames[i])));
    pv->gdt_ents = 0;
}

int pv_set_gdt(struct vcpu *v, const unsigned long *frames,
               unsigned int entries)
{
    struct domain *d = v->domain;
    unsigned int nr = gdt_frames_of(entries), i;

    if ( entries > FIRST_RESERVED_GDT_ENTRY )
        return -EINVAL;
    pv_mm_lock(d);
    for ( i = 0; i < nr; i++ )
    {
        struct page_info *pg;

        if ( !mfn_valid(_mfn(frames[i])) ||
             (pg = mfn_to_page(_mfn(frames[i])))->owner != d ||
             get_page_and_type(pg, d, PGT_seg_desc_page) )
            break;
    }
    if ( i < nr )
    {
        while ( i-- )
            put_page_and_type(mfn_to_page(_mfn(frames[i])));
        pv_mm_unlock(d);
        return -EINVAL;
    }
    put_gdt_frames(v);
    for ( i = 0; i < nr; i++ )
        v->arch.pv.gdt_frames[i] = frames[i];
    v->arch.pv.gdt_ents = entries;
    pv_mm_unlock(d);
    if ( v == current )
        pv_load_gdt(v);
    return 0;
}

void pv_destroy_gdt(struct vcpu *v)
{
    pv_mm_lock(v->domain);
    put_gdt_frames(v);
    pv_mm_unlock(v->domain);
}

void pv_load_gdt(const struct vcpu *v)
{
    const struct pv_vcpu *pv = &v->arch.pv;

    if ( pv->gdt_ents )
        load_guest_gdt(pv->gdt_frames, gdt_frames_of(pv->gdt_ents));
    else
        load_cpu_gdt();
}

long do_set_gdt(unsigned long frame_list, unsigned long entries,
                unsigned long a3, unsigned long a4, unsigned long a5)
{
    unsigned long frames[FIRST_RESERVED_GDT_PAGE];
    unsigned int nr;

    /* entries is an unsigned int in the ABI. */
    entries = (unsigned int)entries;
    if ( entries > FIRST_RESERVED_GDT_ENTRY )
        return -EINVAL;
    nr = gdt_frames_of(entries);
    if ( copy_from_guest_ptr(frames, (void *)frame_list, nr * sizeof(*frames)) )
        return -EFAULT;
    return pv_set_gdt(current, frames, entries);
}

long do_update_descriptor(unsigned long maddr, unsigned long desc,
                          unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;
    struct page_info *pg;
    uint64_t val = desc;
    unsigned long type;
    long rc = -EINVAL;

    if ( (maddr & 7) || !pv_check_descriptor(&val) ||
         !mfn_valid(_mfn(maddr >> PAGE_SHIFT)) )
        return -EINVAL;
    pg = mfn_to_page(_mfn(maddr >> PAGE_SHIFT));
    pv_mm_lock(d);
    if ( !get_page(pg, d) )
        goto out;
    /* A GDT/LDT frame stays one; anything else must be plain memory. */
    type = (pg->u.inuse.type_info & PGT_type_mask) == PGT_seg_desc_page &&
           (pg->u.inuse.type_info & PGT_count_mask)
           ? PGT_seg_desc_page : PGT_writable_page;
    if ( !get_page_type(pg, type) )
    {
        __atomic_store_n((uint64_t *)((char *)page_to_virt(pg) +
                                      (maddr & ~PAGE_MASK)), val,
                         __ATOMIC_RELAXED);
        put_page_type(pg);
        rc = 0;
    }
    put_page(pg);
 out:
    pv_mm_unlock(d);
    return rc;
}

/* ---- LDTs ---- */

/*
 * MMUEXT_SET_LDT only records the LDT's guest address and size, as on
 * Xen.  The CPU's LDT register names this CPU's LDT window; a page of the
 * window is mapped when the CPU first faults on it: the guest page at
 * that place of its LDT must be its own and takes the seg_desc type
 * (every descriptor checked).  The window holds those references only
 * while its vCPU runs here: switching to another vCPU, or a new SET_LDT,
 * unmaps it all.
 *
 * So a vCPU is routinely resumed with LDT selectors loaded (or to be
 * loaded) and its window empty.  The fault then comes from the
 * hypervisor, not the guest: from the data segment loads of a context
 * switch or from the iretq of ret_to_guest reloading CS and SS.  Those
 * faults map the page the same way (pv_ldt_map_on_demand()); one that
 * cannot be mapped is left to the faulting instruction's recovery: a
 * data selector becomes null and the failsafe callback reports it, an
 * iretq becomes the guest's own fault (pv_return_fault()).
 */
static struct {
    const struct vcpu *owner;
    unsigned long mfn[LDT_WINDOW_PAGES];
} ldt_cpu[NR_CPUS];

/* Unmap this CPU's LDT window.  No lock: the window is this CPU's own,
 * and the references are dropped atomically. */
static void ldt_flush(void)
{
    unsigned int cpu = smp_processor_id();

    for ( unsigned int i = 0; i < LDT_WINDOW_PAGES; i++ )
        if ( ldt_cpu[cpu].mfn[i] )
        {
            ldt_window_set(i, 0);
            put_page_and_type(mfn_to_page(_mfn(ldt_cpu[cpu].mfn[i])));
            ldt_cpu[cpu].mfn[i] = 0;
        }
    ldt_cpu[cpu].owner = NULL;
}

void pv_load_ldt(const struct vcpu *v)
{
    unsigned int cpu = smp_processor_id();

    if ( ldt_cpu[cpu].owner != v )
        ldt_flush();
    if ( v && v->arch.pv.ldt_ents )
    {
        ldt_cpu[cpu].owner = v;
        load_ldt_window(v->arch.pv.ldt_ents);
    }
    else
        load_ldt_window(0);
}

int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned long ents)
{
    /* At most 8192 descriptors, page aligned, in guest space. */
    if ( ents > 8192 || (base & (PAGE_SIZE - 1)) ||
         !guest_range_ok((void *)base, ents * 8) )
        return -EINVAL;
    v->arch.pv.ldt_base = base;
    v->arch.pv.ldt_ents = ents;
    if ( v == current )
    {
        ldt_flush();
        ldt_cpu[smp_processor_id()].owner = v;
        load_ldt_window(ents);
    }
    return 0;
}

/* Offset of cr2 in this CPU's LDT window, or -1 if it is not in it. */
static long ldt_window_offset(unsigned long cr2)
{
    unsigned long base = LDT_WINDOW(smp_processor_id());

    if ( cr2 < base || cr2 - base >= LDT_WINDOW_PAGES * PAGE_SIZE )
        return -1;
    return cr2 - base;
}

/* Map the running vCPU's LDT page at window offset off; false if the
 * offset is beyond its LDT or the guest page cannot be a descriptor
 * page. */
static bool ldt_map_page(unsigned long off)
{
    unsigned int cpu = smp_processor_id(), page = off >> PAGE_SHIFT;
    struct vcpu *v = current;
    struct domain *d = v->domain;
    unsigned long va = v->arch.pv.ldt_base + off, mfn;
    struct page_info *pg;
    pgentry_t e;
    paddr_t ma;
    bool ok = false;

    /* Beyond the LDT, or a fault on a page that is mapped already (not
     * ours to cure). */
    if ( off >= v->arch.pv.ldt_ents * 8 || ldt_cpu[cpu].mfn[page] )
        return false;
    /*
     * No page-table lock: this runs from the hypervisor's own faults too
     * (an iretq or segment load on the return path, interrupts off), where
     * none may be taken.  The entry is read once, and what it names is
     * only used if it is d's page and takes the descriptor type, which is
     * atomic; a concurrent change of the entry by another vCPU leaves at
     * worst d's own descriptor page in this CPU's window until the next
     * switch, as if the access had come a moment earlier.
     */
    ma = pv_find_l1e(v, va & PAGE_MASK);
    e = ma ? *(volatile pgentry_t *)__va(ma) : 0;
    mfn = pte_paddr(e) >> PAGE_SHIFT;
    if ( (e & _PAGE_PRESENT) && mfn_valid(_mfn(mfn)) &&
         (pg = mfn_to_page(_mfn(mfn)))->owner == d &&
         !get_page_and_type(pg, d, PGT_seg_desc_page) )
    {
        ldt_cpu[cpu].mfn[page] = mfn;
        ldt_cpu[cpu].owner = v;
        ldt_window_set(page, mfn);
        ok = true;
    }
    return ok;
}

bool pv_ldt_fault(struct cpu_user_regs *regs, unsigned long cr2)
{
    long off = ldt_window_offset(cr2);

    if ( off < 0 )
        return false;
    if ( ldt_map_page(off) )
        return true;                      /* the access runs again */
    /* Not mappable: the guest sees a fault at its LDT's address, as on
     * Xen. */
    pv_inject_page_fault(regs, current->arch.pv.ldt_base + off,
                         regs->error_code);
    return true;
}

bool pv_ldt_map_on_demand(unsigned long cr2)
{
    long off = ldt_window_offset(cr2);

    /* Only a PV vCPU ever has its LDT in the window (idle loads none). */
    if ( off < 0 || is_idle_vcpu(current) )
        return false;
    return ldt_map_page(off);
}