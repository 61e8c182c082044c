/*
 * Unit-test harness (see harness.h).  The child reports a failure reason
 * through a pipe; the parent prints exactly one line per case.
 */
#include <xen/lib.h>
#include "shim/shim.h"
#include "harness.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TEST_TIMEOUT 300

static int report_fd = -1;

static void report(const char *msg)
{
    size_t len = strlen(msg);

    if ( write(report_fd, msg, len) != (ssize_t)len )
        _exit(2);
}

void test_fail(const char *file, int line, const char *fmt, ...)
{
    char msg[1024];
    int n;
    va_list ap;

    n = snprintf(msg, sizeof(msg), "%s:%d: ", file, line);
    va_start(ap, fmt);
    vsnprintf(msg + n, sizeof(msg) - n, fmt, ap);
    va_end(ap);
    report(msg);
    _exit(1);
}

static void fatal_hook(const char *msg)
{
    report("unexpected ");
    report(msg);
    _exit(1);
}

static void run_child(const struct test_case *t, int fd)
{
    report_fd = fd;
    shim_fatal_hook = fatal_hook;
    alarm(TEST_TIMEOUT);
    t->fn();
    if ( shim_locks_held() )
        test_fail(__FILE__, __LINE__, "%u lock(s) still held at the end",
                  shim_locks_held());
    exit(0);
}

/* Collapse the child's report to one line. */
static void read_report(int fd, char *buf, size_t size)
{
    size_t len = 0;
    ssize_t n;

    while ( len + 1 < size && (n = read(fd, buf + len, size - 1 - len)) > 0 )
        len += n;
    buf[len] = '\0';
    for ( n = 0; n < (ssize_t)len; n++ )
        if ( buf[n] == '\n' )
            buf[n] = ' ';
}

static bool run_one(const char *suite, const struct test_case *t)
{
    char reason[1024];
    int fds[2], status;
    pid_t pid;

    fflush(stdout);
    fflush(stderr);
    if ( pipe(fds) || (pid = fork()) < 0 )
    {
        perror("harness");
        exit(2);
    }
    if ( pid == 0 )
    {
        close(fds[0]);
        run_child(t, fds[1]);
    }
    close(fds[1]);
    read_report(fds[0], reason, sizeof(reason));
    close(fds[0]);
    waitpid(pid, &status, 0);

    if ( WIFEXITED(status) && WEXITSTATUS(status) == 0 && !reason[0] )
    {
        printf("PASS: %s %s\n", suite, t->name);
        return true;
    }
    if ( !reason[0] && WIFSIGNALED(status) )
        snprintf(reason, sizeof(reason), "killed by signal %d (%s)%s",
                 WTERMSIG(status), strsignal(WTERMSIG(status)),
                 WTERMSIG(status) == SIGALRM ? ": timeout" : "");
    else if ( !reason[0] )
        snprintf(reason, sizeof(reason),
                 "exit status %d (sanitizer report on stderr?)",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    printf("FAIL: %s %s: %s\n", suite, t->name, reason);
    return false;
}

static bool selected(const char *name, int argc, char **argv)
{
    int i;

    if ( argc <= 1 )
        return true;
    for ( i = 1; i < argc; i++ )
        if ( !strcmp(argv[i], name) )
            return true;
    return false;
}

int run_tests(const char *suite, const struct test_case *tests, size_t n,
              int argc, char **argv)
{
    int failed = 0;
    size_t i;

    for ( i = 0; i < n; i++ )
        if ( selected(tests[i].name, argc, argv) && !run_one(suite, &tests[i]) )
            failed++;
    fflush(stdout);
    return failed;
}
