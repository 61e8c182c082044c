/*
 * Minimal unit-test harness: each test case runs in its own child process
 * (fresh allocator state, and a crash fails only that case) and is reported
 * as "PASS: <suite> <name>" or "FAIL: <suite> <name>: <reason>".
 */
#ifndef HARNESS_H
#define HARNESS_H

#include <stddef.h>

struct test_case {
    const char *name;
    void (*fn)(void);
};

/* Run the named cases (all if none are named); returns the failure count. */
int run_tests(const char *suite, const struct test_case *tests, size_t n,
              int argc, char **argv);

void test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 3, 4)));

#define CHECK(c) do {                                                   \
    if ( !(c) )                                                         \
        test_fail(__FILE__, __LINE__, "%s", #c);                        \
} while ( 0 )

#define CHECKF(c, ...) do {                                             \
    if ( !(c) )                                                         \
        test_fail(__FILE__, __LINE__, __VA_ARGS__);                     \
} while ( 0 )

#define CHECK_EQ(a, b) do {                                             \
    unsigned long a_ = (unsigned long)(a), b_ = (unsigned long)(b);     \
    if ( a_ != b_ )                                                     \
        test_fail(__FILE__, __LINE__, "%s == %s: %#lx != %#lx",         \
                  #a, #b, a_, b_);                                      \
} while ( 0 )

#endif /* HARNESS_H */
