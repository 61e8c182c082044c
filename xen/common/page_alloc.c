/*
 * Page allocators: the boot allocator and the buddy heap (interface in
 * xen/mm.h).
 *
 * Boot allocator: before the frame table exists, free RAM is a short sorted
 * list of page ranges.  init_boot_pages() adds to it, alloc_boot_pages()
 * carves from the top of the highest range that fits (low memory is kept
 * for DMA and the AP trampoline), and end_boot_allocator() gives whatever is
 * left to the heap and retires the list.
 *
 * Heap: a binary buddy allocator.  A free block is a naturally aligned run
 * of 2^order pages; it lives on the free list of its (zone, order), where a
 * page's zone is the index of the highest set bit of its MFN (MFNs 0 and 1
 * are zone 0).  Zones let a MEMF_bits(n) request look only at memory below
 * 2^n, and allocation takes from the highest zone that can satisfy a
 * request so that low memory lasts.  Blocks never span zones, and a free
 * block only merges with its buddy if that is a free block of the same
 * order and zone, so nothing coalesces across a hole or with pages that were
 * never given to the heap.
 *
 * Page states, which tests and debug code may rely on:
 *  - free: every page of the block has PGC_free in count_info, possibly
 *    with PGC_need_scrub, and owner NULL; the first page of the block (its
 *    head) holds the block's order in u.free.order (other pages'
 *    u.free.order means nothing);
 *  - allocated: count_info, u.inuse.type_info and owner start at 0/NULL;
 *    xenheap pages additionally carry PGC_xen_heap.
 * An allocated block may be freed in naturally aligned pieces.
 *
 * Scrubbing.  A free page is either clean (all zeroes, and nobody has had
 * it since it was zeroed) or dirty (PGC_need_scrub: it may hold anything,
 * a dead domain's data, the hypervisor's, the firmware's).  Every page
 * enters the heap dirty, at boot and on every free: the free path never
 * touches page contents.  Dirty pages become clean in two ways:
 *  - the idle loop calls scrub_free_pages() once heap_start_scrubbing()
 *    has been called (after the boot domains are built), which zeroes
 *    free dirty pages a few at a time;
 *  - alloc_domheap_pages() and alloc_cleared_pages() zero whatever dirty
 *    pages they hand out, unless the caller passes MEMF_no_scrub (only
 *    dom0's builder does, for the first domain before anything has run).
 * So domheap pages come back zeroed; xenheap pages are never scrubbed
 * (hypervisor-internal, their users initialise them) and debug builds
 * fill freed xenheap pages with PAGE_POISON so that use after free shows.
 *
 * Freeing a page that is free or PGC_reserved is a hypervisor bug and
 * BUG()s, in release builds too: the checks cost little next to the list
 * work, and a corrupted heap fails much later and far away.
 */

#include <xen/mm.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

/* ------------------------------------------------------------------------
 * Boot allocator
 */

#define NR_BOOT_RANGES 128

/* Free page ranges [s, e), in MFNs: sorted, disjoint, never touching. */
struct boot_range {
    unsigned long s, e;
};

static struct boot_range boot_ranges[NR_BOOT_RANGES];
static unsigned int nr_boot_ranges;
static bool boot_allocator_retired;

/* Replace ranges [from, to) by [s, e); from == to inserts at from. */
static bool boot_ranges_splice(unsigned int from, unsigned int to,
                               unsigned long s, unsigned long e)
{
    unsigned int tail = nr_boot_ranges - to;

    if ( from == to && nr_boot_ranges == NR_BOOT_RANGES )
        return false;
    memmove(&boot_ranges[from + 1], &boot_ranges[to],
            tail * sizeof(*boot_ranges));
    nr_boot_ranges = from + 1 + tail;
    boot_ranges[from].s = s;
    boot_ranges[from].e = e;
    return true;
}

static void boot_ranges_remove(unsigned int i)
{
    memmove(&boot_ranges[i], &boot_ranges[i + 1],
            (nr_boot_ranges - i - 1) * sizeof(*boot_ranges));
    nr_boot_ranges--;
}

void init_boot_pages(paddr_t ps, paddr_t pe)
{
    /* Only whole pages inside [ps, pe) are RAM we may use: round inward. */
    unsigned long s = (ps >> PAGE_SHIFT) + !!(ps & ~PAGE_MASK);
    unsigned long e = pe >> PAGE_SHIFT;
    unsigned int i, j;

    BUG_ON(boot_allocator_retired);
    if ( pe <= ps || s >= e )
        return;

    /* Ranges wholly below [s, e), not even touching it, stay as they are. */
    for ( i = 0; i < nr_boot_ranges && boot_ranges[i].e < s; i++ )
        continue;
    /* Every range that overlaps or touches [s, e) is absorbed into it. */
    for ( j = i; j < nr_boot_ranges && boot_ranges[j].s <= e; j++ )
    {
        s = min(s, boot_ranges[j].s);
        e = max(e, boot_ranges[j].e);
    }

    if ( !boot_ranges_splice(i, j, s, e) )
        printk(XENLOG_WARNING
               "boot allocator: more than %u ranges, losing MFNs %#lx-%#lx\n",
               NR_BOOT_RANGES, s, e - 1);
}

/* Take [s, e) out of range i, which contains it. */
static void boot_ranges_take(unsigned int i, unsigned long s, unsigned long e)
{
    struct boot_range *r = &boot_ranges[i];
    unsigned long old_e = r->e;

    if ( s == r->s )
    {
        r->s = e;
        if ( r->s == r->e )
            boot_ranges_remove(i);
        return;
    }

    r->e = s;
    /* An alignment gap above the allocation stays free if it fits. */
    if ( e < old_e && !boot_ranges_splice(i + 1, i + 1, e, old_e) )
        printk(XENLOG_WARNING
               "boot allocator: out of ranges, losing MFNs %#lx-%#lx\n",
               e, old_e - 1);
}

mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align)
{
    unsigned int i;

    BUG_ON(boot_allocator_retired);
    if ( pfn_align == 0 )
        pfn_align = 1;
    BUG_ON(nr_pfns == 0 || (pfn_align & (pfn_align - 1)));

    /* Highest range first, and the top of it, to keep low memory. */
    for ( i = nr_boot_ranges; i-- > 0; )
    {
        const struct boot_range *r = &boot_ranges[i];
        unsigned long s;

        if ( r->e - r->s < nr_pfns )
            continue;
        s = ROUNDDOWN(r->e - nr_pfns, pfn_align);
        if ( s < r->s )
            continue;
        boot_ranges_take(i, s, s + nr_pfns);
        return _mfn(s);
    }

    panic("boot allocator: no room for %lu pages aligned to %lu pages\n",
          nr_pfns, pfn_align);
}

void end_boot_allocator(void)
{
    unsigned long pages = 0;
    unsigned int i;

    BUG_ON(boot_allocator_retired);
    boot_allocator_retired = true;

    for ( i = 0; i < nr_boot_ranges; i++ )
    {
        const struct boot_range *r = &boot_ranges[i];

        init_heap_pages(mfn_to_page(_mfn(r->s)), r->e - r->s);
        pages += r->e - r->s;
    }
    nr_boot_ranges = 0;

    printk(XENLOG_INFO "Boot allocator retired: %lu pages (%lu MiB) to the heap\n",
           pages, pages >> (20 - PAGE_SHIFT));
}

/* ------------------------------------------------------------------------
 * Buddy heap
 */

/* Every MFN below 2^(PADDR_BITS - PAGE_SHIFT) has a zone. */
#define NR_ZONES  (PADDR_BITS - PAGE_SHIFT)

#define PAGE_POISON 0xa5

static DEFINE_SPINLOCK(heap_lock);

/*
 * free_lists[z][k] holds the free blocks of order k in zone z.  A list head
 * is only meaningful while bit k of free_orders[z] is set: the bitmap is
 * what allocation searches, and a head is (re)initialised whenever its list
 * goes from empty to non-empty, so no set-up pass is needed.
 */
static struct list_head free_lists[NR_ZONES][MAX_ORDER + 1];
static unsigned long free_orders[NR_ZONES];

static unsigned long total_free;   /* pages on the free lists */
static unsigned long total_heap;   /* pages ever given to the heap */
static unsigned long total_dirty;  /* free pages with PGC_need_scrub */

static inline unsigned int mfn_zone(unsigned long mfn)
{
    return mfn ? 63 - __builtin_clzl(mfn) : 0;
}

static void free_list_add(struct page_info *pg, unsigned int zone,
                          unsigned int order)
{
    struct list_head *head = &free_lists[zone][order];

    if ( !(free_orders[zone] & (1UL << order)) )
    {
        INIT_LIST_HEAD(head);
        free_orders[zone] |= 1UL << order;
    }
    pg->u.free.order = order;
    list_add(&pg->list, head);
}

static void free_list_del(struct page_info *pg, unsigned int zone,
                          unsigned int order)
{
    list_del(&pg->list);
    if ( list_empty(&free_lists[zone][order]) )
        free_orders[zone] &= ~(1UL << order);
}

/*
 * Put the naturally aligned block of 2^order free pages at mfn on its free
 * list, first merging it with its buddy for as long as the buddy is a free
 * block of the same order in the same zone.  The buddy's frame-table entry
 * is only looked at once mfn_valid() says it exists.  Heap lock held.
 */
static void heap_insert(unsigned long mfn, unsigned int order)
{
    unsigned int zone = mfn_zone(mfn);

    while ( order < MAX_ORDER )
    {
        unsigned long buddy = mfn ^ (1UL << order);
        struct page_info *b;

        if ( mfn_zone(buddy) != zone || !mfn_valid(_mfn(buddy)) )
            break;
        b = mfn_to_page(_mfn(buddy));
        if ( !(b->count_info & PGC_free) || b->u.free.order != order )
            break;
        free_list_del(b, zone, order);
        mfn &= ~(1UL << order);
        order++;
    }

    free_list_add(mfn_to_page(_mfn(mfn)), zone, order);
}

/*
 * Largest block that can start at mfn within n pages: naturally aligned, at
 * most MAX_ORDER, and inside one zone (only a block at MFN 0 could leave
 * its zone, which holds MFNs 0 and 1).
 */
static unsigned int chunk_order(unsigned long mfn, unsigned long n)
{
    unsigned int order = 63 - __builtin_clzl(n);

    order = min(order, mfn ? (unsigned int)__builtin_ctzl(mfn) : 1U);
    return min(order, (unsigned int)MAX_ORDER);
}

/* Insert the free pages [mfn, mfn + n) as maximal blocks.  Lock held. */
static void heap_insert_run(unsigned long mfn, unsigned long n)
{
    while ( n )
    {
        unsigned int order = chunk_order(mfn, n);

        heap_insert(mfn, order);
        mfn += 1UL << order;
        n -= 1UL << order;
    }
}

/* Pages entering the free lists: free and dirty.  Lock held. */
static void mark_free(struct page_info *pg, unsigned long n)
{
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        pg[i].count_info = PGC_free | PGC_need_scrub;
        pg[i].u.inuse.type_info = 0;
        pg[i].owner = NULL;
    }
    total_free += n;
    total_dirty += n;
}

void init_heap_pages(struct page_info *pg, unsigned long nr_pages)
{
    unsigned long mfn = mfn_x(page_to_mfn(pg)), i;

    if ( nr_pages == 0 )
        return;
    BUG_ON(mfn + nr_pages < mfn || mfn + nr_pages > (1UL << NR_ZONES));

    spin_lock(&heap_lock);
    for ( i = 0; i < nr_pages; i++ )
    {
        ASSERT(mfn_valid(_mfn(mfn + i)));
        if ( pg[i].count_info & (PGC_free | PGC_reserved) )
        {
            printk(XENLOG_ERR "heap: MFN %#lx given to the heap is %s\n",
                   mfn + i, pg[i].count_info & PGC_free ? "free already"
                                                        : "reserved");
            BUG();
        }
    }
    mark_free(pg, nr_pages);
    total_heap += nr_pages;
    heap_insert_run(mfn, nr_pages);
    spin_unlock(&heap_lock);
}

/* What the caller of alloc_heap_pages() wants done with dirty pages. */
struct alloc_req {
    bool scrub;               /* zero them (finish_alloc(), outside the lock) */
    unsigned long dirty;      /* out: how many there were */
};

/*
 * Hand out the allocated pages: they lose their free state.  A dirty page
 * that is to be scrubbed keeps PGC_need_scrub for finish_alloc(); until
 * then nobody but the allocating caller can reach it.  Lock held.
 */
static void take_pages(struct page_info *pg, unsigned int order,
                       struct alloc_req *req)
{
    unsigned long i, keep = req->scrub ? PGC_need_scrub : 0;

    for ( i = 0; i < (1UL << order); i++ )
    {
        /* A page on a free list that is not free means a corrupted heap. */
        BUG_ON((pg[i].count_info & ~PGC_need_scrub) != PGC_free);
        req->dirty += !!(pg[i].count_info & PGC_need_scrub);
        pg[i].count_info &= keep;
        pg[i].u.inuse.type_info = 0;
        pg[i].owner = NULL;
        /* Nothing stale to flush for: a freed page reaches the heap only
         * after a flush (free_batch.c, put_page). */
        pg[i].tlbflush_timestamp = 0;
    }
    total_free -= 1UL << order;
    total_dirty -= req->dirty;
}

/* Highest zone whose every page lies below 2^bits; -1 if there is none. */
static int zone_limit(unsigned int memflags)
{
    unsigned int bits = (memflags >> _MEMF_bits) & 0xff;

    if ( bits == 0 )
        return NR_ZONES - 1;
    if ( bits <= PAGE_SHIFT )
        return -1;
    return min(bits - PAGE_SHIFT - 1, (unsigned int)NR_ZONES - 1);
}

static struct page_info *alloc_heap_pages(unsigned int order,
                                          unsigned int memflags,
                                          struct alloc_req *req)
{
    struct page_info *pg = NULL;
    int zone = zone_limit(memflags);

    if ( order > MAX_ORDER )
        return NULL;

    spin_lock(&heap_lock);
    for ( ; zone >= 0; zone-- )
    {
        unsigned long fits = free_orders[zone] & ~((1UL << order) - 1);
        unsigned int k;

        if ( !fits )
            continue;
        /* Smallest block in this zone that is big enough; split the rest. */
        k = __builtin_ctzl(fits);
        pg = list_first_entry(&free_lists[zone][k], struct page_info, list);
        free_list_del(pg, zone, k);
        while ( k > order )
        {
            k--;
            free_list_add(pg + (1UL << k), zone, k);
        }
        take_pages(pg, order, req);
        break;
    }
    spin_unlock(&heap_lock);

    return pg;
}

/*
 * BUG() unless the 2^order pages at pg may be freed: a naturally aligned
 * block of allocated pages, none reserved, and xenheap pages exactly when
 * the caller frees xenheap memory.
 */
static void check_freeable(const struct page_info *pg, unsigned int order,
                           bool xenheap)
{
    unsigned long mfn = mfn_x(page_to_mfn(pg)), i;

    if ( order > MAX_ORDER || (mfn & ((1UL << order) - 1)) )
    {
        printk(XENLOG_ERR "heap: bad free of order %u at MFN %#lx\n",
               order, mfn);
        BUG();
    }

    for ( i = 0; i < (1UL << order); i++ )
    {
        unsigned long c = pg[i].count_info;
        const char *why = NULL;

        if ( c & PGC_free )
            why = "already free";
        else if ( c & PGC_reserved )
            why = "reserved";
        else if ( !(c & PGC_xen_heap) != !xenheap )
            why = xenheap ? "not a xenheap page" : "a xenheap page";
        if ( why )
        {
            printk(XENLOG_ERR "heap: freeing MFN %#lx (order %u block at %#lx):"
                   " %s, count_info %#lx\n", mfn + i, order, mfn, why, c);
            BUG();
        }
    }
}

static void poison_pages(struct page_info *pg, unsigned int order)
{
#ifndef NDEBUG
    memset(page_to_virt(pg), PAGE_POISON, PAGE_SIZE << order);
#endif
}

/* Guest pages are not touched here: they go back dirty, and are zeroed
 * before anyone else gets them (see "Scrubbing" above). */
static void free_heap_pages(struct page_info *pg, unsigned int order,
                            bool xenheap)
{
    spin_lock(&heap_lock);
    check_freeable(pg, order, xenheap);
    if ( xenheap )
        poison_pages(pg, order);
    mark_free(pg, 1UL << order);
    heap_insert_run(mfn_x(page_to_mfn(pg)), 1UL << order);
    spin_unlock(&heap_lock);
}

/*
 * A dirty page may well read as zeroes already (RAM nothing ever wrote
 * since boot).  Checking costs no more than zeroing, stops at the first
 * non-zero word, and writes nothing: under emulation, RAM never written is
 * never backed, and writes to it cost far more than reads (the idle
 * scrubber went from 6 s to 0.5 s for 2 GiB under QEMU TCG).
 */
static bool page_is_zero(const void *p)
{
    const unsigned long *w = p;

    for ( unsigned int i = 0; i < PAGE_SIZE / sizeof(*w); i += 8 )
        if ( w[i] | w[i + 1] | w[i + 2] | w[i + 3] |
             w[i + 4] | w[i + 5] | w[i + 6] | w[i + 7] )
            return false;
    return true;
}

/* Zero the run of n pages that ends before pg, if any. */
static void zero_run_before(const struct page_info *pg, unsigned long n)
{
    if ( n )
        memset(page_to_virt(pg - n), 0, n << PAGE_SHIFT);
}

/*
 * Zero the dirty pages take_pages() left marked, in runs (one memset per
 * run of neighbours that are not zeroes already), and drop the mark.  Only called when there are
 * any: a clean block costs no second pass.
 */
static void finish_alloc(struct page_info *pg, unsigned int order)
{
    unsigned long i, run = 0, n = 1UL << order;

    for ( i = 0; i < n; i++ )
    {
        if ( (pg[i].count_info & PGC_need_scrub) &&
             !page_is_zero(page_to_virt(pg + i)) )
        {
            pg[i].count_info = 0;
            run++;
            continue;
        }
        pg[i].count_info = 0;
        zero_run_before(pg + i, run);
        run = 0;
    }
    zero_run_before(pg + n, run);
}

/* Allocate, zeroing the dirty pages if scrub. */
static struct page_info *alloc_pages_for(unsigned int order,
                                         unsigned int memflags, bool scrub)
{
    struct alloc_req req = { .scrub = scrub };
    struct page_info *pg = alloc_heap_pages(order, memflags, &req);

    if ( pg && scrub && req.dirty )
        finish_alloc(pg, order);
    return pg;
}

struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags)
{
    struct page_info *pg = alloc_pages_for(order, memflags,
                                           !(memflags & MEMF_no_scrub));

    if ( pg && d && !(memflags & MEMF_no_owner) &&
         assign_pages(d, pg, order, memflags) )
    {
        free_heap_pages(pg, order, false);
        return NULL;
    }
    return pg;
}

struct page_info *alloc_cleared_pages(unsigned int order, unsigned int memflags)
{
    return alloc_pages_for(order, memflags, true);
}

void free_domheap_pages(struct page_info *pg, unsigned int order)
{
    unsigned long i;

    ASSERT(pg);
    /* Check before the owner's accounting is touched, not only after. */
    check_freeable(pg, order, false);
    for ( i = 0; i < (1UL << order); i++ )
    {
        ASSERT(!(pg[i].u.inuse.type_info & PGT_count_mask));
        ASSERT(!pg[i].linear_pt);
    }

    if ( pg->owner && pg->owner != dom_orphan )
        domain_release_pages(pg->owner, pg, order);
    for ( i = 0; i < (1UL << order); i++ )
        if ( pg[i].owner == dom_orphan )
            pg[i].owner = NULL;
    free_heap_pages(pg, order, false);
}

void *alloc_xenheap_pages(unsigned int order, unsigned int memflags)
{
    struct page_info *pg = alloc_pages_for(order, memflags, false);
    unsigned long i;

    if ( !pg )
        return NULL;
    for ( i = 0; i < (1UL << order); i++ )
        pg[i].count_info |= PGC_xen_heap;
    return page_to_virt(pg);
}

void free_xenheap_pages(void *v, unsigned int order)
{
    if ( !v )
        return;
    BUG_ON((unsigned long)v & ~PAGE_MASK);
    free_heap_pages(virt_to_page(v), order, true);
}

unsigned long total_free_pages(void)
{
    return READ_ONCE(total_free);
}

unsigned long total_heap_pages(void)
{
    return READ_ONCE(total_heap);
}

unsigned long total_dirty_pages(void)
{
    return READ_ONCE(total_dirty);
}

/* ------------------------------------------------------------------------
 * Background scrubbing
 */

/* Frame-table entries looked at, and pages cleaned, per heap-lock hold.
 * Small: the idle loop looks at softirqs between batches, so a batch is
 * how long a vCPU woken on this CPU waits, and how long an allocation
 * waits for the lock (a few microseconds; tens under emulation). */
#define SCRUB_SCAN_BATCH   256
#define SCRUB_PAGE_BATCH   4

static bool scrub_enabled;
static unsigned long scrub_cursor;   /* next MFN the scrubber looks at */

void heap_start_scrubbing(void)
{
    printk(XENLOG_INFO "Scrubbing %lu MiB of free RAM in the background\n",
           total_dirty_pages() >> (20 - PAGE_SHIFT));
    WRITE_ONCE(scrub_enabled, true);
}

static bool free_and_dirty(unsigned long mfn)
{
    return mfn_valid(_mfn(mfn)) &&
           mfn_to_page(_mfn(mfn))->count_info == (PGC_free | PGC_need_scrub);
}

/* Zero up to SCRUB_PAGE_BATCH dirty free pages from the cursor on, in
 * runs of neighbours.  Lock held. */
static void scrub_batch(void)
{
    unsigned long scanned, zeroed = 0, run = 0, mfn = scrub_cursor;

    for ( scanned = 0; scanned < SCRUB_SCAN_BATCH && zeroed < SCRUB_PAGE_BATCH;
          scanned++, mfn++ )
    {
        struct page_info *pg = mfn_to_page(_mfn(mfn));

        if ( mfn >= max_page )
            break;
        if ( free_and_dirty(mfn) )
        {
            pg->count_info = PGC_free;
            zeroed++;
            if ( !page_is_zero(page_to_virt(pg)) )
            {
                run++;
                continue;
            }
        }
        zero_run_before(pg, run);
        run = 0;
    }
    zero_run_before(mfn_to_page(_mfn(mfn)), run);
    total_dirty -= zeroed;
    scrub_cursor = mfn >= max_page ? 0 : mfn;
}

bool scrub_free_pages(void)
{
    static bool reported;
    bool more;

    if ( !READ_ONCE(scrub_enabled) || !READ_ONCE(total_dirty) )
        return false;
    spin_lock(&heap_lock);
    scrub_batch();
    more = total_dirty != 0;
    /* The first time the scrubber catches up, for boot-time logs. */
    if ( !more && !reported )
    {
        reported = true;
        printk(XENLOG_INFO "Scrubbing: all free RAM is clean\n");
    }
    spin_unlock(&heap_lock);
    return more;
}
