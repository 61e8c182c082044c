/*
 * Reference counting and page-type validation for PV guests (see
 * asm/pv/mm.h for the model).  Validation recurses at most four levels
 * (L4 -> L3 -> L2 -> L1), each level iterating its 512 entries.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/grant_table.h>
#include <asm/mm-map.h>
#include <asm/e820.h>
#include <asm/mmio_guard.h>
#include <asm/cpu.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>

void pv_mm_lock(struct domain *d)
{
    /* Its holder may wait for every CPU to answer a TLB flush: nobody may
     * wait for it with interrupts off (the order in asm/pv/mm.h). */
    ASSERT(local_irq_is_enabled());
    spin_lock(&d->arch.mm_lock);
}

void pv_mm_unlock(struct domain *d)
{
    spin_unlock(&d->arch.mm_lock);
}

#define PT_LEVEL(type) ((type) >> PGT_type_shift)   /* 1..4 for page tables */
#define is_pt_type(type) ((type) >= PGT_l1_page_table && (type) <= PGT_l4_page_table)
/* Types whose first user must check the page's contents. */
#define is_checked_type(type) (is_pt_type(type) || (type) == PGT_seg_desc_page)

static bool cmpxchg_ul(unsigned long *p, unsigned long *old, unsigned long new)
{
    return __atomic_compare_exchange_n(p, old, new, false, __ATOMIC_ACQ_REL,
                                       __ATOMIC_ACQUIRE);
}

bool get_page(struct page_info *pg, struct domain *d)
{
    unsigned long c = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);

    if ( READ_ONCE(pg->owner) != d )
        return false;
    do {
        if ( !(c & PGC_allocated) || !(c & PGC_count_mask) ||
             (c & PGC_count_mask) == PGC_count_mask )
            return false;
    } while ( !cmpxchg_ul(&pg->count_info, &c, c + 1) );
    /* Held, the page can be neither freed nor handed to another owner;
     * it may have been between the first look and the reference. */
    if ( READ_ONCE(pg->owner) == d )
        return true;
    put_page(pg);
    return false;
}

void put_page(struct page_info *pg)
{
    unsigned long c = __atomic_sub_fetch(&pg->count_info, 1, __ATOMIC_ACQ_REL);

    ASSERT((c & PGC_count_mask) != PGC_count_mask);   /* no underflow */
    if ( (c & PGC_count_mask) == 0 )
    {
        /* The owner already let go of it (PGC_allocated clear): free it,
         * once no CPU keeps a stale translation to it. */
        if ( c & PGC_xen_heap )
        {
            flush_guest_tlbs();
            unshare_xen_page(pg);        /* a dead domain's shared page */
            free_xenheap_page(page_to_virt(pg));
        }
        else
            free_domheap_page_unflushed(pg);
    }
}

static int validate_table(struct page_info *pg, unsigned long type);
static void release_table(struct page_info *pg, unsigned long type);

/* The first user of a checked type (count 1, PGT_validated clear) checks
 * the page; nobody else can change its type meanwhile. */
static int validate_first_use(struct page_info *pg, unsigned long type,
                              unsigned long prev_type)
{
    int rc;

    /* No stale writable mapping may survive: flush, unless a shootdown
     * has happened since the last one went (put_page_type's stamp). */
    if ( prev_type != type && !tlb_stamp_flushed(pg->tlbflush_timestamp) )
        flush_guest_tlbs();
    rc = type == PGT_seg_desc_page ? pv_validate_segdesc_page(pg)
                                   : validate_table(pg, type);
    if ( rc )
        __atomic_store_n(&pg->u.inuse.type_info, PGT_none, __ATOMIC_RELEASE);
    else
        __atomic_fetch_or(&pg->u.inuse.type_info, PGT_validated,
                          __ATOMIC_RELEASE);
    return rc;
}

int get_page_type(struct page_info *pg, unsigned long type)
{
    unsigned long x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    unsigned long nx;

    for ( ; ; )
    {
        if ( (x & PGT_count_mask) == 0 )
            nx = type | 1;                /* first user: may change type */
        else if ( (x & PGT_type_mask) != type )
            return -EBUSY;                /* in use as something else */
        else if ( x & PGT_released )
            return -EINVAL;               /* a dead domain's, emptied */
        else if ( is_checked_type(type) && !(x & PGT_validated) )
        {
            /* Its first user is checking it (or its last user releasing
             * it): wait for the outcome.  Both run with interrupts on. */
            cpu_relax();
            x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
            continue;
        }
        else if ( (x & PGT_count_mask) == PGT_count_mask )
            return -EOVERFLOW;
        else
            nx = x + 1;
        if ( cmpxchg_ul(&pg->u.inuse.type_info, &x, nx) )
            break;
    }
    if ( (x & PGT_count_mask) || !is_checked_type(type) )
        return 0;
    return validate_first_use(pg, type, x & PGT_type_mask);
}

void put_page_type(struct page_info *pg)
{
    unsigned long x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    unsigned long type, nx;

    for ( ; ; )
    {
        type = x & PGT_type_mask;
        ASSERT(x & PGT_count_mask);
        if ( (x & PGT_count_mask) == 1 && (x & PGT_released) )
        {
            /* Its entries were let go already (pv_teardown_table()). */
            pg->tlbflush_timestamp = tlb_stamp();
            if ( cmpxchg_ul(&pg->u.inuse.type_info, &x, PGT_none) )
                return;
            continue;
        }
        if ( (x & PGT_count_mask) == 1 && is_pt_type(type) )
        {
            /* Last user of a page table: unvalidated but still typed (so
             * it can become nothing else) while it gives back what its
             * entries held. */
            ASSERT(x & PGT_validated);
            if ( !cmpxchg_ul(&pg->u.inuse.type_info, &x, x & ~PGT_validated) )
                continue;
            release_table(pg, type);
            /* Stamped before the count is seen as 0 (the store below). */
            pg->tlbflush_timestamp = tlb_stamp();
            __atomic_store_n(&pg->u.inuse.type_info, PGT_none,
                             __ATOMIC_RELEASE);
            return;
        }
        /* The last user of another type leaves the type, unvalidated,
         * stamped first: whoever sees the count at 0 sees the stamp (a
         * failed exchange below only leaves a later, safer stamp). */
        if ( (x & PGT_count_mask) == 1 )
        {
            pg->tlbflush_timestamp = tlb_stamp();
            nx = type;
        }
        else
            nx = x - 1;
        if ( cmpxchg_ul(&pg->u.inuse.type_info, &x, nx) )
            return;
    }
}

int get_page_and_type(struct page_info *pg, struct domain *d, unsigned long type)
{
    int rc;

    if ( !get_page(pg, d) )
        return -EINVAL;
    if ( (rc = get_page_type(pg, type)) != 0 )
        put_page(pg);
    return rc;
}

void put_page_and_type(struct page_info *pg)
{
    put_page_type(pg);
    put_page(pg);
}

/* ---- entries ---- */

/* Frames outside every domain that dom0 may map: I/O memory, the
 * firmware's memory (reserved, ACPI and NVS ranges: UEFI runtime data,
 * SMBIOS, ACPI tables) and its low megabyte (BIOS tables, ROMs).  No
 * references taken. */
static bool io_frame_ok(const struct domain *d, unsigned long mfn)
{
    const struct page_info *pg;
    bool ram = e820_all_ram(pfn_to_paddr(mfn), pfn_to_paddr(mfn + 1));

    if ( !d->is_privileged )
        return false;
    /* Without a frame-table entry: only what is not RAM (MMIO, holes). */
    if ( !mfn_valid(_mfn(mfn)) )
        return !ram;
    /* With one (the frame table is mapped in pages, so a non-RAM frame
     * beside RAM has an entry too): not RAM, or RAM of the low megabyte,
     * and in either case never the hypervisor's or a domain's. */
    pg = mfn_to_page(_mfn(mfn));
    return !pg->owner && (mfn < 0x100 || !ram) &&
           !(pg->count_info & (PGC_allocated | PGC_xen_heap | PGC_free));
}

/*
 * The guest kernel runs in ring 3: every present entry must be user.  And
 * no guest mapping may be global: it would outlive the switch to another
 * address space.
 */
static pgentry_t adjust_entry(pgentry_t e)
{
    return (e & _PAGE_PRESENT) ? ((e | _PAGE_USER) & ~_PAGE_GLOBAL) : e;
}

/* An L1 entry for a device frame dom0 may only read is made read-only,
 * quietly, as Xen does. */
static pgentry_t adjust_l1e(pgentry_t e)
{
    if ( (e & (_PAGE_PRESENT | _PAGE_RW)) == (_PAGE_PRESENT | _PAGE_RW) &&
         mmio_access(pte_paddr(e) >> PAGE_SHIFT) == MMIO_READ_ONLY )
        e &= ~_PAGE_RW;
    return adjust_entry(e);
}

/*
 * Linear (recursive) entries: a level-N table (N >= 2) naming a level-N
 * table, read-only, as Xen lets PV guests do.  Naming its own table takes
 * no reference.  Naming another needs that table validated at level N,
 * and stays one level deep so that tearing tables down never recurses:
 * a table holding linear entries may not be named linearly, nor one that
 * is named so hold any (page_info.linear_pt: above zero, entries held;
 * below zero, uses by others).
 */
/* Take one: an entry held (dir +1, only if pg is named by nobody) or a use
 * by another table (dir -1, only if pg holds no linear entries). */
static bool linear_count(struct page_info *pg, int dir)
{
    int n = __atomic_load_n(&pg->linear_pt, __ATOMIC_ACQUIRE);

    do {
        if ( dir > 0 ? (n < 0 || n == __INT_MAX__) : (n > 0 || n == -__INT_MAX__) )
            return false;
    } while ( !__atomic_compare_exchange_n(&pg->linear_pt, &n, n + dir, false,
                                           __ATOMIC_ACQ_REL,
                                           __ATOMIC_ACQUIRE) );
    return true;
}

/* Give back what linear_count(pg, dir) took. */
static void linear_uncount(struct page_info *pg, int dir)
{
    __atomic_sub_fetch(&pg->linear_pt, dir, __ATOMIC_ACQ_REL);
}

/* A type reference on pg only if it is a validated table of this type
 * (never its first use: a linear entry does not validate anything). */
bool pv_get_validated_type(struct page_info *pg, unsigned long type)
{
    unsigned long x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);

    do {
        if ( (x & (PGT_type_mask | PGT_validated)) != (type | PGT_validated) ||
             !(x & PGT_count_mask) ||
             (x & PGT_count_mask) == PGT_count_mask )
            return false;
    } while ( !cmpxchg_ul(&pg->u.inuse.type_info, &x, x + 1) );
    return true;
}

/* pg (d's) as the target of a linear entry at level in table; 0 or
 * -EINVAL, as Xen answers. */
static int get_linear_ref(pgentry_t e, unsigned int level, struct domain *d,
                          struct page_info *pg, struct page_info *table)
{
    if ( level < 2 || !table || (e & _PAGE_RW) )
        return -EINVAL;
    if ( pg == table )
        return 0;                         /* itself: no reference */
    if ( !linear_count(table, 1) )
        return -EINVAL;
    if ( !linear_count(pg, -1) )
        goto undo_table;
    if ( !get_page(pg, d) )
        goto undo_pg;
    if ( pv_get_validated_type(pg, (unsigned long)level << PGT_type_shift) )
        return 0;
    put_page(pg);
 undo_pg:
    linear_uncount(pg, -1);
 undo_table:
    linear_uncount(table, 1);
    return -EINVAL;
}

static int get_entry_ref(pgentry_t e, unsigned int level, struct domain *d,
                         struct domain *fd, struct page_info *table)
{
    int rc;

    unsigned long mfn = pte_paddr(e) >> PAGE_SHIFT;
    struct page_info *pg;

    if ( !(e & _PAGE_PRESENT) )
        return 0;
    if ( level == 1 && (e & _PAGE_GNTTAB) )
        return -EINVAL;                   /* the hypervisor's bit */
    /* A privileged caller's mapping of its foreign domain's frame; with a
     * foreign domain named, only that domain's frames (Xen: -EBUSY for a
     * frame someone else owns, the caller included). */
    if ( level == 1 && fd && mfn_valid(_mfn(mfn)) )
    {
        pg = mfn_to_page(_mfn(mfn));
        if ( pg->owner == fd )
            return (e & _PAGE_RW) ? get_page_and_type(pg, fd, PGT_writable_page)
                                  : (get_page(pg, fd) ? 0 : -EINVAL);
        if ( pg->owner )
            return -EBUSY;
        /* The hypervisor's frames: refused below as for anyone. */
    }
    if ( level > 1 && (e & _PAGE_PSE) )
        return -EINVAL;                   /* no PV superpages */
    /* Address bits the CPU does not implement are reserved: set, they
     * would fault on every use, so they are refused here. */
    if ( pte_paddr(e) >> paddr_bits )
        return -EINVAL;
    if ( !mfn_valid(_mfn(mfn)) || mfn_to_page(_mfn(mfn))->owner != d )
    {
        if ( level == 1 && io_frame_ok(d, mfn) )
            /* Not the devices the hypervisor drives (Xen: -EPERM). */
            return mmio_access(mfn) == MMIO_DENIED ? -EPERM : 0;
        /* The hypervisor's own frames can never become writable: busy,
         * as Xen says; anything else is simply not the guest's. */
        if ( level == 1 && (e & _PAGE_RW) && mfn_valid(_mfn(mfn)) &&
             !mfn_to_page(_mfn(mfn))->owner )
            return -EBUSY;
        /* Another domain's frame in an L1: busy too, as on Xen. */
        if ( level == 1 && mfn_valid(_mfn(mfn)) && mfn_to_page(_mfn(mfn))->owner )
            return -EBUSY;
        return -EINVAL;
    }
    pg = mfn_to_page(_mfn(mfn));
    if ( level > 1 )
    {
        rc = get_page_and_type(pg, d, (unsigned long)(level - 1) << PGT_type_shift);
        /* Not a table of the next level down: perhaps one of this level. */
        return rc == -EBUSY ? get_linear_ref(e, level, d, pg, table) : rc;
    }
    if ( !(e & _PAGE_RW) )
        return get_page(pg, d) ? 0 : -EINVAL;
    return get_page_and_type(pg, d, PGT_writable_page);
}

static void put_entry_ref(pgentry_t e, unsigned int level, struct domain *d,
                          struct page_info *table)
{
    unsigned long mfn = pte_paddr(e) >> PAGE_SHIFT;
    struct page_info *pg;

    if ( !(e & _PAGE_PRESENT) || !mfn_valid(_mfn(mfn)) )
        return;
    pg = mfn_to_page(_mfn(mfn));
    if ( level > 1 && pg == table )
        return;                           /* recursive: no reference */
    /* A linear entry: its target is a table of the same level as ours
     * (its type cannot change while this entry holds it). */
    if ( level > 1 && table &&
         (__atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE) &
          PGT_type_mask) == ((unsigned long)level << PGT_type_shift) )
    {
        linear_uncount(pg, -1);
        linear_uncount(table, 1);
    }
    /* No reference: an I/O frame (nobody's), or a grant mapping (the
     * grant code holds them).  Any other frame not d's was mapped as a
     * foreign one (its owner may have died since: dom_orphan). */
    if ( !pg->owner || (level == 1 && (e & _PAGE_GNTTAB)) )
        return;
    if ( level > 1 || (e & _PAGE_RW) )
        put_page_and_type(pg);
    else
        put_page(pg);
}

void pv_put_l1e_refs(struct domain *d, pgentry_t e, struct page_info *table)
{
    put_entry_ref(e, 1, d, table);
}

static bool slot_checked(unsigned int level, unsigned int i)
{
    return level != 4 || is_guest_l4_slot(i);
}

static int validate_table(struct page_info *pg, unsigned long type)
{
    unsigned int level = PT_LEVEL(type), i;
    pgentry_t *t = page_to_virt(pg);
    struct domain *d = pg->owner;
    int rc = 0;

    for ( i = 0; i < 512; i++ )
    {
        if ( !slot_checked(level, i) )
            continue;
        t[i] = level == 1 ? adjust_l1e(t[i]) : adjust_entry(t[i]);
        if ( (rc = get_entry_ref(t[i], level, d, NULL, pg)) != 0 )
            break;
    }
    if ( rc )
    {
        printk(XENLOG_WARNING "d%u: L%u table %#lx: bad entry %u (%#lx)\n",
               d->domain_id, level, mfn_x(page_to_mfn(pg)), i, t[i]);
        while ( i-- )
            if ( slot_checked(level, i) )
                put_entry_ref(t[i], level, d, pg);
        return rc;
    }
    if ( level == 4 )                     /* the hypervisor's own slots */
        for ( i = HV_L4_FIRST_SLOT; i <= HV_L4_LAST_SLOT; i++ )
            t[i] = idle_pg_table[i];
    return 0;
}

static void release_table(struct page_info *pg, unsigned long type)
{
    unsigned int level = PT_LEVEL(type);
    pgentry_t *t = page_to_virt(pg);

    for ( unsigned int i = 0; i < 512; i++ )
        if ( slot_checked(level, i) )
            put_entry_ref(t[i], level, pg->owner, pg);
}

/* ---- operations ---- */

static struct page_info *owned_page(struct domain *d, unsigned long mfn)
{
    struct page_info *pg;

    if ( !mfn_valid(_mfn(mfn)) )
        return NULL;
    pg = mfn_to_page(_mfn(mfn));
    return pg->owner == d ? pg : NULL;
}

int pv_pin_table(struct domain *d, unsigned long mfn, unsigned long type)
{
    struct page_info *pg = owned_page(d, mfn);
    int rc;

    if ( !pg )
        return -EINVAL;
    if ( pg->u.inuse.type_info & PGT_pinned )
        return -EINVAL;                   /* Xen: already pinned */
    if ( (rc = get_page_and_type(pg, d, type)) != 0 )
        return rc;
    /* Atomic: other domains may change the count at the same time. */
    __atomic_fetch_or(&pg->u.inuse.type_info, PGT_pinned, __ATOMIC_RELEASE);
    return 0;
}

int pv_unpin_table(struct domain *d, unsigned long mfn)
{
    struct page_info *pg = owned_page(d, mfn);

    /* Pins change under d's lock only, so test-then-clear is safe. */
    if ( !pg || !(pg->u.inuse.type_info & PGT_pinned) )
        return -EINVAL;
    __atomic_fetch_and(&pg->u.inuse.type_info, ~PGT_pinned, __ATOMIC_RELEASE);
    put_page_and_type(pg);
    return 0;
}

/* An HVM foreign domain's guest frame in an L1 entry, made a machine
 * frame (see pv_mod_entry()). */
static int translate_foreign(struct domain *fd, pgentry_t *val)
{
    unsigned long mfn;

    if ( !(*val & _PAGE_PRESENT) )
        return 0;
    mfn = arch_grant_frame_mfn(fd, pte_paddr(*val) >> PAGE_SHIFT);
    if ( mfn == ~0UL )
        return -EINVAL;
    *val = (*val & ~PTE_ADDR_MASK) | ((pgentry_t)mfn << PAGE_SHIFT);
    return 0;
}

int pv_mod_entry(struct domain *d, paddr_t pte_ma, pgentry_t val,
                 unsigned int how, struct domain *fd)
{
    struct page_info *pg = owned_page(d, pte_ma >> PAGE_SHIFT);
    unsigned long type, x;
    unsigned int level, slot = (pte_ma & (PAGE_SIZE - 1)) / sizeof(pgentry_t);
    pgentry_t *pte, old;
    int rc;

    if ( !pg || (pte_ma & (sizeof(pgentry_t) - 1)) )
        return -EINVAL;
    pte = (pgentry_t *)((char *)page_to_virt(pg) + (pte_ma & (PAGE_SIZE - 1)));
    /* A page table of d's changes type only under d's lock (held). */
    x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    type = x & PGT_type_mask;

    if ( !is_pt_type(type) || !(x & PGT_validated) )
    {
        /* Not a page table: a plain write, allowed only into a frame the
         * guest could write anyway. */
        if ( (rc = get_page_type(pg, PGT_writable_page)) != 0 )
            return rc;
        *pte = val;
        put_page_type(pg);
        return 0;
    }

    level = PT_LEVEL(type);
    if ( level == 4 && !is_guest_l4_slot(slot) )
        return -EINVAL;
    old = *pte;
    if ( level == 1 && fd && fd->arch.is_hvm && !(how & PV_MOD_NO_TRANSLATE) &&
         (rc = translate_foreign(fd, &val)) != 0 )
        return rc;
    val = level == 1 ? adjust_l1e(val) : adjust_entry(val);
    if ( how & PV_MOD_PRESERVE_AD )
        val = (val & ~(_PAGE_ACCESSED | _PAGE_DIRTY)) |
              (old & (_PAGE_ACCESSED | _PAGE_DIRTY));
    /* Take the new entry's references before dropping the old ones, so a
     * rewrite of the same frame never sees its count touch zero. */
    if ( (rc = get_entry_ref(val, level, d, fd, pg)) != 0 )
        return rc;
    __atomic_store_n(pte, val, __ATOMIC_RELEASE);
    put_entry_ref(old, level, d, pg);
    return 0;
}

/* Address of the L1 entry mapping va in v's kernel page tables, or 0. */
paddr_t pv_find_l1e(struct vcpu *v, unsigned long va)
{
    paddr_t table = (paddr_t)v->arch.pv.guest_table << PAGE_SHIFT;
    static const unsigned int shifts[] = { 39, 30, 21 };

    /* No base pointer (a vCPU never started, or its tables given back):
     * no tables to walk, certainly not machine frame 0. */
    if ( !pv_is_guest_va(va) || !table )
        return 0;
    for ( unsigned int i = 0; i < ARRAY_SIZE(shifts); i++ )
    {
        pgentry_t e = ((pgentry_t *)__va(table))[(va >> shifts[i]) & 511];

        if ( !(e & _PAGE_PRESENT) || (e & _PAGE_PSE) )
            return 0;
        table = pte_paddr(e);
        if ( !mfn_valid(_mfn(table >> PAGE_SHIFT)) )
            return 0;
    }
    /* Through a linear entry the last table can be a higher-level one:
     * only a real L1 has L1 entries. */
    if ( (__atomic_load_n(&mfn_to_page(_mfn(table >> PAGE_SHIFT))->u.inuse.type_info,
                          __ATOMIC_ACQUIRE) & (PGT_type_mask | PGT_validated)) !=
         (PGT_l1_page_table | PGT_validated) )
        return 0;
    return table + ((va >> PAGE_SHIFT) & 511) * sizeof(pgentry_t);
}

int pv_set_baseptr(struct vcpu *v, unsigned long mfn, bool user)
{
    struct pv_vcpu *pv = &v->arch.pv;
    unsigned long *slot = user ? &pv->guest_table_user : &pv->guest_table;
    unsigned long old = *slot;
    struct page_info *pg;
    int rc;

    if ( user && !mfn )
        goto swap;                        /* no user table */
    if ( !(pg = owned_page(v->domain, mfn)) )
        return -EINVAL;
    if ( (rc = get_page_and_type(pg, v->domain, PGT_l4_page_table)) != 0 )
        return rc;
 swap:
    *slot = mfn;
    if ( v == current && (pv->in_kernel != user) )
        write_cr3(mfn << PAGE_SHIFT);
    /* Only now that CR3 has left it: this may be the old table's last
     * reference (the guest may have given the frame back). */
    if ( old )
        put_page_and_type(mfn_to_page(_mfn(old)));
    return 0;
}

void pv_relinquish_pagetables(struct domain *d)
{
    /* No lock: d is dead and none of its vCPUs runs, so nobody changes
     * its tables (others only count its pages, atomically).  And a domU
     * whose build failed is torn down at boot, interrupts off, where
     * pv_mm_lock() may not be taken. */
    ASSERT(d->is_dying);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *v = d->vcpu[i];

        if ( !v )
            continue;
        for ( unsigned int f = 0; f < DIV_ROUND_UP(v->arch.pv.gdt_ents, 512); f++ )
            put_page_and_type(mfn_to_page(_mfn(v->arch.pv.gdt_frames[f])));
        v->arch.pv.gdt_ents = 0;
        if ( v->arch.pv.guest_table_user )
            put_page_and_type(mfn_to_page(_mfn(v->arch.pv.guest_table_user)));
        if ( v->arch.pv.guest_table )
            put_page_and_type(mfn_to_page(_mfn(v->arch.pv.guest_table)));
        v->arch.pv.guest_table = v->arch.pv.guest_table_user = 0;
    }
}

/* A reference on pg unless its count already reached zero (a free is
 * under way elsewhere). */
static bool hold_page(struct page_info *pg)
{
    unsigned long c = __atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE);

    do {
        if ( !(c & PGC_count_mask) )
            return false;
    } while ( !cmpxchg_ul(&pg->count_info, &c, c + 1) );
    return true;
}

bool pv_teardown_table(struct domain *d, struct page_info *pg,
                       unsigned int level)
{
    unsigned long type = (unsigned long)level << PGT_type_shift;
    unsigned long x;
    bool mine = false;

    ASSERT(d->is_dying);
    /* Most pages are not tables of this level: a look suffices. */
    x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    if ( (x & (PGT_type_mask | PGT_validated)) != (type | PGT_validated) ||
         !hold_page(pg) )
        return false;
    x = __atomic_load_n(&pg->u.inuse.type_info, __ATOMIC_ACQUIRE);
    /* Validated and in use: a table being validated (a builder's pin
     * racing with the death) is left to its ordinary last put. */
    while ( pg->owner == d &&
            (x & (PGT_type_mask | PGT_validated)) == (type | PGT_validated) &&
            (x & PGT_count_mask) )
        if ( cmpxchg_ul(&pg->u.inuse.type_info, &x,
                        (x & ~PGT_validated) | PGT_released) )
        {
            mine = true;
            break;
        }
    /* Whoever clears PGT_validated releases the entries: here us, or a
     * last put_page_type() that came first. */
    if ( mine )
        release_table(pg, type);
    put_page(pg);
    return mine;
}

void pv_relinquish_page(struct domain *d, struct page_info *pg)
{
    ASSERT(d->is_dying);
    /* Our own reference keeps pg allocated through the puts below; a
     * page whose count is already zero is being freed by someone else,
     * who takes it off the list. */
    if ( !hold_page(pg) )
        return;
    if ( pg->owner == d )
    {
        if ( __atomic_fetch_and(&pg->u.inuse.type_info, ~PGT_pinned,
                                __ATOMIC_ACQ_REL) & PGT_pinned )
            put_page_and_type(pg);
        /* Without PGC_allocated get_page() refuses it: from here on the
         * count can only go down. */
        if ( __atomic_fetch_and(&pg->count_info, ~PGC_allocated,
                                __ATOMIC_ACQ_REL) & PGC_allocated )
            put_page(pg);
        if ( (__atomic_load_n(&pg->count_info, __ATOMIC_ACQUIRE) &
              PGC_count_mask) > 1 )
            domain_disown_page(d, pg);    /* others hold it: theirs to free */
    }
    put_page(pg);                         /* frees it unless disowned */
}
