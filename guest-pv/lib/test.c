/*
 * test.c - outcome bookkeeping and the one "Test result:" line.
 *
 * The reason shown is the first message of the worst outcome seen, so
 * an early ERROR is not hidden by later FAILUREs and vice versa.
 */
#include <pvtest.h>

static enum test_outcome outcome = TEST_SUCCESS;
static char reason[200];
static bool result_printed;

static const char *const outcome_names[] = {
    [TEST_SUCCESS] = "SUCCESS",
    [TEST_SKIP]    = "SKIP",
    [TEST_FAILURE] = "FAILURE",
    [TEST_ERROR]   = "ERROR",
};

static void record(enum test_outcome o, const char *tag, const char *fmt,
                   va_list ap)
{
    char msg[sizeof(reason)];

    vsnprintf(msg, sizeof(msg), fmt, ap);
    printf("  %s: %s\n", tag, msg);
    if ( o > outcome )
    {
        outcome = o;
        strlcpy(reason, msg, sizeof(reason));
    }
}

void xtest_fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(TEST_FAILURE, "failure", fmt, ap);
    va_end(ap);
}

void xtest_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(TEST_ERROR, "error", fmt, ap);
    va_end(ap);
}

void xtest_skip(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    record(TEST_SKIP, "skip", fmt, ap);
    va_end(ap);
}

void xtest_info(const char *fmt, ...)
{
    va_list ap;

    printf("  ");
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

enum test_outcome xtest_outcome(void)
{
    return outcome;
}

static void print_result(void)
{
    if ( result_printed )
        return;
    result_printed = true;
    if ( outcome == TEST_SUCCESS )
        printf("Test result: SUCCESS\n");
    else
        printf("Test result: %s (%s)\n", outcome_names[outcome], reason);
}

void xtest_exit(void)
{
    print_result();
    pv_poweroff();
}

void xtest_crash(const char *fmt, ...)
{
    va_list ap;

    if ( !result_printed )
    {
        va_start(ap, fmt);
        record(TEST_ERROR, "error", fmt, ap);
        va_end(ap);
        print_result();
    }
    pv_crash();
}
