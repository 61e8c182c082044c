/*
 * dom0's bootstrap page tables (interface in dom0_build.h).
 *
 * Four levels mapping the initial area [v_start, v_end) with 4 KiB pages
 * onto pfns 0.. in order, built in the area's own page-table frames
 * [pt_start, pt_end), taken in the order Xen uses: the L4 first, then for
 * each new 2 MiB region its L1, followed by a new L2 and L3 when the
 * region also starts a new 1 GiB / 512 GiB one.  With INIT_P2M the P2M
 * list is mapped the same way at its own address, by tables that follow
 * the list in its block (Xen maps it with superpages where it can; our
 * page-type code takes no PV superpages, so 4 KiB pages here too).
 *
 * A 64-bit PV kernel runs in ring 3, so every entry has _PAGE_USER; data
 * pages are writable, the initial area's page-table frames read-only.
 * L4 slots 256-271 are the hypervisor's, copied from idle_pg_table.
 *
 * References are not set here: the builder pins the L4 and makes it vCPU
 * 0's base pointer through asm/pv/mm.h, whose validation of the whole
 * tree takes them.  dom0_check_layout() then checks that they came out
 * as the model says (and as Xen's numbers are):
 *   count_info = PGC_allocated | n, n = 1 for the allocation, +1 for
 *     every mapping by a page-table entry (a writable or read-only L1
 *     entry, or an upper-level entry pointing at a table), +1 for the L4
 *     as the vCPU's base pointer, +1 for its pin;
 *   type_info of a data page mapped writable: PGT_writable_page | 1;
 *   of an L1..L3: PGT_lN_page_table | PGT_validated | 1 (its parent's
 *     entry); of the L4: PGT_l4_page_table | PGT_validated | PGT_pinned
 *     | 2 (base pointer and pin).
 *   So: data pages of either mapping 2; tables of the initial area 3
 *   (they are also mapped read-only), its L4 4; tables of the P2M
 *   mapping 2.  Other pages are unmapped: count 1, no type.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <asm/m2p.h>
#include <asm/mm-map.h>
#include "dom0_build.h"

#define PTE_DATA   (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_USER)
#define PTE_PT     (_PAGE_PRESENT | _PAGE_ACCESSED | _PAGE_USER)
#define PTE_P2M    (PTE_DATA | _PAGE_DIRTY)
#define PTE_TABLE  (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY | \
                    _PAGE_USER)

#define HV_FIRST_SLOT 256
#define HV_NR_SLOTS   16

/* Frames [next, end) to take page tables from. */
struct pt_frames {
    unsigned long next, end;
};

/* Maps a va of a range to its L1 entry. */
typedef pgentry_t (*pte_fn)(const struct dom0_build *b, unsigned long va);

/* Tables covering [s, e) at one level: 2^shift-aligned blocks touched. */
static unsigned long blocks(unsigned long s, unsigned long e, unsigned int shift)
{
    return ((e - 1) >> shift) - (s >> shift) + 1;
}

/* L3s, L2s and L1s for [start, end). */
unsigned long dom0_p2m_tables_needed(unsigned long start, unsigned long end)
{
    return blocks(start, end, L4_PAGETABLE_SHIFT) +
           blocks(start, end, L3_PAGETABLE_SHIFT) +
           blocks(start, end, L2_PAGETABLE_SHIFT);
}

unsigned long dom0_pt_frames_needed(unsigned long v_start, unsigned long v_end)
{
    return 1 + dom0_p2m_tables_needed(v_start, v_end);
}

static bool is_pt_va(const struct dom0_layout *l, unsigned long va)
{
    return va >= l->pt_start && va < l->pt_end;
}

static pgentry_t area_pte(const struct dom0_build *b, unsigned long va)
{
    unsigned long pfn = (va - b->l.v_start) >> PAGE_SHIFT;

    return pfn_to_paddr(mfn_x(b->boot_mfn) + pfn) |
           (is_pt_va(&b->l, va) ? PTE_PT : PTE_DATA);
}

static pgentry_t p2m_pte(const struct dom0_build *b, unsigned long va)
{
    unsigned long i = (va - b->l.p2m_start) >> PAGE_SHIFT;

    return pfn_to_paddr(mfn_x(b->p2m_mfn) + i) | PTE_P2M;
}

static pgentry_t *new_table(struct pt_frames *f, unsigned long type,
                            unsigned long *mfn)
{
    BUG_ON(f->next >= f->end);
    *mfn = f->next++;
    mfn_to_page(_mfn(*mfn))->u.inuse.type_info = type;
    return mfn_to_virt(_mfn(*mfn));     /* zeroed with its block */
}

static pgentry_t *table_of(pgentry_t e)
{
    return (e & _PAGE_PRESENT) ? __va(pte_paddr(e)) : NULL;
}

/* The L1 for va's 2 MiB region, new, with a new L2 and L3 if needed. */
static pgentry_t *l1_for(struct pt_frames *f, pgentry_t *l4, unsigned long va)
{
    pgentry_t *l4e = &l4[l4_table_offset(va)];
    pgentry_t *l3 = table_of(*l4e);
    pgentry_t *l2 = l3 ? table_of(l3[l3_table_offset(va)]) : NULL;
    unsigned long l1mfn, l2mfn, l3mfn;
    pgentry_t *l1 = new_table(f, PGT_l1_page_table, &l1mfn);

    if ( !l2 )
    {
        l2 = new_table(f, PGT_l2_page_table, &l2mfn);
        if ( !l3 )
        {
            l3 = new_table(f, PGT_l3_page_table, &l3mfn);
            *l4e = pfn_to_paddr(l3mfn) | PTE_TABLE;
        }
        l3[l3_table_offset(va)] = pfn_to_paddr(l2mfn) | PTE_TABLE;
    }
    l2[l2_table_offset(va)] = pfn_to_paddr(l1mfn) | PTE_TABLE;
    return l1;
}

/* Map [start, end) page by page; every table comes from f. */
static void map_range(const struct dom0_build *b, struct pt_frames *f,
                      pgentry_t *l4, unsigned long start, unsigned long end,
                      pte_fn pte)
{
    pgentry_t *l1 = NULL;

    for ( unsigned long va = start; va < end; va += PAGE_SIZE )
    {
        if ( !l1 || l1_table_offset(va) == 0 )
            l1 = l1_for(f, l4, va);
        l1[l1_table_offset(va)] = pte(b, va);
    }
    /* The layout sized f for exactly these tables. */
    BUG_ON(f->next != f->end);
}

void dom0_build_pagetables(struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    unsigned long pt_mfn = mfn_x(b->boot_mfn) +
                           ((l->pt_start - l->v_start) >> PAGE_SHIFT);
    struct pt_frames area = { pt_mfn, pt_mfn + l->nr_pt };
    pgentry_t *l4 = new_table(&area, PGT_l4_page_table, &b->l4_mfn);

    memcpy(&l4[HV_FIRST_SLOT], &idle_pg_table[HV_FIRST_SLOT],
           HV_NR_SLOTS * sizeof(*l4));
    map_range(b, &area, l4, l->v_start, l->v_end, area_pte);
    if ( l->p2m_separate )
    {
        struct pt_frames p2m = { mfn_x(b->p2m_mfn) + l->p2m_list_pages,
                                 mfn_x(b->p2m_mfn) + l->nr_p2m };

        map_range(b, &p2m, l4, l->p2m_start,
                  ROUNDUP(l->p2m_end, PAGE_SIZE), p2m_pte);
    }
}

/* ---- Self-check -------------------------------------------------------- */

static int layout_error(const char *what, unsigned long where)
{
    printk(XENLOG_ERR "dom0: layout check failed: %s (%#lx)\n", what, where);
    return -EIO;
}

/* Present entries below table t of the given level, per level, skipping
 * the hypervisor's L4 slots. */
static void count_entries(const pgentry_t *t, unsigned int level,
                          unsigned long count[5])
{
    for ( unsigned int i = 0; i < 512; i++ )
    {
        if ( level == 4 && i >= HV_FIRST_SLOT && i < HV_FIRST_SLOT + HV_NR_SLOTS )
            continue;
        if ( !(t[i] & _PAGE_PRESENT) )
            continue;
        count[level]++;
        if ( level > 1 && !(t[i] & _PAGE_PSE) )
            count_entries(table_of(t[i]), level - 1, count);
    }
}

static void add_blocks(unsigned long s, unsigned long e, unsigned long want[5])
{
    want[4] += blocks(s, e, L4_PAGETABLE_SHIFT);
    want[3] += blocks(s, e, L3_PAGETABLE_SHIFT);
    want[2] += blocks(s, e, L2_PAGETABLE_SHIFT);
    want[1] += (e - s) >> PAGE_SHIFT;
}

/* Nothing but the initial mapping (and the P2M) is mapped, and the
 * hypervisor's slots are the idle table's. */
static int check_extent(const struct dom0_build *b, const pgentry_t *l4)
{
    const struct dom0_layout *l = &b->l;
    unsigned long count[5] = { 0 }, want[5] = { 0 };

    if ( memcmp(&l4[HV_FIRST_SLOT], &idle_pg_table[HV_FIRST_SLOT],
                HV_NR_SLOTS * sizeof(*l4)) )
        return layout_error("hypervisor L4 slots differ from idle_pg_table", 0);
    add_blocks(l->v_start, l->v_end, want);
    if ( l->p2m_separate )
        add_blocks(l->p2m_start, ROUNDUP(l->p2m_end, PAGE_SIZE), want);
    count_entries(l4, 4, count);
    for ( unsigned int level = 1; level <= 4; level++ )
        if ( count[level] != want[level] )
            return layout_error("unexpected number of present entries at level",
                                level);
    return 0;
}

/* va is mapped as pte() says, through tables from frames [t0, t1). */
static int check_va(const struct dom0_build *b, const pgentry_t *l4,
                    unsigned long va, pte_fn pte, unsigned long t0,
                    unsigned long t1)
{
    const pgentry_t *t = l4;

    for ( unsigned int level = 4; level > 1; level-- )
    {
        pgentry_t e = t[(va >> (PAGE_SHIFT + 9 * (level - 1))) & 511];
        unsigned long mfn = pte_paddr(e) >> PAGE_SHIFT;

        if ( (e & (PTE_TABLE | _PAGE_PSE)) != PTE_TABLE || mfn < t0 || mfn >= t1 )
            return layout_error("bad upper-level entry for va", va);
        t = table_of(e);
    }
    return t[l1_table_offset(va)] == pte(b, va) ? 0
           : layout_error("bad L1 entry for va", va);
}

static int check_mappings(const struct dom0_build *b, const pgentry_t *l4)
{
    const struct dom0_layout *l = &b->l;
    unsigned long t0 = mfn_x(b->boot_mfn) + ((l->pt_start - l->v_start) >> PAGE_SHIFT);
    unsigned long va;
    int rc = check_extent(b, l4);

    for ( va = l->v_start; !rc && va < l->v_end; va += PAGE_SIZE )
        rc = check_va(b, l4, va, area_pte, t0, t0 + l->nr_pt);
    t0 = mfn_x(b->p2m_mfn) + l->p2m_list_pages;
    for ( va = l->p2m_start; !rc && l->p2m_separate && va < l->p2m_end;
          va += PAGE_SIZE )
        rc = check_va(b, l4, va, p2m_pte, t0, mfn_x(b->p2m_mfn) + l->nr_p2m);
    return rc;
}

/* The count and type the convention gives pfn's page. */
static void expected_refs(const struct dom0_build *b, unsigned long pfn,
                          const struct page_info *pg, unsigned long *count,
                          unsigned long *type)
{
    const struct dom0_layout *l = &b->l;
    unsigned long pt_type = pg->u.inuse.type_info & PGT_type_mask;
    unsigned long p2m_idx = pfn - l->p2m_pfn;

    *count = 1;
    *type = 0;
    if ( pfn < b->boot_pages && is_pt_va(l, l->v_start + pfn * PAGE_SIZE) )
    {
        *count = pt_type == PGT_l4_page_table ? 4 : 3;
        *type = pt_type | PGT_validated | (*count - 2) |
                (*count == 4 ? PGT_pinned : 0);
    }
    else if ( pfn < b->boot_pages ||
              (l->p2m_separate && p2m_idx < l->p2m_list_pages) )
    {
        *count = 2;
        *type = PGT_writable_page | 1;
    }
    else if ( l->p2m_separate && p2m_idx < l->nr_p2m )
    {
        *count = 2;
        *type = pt_type | PGT_validated | 1;
    }
}

static int check_page(const struct dom0_build *b, unsigned long pfn)
{
    unsigned long mfn = b->p2m[pfn], count, type;
    const struct page_info *pg = mfn_to_page(_mfn(mfn));

    if ( !mfn_valid(_mfn(mfn)) || pg->owner != b->d ||
         get_gpfn_from_mfn(mfn) != pfn )
        return layout_error("P2M/M2P/owner mismatch at pfn", pfn);
    expected_refs(b, pfn, pg, &count, &type);
    if ( pg->count_info != (PGC_allocated | count) ||
         pg->u.inuse.type_info != type )
        return layout_error("unexpected count_info/type_info at pfn", pfn);
    return 0;
}

/*
 * Walk what was built and compare it with the layout and the P2M: every
 * page of the initial area (and of the P2M list) is mapped to the right
 * frame with the right rights through tables of the right area, nothing
 * else is mapped, P2M and M2P agree for every pfn the layout places
 * (the initial mapping, an initrd by pfn, the P2M list and its tables),
 * and every such frame's references follow the convention.  The plain
 * memory after them is not walked: it is hundreds of thousands of pfns
 * (as much time as the rest of the build) whose P2M and M2P entries come
 * from one loop (dom0_populate()), and Xen does no such pass either.
 * -EIO on the first difference.
 */
int dom0_check_layout(const struct dom0_build *b)
{
    const pgentry_t *l4 = mfn_to_virt(_mfn(b->l4_mfn));
    const struct dom0_layout *l = &b->l;
    unsigned long placed = l->p2m_pfn + (l->p2m_separate ? l->nr_p2m : 0);
    int rc = check_mappings(b, l4);

    for ( unsigned long pfn = 0; !rc && pfn < min(placed, b->nr_pages); pfn++ )
        rc = check_page(b, pfn);
    if ( !rc && b->d->tot_pages != b->nr_pages )
        rc = layout_error("tot_pages differs from nr_pages", b->d->tot_pages);
    if ( !rc && b->d->vcpu[0]->arch.pv.guest_table != b->l4_mfn )
        rc = layout_error("vCPU 0 is not on the L4", b->l4_mfn);
    return rc;
}
