/*
 * Helpers shared by the allocator unit tests.
 */
#include "alloc_test.h"

void heap_machine(unsigned long frames, const struct shim_range *ram,
                  unsigned int nr)
{
    unsigned int i;

    shim_machine(frames, ram, nr);
    for ( i = 0; i < nr; i++ )
        init_heap_pages(mfn_to_page(_mfn(ram[i].s)), ram[i].e - ram[i].s);
}

unsigned int test_zone(unsigned long mfn)
{
    unsigned int z = 0;

    while ( mfn >>= 1 )
        z++;
    return z;
}

/* Largest order a block at p may have within [p, e). */
static unsigned int max_block(unsigned long p, unsigned long e)
{
    unsigned int k;

    for ( k = MAX_ORDER; k > 0; k-- )
    {
        unsigned long n = 1UL << k;

        if ( p % n == 0 && p + n <= e &&
             test_zone(p) == test_zone(p + n - 1) )
            break;
    }
    return k;
}

static void check_run(unsigned long s, unsigned long e)
{
    unsigned long p = s;

    while ( p < e )
    {
        const struct page_info *pg = mfn_to_page(_mfn(p));
        unsigned int want = max_block(p, e), i;

        /* Clean or dirty (PGC_need_scrub) alike. */
        CHECKF((pg->count_info & ~PGC_need_scrub) == PGC_free,
               "MFN %#lx not free (count_info %#lx)", p, pg->count_info);
        CHECKF(pg->u.free.order == want,
               "block at MFN %#lx has order %u, fully coalesced it is %u",
               p, pg->u.free.order, want);
        for ( i = 1; i < (1U << want); i++ )
            CHECKF((pg[i].count_info & ~PGC_need_scrub) == PGC_free,
                   "MFN %#lx inside free block"
                   " at %#lx not free", p + i, p);
        p += 1UL << want;
    }
}

void check_fully_coalesced(const struct shim_range *ram, unsigned int nr)
{
    unsigned long pages = 0;
    unsigned int i;

    /* Ranges are listed in ascending order; join the touching ones. */
    for ( i = 0; i < nr; )
    {
        unsigned long s = ram[i].s, e = ram[i].e;

        for ( i++; i < nr && ram[i].s == e; i++ )
            e = ram[i].e;
        check_run(s, e);
        pages += e - s;
    }
    CHECK_EQ(total_free_pages(), pages);
}

unsigned long rng_next(struct rng *r)
{
    r->s ^= r->s << 13;
    r->s ^= r->s >> 7;
    r->s ^= r->s << 17;
    return r->s;
}

unsigned long rng_below(struct rng *r, unsigned long n)
{
    return rng_next(r) % n;
}
