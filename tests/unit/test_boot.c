/*
 * Unit tests of the boot allocator in page_alloc.c.  A model (a bitmap of
 * the pages the boot allocator should still own) is checked against what
 * it hands out and, after end_boot_allocator(), against the heap.
 */
#include "alloc_test.h"

#include <string.h>

#define BOOT_FRAMES 4096

static unsigned char model[BOOT_FRAMES];   /* 1: still in the boot allocator */

static void model_add(paddr_t ps, paddr_t pe)
{
    unsigned long p;

    /* Whole pages inside [ps, pe) only. */
    for ( p = 0; p < BOOT_FRAMES; p++ )
        if ( pe > ps && p * PAGE_SIZE >= ps && (p + 1) * PAGE_SIZE <= pe )
            model[p] = 1;
}

static void give(paddr_t ps, paddr_t pe)
{
    model_add(ps, pe);
    init_boot_pages(ps, pe);
}

/* Machine whose RAM is every page of the model (call before end). */
static void model_machine(void)
{
    static struct shim_range ram[BOOT_FRAMES];
    unsigned int nr = 0;
    unsigned long p;

    for ( p = 0; p < BOOT_FRAMES; p++ )
        if ( model[p] )
        {
            if ( nr && ram[nr - 1].e == p )
                ram[nr - 1].e = p + 1;
            else
                ram[nr++] = (struct shim_range){ p, p + 1 };
        }
    shim_machine(BOOT_FRAMES, ram, nr);
}

/* Highest aligned start of nr pages the model has free, or -1. */
static long model_best(unsigned long nr, unsigned long align)
{
    long s;
    unsigned long i;

    for ( s = ROUNDDOWN(BOOT_FRAMES - nr, align); s >= 0; s -= align )
    {
        for ( i = 0; i < nr && model[s + i]; i++ )
            continue;
        if ( i == nr )
            return s;
    }
    return -1;
}

static unsigned long take(unsigned long nr, unsigned long align)
{
    long want = model_best(nr, align ? align : 1);
    unsigned long s, i;

    CHECKF(want >= 0, "model has no room for %lu/%lu", nr, align);
    s = mfn_x(alloc_boot_pages(nr, align));
    CHECKF(s == (unsigned long)want, "alloc_boot_pages(%lu, %lu) = %#lx,"
           " expected %#lx", nr, align, s, want);
    for ( i = 0; i < nr; i++ )
        model[s + i] = 0;
    return s;
}

/* After end_boot_allocator(): the heap holds exactly the model's pages. */
static void check_heap_is_model(void)
{
    unsigned long p, pages = 0;

    for ( p = 0; p < BOOT_FRAMES; p++ )
    {
        pages += model[p];
        if ( !mfn_valid(_mfn(p)) )
        {
            CHECK(!model[p]);
            continue;
        }
        CHECKF(!!(mfn_to_page(_mfn(p))->count_info & PGC_free) == model[p],
               "MFN %#lx: heap %s, model %s", p,
               mfn_to_page(_mfn(p))->count_info & PGC_free ? "free" : "not free",
               model[p] ? "free" : "not free");
    }
    CHECK_EQ(total_heap_pages(), pages);
    CHECK_EQ(total_free_pages(), pages);
}

void test_boot_ranges(void)
{
    unsigned long s;

    /* Unsorted, overlapping, touching, empty, reversed, sub-page. */
    give(0x200123, 0x280000);       /* pages 0x201-0x27f */
    give(0x100000, 0x180000);
    give(0x170000, 0x210000);       /* overlaps both: one range 0x100-0x27f */
    give(0x5000, 0x5000);
    give(0x9000, 0x8000);
    give(0x3100, 0x3f00);
    give(0x400000, 0x800000);
    give(0x800000, 0x900fff);       /* touches: 0x400-0x8ff */
    give(0x50000, 0x60fff);         /* 0x50-0x5f */
    give(0x5a000, 0x5b000);         /* inside an existing range */
    model_machine();

    s = take(1, 1);
    CHECK_EQ(s, 0x8ff);             /* top of the highest range */
    s = take(0x10, 0x100);
    CHECK_EQ(s, 0x800);             /* aligned, leaving 0x810-0x8fe free */
    s = take(0x300, 1);
    CHECK_EQ(s, 0x500);
    s = take(3, 0);                 /* alignment 0 means none */
    CHECK_EQ(s, 0x8fc);
    s = take(0x100, 0x100);         /* exactly what is left of 0x400-0x4ff */
    CHECK_EQ(s, 0x400);
    CHECK(SHIM_EXPECT_BUG(alloc_boot_pages(0x1000, 1)));
    CHECK(strstr(shim_last_bug, "panic"));
    CHECK(SHIM_EXPECT_BUG(alloc_boot_pages(1, 3)));   /* not a power of 2 */

    end_boot_allocator();
    check_heap_is_model();
    CHECK(SHIM_EXPECT_BUG(alloc_boot_pages(1, 1)));
    CHECK(SHIM_EXPECT_BUG(init_boot_pages(0x1000000, 0x2000000)));
    CHECK(SHIM_EXPECT_BUG(end_boot_allocator()));
}

void test_boot_random_align(void)
{
    struct rng r = { 0xb007b007UL };
    unsigned int i;

    /* A few unsorted ranges with odd edges. */
    give(0xa00801, 0xf00000);
    give(0x001000, 0x09f000);
    give(0x300000, 0x5ff800);
    give(0x100000, 0x301000);
    give(0xf00000, 0xf80000);
    model_machine();

    /* Each allocation adds at most one range: stays well below 128. */
    for ( i = 0; i < 100; i++ )
    {
        unsigned long nr = 1 + rng_below(&r, 48);
        unsigned long align = 1UL << rng_below(&r, 10);

        if ( model_best(nr, align) >= 0 )
            take(nr, align);
        else
            CHECK(SHIM_EXPECT_BUG(alloc_boot_pages(nr, align)));
    }
    end_boot_allocator();
    check_heap_is_model();
}

void test_boot_many_ranges(void)
{
    unsigned int i;

    /* 200 two-page ranges with one-page gaps: only 128 fit. */
    for ( i = 0; i < 200; i++ )
        give((3UL * i + 1) << PAGE_SHIFT, (3UL * i + 3) << PAGE_SHIFT);
    CHECK(strstr(shim_last_printk, "losing"));
    for ( i = 128; i < 200; i++ )
    {
        model[3 * i + 1] = 0;
        model[3 * i + 2] = 0;
    }

    /* Filling a gap merges two ranges, which makes room for one more. */
    give(3UL << PAGE_SHIFT, 4UL << PAGE_SHIFT);
    give(0x900UL << PAGE_SHIFT, 0x904UL << PAGE_SHIFT);
    model_machine();

    CHECK_EQ(take(2, 1), 0x902);
    end_boot_allocator();
    check_heap_is_model();
}
