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

/* ---- selectors the guest returns to ---- */

/* The descriptor sel names for v right now (0: none, i.e. not present). */
static uint64_t descriptor_of(const struct vcpu *v, uint16_t sel)
{
    unsigned int idx = sel >> 3;
    const struct pv_vcpu *pv = &v->arch.pv;

    if ( sel & 4 )
        return 0;           /* LDT pages may not be mapped yet: refused */
    if ( idx >= FIRST_RESERVED_GDT_ENTRY )
        return cpu_gdt_entry(idx);
    if ( idx >= gdt_frames_of(pv->gdt_ents) * (PAGE_SIZE / 8) )
        return 0;
    return ((const uint64_t *)mfn_to_virt(_mfn(pv->gdt_frames[idx / 512])))
           [idx % 512];
}

#define DESC_P     (1ULL << 47)
#define DESC_S     (1ULL << 44)
#define DESC_CODE  (1ULL << 43)
#define DESC_CONF  (1ULL << 42)     /* code: conforming */
#define DESC_WR    (1ULL << 41)     /* data: writable */
#define DESC_DPL(d) (((d) >> 45) & 3)

bool pv_user_cs_ok(const struct vcpu *v, uint16_t sel)
{
    uint64_t d = descriptor_of(v, sel);

    return (sel & ~3) && (d & (DESC_P | DESC_S | DESC_CODE)) ==
                         (DESC_P | DESC_S | DESC_CODE) &&
           ((d & DESC_CONF) || DESC_DPL(d) == 3);
}

bool pv_data_sel_ok(const struct vcpu *v, uint16_t sel)
{
    uint64_t d;

    if ( !(sel & ~3) )
        return true;                      /* null: always loadable */
    d = descriptor_of(v, sel);
    /* Present code/data, and if code then readable; DPL 3 (all a guest
     * can have) is enough for any RPL. */
    return (d & (DESC_P | DESC_S)) == (DESC_P | DESC_S) &&
           (!(d & DESC_CODE) || (d & DESC_WR)) && DESC_DPL(d) == 3;
}

bool pv_user_ss_ok(const struct vcpu *v, uint16_t sel)
{
    uint64_t d = descriptor_of(v, sel);

    return (sel & ~3) && (d & (DESC_P | DESC_S | DESC_CODE | DESC_WR)) ==
                         (DESC_P | DESC_S | DESC_WR) && DESC_DPL(d) == 3;
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
 * window is mapped when the CPU first faults on it (pv_ldt_fault()): the
 * guest page at that place of its LDT must be its own and takes the
 * seg_desc type (every descriptor checked).  The window holds those
 * references only while its vCPU runs here: switching to another vCPU,
 * or a new SET_LDT, unmaps it all.
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

bool pv_ldt_fault(struct cpu_user_regs *regs, unsigned long cr2)
{
    unsigned int cpu = smp_processor_id(), page;
    struct vcpu *v = current;
    struct domain *d = v->domain;
    unsigned long off = cr2 - LDT_WINDOW(cpu), va, mfn;
    struct page_info *pg;
    pgentry_t e;
    paddr_t ma;

    if ( cr2 < LDT_WINDOW(cpu) || off >= LDT_WINDOW_PAGES * PAGE_SIZE )
        return false;
    page = off >> PAGE_SHIFT;
    va = v->arch.pv.ldt_base + off;
    if ( off < v->arch.pv.ldt_ents * 8 && !ldt_cpu[cpu].mfn[page] )
    {
        pv_mm_lock(d);                    /* interrupts are on again */
        ma = pv_find_l1e(v, va & PAGE_MASK);
        e = ma ? *(pgentry_t *)__va(ma) : 0;
        mfn = pte_paddr(e) >> PAGE_SHIFT;
        if ( (e & _PAGE_PRESENT) && mfn_valid(_mfn(mfn)) &&
             (pg = mfn_to_page(_mfn(mfn)))->owner == d &&
             !get_page_and_type(pg, d, PGT_seg_desc_page) )
        {
            ldt_cpu[cpu].mfn[page] = mfn;
            ldt_cpu[cpu].owner = v;
            ldt_window_set(page, mfn);
            pv_mm_unlock(d);
            return true;                  /* the access runs again */
        }
        pv_mm_unlock(d);
    }
    /* Not mappable: the guest sees a fault at its LDT's address, as on
     * Xen. */
    pv_inject_page_fault(regs, va, regs->error_code);
    return true;
}