/*
 * xl config loader, the parts a command-line run cannot show:
 * the unit table and number parsing directly, and that a failed load
 * leaves the caller's struct exactly as it was.
 * usage: test_xlconfig SCHEMA GOOD.xml BAD.xml...
 */
#include <stdio.h>
#include <string.h>
#include "config.h"
#include "config-int.h"

static int failed, passed;

static void report(const char *name, int ok, const char *why)
{
    if ( ok )
    {
        printf("PASS: xlconfig %s\n", name);
        passed++;
    }
    else
    {
        printf("FAIL: xlconfig %s: %s\n", name, why);
        failed++;
    }
}

static const struct { const char *unit; uint64_t value, kib; int rc; } sizes[] = {
    { NULL, 7, 7, 0 },
    { "b", 1, 1, 0 }, { "bytes", 1024, 1, 0 }, { "b", 1025, 2, 0 },
    { "KB", 1024, 1000, 0 }, { "KB", 1, 1, 0 },
    { "k", 3, 3, 0 }, { "KiB", 3, 3, 0 },
    { "MB", 1, 977, 0 }, { "M", 1, 1024, 0 }, { "MiB", 2, 2048, 0 },
    { "GB", 1, 976563, 0 }, { "G", 1, 1048576, 0 }, { "GiB", 1, 1048576, 0 },
    { "TB", 1, 976562500, 0 }, { "T", 1, 1ULL << 30, 0 },
    { "TiB", 1, 1ULL << 30, 0 },
    { "TiB", 1ULL << 24, 0, -2 },            /* exactly 2^64 bytes */
    { "TiB", (1ULL << 24) - 1, ((1ULL << 24) - 1) << 30, 0 },
    { "b", UINT64_MAX, (UINT64_MAX >> 10) + 1, 0 },  /* no wrap rounding */
    { "KB", UINT64_MAX / 1000 + 1, 0, -2 },
    { "kb", 1, 0, -1 }, { "PiB", 1, 0, -1 },
};

static void test_units(void)
{
    char why[160] = "";

    for ( size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++ )
    {
        uint64_t kib = 0;
        int rc = xl_size_to_kib(sizes[i].value, sizes[i].unit, &kib);

        if ( rc != sizes[i].rc || (!rc && kib != sizes[i].kib) )
            snprintf(why, sizeof(why), "%llu %s: rc %d kib %llu",
                     (unsigned long long)sizes[i].value,
                     sizes[i].unit ? sizes[i].unit : "(none)", rc,
                     (unsigned long long)kib);
    }
    report("units-table", !why[0], why);
}

static void test_numbers(void)
{
    uint64_t v = 0;
    int ok = !xl_parse_u64(" +42\n", &v) && v == 42 &&
             !xl_parse_u64("18446744073709551615", &v) && v == UINT64_MAX &&
             xl_parse_u64("18446744073709551616", &v) &&
             xl_parse_u64("", &v) && xl_parse_u64("-1", &v) &&
             xl_parse_u64("1 2", &v) && xl_parse_u64("0x10", &v);

    report("parse-u64", ok, "a number was misread");
}

static void test_uuid(void)
{
    uint8_t u[16];
    int ok = !xl_parse_uuid("00112233-4455-6677-8899-AABBCCDDEEFF", u) &&
             u[0] == 0x00 && u[1] == 0x11 && u[10] == 0xaa && u[15] == 0xff &&
             xl_parse_uuid("0011223344556677889900aabbccddeef", u) &&
             xl_parse_uuid("0011223344556677889900aabbccdd", u) &&
             xl_parse_uuid("0-011223344556677889900aabbccddee", u);

    report("parse-uuid", ok, "a UUID was misread");
}

/* A failed load must not write to *out at all. */
static void test_untouched(const char *schema, const char *bad)
{
    struct xl_domain_config c, before;
    char err[512], name[300];

    memset(&c, 0xa5, sizeof(c));
    before = c;
    snprintf(name, sizeof(name), "untouched %s", strrchr(bad, '/') ?
             strrchr(bad, '/') + 1 : bad);
    if ( !xl_config_load_schema(bad, schema, &c, err, sizeof(err)) )
        report(name, 0, "loaded a bad file");
    else
        report(name, !memcmp(&c, &before, sizeof(c)) && err[0] &&
               !strchr(err, '\n'), "struct changed or no one-line message");
}

int main(int argc, char **argv)
{
    struct xl_domain_config c;
    char err[512];

    if ( argc < 3 )
    {
        fprintf(stderr, "usage: %s SCHEMA GOOD.xml [BAD.xml...]\n", argv[0]);
        return 2;
    }
    test_units();
    test_numbers();
    test_uuid();
    report("loads-good", !xl_config_load_schema(argv[2], argv[1], &c, err,
                                                 sizeof(err)), err);
    for ( int i = 3; i < argc; i++ )
        test_untouched(argv[1], argv[i]);
    printf("xlconfig-c: %d passed, %d failed\n", passed, failed);
    return failed != 0;
}
