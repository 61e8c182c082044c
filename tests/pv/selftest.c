/*
 * selftest.c - the test library checking itself.
 *
 * Every other test trusts snprintf, the string routines, the command-line
 * parser and the exception probes; a bug there would show up as a
 * misleading result elsewhere.  Nothing here depends on the hypervisor
 * beyond what hello.c already needs, so a failure points at the library.
 *
 * pvtest-cmdline: selftest.num=0x2a selftest.flag selftest.str=abc
 */
#include <pvtest.h>

const char test_title[] = "selftest: printf, strings, cmdline and probes";

static char out[128];
/* Hidden from the compiler's format checking, which rejects a NULL %s. */
static const char *volatile null_string;

#define CHECK_FMT(expected, ...)                                        \
    do {                                                                \
        int n_ = snprintf(out, sizeof(out), __VA_ARGS__);               \
        check(!strcmp(out, expected) && n_ == (int)strlen(expected),    \
              "snprintf(%s) gave \"%s\" (%d), expected \"%s\"",         \
              #__VA_ARGS__, out, n_, expected);                         \
    } while ( 0 )

static void test_printf(void)
{
    CHECK_FMT("-42 17 4294967295", "%d %i %u", -42, 17, 0xffffffffu);
    CHECK_FMT("[   42][42   ][00042]", "[%5d][%-5d][%05d]", 42, 42, 42);
    CHECK_FMT("[-0042][  -42]", "[%05d][%5d]", -42, -42);
    CHECK_FMT("beef BEEF 0xbeef", "%x %X %#x", 0xbeef, 0xbeef, 0xbeef);
    CHECK_FMT("ffffffff80000000", "%lx", 0xffffffff80000000UL);
    CHECK_FMT("123456789abcdef0", "%llx", 0x123456789abcdef0ULL);
    CHECK_FMT("0x00001234", "%#010x", 0x1234);
    CHECK_FMT("0x1000", "%p", (void *)0x1000);
    CHECK_FMT("18446744073709551615", "%zu", (size_t)-1);
    CHECK_FMT("ff 7fff", "%hhx %hx", 0x1ff, 0x17fff);
    CHECK_FMT("+5 [ 5] 17", "%+d [% d] %o", 5, 5, 15);
    CHECK_FMT("[ab][  abc][abc  ][(null)]", "[%.2s][%5s][%-5s][%s]",
              "abc", "abc", "abc", null_string);
    CHECK_FMT("x%-[  y]", "%c%%%s[%*c]", 'x', "-", 3, 'y');
    CHECK_FMT("-9223372036854775808", "%ld", (long)(1UL << 63));
    CHECK_FMT("007", "%.3d", 7);

    /* Truncation keeps the full length as the return value. */
    check_eq(snprintf(out, 4, "hello"), 5, "snprintf truncated return");
    check(!strcmp(out, "hel"), "truncated output \"%s\"", out);
}

static void test_strings(void)
{
    char buf[16] = "abcdefgh";
    const char *end;

    memmove(buf + 2, buf, 6);
    check(!memcmp(buf, "ababcdef", 8), "memmove overlapping: \"%.8s\"", buf);
    check(strstr("hello world", "o w") != NULL, "strstr");
    check(strstr("hello", "xyz") == NULL, "strstr miss");
    check_eq(strtoul("0x2a", &end, 0), 42, "strtoul hex");
    check_eq(strtoul("052", NULL, 0), 42, "strtoul octal");
    check_eq(strtoul("42z", &end, 10), 42, "strtoul decimal");
    check(*end == 'z', "strtoul end");
    check_eq(strlcpy(buf, "0123456789abcdefXYZ", sizeof(buf)), 19, "strlcpy");
    check(!strcmp(buf, "0123456789abcde"), "strlcpy result \"%s\"", buf);
    check(strcmp("abc", "abd") < 0 && strncmp("abc", "abd", 2) == 0, "strcmp");
}

static void test_cmdline(void)
{
    char v[16];

    check(kernel_cmdline_value("selftest.num", v, sizeof(v)) &&
          strtoul(v, NULL, 0) == 42, "selftest.num");
    check(kernel_cmdline_value("selftest.flag", v, sizeof(v)) && v[0] == '\0',
          "selftest.flag (bare word)");
    check(kernel_cmdline_value("selftest.str", v, sizeof(v)) &&
          !strcmp(v, "abc"), "selftest.str");
    check(!kernel_cmdline_find("selftest"), "prefix of a word matched");
    check(!kernel_cmdline_find("selftest.missing"), "missing word found");
}

static void test_probes(void)
{
    char buf[24];
    uint64_t v = 0;
    static uint64_t word = 0x1122334455667788UL;

    check(!strcmp(exinfo_str(EXINFO(X86_EXC_GP, 0x1a), buf, sizeof(buf)),
                  "#GP[001a]"), "exinfo_str gave \"%s\"", buf);
    check(!strcmp(exinfo_str(EXINFO_NONE, buf, sizeof(buf)), "none"),
          "exinfo_str(none) gave \"%s\"", buf);
    check_exinfo(probe_read64(&word, &v), EXINFO_NONE, "read of a mapped word");
    check_eq(v, word, "probed value");
    check_exinfo(probe_write64(&word, 5), EXINFO_NONE, "write of a mapped word");
    check_eq(word, 5, "probed write");
    /* The registers the compiler keeps across a probe survive a fault. */
    check_exinfo(probe_read64((void *)8, &v), EXINFO(X86_EXC_PF, 0),
                 "read of address 8");
    check_eq(v, 0, "value after a faulting read");
    check(pt_leaf((unsigned long)&word) & _PAGE_PRESENT, "pt_walk of .data");
    check(!(pt_leaf(0x1000) & _PAGE_PRESENT), "pt_walk of an unmapped va");
}

void test_main(void)
{
    test_printf();
    test_strings();
    test_cmdline();
    test_probes();
}
