/*
 * test_xz.c - host-side tests for the hypervisor's .xz decoder
 * (lib/xz/).
 *
 * Builds sample inputs at run time with the xz(1) command, decodes them
 * with our decoder and compares against the originals; then feeds it
 * truncated, corrupted and unsupported inputs; finally (optionally)
 * decompresses the XZ payload of a real Debian kernel bzImage and checks
 * it against `xz -dc --single-stream`.
 *
 * Usage: test_xz --work DIR [--kernel VMLINUZ | --kernel-skip REASON]
 *                [--kernel-name NAME] [--kernel-only] [--max-seconds N]
 * Output: one line per case, "PASS: xz <name>", "FAIL: xz <name>: why" or
 * "SKIP: xz <name>: why"; lines starting with '#' are information only.
 * Exit status 0 only if nothing failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "xz.h"
#include "xz_private.h"     /* xz_crc32(), to re-seal edited headers */

/* ---- reporting -------------------------------------------------------- */

static int n_pass, n_fail, n_skip;
static char current_case[256];

static void pass(const char *name)
{
    printf("PASS: xz %s\n", name);
    n_pass++;
}

static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: xz %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    n_fail++;
}

static void skip(const char *name, const char *why)
{
    printf("SKIP: xz %s: %s\n", name, why);
    n_skip++;
}

/* A hang is a failure too: each case runs under a watchdog. */
static void on_alarm(int sig)
{
    char msg[400];
    int n;

    (void)sig;
    n = snprintf(msg, sizeof(msg), "FAIL: xz %s: timed out\n", current_case);
    if ( n > 0 && write(1, msg, (size_t)n) < 0 )
        _exit(2);
    _exit(1);
}

static void begin_case(const char *name, unsigned int seconds)
{
    snprintf(current_case, sizeof(current_case), "%s", name);
    fflush(stdout);
    alarm(seconds);
}

static const char *err_name(int ret)
{
    switch ( ret )
    {
    case XZ_OK: return "OK";
    case XZ_EIO: return "EIO";
    case XZ_EINVAL: return "EINVAL";
    case XZ_ENOSPC: return "ENOSPC";
    default: return "unknown";
    }
}

/* ---- files and commands ----------------------------------------------- */

struct buf
{
    uint8_t *data;
    size_t len;
};

static const char *work_dir;

static int read_file(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    size_t cap = 1 << 16, n;

    b->data = NULL;
    b->len = 0;
    if ( !f )
        return -1;
    b->data = malloc(cap);
    while ( (n = fread(b->data + b->len, 1, cap - b->len, f)) > 0 )
    {
        b->len += n;
        if ( b->len == cap )
        {
            cap *= 2;
            b->data = realloc(b->data, cap);
        }
    }
    fclose(f);
    /* Exact-size copy so ASan sees any read past the end. */
    b->data = realloc(b->data, b->len ? b->len : 1);
    return 0;
}

static int write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if ( !f )
        return -1;
    if ( len && fwrite(data, 1, len, f) != len )
    {
        fclose(f);
        return -1;
    }
    return fclose(f);
}

static int run(const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(cmd, sizeof(cmd), fmt, ap);
    va_end(ap);
    return system(cmd);
}

static struct buf copy_buf(const uint8_t *data, size_t len)
{
    struct buf b = { malloc(len ? len : 1), len };

    memcpy(b.data, data, len);
    return b;
}

static void free_buf(struct buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = 0;
}

/* Compress 'orig' with xz and the given options. */
static int xz_compress(const struct buf *orig, const char *tag,
                       const char *opts, struct buf *out)
{
    char in_path[1024], out_path[1024];

    snprintf(in_path, sizeof(in_path), "%s/%s.bin", work_dir, tag);
    snprintf(out_path, sizeof(out_path), "%s/%s.xz", work_dir, tag);
    if ( write_file(in_path, orig->data, orig->len) )
        return -1;
    /* Warnings (e.g. about raw mode) go to a log, not into our output. */
    if ( run("xz -c %s '%s' > '%s' 2>> '%s/xz-stderr.log'", opts, in_path,
             out_path, work_dir) != 0 )
        return -1;
    return read_file(out_path, out);
}

/* ---- sample data ------------------------------------------------------ */

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint32_t rnd(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (uint32_t)(rng_state >> 32);
}

static struct buf gen_random(size_t len)
{
    struct buf b = { malloc(len ? len : 1), len };
    size_t i;

    for ( i = 0; i < len; i++ )
        b.data[i] = (uint8_t)rnd();
    return b;
}

static struct buf gen_text(size_t len)
{
    static const char *words[] = {
        "hypervisor", "domain", "page", "table", "grant", "event",
        "channel", "vcpu", "the", "of", "and", "mapping", "shadow",
        "xen", "guest", "kernel", "interrupt", "\n", ", ", ".\n",
    };
    struct buf b = { malloc(len ? len : 1), len };
    size_t pos = 0;

    while ( pos < len )
    {
        char piece[64];
        int n = snprintf(piece, sizeof(piece), "%s %u ",
                         words[rnd() % 20], rnd() % 1000);
        size_t k;

        for ( k = 0; k < (size_t)n && pos < len; k++ )
            b.data[pos++] = (uint8_t)piece[k];
    }
    return b;
}

/*
 * Bytes drawn mostly from E8, E9, 00 and FF: dense runs of fake CALL/JMP
 * opcodes drive every history rule of the x86 BCJ filter.
 */
static struct buf gen_x86_dense(size_t len)
{
    static const uint8_t alphabet[8] = {
        0xe8, 0xe9, 0x00, 0xff, 0xe8, 0x01, 0x00, 0xfe
    };
    struct buf b = { malloc(len ? len : 1), len };
    size_t i;

    for ( i = 0; i < len; i++ )
    {
        uint32_t r = rnd();

        b.data[i] = (r & 0x300) ? alphabet[r & 7] : (uint8_t)(r >> 16);
    }
    return b;
}

static struct buf gen_zeros(size_t len)
{
    struct buf b = { calloc(1, len ? len : 1), len };

    return b;
}

static struct buf gen_file(const char *path)
{
    struct buf b;

    if ( read_file(path, &b) )
        b.data = NULL;
    return b;
}

/* Text, noise and machine code interleaved: mixes stored and LZMA chunks. */
static struct buf gen_mixed(const struct buf *bin)
{
    struct buf parts[5], b;
    size_t i, pos = 0, total = 0;

    parts[0] = gen_text(300000);
    parts[1] = gen_random(150000);
    parts[2] = copy_buf(bin->data, bin->len < 200000 ? bin->len : 200000);
    parts[3] = gen_random(70000);
    parts[4] = gen_text(100000);
    for ( i = 0; i < 5; i++ )
        total += parts[i].len;
    b.data = malloc(total);
    b.len = total;
    for ( i = 0; i < 5; i++ )
    {
        memcpy(b.data + pos, parts[i].data, parts[i].len);
        pos += parts[i].len;
        free_buf(&parts[i]);
    }
    return b;
}

/* ---- decoding helpers ------------------------------------------------- */

/* Decode with an exact-size output buffer (or 'cap' if given). */
static int decode(const struct buf *in, size_t cap, struct buf *out)
{
    size_t out_len = 0;
    int ret;

    out->data = malloc(cap ? cap : 1);
    ret = xz_decode_buffer(in->data, in->len, cap ? out->data : NULL, cap,
                           &out_len);
    out->len = ret == 0 ? out_len : 0;
    return ret;
}

static int check_roundtrip(const char *name, const struct buf *orig,
                           const struct buf *xzd)
{
    struct buf out;
    int ret = decode(xzd, orig->len, &out);

    if ( ret != 0 )
        fail(name, "decoder returned %s", err_name(ret));
    else if ( out.len != orig->len || memcmp(out.data, orig->data, out.len) )
        fail(name, "output differs (got %zu bytes, want %zu)", out.len,
             orig->len);
    else
    {
        /* Spare room in the output buffer must not change anything. */
        free_buf(&out);
        ret = decode(xzd, orig->len + 4096, &out);
        if ( ret != 0 || out.len != orig->len ||
             memcmp(out.data, orig->data, out.len) )
            fail(name, "roomier output buffer: %s, %zu bytes", err_name(ret),
                 out.len);
        else
        {
            free_buf(&out);
            return 0;
        }
    }
    free_buf(&out);
    return -1;
}

/* ---- positive tests --------------------------------------------------- */

struct sample
{
    const char *name;
    struct buf data;
};

static const struct
{
    const char *name;
    const char *opts;
} option_sets[] = {
    { "kernel-like", "--check=crc32 --x86 --lzma2=preset=6,dict=32MiB" },
    { "crc64", "--check=crc64 --x86 --lzma2=preset=6" },
    { "check-none", "--check=none" },
    { "sha256", "--check=sha256" },
    { "lzma2-only", "--check=crc32 --lzma2=preset=6" },
    { "extreme", "-e --check=crc32" },
    { "preset0", "-0 --check=crc64" },
    { "small-dict", "--x86 --lzma2=dict=4KiB" },
    { "lc0-lp2-pb0", "--lzma2=lc=0,lp=2,pb=0" },
    { "lc4-lp0-pb4", "--lzma2=lc=4,lp=0,pb=4" },
    { "lc1-lp3-pb1", "--x86 --lzma2=lc=1,lp=3,pb=1" },
    { "multi-block",
      "--block-size=100KiB --check=crc32 --x86 --lzma2=preset=6" },
    { "threaded-blocks", "-T2 --block-size=128KiB --check=crc64" },
    { "x86-start", "--x86=start=4096 --lzma2 --check=crc32" },
};

static void test_roundtrips(struct sample *samples, size_t n_samples)
{
    size_t s, o;

    for ( s = 0; s < n_samples; s++ )
        for ( o = 0; o < sizeof(option_sets) / sizeof(option_sets[0]); o++ )
        {
            char name[256], tag[256];
            struct buf xzd;

            snprintf(name, sizeof(name), "decode %s/%s", samples[s].name,
                     option_sets[o].name);
            snprintf(tag, sizeof(tag), "rt-%s-%s", samples[s].name,
                     option_sets[o].name);
            begin_case(name, 120);
            if ( xz_compress(&samples[s].data, tag, option_sets[o].opts,
                             &xzd) )
            {
                fail(name, "xz command failed");
                continue;
            }
            if ( check_roundtrip(name, &samples[s].data, &xzd) == 0 )
                pass(name);
            free_buf(&xzd);
        }
}

static struct buf concat(const struct buf *a, const void *mid, size_t mid_len,
                         const struct buf *b)
{
    struct buf r;

    r.len = a->len + mid_len + (b ? b->len : 0);
    r.data = malloc(r.len);
    memcpy(r.data, a->data, a->len);
    if ( mid_len )
        memcpy(r.data + a->len, mid, mid_len);
    if ( b )
        memcpy(r.data + a->len + mid_len, b->data, b->len);
    return r;
}

static void expect_ret(const char *name, const struct buf *in, size_t cap,
                       int want)
{
    struct buf out;
    int ret;

    begin_case(name, 60);
    ret = decode(in, cap, &out);
    if ( ret == want )
        pass(name);
    else
        fail(name, "got %s, want %s", err_name(ret), err_name(want));
    free_buf(&out);
}

static void test_streams(const struct buf *t1, const struct buf *t2)
{
    static const uint8_t zeros[12], junk4[4] = { 0, 0, 0, 1 };
    struct buf a, b, cat, want, tmp;
    size_t used = 0, out_len = 0;
    struct xz_dec_state *st;
    uint8_t *out;
    int ret;

    if ( xz_compress(t1, "cat-a", "--check=crc32 --x86 --lzma2", &a) ||
         xz_compress(t2, "cat-b", "--check=crc64", &b) )
    {
        fail("streams", "xz command failed");
        return;
    }
    want = concat(t1, NULL, 0, t2);

    begin_case("concatenated-streams", 60);
    cat = concat(&a, NULL, 0, &b);
    if ( check_roundtrip("concatenated-streams", &want, &cat) == 0 )
        pass("concatenated-streams");
    free_buf(&cat);

    begin_case("stream-padding", 60);
    cat = concat(&a, zeros, 8, &b);
    tmp = concat(&cat, zeros, 4, NULL);
    if ( check_roundtrip("stream-padding", &want, &tmp) == 0 )
        pass("stream-padding");
    free_buf(&cat);
    free_buf(&tmp);

    tmp = concat(&a, zeros, 3, NULL);
    expect_ret("bad-padding-length", &tmp, t1->len, XZ_EINVAL);
    free_buf(&tmp);
    tmp = concat(&a, junk4, 4, NULL);
    expect_ret("trailing-garbage", &tmp, t1->len, XZ_EINVAL);
    free_buf(&tmp);

    /* Single-stream API: trailing bytes are the caller's business. */
    begin_case("single-stream-api", 60);
    st = malloc(sizeof(*st));
    out = malloc(t1->len);
    tmp = concat(&a, junk4, 4, NULL);
    ret = xz_decode_stream_with(st, tmp.data, tmp.len, &used, out, t1->len,
                                &out_len);
    if ( ret != 0 )
        fail("single-stream-api", "returned %s", err_name(ret));
    else if ( used != a.len || out_len != t1->len ||
              memcmp(out, t1->data, t1->len) )
        fail("single-stream-api", "in_used %zu (want %zu), out_len %zu",
             used, a.len, out_len);
    else
        pass("single-stream-api");

    /* Caller-provided state, reused for a second decode. */
    begin_case("caller-state-api", 60);
    ret = xz_decode_buffer_with(st, a.data, a.len, out, t1->len, &out_len);
    if ( ret == 0 )
        ret = xz_decode_buffer_with(st, a.data, a.len, out, t1->len,
                                    &out_len);
    if ( ret != 0 || out_len != t1->len || memcmp(out, t1->data, t1->len) )
        fail("caller-state-api", "returned %s", err_name(ret));
    else
        pass("caller-state-api");

    free(st);
    free(out);
    free_buf(&tmp);
    free_buf(&want);
    free_buf(&a);
    free_buf(&b);
}

static void test_enospc(const struct buf *orig)
{
    static const struct { const char *tag; const char *opts; } v[] = {
        { "single-block", "--check=crc32 --x86 --lzma2=preset=6" },
        { "multi-block", "--block-size=64KiB --check=crc32" },
        { "sized-blocks", "-T2 --block-size=64KiB --check=crc32" },
    };
    size_t i, k;

    for ( i = 0; i < 3; i++ )
    {
        struct buf xzd;
        char tag[64];

        snprintf(tag, sizeof(tag), "enospc-%s", v[i].tag);
        if ( xz_compress(orig, tag, v[i].opts, &xzd) )
        {
            fail(tag, "xz command failed");
            continue;
        }
        for ( k = 0; k < 3; k++ )
        {
            size_t caps[3] = { orig->len - 1, orig->len / 2 + 7, 0 };
            char name[128];

            snprintf(name, sizeof(name), "%s cap=%zu", tag, caps[k]);
            expect_ret(name, &xzd, caps[k], XZ_ENOSPC);
        }
        free_buf(&xzd);
    }
}

/* Inputs that are valid .xz (or close) but use what we do not support. */
static void test_unsupported(const struct buf *orig)
{
    static const struct { const char *tag; const char *opts; } v[] = {
        { "unsupported-delta", "--delta=dist=4 --lzma2" },
        { "unsupported-arm", "--arm --lzma2" },
        { "unsupported-x86-delta", "--x86 --delta --lzma2" },
        { "format-lzma", "--format=lzma" },
        { "format-raw", "--format=raw" },
    };
    static const uint8_t not_xz[16] = "hello, world....";
    struct buf xzd, tmp;
    size_t i;

    for ( i = 0; i < sizeof(v) / sizeof(v[0]); i++ )
    {
        if ( xz_compress(orig, v[i].tag, v[i].opts, &xzd) )
        {
            fail(v[i].tag, "xz command failed");
            continue;
        }
        expect_ret(v[i].tag, &xzd, orig->len, XZ_EINVAL);
        free_buf(&xzd);
    }

    tmp = copy_buf(not_xz, sizeof(not_xz));
    expect_ret("not-xz", &tmp, 100, XZ_EINVAL);
    free_buf(&tmp);
    tmp = copy_buf(not_xz, 0);
    expect_ret("empty-input", &tmp, 100, XZ_EINVAL);
    free_buf(&tmp);
}

/* ---- crafted headers: edits re-sealed with a valid CRC ----------------- */

static uint32_t le32_of(const uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static size_t find_index(const struct buf *x)
{
    return x->len - 12 - (le32_of(x->data + x->len - 8) + 1) * 4;
}

enum seal { SEAL_STREAM_HEADER, SEAL_BLOCK_HEADER, SEAL_INDEX, SEAL_FOOTER };

struct layout
{
    size_t block;   /* first block header */
    size_t index;
    size_t footer;
};

static void find_layout(const struct buf *x, struct layout *l)
{
    l->footer = x->len - 12;
    l->index = l->footer - (le32_of(x->data + l->footer + 4) + 1) * 4;
    l->block = 12;
}

/* Recompute the CRC32 that covers the edited structure. */
static void reseal(struct buf *x, const struct layout *l, enum seal what)
{
    size_t start, len;

    switch ( what )
    {
    case SEAL_STREAM_HEADER:
        start = 6, len = 2;
        xz_put_le32(x->data + 8, xz_crc32(x->data + start, len, 0));
        return;
    case SEAL_BLOCK_HEADER:
        start = l->block;
        len = (x->data[start] + 1) * 4 - 4;
        break;
    case SEAL_INDEX:
        start = l->index;
        len = l->footer - l->index - 4;
        break;
    default:
        xz_put_le32(x->data + l->footer,
                    xz_crc32(x->data + l->footer + 4, 6, 0));
        return;
    }
    xz_put_le32(x->data + start + len, xz_crc32(x->data + start, len, 0));
}

static void crafted_case(const char *name, const struct buf *orig,
                         const struct buf *xzd, size_t off, uint8_t value,
                         enum seal what, int want)
{
    struct buf x = copy_buf(xzd->data, xzd->len);
    struct layout l;

    find_layout(&x, &l);
    if ( what == SEAL_BLOCK_HEADER )
        off += l.block;
    else if ( what == SEAL_INDEX )
        off += l.index;
    else if ( what == SEAL_FOOTER )
        off += l.footer;
    x.data[off] = value;
    reseal(&x, &l, what);
    expect_ret(name, &x, orig->len, want);
    free_buf(&x);
}

/*
 * Header fields are CRC-protected, so random corruption rarely gets past
 * the CRC to the field checks; edit fields deliberately and re-seal.
 * Sample layout (xz --check=crc32 --lzma2, one block): block header
 * 02 00 21 01 <dict> 00 00 00 <crc>; index 00 01 <unpadded> <size> ...
 */
static void test_crafted(const struct buf *orig)
{
    struct buf xzd;

    if ( xz_compress(orig, "crafted", "--check=crc32 --lzma2=preset=6", &xzd) )
    {
        fail("crafted", "xz command failed");
        return;
    }
    if ( xzd.data[12] != 0x02 || xzd.data[13] != 0x00 ||
         xzd.data[14] != 0x21 || xzd.data[15] != 0x01 )
    {
        fail("crafted", "unexpected block header layout from xz");
        free_buf(&xzd);
        return;
    }
    crafted_case("crafted reseal-only", orig, &xzd, 4, xzd.data[16],
                 SEAL_BLOCK_HEADER, XZ_OK);
    crafted_case("crafted reserved-check-type", orig, &xzd, 7, 0x02,
                 SEAL_STREAM_HEADER, XZ_EINVAL);
    crafted_case("crafted stream-flags-high", orig, &xzd, 6, 0x01,
                 SEAL_STREAM_HEADER, XZ_EINVAL);
    crafted_case("crafted block-reserved-flag", orig, &xzd, 1, 0x04,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted two-filters-declared", orig, &xzd, 1, 0x01,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted filter-delta", orig, &xzd, 2, 0x03,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted filter-x86-last", orig, &xzd, 2, 0x04,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted lzma2-props-size", orig, &xzd, 3, 0x02,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted dict-props-41", orig, &xzd, 4, 41,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted dict-props-40", orig, &xzd, 4, 40,
                 SEAL_BLOCK_HEADER, XZ_OK);
    crafted_case("crafted header-padding", orig, &xzd, 6, 0x01,
                 SEAL_BLOCK_HEADER, XZ_EINVAL);
    crafted_case("crafted index-count", orig, &xzd, 1, 0x02,
                 SEAL_INDEX, XZ_EINVAL);
    crafted_case("crafted index-unpadded", orig, &xzd, 2,
                 (uint8_t)(xzd.data[find_index(&xzd) + 2] ^ 0x01),
                 SEAL_INDEX, XZ_EINVAL);
    crafted_case("crafted footer-flags", orig, &xzd, 9, 0x04,
                 SEAL_FOOTER, XZ_EINVAL);
    crafted_case("crafted footer-backward-size", orig, &xzd, 4,
                 (uint8_t)(xzd.data[xzd.len - 8] + 1), SEAL_FOOTER,
                 XZ_EINVAL);
    free_buf(&xzd);
}

/* ---- negative tests: truncation and corruption ------------------------ */

static void test_truncation(const char *name, const struct buf *orig,
                            const struct buf *xzd, size_t stride)
{
    size_t cut, bad = 0, first_bad = 0, tried = 0;

    begin_case(name, 300);
    for ( cut = 0; cut < xzd->len; cut += (cut < 64 ||
                                           cut + 64 > xzd->len) ? 1 : stride )
    {
        struct buf in = copy_buf(xzd->data, cut), out;
        int ret = decode(&in, orig->len, &out);

        tried++;
        if ( ret == 0 && !bad++ )
            first_bad = cut;
        free_buf(&in);
        free_buf(&out);
    }
    if ( bad )
        fail(name, "%zu of %zu truncations accepted (first at %zu)", bad,
             tried, first_bad);
    else
    {
        printf("# %s: %zu cut points, all rejected\n", name, tried);
        pass(name);
    }
}

struct corrupt_stats
{
    size_t tried, silent_ok, wrong_output, bad_code, check_errors;
    size_t first_wrong;
};

static void corrupt_one(const struct buf *orig, const struct buf *xzd,
                        size_t pos, uint8_t mask, struct corrupt_stats *s)
{
    struct buf in = copy_buf(xzd->data, xzd->len), out;
    int ret;

    in.data[pos] ^= mask;
    ret = decode(&in, orig->len, &out);
    s->tried++;
    if ( ret == XZ_EIO )
        s->check_errors++;
    else if ( ret != 0 && ret != XZ_EINVAL && ret != XZ_ENOSPC )
        s->bad_code++;
    else if ( ret == 0 )
    {
        if ( out.len == orig->len && !memcmp(out.data, orig->data, out.len) )
            s->silent_ok++;
        else if ( !s->wrong_output++ )
            s->first_wrong = pos;
    }
    free_buf(&in);
    free_buf(&out);
}

/*
 * Flip bits at many positions.  With a CRC check, success with wrong data
 * is a failure; with check=none only crash-freedom and sane return codes
 * can be asked for.
 */
static void test_corruption(const char *name, const struct buf *orig,
                            const struct buf *xzd, size_t stride,
                            bool has_check)
{
    static const uint8_t masks[] = { 0x01, 0x80, 0xff, 0x10 };
    struct corrupt_stats s = { 0, 0, 0, 0, 0, 0 };
    size_t pos;

    begin_case(name, 600);
    for ( pos = 0; pos < xzd->len; pos += stride )
        corrupt_one(orig, xzd, pos, masks[(pos / stride) % 4], &s);
    /* The last bytes (index, footer) are dense with fields: all of them. */
    for ( pos = xzd->len > 64 ? xzd->len - 64 : 0; pos < xzd->len; pos++ )
        corrupt_one(orig, xzd, pos, 0x04, &s);

    printf("# %s: %zu corruptions: %zu check errors, %zu harmless, "
           "%zu wrong-but-accepted\n", name, s.tried, s.check_errors,
           s.silent_ok, s.wrong_output);
    if ( s.bad_code )
        fail(name, "%zu unexpected return codes", s.bad_code);
    else if ( has_check && s.wrong_output )
        fail(name, "%zu corruptions gave wrong output with success "
             "(first at offset %zu)", s.wrong_output, s.first_wrong);
    else
        pass(name);
}

/* Several random byte changes at once, many times. */
static void test_fuzz(const char *name, const struct buf *orig,
                      const struct buf *xzd, unsigned int rounds)
{
    unsigned int r, wrong = 0, bad = 0;

    begin_case(name, 600);
    for ( r = 0; r < rounds; r++ )
    {
        struct buf in = copy_buf(xzd->data, xzd->len), out;
        unsigned int k, n = 1 + rnd() % 8;
        int ret;

        for ( k = 0; k < n; k++ )
            in.data[rnd() % in.len] = (uint8_t)rnd();
        ret = decode(&in, orig->len + (rnd() % 3) * 1000, &out);
        if ( ret == 0 && (out.len != orig->len ||
                          memcmp(out.data, orig->data, out.len)) )
            wrong++;
        if ( ret != 0 && ret != XZ_EINVAL && ret != XZ_EIO &&
             ret != XZ_ENOSPC )
            bad++;
        free_buf(&in);
        free_buf(&out);
    }
    if ( wrong || bad )
        fail(name, "%u wrong outputs accepted, %u bad codes", wrong, bad);
    else
        pass(name);
}

/*
 * Corruptions only the check can see: random data is kept in stored
 * (uncompressed) LZMA2 chunks, so flipping one of those bytes leaves the
 * stream well-formed; likewise flipping the check field itself.
 */
static void test_check_catches(const char *tag, const char *opts,
                               unsigned int check_len)
{
    struct buf orig = gen_random(200000), xzd, in, out;
    char name[128];
    int ret;

    if ( xz_compress(&orig, tag, opts, &xzd) )
    {
        fail(tag, "xz command failed");
        free_buf(&orig);
        return;
    }

    snprintf(name, sizeof(name), "%s stored-data-flip", tag);
    begin_case(name, 60);
    in = copy_buf(xzd.data, xzd.len);
    in.data[12 + 12 + 3 + 1000] ^= 0x20;    /* inside the first chunk */
    ret = decode(&in, orig.len, &out);
    if ( ret == XZ_EIO )
        pass(name);
    else
        fail(name, "got %s, want EIO", err_name(ret));
    free_buf(&in);
    free_buf(&out);

    /* Single block: the check field ends where the index begins. */
    snprintf(name, sizeof(name), "%s check-field-flip", tag);
    begin_case(name, 60);
    {
        size_t idx = xzd.len - 12 - ((size_t)(xzd.data[xzd.len - 8] |
                                              xzd.data[xzd.len - 7] << 8) + 1)
                                         * 4;
        unsigned int k, ok = 0;

        for ( k = 0; k < check_len; k++ )
        {
            in = copy_buf(xzd.data, xzd.len);
            in.data[idx - 1 - k] ^= 0x01;
            ret = decode(&in, orig.len, &out);
            ok += ret == XZ_EIO;
            free_buf(&in);
            free_buf(&out);
        }
        if ( ok == check_len )
            pass(name);
        else
            fail(name, "only %u of %u flips gave EIO", ok, check_len);
    }
    free_buf(&xzd);
    free_buf(&orig);
}

static void test_negative(const struct buf *bin)
{
    struct buf small = gen_mixed(bin), xzd, none;

    /* A smaller input keeps exhaustive byte-by-byte loops quick. */
    small.len = 24000;
    memcpy(small.data + 12000, bin->data + 4096, 12000);

    if ( xz_compress(&small, "neg-small",
                     "--check=crc32 --x86 --lzma2=preset=6,dict=32MiB",
                     &xzd) ||
         xz_compress(&small, "neg-none", "--check=none", &none) )
    {
        fail("negative", "xz command failed");
        return;
    }
    test_truncation("truncate small/every-byte", &small, &xzd, 1);
    test_corruption("corrupt small/every-byte", &small, &xzd, 1, true);
    test_corruption("corrupt small-check-none/every-byte", &small, &none, 1,
                    false);
    test_fuzz("fuzz small", &small, &xzd, 3000);
    free_buf(&xzd);
    free_buf(&none);
    free_buf(&small);

    small = gen_mixed(bin);
    if ( xz_compress(&small, "neg-multi",
                     "--block-size=200KiB --check=crc64 --x86 --lzma2", &xzd) )
    {
        fail("negative", "xz command failed");
        return;
    }
    test_truncation("truncate multi-block/spread", &small, &xzd,
                    xzd.len / 300 + 1);
    test_corruption("corrupt multi-block/spread", &small, &xzd,
                    xzd.len / 400 + 1, true);
    free_buf(&xzd);
    free_buf(&small);

    test_check_catches("crc32", "--check=crc32", 4);
    test_check_catches("crc64", "--check=crc64", 8);
}

/* ---- the real Debian kernel ------------------------------------------- */

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Find the XZ payload through the bzImage setup header. */
static int find_payload(const struct buf *img, const uint8_t **payload,
                        size_t *len, char *why, size_t why_len)
{
    size_t setup_sects, start, off, plen;

    if ( img->len < 0x250 || memcmp(img->data + 0x202, "HdrS", 4) )
    {
        snprintf(why, why_len, "no bzImage setup header");
        return -1;
    }
    setup_sects = img->data[0x1f1] ? img->data[0x1f1] : 4;
    start = (setup_sects + 1) * 512;
    off = le32_of(img->data + 0x248);
    plen = le32_of(img->data + 0x24c);
    if ( start + off + plen > img->len || plen < 16 )
    {
        snprintf(why, why_len, "payload %zu+%zu outside image", off, plen);
        return -1;
    }
    *payload = img->data + start + off;
    *len = plen;
    if ( memcmp(*payload, "\xfd" "7zXZ\0", 6) )
    {
        snprintf(why, why_len, "payload is not XZ");
        return -1;
    }
    return 0;
}

static int kernel_reference(const uint8_t *payload, size_t len,
                            struct buf *ref)
{
    char p_path[1024], r_path[1024];

    snprintf(p_path, sizeof(p_path), "%s/kernel-payload.bin", work_dir);
    snprintf(r_path, sizeof(r_path), "%s/kernel-payload.ref", work_dir);
    if ( write_file(p_path, payload, len) ||
         run("xz -dc --single-stream '%s' > '%s'", p_path, r_path) != 0 )
        return -1;
    return read_file(r_path, ref);
}

static void test_kernel(const char *path, const char *name,
                        double max_seconds)
{
    struct buf img, ref = { NULL, 0 };
    const uint8_t *payload;
    size_t plen, want, used = 0, out_len = 0;
    struct xz_dec_state *st = malloc(sizeof(*st));
    uint8_t *out;
    char why[256];
    double t0, t1;
    int ret;

    begin_case(name, 300);
    if ( read_file(path, &img) )
    {
        fail(name, "cannot read %s", path);
        return;
    }
    if ( find_payload(&img, &payload, &plen, why, sizeof(why)) )
    {
        fail(name, "%s", why);
        return;
    }
    want = le32_of(payload + plen - 4);
    out = malloc(want);

    t0 = now();
    ret = xz_decode_stream_with(st, payload, plen, &used, out, want,
                                &out_len);
    t1 = now();
    printf("# %s: %zu -> %zu bytes in %.3f s (%.1f MB/s output)\n", path,
           plen, out_len, t1 - t0, out_len / (t1 - t0) / 1e6);

    if ( ret != 0 )
        fail(name, "decoder returned %s", err_name(ret));
    else if ( out_len != want )
        fail(name, "got %zu bytes, size trailer says %zu", out_len, want);
    else if ( used != plen - 4 )
        fail(name, "stream used %zu bytes, want %zu", used, plen - 4);
    else if ( memcmp(out, "\x7f" "ELF\x02", 5) )
        fail(name, "output is not ELF64");
    else if ( kernel_reference(payload, plen, &ref) )
        fail(name, "xz -dc on the payload failed");
    else if ( ref.len != out_len || memcmp(ref.data, out, out_len) )
        fail(name, "differs from xz -dc output (%zu vs %zu bytes)",
             out_len, ref.len);
    else if ( max_seconds > 0 && t1 - t0 > max_seconds )
        fail(name, "took %.2f s, limit %.2f s", t1 - t0, max_seconds);
    else
        pass(name);

    free(out);
    free(st);
    free_buf(&img);
    free_buf(&ref);
}

/* ---- main ------------------------------------------------------------- */

int main(int argc, char **argv)
{
    const char *kernel = NULL, *kernel_skip = NULL;
    const char *kernel_name = "kernel-payload";
    bool kernel_only = false;
    double max_seconds = 0;
    struct sample samples[9];
    struct buf gcc_bin, ls_bin;
    size_t n = 0, i;
    int a;

    for ( a = 1; a < argc; a++ )
    {
        if ( !strcmp(argv[a], "--work") && a + 1 < argc )
            work_dir = argv[++a];
        else if ( !strcmp(argv[a], "--kernel") && a + 1 < argc )
            kernel = argv[++a];
        else if ( !strcmp(argv[a], "--kernel-skip") && a + 1 < argc )
            kernel_skip = argv[++a];
        else if ( !strcmp(argv[a], "--kernel-name") && a + 1 < argc )
            kernel_name = argv[++a];
        else if ( !strcmp(argv[a], "--kernel-only") )
            kernel_only = true;
        else if ( !strcmp(argv[a], "--max-seconds") && a + 1 < argc )
            max_seconds = atof(argv[++a]);
        else
        {
            fprintf(stderr, "usage: %s --work DIR [--kernel F | "
                    "--kernel-skip WHY] [--kernel-name N] [--kernel-only] "
                    "[--max-seconds N]\n",
                    argv[0]);
            return 2;
        }
    }
    if ( !work_dir )
        work_dir = ".";
    signal(SIGALRM, on_alarm);
    setvbuf(stdout, NULL, _IOLBF, 0);

    if ( !kernel_only )
    {
        gcc_bin = gen_file("/usr/bin/gcc-12");
        if ( !gcc_bin.data )
            gcc_bin = gen_file("/usr/bin/gcc");
        ls_bin = gen_file("/bin/ls");
        if ( !gcc_bin.data || !ls_bin.data )
        {
            fail("setup", "cannot read /usr/bin/gcc or /bin/ls");
            return 1;
        }

        samples[n++] = (struct sample){ "random", gen_random(1 << 20) };
        samples[n++] = (struct sample){ "text", gen_text(2 << 20) };
        samples[n++] = (struct sample){ "zeros", gen_zeros(4 << 20) };
        samples[n++] = (struct sample){ "gcc", copy_buf(gcc_bin.data,
                                                       gcc_bin.len) };
        samples[n++] = (struct sample){ "ls", copy_buf(ls_bin.data,
                                                      ls_bin.len) };
        samples[n++] = (struct sample){ "empty", gen_zeros(0) };
        samples[n++] = (struct sample){ "one-byte", gen_text(1) };
        samples[n++] = (struct sample){ "mixed", gen_mixed(&ls_bin) };
        samples[n++] = (struct sample){ "x86-dense", gen_x86_dense(300000) };

        test_roundtrips(samples, n);
        test_streams(&samples[1].data, &samples[4].data);
        test_enospc(&samples[7].data);
        test_unsupported(&samples[4].data);
        test_crafted(&samples[1].data);
        test_negative(&gcc_bin);

        for ( i = 0; i < n; i++ )
            free_buf(&samples[i].data);
        free_buf(&gcc_bin);
        free_buf(&ls_bin);
    }

    if ( kernel )
        test_kernel(kernel, kernel_name, max_seconds);
    else
        skip(kernel_name, kernel_skip ? kernel_skip
                                           : "no kernel image given");

    alarm(0);
    printf("# xz: %d passed, %d failed, %d skipped\n", n_pass, n_fail,
           n_skip);
    return n_fail ? 1 : 0;
}
