/*
 * Helpers shared by the allocator unit tests (alloc_common.c).
 */
#ifndef ALLOC_TEST_H
#define ALLOC_TEST_H

#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include "shim/shim.h"
#include "harness.h"

/* Build the machine and give every RAM range to the heap. */
void heap_machine(unsigned long frames, const struct shim_range *ram,
                  unsigned int nr);

/*
 * Check that the free pages of each RAM run (adjacent ranges joined) form
 * exactly the maximal naturally aligned, single-zone blocks, worked out
 * independently of page_alloc.c, and that total_free_pages() matches.
 */
void check_fully_coalesced(const struct shim_range *ram, unsigned int nr);

/* The zone page_alloc.c should put an MFN in: its highest set bit. */
unsigned int test_zone(unsigned long mfn);

/* Deterministic pseudo-random numbers (xorshift), per thread. */
struct rng {
    unsigned long s;
};
unsigned long rng_next(struct rng *r);
unsigned long rng_below(struct rng *r, unsigned long n);

static inline unsigned long mfn_of(const struct page_info *pg)
{
    return mfn_x(page_to_mfn(pg));
}

/* Test cases, by file. */
#define BUDDY_TESTS(X)                                  \
    X(buddy_unaligned_range) X(buddy_hole) X(buddy_fragmentation) \
    X(buddy_best_fit)                                             \
    X(buddy_memf_bits) X(buddy_exhaustion) X(buddy_max_order)     \
    X(buddy_stress) X(domheap_owner_hooks) X(xenheap_pages)        \
    X(double_free_caught) X(reserved_free_caught) X(free_poison)  \
    X(scrub_on_alloc) X(scrub_background)
#define BOOT_TESTS(X)                                   \
    X(boot_ranges) X(boot_random_align) X(boot_many_ranges)
#define XMALLOC_TESTS(X)                                \
    X(xmalloc_classes) X(xmalloc_alignment) X(xmalloc_large)       \
    X(xzalloc_zeroes) X(xmalloc_array_overflow) X(xmalloc_exhaustion) \
    X(xmalloc_stress) X(xfree_bad_caught) X(xmalloc_use_after_free) \
    X(threads_stress)

#define DECLARE_TEST(n) void test_##n(void);
BUDDY_TESTS(DECLARE_TEST)
BOOT_TESTS(DECLARE_TEST)
XMALLOC_TESTS(DECLARE_TEST)

#endif /* ALLOC_TEST_H */
