/*
 * pvtest.h - everything a PV test kernel needs, and the test API.
 *
 * A test kernel is one C file that defines
 *
 *     const char test_title[] = "what this checks";
 *     void test_main(void) { ... }
 *
 * The library boots, prints the title, calls test_main() and, when it
 * returns, prints exactly one line
 *
 *     Test result: SUCCESS
 *     Test result: FAILURE (<first failure>)
 *     Test result: ERROR (<first error>)
 *     Test result: SKIP (<first skip reason>)
 *
 * (the worst outcome wins: ERROR > FAILURE > SKIP > SUCCESS) and powers
 * the domain off.  xtest_fail/xtest_error/xtest_skip only record and
 * print; the test keeps running unless it returns.  xtest_exit() ends it
 * on the spot.
 *
 * FAILURE means the hypervisor behaved wrongly; ERROR means the test
 * itself could not do its job (a set-up hypercall failed, an unexpected
 * exception); SKIP means the check does not apply here.
 */
#ifndef PVTEST_H
#define PVTEST_H

#include <pv/types.h>
#include <pv/string.h>
#include <pv/printf.h>
#include <pv/console.h>
#include <pv/x86.h>
#include <pv/hypercall.h>
#include <pv/kernel.h>
#include <pv/traps.h>
#include <pv/exinfo.h>
#include <pv/events.h>
#include <pv/hvinfo.h>
#include <pv/shutdown.h>
#include <pv/pagetable.h>
#include <pv/time.h>
#include <pv/vcpu.h>

/* Provided by each test kernel. */
extern const char test_title[];
void test_main(void);

enum test_outcome
{
    TEST_SUCCESS = 0,
    TEST_SKIP,
    TEST_FAILURE,
    TEST_ERROR,
};

void xtest_fail(const char *fmt, ...) __printf(1, 2);
void xtest_error(const char *fmt, ...) __printf(1, 2);
void xtest_skip(const char *fmt, ...) __printf(1, 2);

/* Informational line, indented under the test's output. */
void xtest_info(const char *fmt, ...) __printf(1, 2);

/* Worst outcome so far. */
enum test_outcome xtest_outcome(void);

/* Print the result line now and power off. */
void xtest_exit(void) __noreturn;

/* Used by the trap code: report an ERROR result and crash the domain. */
void xtest_crash(const char *fmt, ...) __printf(1, 2) __noreturn;

/* Record a failure unless cond holds; evaluates to cond. */
#define check(cond, ...)                                            \
    ({                                                              \
        bool __ok = (cond);                                         \
        if ( !__ok )                                                \
            xtest_fail(__VA_ARGS__);                                \
        __ok;                                                       \
    })

/* Compare two integers; the failure message names both values. */
#define check_eq(actual, expected, what)                            \
    ({                                                              \
        unsigned long long __a = (unsigned long long)(actual);      \
        unsigned long long __e = (unsigned long long)(expected);    \
        check(__a == __e, "%s: got %#llx, expected %#llx",          \
              (what), __a, __e);                                    \
    })

/* A hypercall result that must be 0 for the test to make sense. */
#define check_rc_setup(rc, what)                                    \
    ({                                                              \
        long __rc = (rc);                                           \
        if ( __rc != 0 )                                            \
            xtest_error("%s returned %ld", (what), __rc);           \
        __rc == 0;                                                  \
    })

/* An exception probe result, compared with the expected exinfo_t. */
#define check_exinfo(actual, expected, what)                        \
    ({                                                              \
        exinfo_t __x = (actual), __y = (expected);                  \
        char __bx[24], __by[24];                                    \
        check(__x == __y, "%s: got %s, expected %s", (what),        \
              exinfo_str(__x, __bx, sizeof(__bx)),                  \
              exinfo_str(__y, __by, sizeof(__by)));                 \
    })

#endif /* PVTEST_H */
