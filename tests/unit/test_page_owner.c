/*
 * Unit tests of the placeholder ownership hooks (common/page_owner.c)
 * together with the heap's domheap calls.
 */
#include "alloc_test.h"

static const struct shim_range ram[] = { { 16, 1024 } };

static void owner_assign_release(void)
{
    static char token;
    struct domain *d = (struct domain *)&token;
    struct page_info *pg;
    unsigned long free0, i;

    heap_machine(1024, ram, 1);
    free0 = total_free_pages();

    pg = alloc_domheap_pages(d, 3, 0);
    CHECK(pg);
    for ( i = 0; i < 8; i++ )
    {
        CHECK(pg[i].owner == d);
        CHECK_EQ(pg[i].count_info, PGC_allocated | 1);
    }
    free_domheap_pages(pg, 3);
    for ( i = 0; i < 8; i++ )
        CHECK(pg[i].owner == NULL && pg[i].count_info == PGC_free);
    CHECK_EQ(total_free_pages(), free0);
    CHECK(SHIM_EXPECT_BUG(free_domheap_pages(pg, 3)));

    pg = alloc_domheap_pages(d, 0, MEMF_no_owner);
    CHECK(pg && pg->owner == NULL && pg->count_info == 0);
    free_domheap_page(pg);
    CHECK_EQ(total_free_pages(), free0);
    check_fully_coalesced(ram, 1);
}

static const struct test_case tests[] = {
    { "page_owner_assign_release", owner_assign_release },
};

int main(int argc, char **argv)
{
    return run_tests("alloc", tests, ARRAY_SIZE(tests), argc, argv) ? 1 : 0;
}
