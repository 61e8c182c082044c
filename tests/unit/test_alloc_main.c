/*
 * The allocator unit tests: buddy heap, boot allocator, xmalloc.
 * Usage: alloc-tests [case ...]   (all cases if none are named)
 */
#include "alloc_test.h"

#define TEST_ENTRY(n) { #n, test_##n },

static const struct test_case tests[] = {
    BUDDY_TESTS(TEST_ENTRY)
    BOOT_TESTS(TEST_ENTRY)
    XMALLOC_TESTS(TEST_ENTRY)
};

int main(int argc, char **argv)
{
    return run_tests("alloc", tests, ARRAY_SIZE(tests), argc, argv) ? 1 : 0;
}
