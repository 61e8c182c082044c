/*
 * Unit tests of the buddy heap, xenheap and domheap in page_alloc.c.
 */
#include "alloc_test.h"

#include <stdlib.h>
#include <string.h>
#include <xen/errno.h>

/* ------------------------------------------------------------------------
 * Test double of the ownership hooks (the real ones: common/domain_page.c).
 */

static struct {
    unsigned int assigned, released;
    bool fail;
    struct domain *d;
    struct page_info *pg;
    unsigned int order;
} owner_log;

int assign_pages(struct domain *d, struct page_info *pg, unsigned int order,
                 unsigned int memflags)
{
    unsigned long i;

    owner_log.assigned++;
    owner_log.d = d;
    owner_log.pg = pg;
    owner_log.order = order;
    for ( i = 0; i < (1UL << order); i++ )
        CHECKF(pg[i].count_info == 0 && !pg[i].owner,
               "assign_pages got a page not freshly allocated");
    if ( owner_log.fail )
        return -E2BIG;
    for ( i = 0; i < (1UL << order); i++ )
    {
        pg[i].owner = d;
        pg[i].count_info |= PGC_allocated | 1;
    }
    return 0;
}

/* The owner of a dead domain's pages still held by others; the heap
 * only compares against it. */
static char orphan_owner;
struct domain *const dom_orphan = (struct domain *)&orphan_owner;

void domain_release_pages(struct domain *d, struct page_info *pg,
                          unsigned int order)
{
    unsigned long i;

    owner_log.released++;
    CHECK(d == owner_log.d && pg == owner_log.pg && order == owner_log.order);
    for ( i = 0; i < (1UL << order); i++ )
    {
        CHECKF(!(pg[i].count_info & PGC_free),
               "domain_release_pages called after the page was freed");
        CHECK(pg[i].owner == d);
        pg[i].owner = NULL;
        pg[i].count_info &= ~(PGC_allocated | PGC_count_mask);
    }
}

/* ------------------------------------------------------------------------
 * Helpers
 */

/* The heap's structure, not its scrubbing (test_scrub_*), is what most
 * cases look at: no zeroing of what may be a GiB of host memory. */
static struct page_info *alloc_pages(unsigned int order, unsigned int flags)
{
    return alloc_domheap_pages(NULL, order, flags | MEMF_no_scrub);
}

/* Allocate order-0 pages until the heap is empty; returns how many. */
static unsigned long drain(struct page_info **out, unsigned long max)
{
    unsigned long n = 0;
    struct page_info *pg;

    while ( (pg = alloc_pages(0, 0)) )
    {
        CHECK(n < max);
        out[n++] = pg;
    }
    return n;
}

static int cmp_ptr(const void *a, const void *b)
{
    const struct page_info *x = *(void * const *)a, *y = *(void * const *)b;

    return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------------
 * Buddy structure
 */

void test_buddy_unaligned_range(void)
{
    static const struct shim_range ram[] = { { 5, 1234 }, { 1234, 3001 } };
    static struct page_info *pages[4096];
    unsigned long n, i;

    /* Give the first range only: blocks must follow its odd edges. */
    shim_machine(4096, ram, 2);
    init_heap_pages(mfn_to_page(_mfn(5)), 1234 - 5);
    CHECK_EQ(total_heap_pages(), 1229);
    check_fully_coalesced(ram, 1);

    /* The second range starts at an odd place; the two must merge. */
    init_heap_pages(mfn_to_page(_mfn(1234)), 3001 - 1234);
    CHECK_EQ(total_heap_pages(), 2996);
    check_fully_coalesced(ram, 2);

    /* Take every page, give them back in a scrambled order. */
    n = drain(pages, 4096);
    CHECK_EQ(n, 2996);
    CHECK_EQ(total_free_pages(), 0);
    qsort(pages, n, sizeof(*pages), cmp_ptr);
    for ( i = 1; i < n; i++ )
        CHECK(pages[i] != pages[i - 1]);
    for ( i = 0; i < n; i++ )
    {
        unsigned long j = (i * 1237) % n;   /* 1237 is prime to 2996 */

        free_domheap_page(pages[j]);
    }
    check_fully_coalesced(ram, 2);
    CHECK_EQ(total_heap_pages(), 2996);
}

void test_buddy_hole(void)
{
    /*
     * Chunks 0 and 2 (MFNs 0-511, 1024-1535) hold no RAM, so their
     * frame-table entries are not mapped at all: touching them crashes.
     * MFNs 2300-2309 are a hole inside a mapped chunk.
     */
    static const struct shim_range ram[] = {
        { 512, 1024 }, { 1536, 2048 }, { 2048, 2300 }, { 2310, 2560 },
    };
    struct page_info *big[3];
    unsigned long i;

    heap_machine(4096, ram, 4);
    CHECK_EQ(total_heap_pages(), 512 + 512 + 252 + 250);
    check_fully_coalesced(ram, 4);
    for ( i = 2300; i < 2310; i++ )
        CHECK_EQ(mfn_to_page(_mfn(i))->count_info, 0);

    /* Only the two 512-page ranges hold order-9 blocks; nothing is order 10. */
    CHECK(alloc_pages(10, 0) == NULL);
    big[0] = alloc_pages(9, 0);
    big[1] = alloc_pages(9, 0);
    big[2] = alloc_pages(9, 0);
    CHECK(big[0] && big[1] && !big[2]);
    CHECK(mfn_of(big[0]) == 1536 && mfn_of(big[1]) == 512);
    free_domheap_pages(big[0], 9);
    free_domheap_pages(big[1], 9);
    check_fully_coalesced(ram, 4);
    for ( i = 2300; i < 2310; i++ )
        CHECK_EQ(mfn_to_page(_mfn(i))->count_info, 0);
}

void test_buddy_fragmentation(void)
{
    static const struct shim_range ram[] = { { 0, 4096 } };
    static struct page_info *pages[4096];
    unsigned long n, i;

    heap_machine(4096, ram, 1);
    check_fully_coalesced(ram, 1);
    n = drain(pages, 4096);
    CHECK_EQ(n, 4096);
    CHECK(alloc_pages(0, 0) == NULL);

    /* Free every page with an even MFN: no two free pages are buddies. */
    for ( i = 0; i < n; i++ )
        if ( !(mfn_of(pages[i]) & 1) )
            free_domheap_page(pages[i]);
    CHECK_EQ(total_free_pages(), 2048);
    CHECK(alloc_pages(1, 0) == NULL);
    CHECK(alloc_pages(5, 0) == NULL);
    CHECK_EQ(total_free_pages(), 2048);

    for ( i = 0; i < n; i++ )
        if ( mfn_of(pages[i]) & 1 )
            free_domheap_page(pages[i]);
    check_fully_coalesced(ram, 1);

    /* [0, 4096) is now blocks of 2, 2, 4, 8 ... 2048 pages. */
    CHECK(alloc_pages(11, 0) != NULL);
    CHECK(alloc_pages(11, 0) == NULL);
    CHECK(alloc_pages(10, 0) != NULL);
    CHECK_EQ(total_free_pages(), 1024);
}

void test_buddy_best_fit(void)
{
    static const struct shim_range ram[] = { { 2048, 4096 } };
    struct page_info *a, *b, *c;

    /* One order-11 block; splitting it leaves one free block per order. */
    heap_machine(4096, ram, 1);
    a = alloc_pages(0, 0);
    CHECK(a);
    /* The smallest block that fits is taken: a's buddy, then a's 2-block. */
    b = alloc_pages(0, 0);
    CHECK(b && mfn_of(b) == (mfn_of(a) ^ 1));
    c = alloc_pages(1, 0);
    CHECK(c && mfn_of(c) == ((mfn_of(a) & ~3UL) ^ 2));
    free_domheap_page(a);
    free_domheap_page(b);
    free_domheap_pages(c, 1);
    check_fully_coalesced(ram, 1);
}

void test_buddy_memf_bits(void)
{
    static const struct shim_range ram[] = { { 1, 16384 } };
    struct rng r = { 0x1234567 };
    struct page_info *pg;
    unsigned long n, i;

    heap_machine(16384, ram, 1);

    /* Unrestricted requests come from the top zone (MFNs 8192-16383). */
    pg = alloc_pages(0, 0);
    CHECK(pg && mfn_of(pg) >= 8192);
    free_domheap_page(pg);

    /* Below 2^12 nothing fits; below 2^13 only MFN 1. */
    CHECK(alloc_pages(0, MEMF_bits(12)) == NULL);
    pg = alloc_pages(0, MEMF_bits(13));
    CHECK(pg && mfn_of(pg) == 1);
    CHECK(alloc_pages(0, MEMF_bits(13)) == NULL);

    /* Everything else below 1 MiB: MFNs 2-255, then nothing. */
    for ( n = 0; (pg = alloc_pages(1, MEMF_bits(20))); n++ )
        CHECKF(mfn_of(pg) + 2 <= 256, "MFN %#lx above 1 MiB", mfn_of(pg));
    CHECK_EQ(n, 127);
    CHECK(alloc_pages(0, MEMF_bits(20)) == NULL);
    CHECK_EQ(total_free_pages(), 16383 - 255);

    /* Random limits and orders: every block ends below its limit. */
    for ( i = 0; i < 2000; i++ )
    {
        unsigned int bits = 21 + rng_below(&r, 6), order = rng_below(&r, 4);

        pg = alloc_pages(order, MEMF_bits(bits));
        if ( !pg )
            continue;
        CHECKF((mfn_of(pg) + (1UL << order)) << PAGE_SHIFT <= (1UL << bits),
               "order %u at MFN %#lx beyond MEMF_bits(%u)", order, mfn_of(pg),
               bits);
    }
    CHECK(total_free_pages() > 0);
}

void test_buddy_exhaustion(void)
{
    static const struct shim_range ram[] = { { 100, 3000 } };
    static struct page_info *pg[3000];
    static unsigned int ord[3000];
    unsigned long n = 0, used = 0, i;
    int order;

    heap_machine(4096, ram, 1);
    CHECK(alloc_pages(MAX_ORDER + 1, 0) == NULL);
    CHECK(alloc_pages(MAX_ORDER, 0) == NULL);
    for ( order = 3; order >= 0; order-- )
        while ( (pg[n] = alloc_pages(order, 0)) )
        {
            ord[n++] = order;
            used += 1UL << order;
            CHECK_EQ(total_free_pages(), 2900 - used);
        }
    CHECK_EQ(used, 2900);
    for ( order = 0; order <= MAX_ORDER; order++ )
        CHECK(alloc_pages(order, 0) == NULL);
    CHECK_EQ(total_free_pages(), 0);

    for ( i = 0; i < n; i++ )
    {
        free_domheap_pages(pg[i], ord[i]);
        used -= 1UL << ord[i];
        CHECK_EQ(total_free_pages(), 2900 - used);
    }
    check_fully_coalesced(ram, 1);
    CHECK_EQ(total_heap_pages(), 2900);
}

void test_buddy_max_order(void)
{
    static const struct shim_range ram[] = {
        { (1UL << 18) - 3, (1UL << 19) + 5 },
    };
    struct page_info *pg;

    heap_machine((1UL << 19) + 512, ram, 1);
    check_fully_coalesced(ram, 1);
    CHECK_EQ(mfn_to_page(_mfn(1UL << 18))->u.free.order, MAX_ORDER);

    pg = alloc_pages(MAX_ORDER, 0);
    CHECK(pg && mfn_of(pg) == 1UL << 18);
    CHECK(alloc_pages(MAX_ORDER, 0) == NULL);
    CHECK_EQ(total_free_pages(), 8);
    /* (Not freed: poisoning 1 GiB of host memory is not worth it.) */
}

/* ------------------------------------------------------------------------
 * Random stress with a shadow of every page's state.
 */

#define STRESS_FRAMES 16384
#define STRESS_LIVE   4096

struct live_block {
    struct page_info *pg;
    unsigned int order;
};

static bool is_ram(const struct shim_range *ram, unsigned int nr,
                   unsigned long mfn)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
        if ( mfn >= ram[i].s && mfn < ram[i].e )
            return true;
    return false;
}

/* Every RAM page is in the heap's free state exactly when not handed out. */
static void check_shadow(const struct shim_range *ram, unsigned int nr,
                         const unsigned char *shadow)
{
    unsigned long mfn;

    for ( mfn = 0; mfn < STRESS_FRAMES; mfn++ )
        if ( is_ram(ram, nr, mfn) )
            CHECKF(!(mfn_to_page(_mfn(mfn))->count_info & PGC_free) ==
                   !!shadow[mfn], "MFN %#lx: heap and shadow disagree", mfn);
}

static void stress_alloc(struct rng *r, const struct shim_range *ram,
                         unsigned int nr, unsigned char *shadow,
                         struct live_block *live, unsigned long *nlive,
                         unsigned long *used)
{
    unsigned int order = rng_below(r, 8) < 6 ? rng_below(r, 3)
                                             : rng_below(r, 8);
    unsigned int bits = rng_below(r, 4) ? 0 : 22 + rng_below(r, 5);
    struct page_info *pg = alloc_pages(order, MEMF_bits(bits));
    unsigned long i, mfn;

    if ( !pg )
        return;
    mfn = mfn_of(pg);
    CHECKF(!(mfn & ((1UL << order) - 1)), "order %u block at MFN %#lx"
           " not aligned", order, mfn);
    CHECK(!bits || (mfn + (1UL << order)) << PAGE_SHIFT <= (1UL << bits));
    for ( i = 0; i < (1UL << order); i++ )
    {
        CHECKF(is_ram(ram, nr, mfn + i), "MFN %#lx is not RAM", mfn + i);
        CHECKF(!shadow[mfn + i], "MFN %#lx handed out twice", mfn + i);
        shadow[mfn + i] = 1;
    }
    live[(*nlive)++] = (struct live_block){ pg, order };
    *used += 1UL << order;
}

static void stress_free(struct rng *r, unsigned char *shadow,
                        struct live_block *live, unsigned long *nlive,
                        unsigned long *used)
{
    unsigned long k = rng_below(r, *nlive), i;
    struct live_block b = live[k];

    live[k] = live[--*nlive];
    for ( i = 0; i < (1UL << b.order); i++ )
        shadow[mfn_of(b.pg) + i] = 0;
    *used -= 1UL << b.order;

    /* Sometimes give a block back in two halves. */
    if ( b.order && rng_below(r, 3) == 0 )
    {
        free_domheap_pages(b.pg + (1UL << (b.order - 1)), b.order - 1);
        free_domheap_pages(b.pg, b.order - 1);
    }
    else
        free_domheap_pages(b.pg, b.order);
}

void test_buddy_stress(void)
{
    static const struct shim_range ram[] = {
        { 7, 2000 }, { 2100, 6000 }, { 8192, 12000 }, { 12500, 16384 },
    };
    static unsigned char shadow[STRESS_FRAMES];
    static struct live_block live[STRESS_LIVE];
    struct rng r = { 0x9e3779b97f4a7c15UL };
    unsigned long nlive = 0, used = 0, total, op;

    heap_machine(STRESS_FRAMES, ram, 4);
    total = total_heap_pages();
    CHECK_EQ(total, 1993 + 3900 + 3808 + 3884);

    for ( op = 0; op < 200000; op++ )
    {
        /* Phases that mostly allocate (to exhaustion) or mostly free. */
        bool filling = (op / 5000) % 2 == 0;
        bool do_alloc = rng_below(&r, 10) < (filling ? 7 : 3);

        if ( (do_alloc && nlive < STRESS_LIVE) || !nlive )
            stress_alloc(&r, ram, 4, shadow, live, &nlive, &used);
        else
            stress_free(&r, shadow, live, &nlive, &used);
        CHECK_EQ(total_free_pages(), total - used);
        if ( op % 10000 == 0 )
            check_shadow(ram, 4, shadow);
    }
    check_shadow(ram, 4, shadow);

    while ( nlive )
        stress_free(&r, shadow, live, &nlive, &used);
    CHECK_EQ(total_free_pages(), total);
    CHECK_EQ(total_heap_pages(), total);
    check_fully_coalesced(ram, 4);
}

/* ------------------------------------------------------------------------
 * Domheap ownership and xenheap
 */

void test_domheap_owner_hooks(void)
{
    static const struct shim_range ram[] = { { 16, 1024 } };
    struct domain *d = (struct domain *)&owner_log;  /* any non-NULL token */
    struct page_info *pg;
    unsigned long free0;

    heap_machine(1024, ram, 1);
    free0 = total_free_pages();

    pg = alloc_domheap_pages(d, 2, 0);
    CHECK(pg && owner_log.assigned == 1 && owner_log.pg == pg);
    CHECK(owner_log.order == 2 && pg[3].owner == d);
    CHECK_EQ(total_free_pages(), free0 - 4);
    free_domheap_pages(pg, 2);
    CHECK_EQ(owner_log.released, 1);
    CHECK(pg[0].owner == NULL && pg[3].owner == NULL);
    CHECK_EQ(total_free_pages(), free0);

    /* MEMF_no_owner and d == NULL skip the hooks entirely. */
    pg = alloc_domheap_pages(d, 0, MEMF_no_owner);
    CHECK(pg && pg->owner == NULL);
    free_domheap_page(pg);
    pg = alloc_domheap_pages(NULL, 1, 0);
    CHECK(pg);
    free_domheap_pages(pg, 1);
    CHECK(owner_log.assigned == 1 && owner_log.released == 1);

    /* A refused assignment returns the block to the heap. */
    owner_log.fail = true;
    CHECK(alloc_domheap_pages(d, 3, 0) == NULL);
    CHECK_EQ(owner_log.assigned, 2);
    CHECK_EQ(owner_log.released, 1);
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}

void test_xenheap_pages(void)
{
    static const struct shim_range ram[] = { { 16, 1024 } };
    struct page_info *pg;
    unsigned long free0, i;
    char *v;

    heap_machine(1024, ram, 1);
    free0 = total_free_pages();

    v = alloc_xenheap_pages(2, 0);
    CHECK(v);
    pg = virt_to_page(v);
    CHECK(page_to_virt(pg) == v);
    for ( i = 0; i < 4; i++ )
        CHECK(pg[i].count_info & PGC_xen_heap);
    memset(v, 0x42, 4 * PAGE_SIZE);
    CHECK_EQ(total_free_pages(), free0 - 4);

    /* Wrong free function, or a pointer that is not a block start. */
    CHECK(SHIM_EXPECT_BUG(free_domheap_pages(pg, 2)));
    CHECK(SHIM_EXPECT_BUG(free_xenheap_pages(v + 8, 0)));
    CHECK_EQ(total_free_pages(), free0 - 4);

    free_xenheap_pages(v, 2);
    free_xenheap_pages(NULL, 0);
    CHECK_EQ(total_free_pages(), free0);
    for ( i = 0; i < 4; i++ )
        CHECK(!(pg[i].count_info & PGC_xen_heap));

    pg = alloc_pages(0, 0);
    CHECK(SHIM_EXPECT_BUG(free_xenheap_page(page_to_virt(pg))));
    free_domheap_page(pg);
    check_fully_coalesced(ram, 1);
}

/* ------------------------------------------------------------------------
 * Bad frees are caught, and change nothing.
 */

void test_double_free_caught(void)
{
    static const struct shim_range ram[] = { { 16, 1024 } };
    struct page_info *pg, *pg2;
    unsigned long free0;

    heap_machine(1024, ram, 1);
    free0 = total_free_pages();

    pg = alloc_pages(0, 0);
    free_domheap_page(pg);
    CHECK(SHIM_EXPECT_BUG(free_domheap_page(pg)));
    CHECKF(strstr(shim_last_bug, "BUG") && strstr(shim_last_printk, "already free"),
           "unexpected diagnosis: %s", shim_last_bug);
    CHECK_EQ(total_free_pages(), free0);

    /* A page inside a block that is free already. */
    pg = alloc_pages(2, 0);
    free_domheap_pages(pg, 2);
    CHECK(SHIM_EXPECT_BUG(free_domheap_page(pg + 1)));

    /* Half of a block freed, then the whole block. */
    pg = alloc_pages(3, 0);
    pg2 = alloc_pages(0, 0);        /* keeps the heap from being all free */
    free_domheap_pages(pg + 4, 2);
    CHECK(SHIM_EXPECT_BUG(free_domheap_pages(pg, 3)));
    CHECK_EQ(total_free_pages(), free0 - 5);

    /* Misaligned and oversized frees. */
    CHECK(SHIM_EXPECT_BUG(free_domheap_pages(pg + 1, 1)));
    CHECK(SHIM_EXPECT_BUG(free_domheap_pages(pg, MAX_ORDER + 1)));
    CHECK_EQ(total_free_pages(), free0 - 5);

    free_domheap_pages(pg, 2);
    free_domheap_page(pg2);
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}

void test_reserved_free_caught(void)
{
    /* MFNs 100-119 are RAM the heap never gets: say, the image. */
    static const struct shim_range ram[] = { { 16, 100 }, { 120, 1024 } };
    static const struct shim_range all[] = { { 16, 1024 } };
    struct page_info *img;
    unsigned long free0, i;

    shim_machine(1024, all, 1);
    img = mfn_to_page(_mfn(100));
    for ( i = 0; i < 2; i++ )
        init_heap_pages(mfn_to_page(_mfn(ram[i].s)), ram[i].e - ram[i].s);
    for ( i = 0; i < 20; i++ )
        img[i].count_info = PGC_reserved;
    free0 = total_free_pages();

    CHECK(SHIM_EXPECT_BUG(free_domheap_page(img + 3)));
    CHECK(strstr(shim_last_printk, "reserved"));
    CHECK(SHIM_EXPECT_BUG(free_xenheap_page(page_to_virt(img))));
    CHECK(SHIM_EXPECT_BUG(init_heap_pages(img, 20)));
    CHECK_EQ(total_free_pages(), free0);
    CHECK_EQ(total_heap_pages(), free0);
    check_fully_coalesced(ram, 2);

    /* Giving the heap free pages again is caught too. */
    CHECK(SHIM_EXPECT_BUG(init_heap_pages(mfn_to_page(_mfn(16)), 4)));
    CHECK_EQ(total_heap_pages(), free0);

    /* Once un-reserved, the arch code may hand them over. */
    for ( i = 0; i < 20; i++ )
        img[i].count_info = 0;
    init_heap_pages(img, 20);
    check_fully_coalesced(all, 1);
}

/* Freed xenheap pages are poisoned (debug builds); freed domheap pages are
 * left as they are, but dirty. */
void test_free_poison(void)
{
    static const struct shim_range ram[] = { { 16, 64 } };
    struct page_info *pg;
    unsigned char *v;
    unsigned long i;

    heap_machine(64, ram, 1);
    v = alloc_xenheap_pages(1, 0);
    CHECK(v != NULL);
    memset(v, 0, 2 * PAGE_SIZE);
    free_xenheap_pages(v, 1);
#ifndef NDEBUG
    for ( i = 1; i < 2 * PAGE_SIZE; i++ )
        CHECK(v[i] == v[0]);
    CHECK(v[0] != 0);
#endif

    pg = alloc_pages(1, 0);
    v = page_to_virt(pg);
    memset(v, 0x5a, 2 * PAGE_SIZE);
    free_domheap_pages(pg, 1);
    CHECK(pg[0].count_info == (PGC_free | PGC_need_scrub));
    CHECK(pg[1].count_info == (PGC_free | PGC_need_scrub));
    CHECK(v[0] == 0x5a && v[2 * PAGE_SIZE - 1] == 0x5a);
}

/* Fill every free page of [s, e) with byte c. */
static void fill_free(unsigned long s, unsigned long e, unsigned char c)
{
    for ( unsigned long m = s; m < e; m++ )
        if ( mfn_to_page(_mfn(m))->count_info & PGC_free )
            memset(mfn_to_virt(_mfn(m)), c, PAGE_SIZE);
}

static bool page_is(const struct page_info *pg, unsigned char c)
{
    const unsigned char *v = page_to_virt(pg);

    for ( unsigned long i = 0; i < PAGE_SIZE; i++ )
        if ( v[i] != c )
            return false;
    return true;
}

/* Every page enters the heap dirty; a domheap allocation zeroes the dirty
 * pages it hands out unless told not to; xenheap never zeroes. */
void test_scrub_on_alloc(void)
{
    static const struct shim_range ram[] = { { 16, 80 } };
    struct page_info *pg;
    void *x;

    heap_machine(80, ram, 1);
    CHECK_EQ(total_dirty_pages(), 64);
    fill_free(16, 80, 0x77);

    pg = alloc_domheap_pages(NULL, 2, 0);
    CHECK(pg);
    CHECK_EQ(total_dirty_pages(), 60);
    for ( unsigned int i = 0; i < 4; i++ )
    {
        CHECK(page_is(pg + i, 0));
        CHECK_EQ(pg[i].count_info, 0);
    }
    memset(page_to_virt(pg), 0x77, 4 * PAGE_SIZE);   /* a guest's data */
    free_domheap_pages(pg, 2);
    CHECK_EQ(total_dirty_pages(), 64);

    pg = alloc_domheap_pages(NULL, 0, MEMF_no_scrub);
    CHECK(pg && !page_is(pg, 0) && pg->count_info == 0);
    free_domheap_pages(pg, 0);

    pg = alloc_cleared_pages(1, MEMF_no_scrub);   /* the flag means nothing here */
    CHECK(pg && page_is(pg, 0) && page_is(pg + 1, 0));
    free_domheap_pages(pg, 1);

    fill_free(16, 80, 0x77);
    x = alloc_xenheap_pages(0, 0);
    CHECK(x && !page_is(virt_to_page(x), 0));
    CHECK_EQ(virt_to_page(x)->count_info, PGC_xen_heap);
    free_xenheap_pages(x, 0);
    CHECK_EQ(total_dirty_pages(), 64);
    check_fully_coalesced(ram, 1);
}

/* The background scrubber does nothing before it is started, then zeroes
 * every dirty free page, and again whatever is freed later; a page it
 * zeroed is handed out clean. */
void test_scrub_background(void)
{
    static const struct shim_range ram[] = { { 16, 2000 }, { 2100, 5000 } };
    struct page_info *pg;
    unsigned long rounds = 0;

    heap_machine(5000, ram, 2);
    fill_free(0, 5000, 0x66);
    CHECK(!scrub_free_pages());
    CHECK_EQ(total_dirty_pages(), total_free_pages());

    heap_start_scrubbing();
    while ( scrub_free_pages() )
        CHECK(++rounds < 100000);
    CHECK_EQ(total_dirty_pages(), 0);
    for ( unsigned long m = 0; m < 5000; m++ )
        if ( mfn_valid(_mfn(m)) && (mfn_to_page(_mfn(m))->count_info & PGC_free) )
        {
            CHECKF(mfn_to_page(_mfn(m))->count_info == PGC_free,
                   "MFN %#lx still dirty", m);
            CHECKF(page_is(mfn_to_page(_mfn(m)), 0), "MFN %#lx not zero", m);
        }
    check_fully_coalesced(ram, 2);

    pg = alloc_pages(3, 0);
    memset(page_to_virt(pg), 0x55, 8 * PAGE_SIZE);
    free_domheap_pages(pg, 3);
    CHECK_EQ(total_dirty_pages(), 8);
    while ( scrub_free_pages() )
        CHECK(++rounds < 200000);
    CHECK_EQ(total_dirty_pages(), 0);
    for ( unsigned int i = 0; i < 8; i++ )
        CHECK(page_is(pg + i, 0) && pg[i].count_info == PGC_free);

    /* Clean pages come out clean without MEMF_no_scrub's help. */
    pg = alloc_pages(3, 0);
    for ( unsigned int i = 0; i < 8; i++ )
        CHECK(page_is(pg + i, 0));
}
