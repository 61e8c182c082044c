/*
 * Unit tests of xmalloc.c (and, in threads_stress, of the heap's and
 * xmalloc's locking).
 */
#include "alloc_test.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const struct shim_range small_ram[] = { { 16, 8192 } };

static unsigned long class_size(size_t size)
{
    unsigned long c = 16;

    while ( c < size )
        c <<= 1;
    return c;
}

static void fill(void *p, size_t size, unsigned int tag)
{
    unsigned char *b = p;
    size_t i;

    for ( i = 0; i < size; i++ )
        b[i] = (unsigned char)(tag * 31 + i * 7 + (i >> 8));
}

static bool intact(const void *p, size_t size, unsigned int tag)
{
    const unsigned char *b = p;
    size_t i;

    for ( i = 0; i < size; i++ )
        if ( b[i] != (unsigned char)(tag * 31 + i * 7 + (i >> 8)) )
            return false;
    return true;
}

static int cmp_addr(const void *a, const void *b)
{
    uintptr_t x = *(const uintptr_t *)a, y = *(const uintptr_t *)b;

    return x < y ? -1 : x > y;
}

/* ------------------------------------------------------------------------
 * Size classes, alignment, whole pages
 */

static void one_class(size_t size, unsigned long free0)
{
    static void *objs[3 * 256 + 1];
    static uintptr_t sorted[3 * 256 + 1];
    unsigned long cs = class_size(size), per_page = PAGE_SIZE / cs;
    unsigned long n = 3 * per_page + 1, i;

    for ( i = 0; i < n; i++ )
    {
        objs[i] = xmalloc_bytes(size);
        CHECKF(objs[i], "xmalloc_bytes(%zu) #%lu failed", size, i);
        CHECKF((uintptr_t)objs[i] % cs == 0, "xmalloc_bytes(%zu) = %p not "
               "aligned to %lu", size, objs[i], cs);
        fill(objs[i], size, i);
        sorted[i] = (uintptr_t)objs[i];
    }
    /* One class per page, book-keeping outside the page: 4 pages exactly. */
    CHECKF(total_free_pages() == free0 - 4, "size %zu: %lu pages used",
           size, free0 - total_free_pages());
    qsort(sorted, n, sizeof(*sorted), cmp_addr);
    for ( i = 1; i < n; i++ )
        CHECKF(sorted[i - 1] + cs <= sorted[i], "size %zu: objects overlap",
               size);
    for ( i = 0; i < n; i++ )
        CHECKF(intact(objs[i], size, i), "size %zu: object %lu corrupted",
               size, i);
    /* Free in a scrambled order: n is odd, so i * 2 % n visits all. */
    for ( i = 0; i < n; i++ )
        xfree(objs[i * 2 % n]);
    CHECKF(total_free_pages() == free0, "size %zu: %lu pages not returned",
           size, free0 - total_free_pages());
}

void test_xmalloc_classes(void)
{
    static const size_t sizes[] = {
        0, 1, 8, 15, 16, 17, 24, 31, 32, 33, 48, 63, 64, 65, 100, 127, 128,
        129, 200, 255, 256, 257, 500, 511, 512, 513, 1000, 1023, 1024, 1025,
        1500, 2047, 2048,
    };
    unsigned long free0;
    unsigned int i;

    heap_machine(8192, small_ram, 1);
    free0 = total_free_pages();
    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        one_class(sizes[i], free0);
    check_fully_coalesced(small_ram, 1);
}

struct aligned64 {
    char c;
} __attribute__((aligned(64)));

struct aligned_page {
    char c[100];
} __attribute__((aligned(4096)));

void test_xmalloc_alignment(void)
{
    static const size_t sizes[] = { 0, 1, 17, 100, 2048, 3000, 5000 };
    unsigned long free0;
    size_t align;
    unsigned int i;

    heap_machine(8192, small_ram, 1);
    free0 = total_free_pages();

    for ( align = 1; align <= PAGE_SIZE; align <<= 1 )
        for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
        {
            void *p = xmalloc_aligned(sizes[i], align);
            void *q = xmalloc_aligned(sizes[i], align);

            CHECKF(p && q && p != q, "xmalloc_aligned(%zu, %zu)", sizes[i],
                   align);
            CHECKF((uintptr_t)p % align == 0 && (uintptr_t)q % align == 0 &&
                   (uintptr_t)p % 16 == 0, "xmalloc_aligned(%zu, %zu) = %p",
                   sizes[i], align, p);
            memset(p, 1, sizes[i]);
            xfree(p);
            xfree(q);
        }

    {
        struct aligned64 *a = xmalloc(struct aligned64);
        struct aligned_page *b = xzalloc(struct aligned_page);
        struct aligned64 *c = xmalloc_array(struct aligned64, 5);

        CHECK(a && (uintptr_t)a % 64 == 0);
        CHECK(b && (uintptr_t)b % 4096 == 0);
        CHECK(c && (uintptr_t)c % 64 == 0);
        xfree(a);
        xfree(b);
        xfree(c);
    }

#ifndef NDEBUG
    CHECK(SHIM_EXPECT_BUG(xmalloc_aligned(16, 2 * PAGE_SIZE)));
    CHECK(SHIM_EXPECT_BUG(xmalloc_aligned(16, 24)));
#else
    CHECK(xmalloc_aligned(16, 2 * PAGE_SIZE) == NULL);
    CHECK(xmalloc_aligned(16, 24) == NULL);
#endif
    CHECK_EQ(total_free_pages(), free0);
}

void test_xmalloc_large(void)
{
    static const size_t sizes[] = {
        2049, 4095, 4096, 4097, 8192, 5 * 4096 + 1, 100000, 1 << 20,
        (1 << 20) + 1,
    };
    static const struct shim_range ram[] = { { 1, 4096 } };
    unsigned long free0;
    unsigned int i;

    heap_machine(4096, ram, 1);
    free0 = total_free_pages();

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        unsigned char *p = xmalloc_bytes(sizes[i]);

        CHECKF(p, "xmalloc_bytes(%zu) failed", sizes[i]);
        CHECK((uintptr_t)p % PAGE_SIZE == 0);
        /* Exactly the pages needed: the block's tail went back. */
        CHECKF(free0 - total_free_pages() == PFN_UP(sizes[i]),
               "xmalloc_bytes(%zu) holds %lu pages", sizes[i],
               free0 - total_free_pages());
        fill(p, sizes[i], i);
        CHECK(intact(p, sizes[i], i));
        if ( sizes[i] > PAGE_SIZE )
            CHECK(SHIM_EXPECT_BUG(xfree(p + PAGE_SIZE)));
        CHECK(SHIM_EXPECT_BUG(xfree(p + 16)));
        xfree(p);
        CHECK_EQ(total_free_pages(), free0);
    }

    CHECK(xmalloc_bytes((PAGE_SIZE << MAX_ORDER) + 1) == NULL);
    CHECK(xmalloc_bytes(SIZE_MAX) == NULL);
    CHECK(xzalloc_bytes(SIZE_MAX - 10) == NULL);
    CHECK(xmalloc_bytes(64UL << 20) == NULL);   /* more than the machine */
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}

/* ------------------------------------------------------------------------
 * Zeroing and array sizes
 */

static bool all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;

    while ( n-- )
        if ( *b++ )
            return false;
    return true;
}

/* Fill every free page with non-zero bytes. */
static void dirty_heap(void)
{
    static void *pages[8192];
    unsigned long n = 0;

    while ( (pages[n] = alloc_xenheap_page()) )
        memset(pages[n++], 0xff, PAGE_SIZE);
    while ( n )
        free_xenheap_page(pages[--n]);
}

void test_xzalloc_zeroes(void)
{
    static const size_t sizes[] = { 1, 16, 40, 64, 200, 1000, 2048, 3000, 9000 };
    struct big { unsigned long v[50]; } *b;
    unsigned long free0;
    unsigned int i, j;
    uint32_t *a;

    heap_machine(8192, small_ram, 1);
    free0 = total_free_pages();
    dirty_heap();

    for ( i = 0; i < ARRAY_SIZE(sizes); i++ )
    {
        void *p[8];

        /* Reuse freed, dirtied objects too, not only fresh pages. */
        for ( j = 0; j < 8; j++ )
            memset(p[j] = xmalloc_bytes(sizes[i]), 0xee, sizes[i]);
        for ( j = 0; j < 8; j += 2 )
            xfree(p[j]);
        for ( j = 0; j < 8; j += 2 )
        {
            p[j] = xzalloc_bytes(sizes[i]);
            CHECKF(p[j] && all_zero(p[j], sizes[i]), "xzalloc_bytes(%zu)",
                   sizes[i]);
        }
        for ( j = 0; j < 8; j++ )
            xfree(p[j]);
    }

    b = xzalloc(struct big);
    CHECK(b && all_zero(b, sizeof(*b)));
    a = xzalloc_array(uint32_t, 3000);
    CHECK(a && all_zero(a, 3000 * sizeof(*a)));
    memset(a, 0xff, 3000 * sizeof(*a));   /* all of it is usable */
    xfree(a);
    xfree(b);
    b = xzalloc_aligned(sizeof(*b), 128);
    CHECK(b && (uintptr_t)b % 128 == 0 && all_zero(b, sizeof(*b)));
    xfree(b);
    CHECK_EQ(total_free_pages(), free0);
}

void test_xmalloc_array_overflow(void)
{
    unsigned long free0;
    int minus_one = -1;
    uint64_t *p;

    heap_machine(8192, small_ram, 1);
    free0 = total_free_pages();

    CHECK(xmalloc_array(uint64_t, SIZE_MAX / 4) == NULL);
    CHECK(xmalloc_array(uint64_t, (SIZE_MAX / 8) + 1) == NULL);
    CHECK(xzalloc_array(uint32_t, SIZE_MAX / 2) == NULL);
    CHECK(xmalloc_array(char, minus_one) == NULL);
    CHECK(xmalloc_array(uint64_t, minus_one) == NULL);
    /* No overflow, just too much for the heap. */
    CHECK(xmalloc_array(uint64_t, SIZE_MAX / 16) == NULL);
    CHECK(xmalloc_array(uint64_t, 1UL << 30) == NULL);
    CHECK_EQ(total_free_pages(), free0);

    p = xmalloc_array(uint64_t, 1000);
    CHECK(p && (uintptr_t)p % 8 == 0);
    memset(p, 0x11, 1000 * sizeof(*p));
    xfree(p);
    p = xmalloc_array(uint64_t, 0);
    CHECK(p);
    xfree(p);
    CHECK_EQ(total_free_pages(), free0);
}

void test_xmalloc_exhaustion(void)
{
    static const struct shim_range ram[] = { { 1, 64 } };
    static void *objs[200];
    unsigned int n = 0;
    void *big, *mid;

    heap_machine(64, ram, 1);
    while ( (objs[n] = xmalloc_bytes(2000)) )
        CHECK(++n < ARRAY_SIZE(objs));
    CHECK_EQ(n, 126);
    CHECK_EQ(total_free_pages(), 0);
    CHECK(xmalloc_bytes(16) == NULL);
    CHECK(xmalloc_bytes(9000) == NULL);
    while ( n )
        xfree(objs[--n]);
    CHECK_EQ(total_free_pages(), 63);

    /* Whole-page requests need a block of the next power of two. */
    CHECK(xmalloc_bytes(63 * PAGE_SIZE) == NULL);
    big = xmalloc_bytes(32 * PAGE_SIZE);
    CHECK(big);
    CHECK(xmalloc_bytes(17 * PAGE_SIZE) == NULL);
    mid = xmalloc_bytes(9 * PAGE_SIZE);
    CHECK(mid);
    CHECK_EQ(total_free_pages(), 63 - 32 - 9);
    xfree(big);
    xfree(mid);
    check_fully_coalesced(ram, 1);
}

/* ------------------------------------------------------------------------
 * Random stress with a shadow record of every live object.
 */

#define XS_LIVE 2000

struct xs_obj {
    unsigned char *p;
    size_t size;
    unsigned int tag;
};

static size_t random_size(struct rng *r)
{
    unsigned int k = rng_below(r, 100);

    if ( k < 70 )
        return rng_below(r, 257);
    if ( k < 95 )
        return rng_below(r, 2049);
    return 2049 + rng_below(r, 20000);
}

static void check_no_overlap(const struct xs_obj *live, unsigned long n)
{
    static struct { uintptr_t s, e; } iv[XS_LIVE];
    unsigned long i;

    for ( i = 0; i < n; i++ )
    {
        iv[i].s = (uintptr_t)live[i].p;
        iv[i].e = iv[i].s + max(live[i].size, (size_t)1);
    }
    qsort(iv, n, sizeof(*iv), cmp_addr);   /* sorts by start */
    for ( i = 1; i < n; i++ )
        CHECKF(iv[i - 1].e <= iv[i].s, "live objects %#lx and %#lx overlap",
               (unsigned long)iv[i - 1].s, (unsigned long)iv[i].s);
}

void test_xmalloc_stress(void)
{
    static const struct shim_range ram[] = { { 1, 32768 } };
    static struct xs_obj live[XS_LIVE];
    struct rng r = { 0xfeedface12345UL };
    unsigned long n = 0, op, free0;
    unsigned int tag = 0;

    heap_machine(32768, ram, 1);
    free0 = total_free_pages();

    for ( op = 0; op < 150000; op++ )
    {
        bool grow = (op / 3000) % 2 == 0;

        if ( n < XS_LIVE && (n == 0 || rng_below(&r, 10) < (grow ? 7 : 3)) )
        {
            size_t size = random_size(&r);
            size_t align = rng_below(&r, 4) ? 1 : 1UL << rng_below(&r, 13);
            unsigned char *p = rng_below(&r, 2) ? xmalloc_aligned(size, align)
                                                : xzalloc_aligned(size, align);

            CHECKF(p, "xmalloc_aligned(%zu, %zu) failed", size, align);
            CHECK((uintptr_t)p % align == 0);
            fill(p, size, ++tag);
            live[n++] = (struct xs_obj){ p, size, tag };
        }
        else
        {
            unsigned long k = rng_below(&r, n);

            CHECKF(intact(live[k].p, live[k].size, live[k].tag),
                   "object %p (%zu bytes) corrupted", live[k].p, live[k].size);
            xfree(live[k].p);
            live[k] = live[--n];
        }
        if ( op % 2000 == 0 )
            check_no_overlap(live, n);
    }

    while ( n )
    {
        CHECK(intact(live[n - 1].p, live[n - 1].size, live[n - 1].tag));
        xfree(live[--n].p);
    }
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}

/* ------------------------------------------------------------------------
 * Bad frees
 */

void test_xfree_bad_caught(void)
{
    unsigned long free0;
    struct page_info *pg;
    char *p, *q, *v;

    heap_machine(8192, small_ram, 1);
    free0 = total_free_pages();

    p = xmalloc_bytes(100);         /* 128-byte class */
    q = xmalloc_bytes(100);
    xfree(NULL);
    CHECK(SHIM_EXPECT_BUG(xfree(p + 1)));
    CHECK(SHIM_EXPECT_BUG(xfree(p + 64)));
    xfree(p);
    CHECK(SHIM_EXPECT_BUG(xfree(p)));
    CHECK(strstr(shim_last_printk, "already free"));

    v = alloc_xenheap_page();       /* xenheap, but not xmalloc's */
    CHECK(SHIM_EXPECT_BUG(xfree(v)));
    pg = alloc_domheap_pages(NULL, 0, 0);
    CHECK(SHIM_EXPECT_BUG(xfree(page_to_virt(pg))));

    p = xmalloc_bytes(3 * PAGE_SIZE);
    xfree(p);
    CHECK(SHIM_EXPECT_BUG(xfree(p)));

    /* Nothing above disturbed the allocator. */
    xfree(q);
    free_xenheap_page(v);
    free_domheap_page(pg);
    CHECK_EQ(total_free_pages(), free0);
    p = xmalloc_bytes(100);
    CHECK(p);
    xfree(p);
    check_fully_coalesced(small_ram, 1);
}

void test_xmalloc_use_after_free(void)
{
#ifndef NDEBUG
    char *p, *q;

    heap_machine(8192, small_ram, 1);
    p = xmalloc_bytes(64);
    q = xmalloc_bytes(64);          /* keeps the page alive */
    xfree(p);
    p[40] = 1;
    /* The free list is LIFO: the next 64-byte object is p. */
    CHECK(SHIM_EXPECT_BUG(xmalloc_bytes(64)));
    CHECK(strstr(shim_last_printk, "written after xfree"));
    xfree(q);
#endif
}

/* ------------------------------------------------------------------------
 * Several threads at once (the shim's spinlocks are real).
 */

#define TS_THREADS 4
#define TS_FRAMES  32768
#define TS_LIVE    400

static unsigned char ts_shadow[TS_FRAMES];

struct ts_obj {
    void *p;                /* xmalloc object, or NULL for pages */
    struct page_info *pg;
    size_t size;            /* bytes, or the order for pages */
    unsigned int tag;
};

static void ts_take_pages(struct page_info *pg, unsigned int order, bool take)
{
    unsigned long i;

    for ( i = 0; i < (1UL << order); i++ )
    {
        unsigned char was = __atomic_exchange_n(&ts_shadow[mfn_of(pg) + i],
                                                take, __ATOMIC_RELAXED);

        CHECKF(was != take, "MFN %#lx %s twice", mfn_of(pg) + i,
               take ? "handed out" : "freed");
    }
}

static void ts_alloc(struct rng *r, struct ts_obj *o, unsigned int tag)
{
    o->tag = tag;
    if ( rng_below(r, 3) )
    {
        o->size = random_size(r);
        o->p = xmalloc_bytes(o->size);
        CHECK(o->p);
        fill(o->p, o->size, tag);
        return;
    }
    o->p = NULL;
    o->size = rng_below(r, 3);
    o->pg = alloc_domheap_pages(NULL, o->size, 0);
    CHECK(o->pg);
    ts_take_pages(o->pg, o->size, true);
    fill(page_to_virt(o->pg), PAGE_SIZE << o->size, tag);
}

static void ts_free(struct ts_obj *o)
{
    if ( o->p )
    {
        CHECKF(intact(o->p, o->size, o->tag), "object %p corrupted", o->p);
        xfree(o->p);
        return;
    }
    CHECKF(intact(page_to_virt(o->pg), PAGE_SIZE << o->size, o->tag),
           "page block at MFN %#lx corrupted", mfn_of(o->pg));
    ts_take_pages(o->pg, o->size, false);
    free_domheap_pages(o->pg, o->size);
}

static void *ts_thread(void *arg)
{
    static __thread struct ts_obj live[TS_LIVE];
    struct rng r = { 0x5eed0000UL + (uintptr_t)arg * 7919 };
    unsigned int n = 0, tag = (uintptr_t)arg << 24, op;

    for ( op = 0; op < 20000; op++ )
    {
        if ( n < TS_LIVE && (n == 0 || rng_below(&r, 2)) )
            ts_alloc(&r, &live[n++], ++tag);
        else
        {
            unsigned int k = rng_below(&r, n);

            ts_free(&live[k]);
            live[k] = live[--n];
        }
    }
    while ( n )
        ts_free(&live[--n]);
    CHECK_EQ(shim_locks_held(), 0);
    return NULL;
}

void test_threads_stress(void)
{
    static const struct shim_range ram[] = { { 1, TS_FRAMES } };
    pthread_t t[TS_THREADS];
    unsigned long free0, i;

    heap_machine(TS_FRAMES, ram, 1);
    free0 = total_free_pages();
    for ( i = 0; i < TS_THREADS; i++ )
        CHECK(pthread_create(&t[i], NULL, ts_thread, (void *)i) == 0);
    for ( i = 0; i < TS_THREADS; i++ )
        pthread_join(t[i], NULL);
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}
