/*
 * Host unit test for HYPERVISOR_xen_version and HYPERVISOR_console_io
 * (xen/common/version.c and xen/common/console_hypercall.c, compiled
 * unchanged against tests/unit/emul-shim/).  Guest memory is a host
 * buffer with a chosen fault point, so the -EFAULT paths are exercised
 * exactly; the console is a capture buffer and a scripted input queue.
 *
 * Prints "PASS: xenver <name>" / "FAIL: xenver <name>: ..." per case and
 * a closing "N passed, N failed" line; exits non-zero on failure.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/console.h>
#include <xen/hypercall.h>
#include <xen/guest_access.h>
#include <xen/version.h>
#include <public/version.h>
#include <stdio.h>
#include <stdlib.h>

void xen_version_save_cmdline(const char *cmdline);

struct vcpu *test_current;
static struct domain dom;
static struct vcpu vcpu;

static uint8_t guest[16384];
static unsigned long fault_at;          /* offset where copies fault */

static char out[4096];
static size_t out_len;
static const char *input;
static unsigned int preempt_after;      /* preempt checks answered "no" */
static struct {
    bool made;
    unsigned int op, nr;
    unsigned long args[3];
} cont;

bool guest_range_ok(const void *p, unsigned long n)
{
    const uint8_t *b = p;

    return !n || (b >= guest && b + n >= b && b + n <= guest + sizeof(guest));
}

static unsigned long copy(void *to, const void *from, unsigned long n,
                          const uint8_t *g)
{
    unsigned long ok = n;

    if ( g + n > guest + fault_at )
        ok = g >= guest + fault_at ? 0 : (unsigned long)(guest + fault_at - g);
    memcpy(to, from, ok);
    return n - ok;
}

unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n)
{
    return copy(to, from, n, from);
}

unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n)
{
    return copy(to, from, n, to);
}

void console_write(const char *s, size_t len)
{
    memcpy(out + out_len, s, len);
    out_len += len;
}

/* A domU's lines reach the console through printk. */
void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    out_len += vsnprintf(out + out_len, sizeof(out) - out_len, fmt, ap);
    va_end(ap);
}

void spin_lock(spinlock_t *l)
{
    (void)l;
}

void spin_unlock(spinlock_t *l)
{
    (void)l;
}

size_t console_read_input(char *buf, size_t len)
{
    size_t n = 0;

    while ( n < len && *input )
        buf[n++] = *input++;
    return n;
}

/* PV unless a test says otherwise (a PVH guest is translated). */
static bool translated;

bool arch_guest_translated(const struct domain *d)
{
    return translated;
}

bool hypercall_preempt_check(void)
{
    if ( preempt_after == 0 )
        return true;
    preempt_after--;
    return false;
}

long hypercall_create_continuation(unsigned int op, unsigned int nr, ...)
{
    va_list ap;
    unsigned int i;

    va_start(ap, nr);
    for ( i = 0; i < nr && i < 3; i++ )
        cont.args[i] = va_arg(ap, unsigned long);
    va_end(ap);
    cont.made = true;
    cont.op = op;
    cont.nr = nr;
    return op;
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

static void reset(bool privileged)
{
    memset(&dom, 0, sizeof(dom));
    memset(&vcpu, 0, sizeof(vcpu));
    dom.is_privileged = privileged;
    vcpu.domain = &dom;
    test_current = &vcpu;
    memset(guest, 0xa5, sizeof(guest));
    fault_at = sizeof(guest);
    out_len = 0;
    input = "";
    preempt_after = ~0u;
    memset(&cont, 0, sizeof(cont));
}

static unsigned int failures, passes;
static const char *current_case;
static bool case_failed;

#define EXPECT(c) do {                                                    \
    if ( !(c) && !case_failed )                                           \
    {                                                                     \
        printf("FAIL: xenver %s: line %d: %s\n", current_case, __LINE__, #c); \
        case_failed = true;                                               \
    }                                                                     \
} while ( 0 )

#define EXPECT_EQ(a, b) do {                                              \
    long a_ = (long)(a), b_ = (long)(b);                                  \
    if ( a_ != b_ && !case_failed )                                       \
    {                                                                     \
        printf("FAIL: xenver %s: line %d: %s == %s: %#lx != %#lx\n",      \
               current_case, __LINE__, #a, #b, a_, b_);                   \
        case_failed = true;                                               \
    }                                                                     \
} while ( 0 )

static long xv(unsigned long cmd, void *arg)
{
    return do_xen_version(cmd, (unsigned long)arg, 0, 0, 0);
}

static long cio(unsigned long cmd, unsigned long count, void *buf)
{
    return do_console_io(cmd, count, (unsigned long)buf, 0, 0);
}

/* Was exactly [off, off + n) written (guard bytes 0xa5 around it)? */
static bool wrote_exactly(size_t off, size_t n)
{
    return (off == 0 || guest[off - 1] == 0xa5) && guest[off + n] == 0xa5;
}

static void test_scalars(void)
{
    reset(false);
    EXPECT_EQ(xv(XENVER_version, NULL), (4 << 16) | 17);
    EXPECT_EQ(xv(XENVER_version, (void *)1), (4 << 16) | 17);
    EXPECT_EQ(xv(XENVER_pagesize, NULL), 4096);
    EXPECT_EQ(xv(XENVER_pagesize, guest), -EINVAL);
    EXPECT_EQ(xv(0x100000000UL | XENVER_version, NULL), (4 << 16) | 17);
    EXPECT_EQ(xv(11, NULL), -ENOSYS);
    EXPECT_EQ(xv(0xffffffffUL, NULL), -ENOSYS);
}

static void test_strings(void)
{
    reset(false);
    EXPECT_EQ(xv(XENVER_extraversion, guest), 0);
    EXPECT(!strcmp((char *)guest, XEN_EXTRAVERSION));
    EXPECT(wrote_exactly(0, 16) && guest[15] == 0);

    memset(guest, 0xa5, sizeof(guest));
    EXPECT_EQ(xv(XENVER_capabilities, guest), 0);
    EXPECT(!strcmp((char *)guest, "xen-3.0-x86_64 "));
    EXPECT(wrote_exactly(0, 1024) && guest[1023] == 0);

    memset(guest, 0xa5, sizeof(guest));
    EXPECT_EQ(xv(XENVER_changeset, guest), 0);
    EXPECT(wrote_exactly(0, 64) && guest[63] == 0);

    memset(guest, 0xa5, sizeof(guest));
    EXPECT_EQ(xv(XENVER_compile_info, guest), 0);
    EXPECT(wrote_exactly(0, sizeof(struct xen_compile_info)));
    EXPECT(!strncmp((char *)guest, "gcc", 3));

    EXPECT_EQ(xv(XENVER_platform_parameters, guest), 0);
    EXPECT_EQ(*(unsigned long *)guest, 0xffff800000000000UL);

    memset(guest, 0xa5, sizeof(guest));
    EXPECT_EQ(xv(XENVER_guest_handle, guest), 0);
    EXPECT(wrote_exactly(0, 16));
    EXPECT(guest[0] == 0 && guest[15] == 0);
    /* It is the caller's own handle. */
    memcpy(dom.handle, "0123456789abcdef", 16);
    EXPECT_EQ(xv(XENVER_guest_handle, guest), 0);
    EXPECT(!memcmp(guest, "0123456789abcdef", 16));
    memset(dom.handle, 0, 16);
}

static void test_commandline(void)
{
    reset(true);
    xen_version_save_cmdline("console=com1 loglvl=all");
    EXPECT_EQ(xv(XENVER_commandline, guest), 0);
    EXPECT(!strcmp((char *)guest, "console=com1 loglvl=all"));
    EXPECT(wrote_exactly(0, 1024));

    reset(false);
    EXPECT_EQ(xv(XENVER_commandline, guest), 0);
    EXPECT(!strcmp((char *)guest, "<denied>") && wrote_exactly(0, 9));
}

static void test_features(void)
{
    struct xen_feature_info *fi = (void *)guest;

    reset(true);
    fi->submap_idx = 0;
    EXPECT_EQ(xv(XENVER_get_features, fi), 0);
    EXPECT_EQ(fi->submap, 0x228f0);
    reset(false);
    fi->submap_idx = 0;
    EXPECT_EQ(xv(XENVER_get_features, fi), 0);
    EXPECT_EQ(fi->submap, 0x220f0);
    fi->submap_idx = 1;
    fi->submap = 7;
    EXPECT_EQ(xv(XENVER_get_features, fi), -EINVAL);
    EXPECT_EQ(fi->submap, 7);
    /* A PVH domU: what Xen 4.17 gave one (hvm-domu/console). */
    translated = true;
    fi->submap_idx = 0;
    EXPECT_EQ(xv(XENVER_get_features, fi), 0);
    EXPECT_EQ(fi->submap, 0x12305);
    translated = false;
}

static void test_build_id(void)
{
    struct xen_build_id *id = (void *)guest;

    reset(false);
    EXPECT_EQ(xv(XENVER_build_id, NULL), -EPERM);
    reset(true);
    EXPECT_EQ(xv(XENVER_build_id, NULL), -ENODATA);
    id->len = 0;
    EXPECT_EQ(xv(XENVER_build_id, id), -EINVAL);
    id->len = 64;
    EXPECT_EQ(xv(XENVER_build_id, id), -ENODATA);
}

static void test_efault(void)
{
    static const unsigned int cmds[] = {
        XENVER_extraversion, XENVER_compile_info, XENVER_capabilities,
        XENVER_changeset, XENVER_platform_parameters, XENVER_get_features,
        XENVER_guest_handle, XENVER_commandline,
    };
    unsigned int i;

    reset(true);
    fault_at = 4;
    for ( i = 0; i < ARRAY_SIZE(cmds); i++ )
        EXPECT_EQ(xv(cmds[i], guest), -EFAULT);
    EXPECT_EQ(xv(XENVER_build_id, guest + 8), -EFAULT);
    /* Pointers outside guest space. */
    EXPECT_EQ(xv(XENVER_extraversion, (void *)0xffff830000000000UL), -EFAULT);
    EXPECT_EQ(xv(XENVER_get_features, NULL), -EFAULT);
}

static void test_console_write(void)
{
    reset(true);
    memcpy(guest, "hello\n", 6);
    EXPECT_EQ(cio(CONSOLEIO_write, 6, guest), 0);
    EXPECT(out_len == 6 && !memcmp(out, "hello\n", 6));

    reset(true);
    EXPECT_EQ(cio(CONSOLEIO_write, 0, NULL), 0);
    EXPECT_EQ(out_len, 0);

    /* A long write in 128-byte pieces; a fault stops it with -EFAULT. */
    reset(true);
    fault_at = 300;
    EXPECT_EQ(cio(CONSOLEIO_write, 1000, guest), -EFAULT);
    EXPECT_EQ(out_len, 256);

    /* Preemption: a continuation with the rest of the count and buffer. */
    reset(true);
    preempt_after = 1;
    EXPECT_EQ(cio(CONSOLEIO_write, 1000, guest), __HYPERVISOR_console_io);
    EXPECT(cont.made && cont.nr == 3 && cont.args[0] == CONSOLEIO_write);
    EXPECT_EQ(cont.args[1], 1000 - 256);
    EXPECT_EQ(cont.args[2], (unsigned long)guest + 256);
    EXPECT_EQ(out_len, 256);

    /* count is 32 bits in the ABI */
    reset(true);
    memcpy(guest, "ab", 2);
    EXPECT_EQ(cio(CONSOLEIO_write, 0x100000002UL, guest), 0);
    EXPECT_EQ(out_len, 2);

    reset(false);
    EXPECT_EQ(cio(CONSOLEIO_write, 2, guest), -EPERM);
    EXPECT_EQ(cio(7, 2, guest), -EPERM);
}

/* A boot-time domU (is_console): writes only, whole lines, prefixed,
 * control characters dropped; lines are cut at the buffer's size. */
static void test_console_domu(void)
{
    reset(false);
    dom.is_console = true;
    dom.domain_id = 3;
    memcpy(guest, "par", 3);
    EXPECT_EQ(cio(CONSOLEIO_write, 3, guest), 0);
    EXPECT_EQ(out_len, 0);
    memcpy(guest, "t\x1b[2J\n", 6);
    EXPECT_EQ(cio(CONSOLEIO_write, 6, guest), 0);
    EXPECT(out_len == 13 && !memcmp(out, "(d3) part[2J\n", 13));
    EXPECT_EQ(cio(CONSOLEIO_read, 4, guest), -EPERM);

    reset(false);
    dom.is_console = true;
    memset(guest, 'x', 200);
    EXPECT_EQ(cio(CONSOLEIO_write, 200, guest), 0);
    EXPECT_EQ(out_len, 5 + 127 + 1);
}

static void test_console_read(void)
{
    reset(true);
    input = "typed";
    EXPECT_EQ(cio(CONSOLEIO_read, 3, guest), 3);
    EXPECT(!memcmp(guest, "typ", 3) && guest[3] == 0xa5);
    EXPECT_EQ(cio(CONSOLEIO_read, 100, guest), 2);
    EXPECT(!memcmp(guest, "ed", 2));
    EXPECT_EQ(cio(CONSOLEIO_read, 100, guest), 0);

    /* Nothing waiting: a bad buffer is never touched. */
    EXPECT_EQ(cio(CONSOLEIO_read, 16, (void *)0x1000), 0);
    input = "x";
    EXPECT_EQ(cio(CONSOLEIO_read, 16, (void *)0x1000), -EFAULT);

    EXPECT_EQ(cio(CONSOLEIO_read, 0x80000000UL, guest), -E2BIG);
    EXPECT_EQ(cio(CONSOLEIO_read, 0x7fffffffUL, guest), 0);
    EXPECT_EQ(cio(2, 1, guest), -ENOSYS);
}

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
    { "scalars", test_scalars },
    { "strings", test_strings },
    { "commandline", test_commandline },
    { "features", test_features },
    { "build_id", test_build_id },
    { "efault", test_efault },
    { "console_write", test_console_write },
    { "console_read", test_console_read },
    { "console_domu", test_console_domu },
};

int main(void)
{
    unsigned int k;

    for ( k = 0; k < ARRAY_SIZE(cases); k++ )
    {
        current_case = cases[k].name;
        case_failed = false;
        cases[k].fn();
        if ( case_failed )
            failures++;
        else
        {
            passes++;
            printf("PASS: xenver %s\n", current_case);
        }
    }
    printf("xenver: %u passed, %u failed\n", passes, failures);
    return failures ? 1 : 0;
}
