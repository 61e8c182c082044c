/*
 * test_libelf.c - host tests of the PV kernel loader library
 * (lib/elf/: ELF validation, Xen notes, loading, bzImage).
 *
 * Inputs are built by run-libelf.sh with the host toolchain: a small ELF
 * "kernel" carrying Xen notes in a PT_NOTE segment (--good), the same
 * with its notes only in a non-allocated section (--sections), and its
 * XZ compression (--good-xz), from which bzImages are synthesised here.
 * Everything malformed is derived from --good by mutation.  Optionally a
 * real Debian vmlinuz (--kernel) is parsed end to end and compared with
 * a reference vmlinux and note values taken from readelf.
 *
 * Usage: test_libelf --good F --sections F --good-xz F --expect-pend HEX
 *          [--kernel VMLINUZ --kernel-ref VMLINUX --expect-entry HEX
 *           --expect-virt-base HEX --expect-init-p2m HEX
 *           --expect-hypercall-page HEX|none | --kernel-skip REASON]
 * Output: "PASS: libelf <name>", "FAIL: libelf <name>: why",
 * "SKIP: libelf <name>: why"; exit status 0 only if nothing failed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "libelf.h"
#include <public/elfnote.h>

/* ---- reporting ---------------------------------------------------------- */

static int n_fail;

static void pass(const char *name)
{
    printf("PASS: libelf %s\n", name);
}

static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: libelf %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    n_fail++;
}

static void skip(const char *name, const char *why)
{
    printf("SKIP: libelf %s: %s\n", name, why);
}

/* ---- buffers ------------------------------------------------------------ */

struct buf {
    uint8_t *data;
    size_t len;
};

static int read_file(const char *path, struct buf *b)
{
    FILE *f = fopen(path, "rb");
    long n;

    b->data = NULL;
    b->len = 0;
    if ( !f )
        return -1;
    if ( fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) )
        goto bad;
    b->data = malloc(n ? n : 1);
    if ( !b->data || fread(b->data, 1, n, f) != (size_t)n )
        goto bad;
    b->len = n;
    fclose(f);
    return 0;
 bad:
    fclose(f);
    free(b->data);
    b->data = NULL;
    return -1;
}

static struct buf dup_buf(const struct buf *b)
{
    struct buf c = { malloc(b->len ? b->len : 1), b->len };

    if ( !c.data )
    {
        perror("malloc");
        exit(2);
    }
    memcpy(c.data, b->data, b->len);
    return c;
}

static void put_le(uint8_t *p, uint64_t v, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        p[i] = v >> (8 * i);
}

static uint64_t get_le(const uint8_t *p, unsigned int n)
{
    uint64_t v = 0;

    for ( unsigned int i = 0; i < n; i++ )
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

/* ---- raw ELF access, independent of the library under test -------------- */

#define EH_PHOFF   32
#define EH_PHNUM   56
#define EH_PHENT   54
#define PH_SIZE    56
#define PH_TYPE    0
#define PH_OFFSET  8
#define PH_VADDR   16
#define PH_PADDR   24
#define PH_FILESZ  32
#define PH_MEMSZ   40

static uint8_t *raw_phdr(const struct buf *b, unsigned int i)
{
    return b->data + get_le(b->data + EH_PHOFF, 8) + (uint64_t)i * PH_SIZE;
}

/* Index of the i-th (0-based) program header of the given type, or -1. */
static int raw_find_phdr(const struct buf *b, uint32_t type, unsigned int nth)
{
    unsigned int n = get_le(b->data + EH_PHNUM, 2);

    for ( unsigned int i = 0; i < n; i++ )
        if ( get_le(raw_phdr(b, i) + PH_TYPE, 4) == type && nth-- == 0 )
            return i;
    return -1;
}

/* Offset of the header of the "Xen" note of the given type, or -1. */
static long raw_find_note(const struct buf *b, uint32_t type)
{
    for ( size_t o = 0; o + 16 <= b->len; o += 4 )
        if ( get_le(b->data + o, 4) == 4 && get_le(b->data + o + 8, 4) == type &&
             !memcmp(b->data + o + 12, "Xen", 4) )
            return o;
    return -1;
}

/* ---- running the library ------------------------------------------------ */

static int parse(const uint8_t *img, size_t len, struct elf_binary *elf,
                 struct elf_xen_params *p)
{
    int rc = elf_init(elf, img, len);

    return rc ? rc : elf_xen_parse(elf, p);
}

/* A flat destination covering [base, base + size). */
struct flat {
    uint64_t base;
    uint8_t *mem;
    uint64_t size;
};

static int flat_write(void *ctx, uint64_t va, const void *src, uint64_t len)
{
    struct flat *f = ctx;

    if ( va < f->base || va - f->base > f->size || len > f->size - (va - f->base) )
        return -ERANGE;
    if ( src )
        memcpy(f->mem + (va - f->base), src, len);
    else
        memset(f->mem + (va - f->base), 0, len);
    return 0;
}

/* ---- the good image ----------------------------------------------------- */

#define GOOD_VIRT_BASE  0xffffffff80000000ULL
#define GOOD_KSTART     0xffffffff80200000ULL
#define GOOD_ENTRY      0xffffffff80200010ULL
#define GOOD_HCALL      0xffffffff80201000ULL

static uint64_t expect_pend;

#define CHECK(name, cond, ...) \
    do { if ( !(cond) ) { fail(name, __VA_ARGS__); return; } } while ( 0 )

static void check_good_strings(const char *name, const struct elf_xen_params *p)
{
    CHECK(name, !strcmp(p->loader, "generic"), "loader '%s'", p->loader);
    CHECK(name, !strcmp(p->guest_os, "linux"), "guest_os '%s'", p->guest_os);
    CHECK(name, !strcmp(p->guest_version, "2.6"), "guest_version '%s'",
          p->guest_version);
    CHECK(name, !strcmp(p->xen_version, "xen-3.0"), "xen_version '%s'",
          p->xen_version);
    pass(name);
}

static void check_good_numbers(const char *name, const struct elf_xen_params *p)
{
    CHECK(name, p->entry == GOOD_ENTRY, "entry %#llx", (unsigned long long)p->entry);
    CHECK(name, p->hypercall_page == GOOD_HCALL, "hypercall_page %#llx",
          (unsigned long long)p->hypercall_page);
    CHECK(name, p->virt_base == GOOD_VIRT_BASE && p->paddr_offset == 0,
          "virt_base/paddr_offset");
    CHECK(name, p->init_p2m == 0x8000000000ULL, "init_p2m");
    CHECK(name, p->hv_start_low == 0xffff800000000000ULL, "hv_start_low");
    CHECK(name, p->phys32_entry == 0x200040, "phys32_entry");
    CHECK(name, p->l1_mfn_valid_mask == 1 && p->l1_mfn_valid_value == 1,
          "l1_mfn_valid");
    CHECK(name, p->mod_start_pfn && p->suspend_cancel && p->pae == ELF_PAE_YES,
          "mod_start_pfn/suspend_cancel/pae");
    CHECK(name, p->nr_notes == 17, "%u Xen notes, expected 17", p->nr_notes);
    CHECK(name, p->virt_kstart == GOOD_KSTART &&
          p->virt_kend == GOOD_VIRT_BASE + expect_pend,
          "extent %#llx-%#llx", (unsigned long long)p->virt_kstart,
          (unsigned long long)p->virt_kend);
    pass(name);
}

static void check_good_features(const char *name, const struct elf_xen_params *p)
{
    uint32_t sup = 1u << XENFEAT_writable_page_tables |
                   1u << XENFEAT_pae_pgdir_above_4gb | 1u << XENFEAT_dom0;

    CHECK(name, p->f_supported[0] == sup, "supported %#x", p->f_supported[0]);
    CHECK(name, p->f_required[0] == 1u << XENFEAT_writable_page_tables,
          "required %#x", p->f_required[0]);
    CHECK(name, p->has_supported_features, "SUPPORTED_FEATURES not seen");
    pass(name);
}

static void test_good(const struct buf *good, const struct buf *sections)
{
    struct elf_binary elf;
    struct elf_xen_params p;
    int rc = parse(good->data, good->len, &elf, &p);

    if ( rc )
    {
        fail("good-parse", "%s", elf.error);
        return;
    }
    pass("good-parse");
    check_good_strings("good-strings", &p);
    check_good_numbers("good-numbers", &p);
    check_good_features("good-features", &p);

    rc = parse(sections->data, sections->len, &elf, &p);
    if ( rc )
        fail("notes-in-sections", "%s", elf.error);
    else if ( p.nr_notes != 17 || p.entry != GOOD_ENTRY )
        fail("notes-in-sections", "%u notes, entry %#llx", p.nr_notes,
             (unsigned long long)p.entry);
    else
        pass("notes-in-sections");
}

/* ---- loading ------------------------------------------------------------- */

/* Every loadable segment's file bytes sit at p_paddr + virt_base; the
 * rest of its memory is zero. */
static const char *check_loaded(const struct buf *img, const struct flat *f,
                                uint64_t virt_base)
{
    unsigned int n = get_le(img->data + EH_PHNUM, 2);

    for ( unsigned int i = 0; i < n; i++ )
    {
        const uint8_t *ph = raw_phdr(img, i);
        uint64_t pa = get_le(ph + PH_PADDR, 8), off = get_le(ph + PH_OFFSET, 8);
        uint64_t fsz = get_le(ph + PH_FILESZ, 8), msz = get_le(ph + PH_MEMSZ, 8);
        const uint8_t *dst;

        if ( get_le(ph + PH_TYPE, 4) != ELF_PT_LOAD )
            continue;
        dst = f->mem + (pa + virt_base - f->base);
        if ( memcmp(dst, img->data + off, fsz) )
            return "segment data not at p_paddr + virt_base";
        for ( uint64_t j = fsz; j < msz; j++ )
            if ( dst[j] )
                return "BSS not zeroed";
    }
    return NULL;
}

static void test_load(const struct buf *good)
{
    struct elf_binary elf;
    struct elf_xen_params p;
    struct flat f;
    const char *why;
    int pc;

    if ( parse(good->data, good->len, &elf, &p) )
    {
        fail("load", "parse: %s", elf.error);
        return;
    }
    f.base = p.virt_kstart;
    f.size = p.virt_kend - p.virt_kstart;
    f.mem = malloc(f.size);
    memset(f.mem, 0xaa, f.size);
    if ( elf_load(&elf, &p, flat_write, &f) )
        fail("load", "%s", elf.error);
    else if ( (why = check_loaded(good, &f, p.virt_base)) != NULL )
        fail("load", "%s", why);
    else if ( (pc = raw_find_phdr(good, ELF_PT_LOAD, 2)) < 0 ||
              get_le(raw_phdr(good, pc) + PH_VADDR, 8) != 0 ||
              memcmp(f.mem + get_le(raw_phdr(good, pc) + PH_PADDR, 8) +
                     p.virt_base - f.base, "PERCPU-SEGMENT", 14) )
        fail("load", "per-CPU segment (p_vaddr 0) not placed by p_paddr");
    else
        pass("load");

    f.size -= 1;    /* one byte short: the write callback must refuse */
    if ( elf_load(&elf, &p, flat_write, &f) == 0 || !elf.error )
        fail("load-too-small", "load into a short buffer succeeded");
    else
        pass("load-too-small");
    free(f.mem);
}

/* ---- feature strings ------------------------------------------------------ */

static void feature_case(const char *name, const char *s, int want_rc,
                         uint32_t want_sup, uint32_t want_req)
{
    uint32_t sup[XENFEAT_NR_SUBMAPS] = { 0 }, req[XENFEAT_NR_SUBMAPS] = { 0 };
    const char *bad = NULL;
    size_t bad_len = 0;
    int rc = elf_xen_parse_features(s, strlen(s), sup, req, &bad, &bad_len);

    if ( (rc != 0) != (want_rc != 0) )
        fail(name, "rc %d for \"%s\"", rc, s);
    else if ( rc == 0 && (sup[0] != want_sup || req[0] != want_req) )
        fail(name, "\"%s\" -> supported %#x required %#x", s, sup[0], req[0]);
    else if ( rc != 0 && (!bad || bad_len == 0) )
        fail(name, "no offending name reported for \"%s\"", s);
    else
        pass(name);
}

static void test_features(void)
{
    feature_case("features-linux", "!writable_page_tables|pae_pgdir_above_4gb",
                 0, 0x11, 0x1);
    feature_case("features-empty", "", 0, 0, 0);
    feature_case("features-unknown-optional", "fancy_new_thing|dom0", 0,
                 1u << 11, 0);
    feature_case("features-unknown-required", "dom0|!fancy_new_thing", -1, 0, 0);
    feature_case("features-bare-bang", "!", -1, 0, 0);
    feature_case("features-empty-tokens", "|!dom0||", 0, 1u << 11, 1u << 11);
    feature_case("features-prefix-only", "!writable", -1, 0, 0);
    feature_case("features-all-known",
                 "writable_descriptor_tables|auto_translated_physmap|"
                 "supervisor_mode_kernel|hvm_callback_vector", 0, 0x10e, 0);
}

/* ---- malformed images ----------------------------------------------------- */

typedef void (*mutator)(struct buf *b);

static void expect_reject(const char *name, const struct buf *good, mutator m)
{
    struct buf b = dup_buf(good);
    struct elf_binary elf;
    struct elf_xen_params p;
    int rc;

    m(&b);
    rc = parse(b.data, b.len, &elf, &p);
    if ( rc == 0 )
        fail(name, "accepted");
    else if ( rc != -EINVAL || !elf.error || !elf.error[0] )
        fail(name, "rc %d without a reason", rc);
    else
    {
        pass(name);
        printf("#   %s: %s\n", name, elf.error);
    }
    free(b.data);
}

static void set_ph(struct buf *b, int type, unsigned int nth, unsigned int field,
                   uint64_t v)
{
    int i = raw_find_phdr(b, type, nth);

    if ( i >= 0 )
        put_le(raw_phdr(b, i) + field, v, 8);
}

static void set_note_u32(struct buf *b, uint32_t type, unsigned int field,
                         uint32_t v)
{
    long o = raw_find_note(b, type);

    if ( o >= 0 )
        put_le(b->data + o + field, v, 4);
}

static void replace_all(struct buf *b, const char *from, const char *to)
{
    size_t n = strlen(from);

    for ( size_t o = 0; o + n <= b->len; o++ )
        if ( !memcmp(b->data + o, from, n) )
            memcpy(b->data + o, to, n);
}

static void m_short(struct buf *b)        { b->len = 40; }
static void m_magic(struct buf *b)        { b->data[1] = 'X'; }
static void m_class32(struct buf *b)      { b->data[4] = 1; }
static void m_big_endian(struct buf *b)   { b->data[5] = 2; }
static void m_relocatable(struct buf *b)  { put_le(b->data + 16, 1, 2); }
static void m_phentsize(struct buf *b)    { put_le(b->data + EH_PHENT, 32, 2); }
static void m_phnum_zero(struct buf *b)   { put_le(b->data + EH_PHNUM, 0, 2); }
static void m_phnum_huge(struct buf *b)   { put_le(b->data + EH_PHNUM, 0xffff, 2); }
static void m_phnum_past(struct buf *b)   { put_le(b->data + EH_PHNUM, 2000, 2); }
static void m_phoff_wrap(struct buf *b)   { put_le(b->data + EH_PHOFF, ~0ULL - 8, 8); }
static void m_seg_past(struct buf *b)     { set_ph(b, ELF_PT_LOAD, 0, PH_FILESZ, b->len); }
static void m_seg_off_wrap(struct buf *b) { set_ph(b, ELF_PT_LOAD, 1, PH_OFFSET, ~0ULL - 4); }
static void m_filesz_gt(struct buf *b)    { set_ph(b, ELF_PT_LOAD, 2, PH_MEMSZ, 4); }
static void m_absurd(struct buf *b)       { set_ph(b, ELF_PT_LOAD, 1, PH_MEMSZ, 1ULL << 40); }
static void m_span(struct buf *b)         { set_ph(b, ELF_PT_LOAD, 2, PH_PADDR, 1ULL << 36); }
static void m_paddr_wrap(struct buf *b)   { set_ph(b, ELF_PT_LOAD, 2, PH_PADDR, ~0ULL - 4); }
static void m_overlap(struct buf *b)      { set_ph(b, ELF_PT_LOAD, 2, PH_PADDR, 0x200100); }
static void m_note_past(struct buf *b)    { set_ph(b, ELF_PT_NOTE, 0, PH_FILESZ, b->len); }
static void m_truncated(struct buf *b)    { b->len = get_le(raw_phdr(b, raw_find_phdr(b, ELF_PT_LOAD, 2)) + PH_OFFSET, 8) + 7; }
static void m_desc_past(struct buf *b)    { set_note_u32(b, XEN_ELFNOTE_PHYS32_ENTRY, 4, 0x1000); }
static void m_desc_huge(struct buf *b)    { set_note_u32(b, XEN_ELFNOTE_GUEST_OS, 4, 0xffffffff); }
static void m_name_past(struct buf *b)    { set_note_u32(b, XEN_ELFNOTE_GUEST_OS, 0, 0xfffffff0); }
static void m_int_size(struct buf *b)     { set_note_u32(b, XEN_ELFNOTE_ENTRY, 4, 3); }
static void m_no_notes(struct buf *b)     { replace_all(b, "Xen", "Xyz"); }
static void m_l1_size(struct buf *b)      { set_note_u32(b, XEN_ELFNOTE_L1_MFN_VALID, 4, 12); }
static void m_sup_size(struct buf *b)     { set_note_u32(b, XEN_ELFNOTE_SUPPORTED_FEATURES, 4, 2); }
static void m_xen_version(struct buf *b)  { replace_all(b, "xen-3.0", "xen-2.0"); }
static void m_required(struct buf *b)     { replace_all(b, "!writable_page_tables", "!writable_page_tablez"); }
static void m_no_virt_base(struct buf *b) { set_note_u32(b, XEN_ELFNOTE_VIRT_BASE, 8, XEN_ELFNOTE_INFO); }

/* Cut the note segment inside its last note's header. */
static void m_note_hdr_cut(struct buf *b)
{
    int i = raw_find_phdr(b, ELF_PT_NOTE, 0);

    if ( i >= 0 )
        put_le(raw_phdr(b, i) + PH_FILESZ,
               get_le(raw_phdr(b, i) + PH_FILESZ, 8) - 18, 8);
}

static void m_loader(struct buf *b)
{
    replace_all(b, "generic", "genetic");
    replace_all(b, "linux", "linus");
}

static void m_entry_out(struct buf *b)
{
    long o = raw_find_note(b, XEN_ELFNOTE_ENTRY);

    if ( o >= 0 )
        put_le(b->data + o + 16, 0x1000, 8);
}

static void m_virt_base_high(struct buf *b)
{
    long o = raw_find_note(b, XEN_ELFNOTE_VIRT_BASE);

    /* VA = paddr - PADDR_OFFSET + VIRT_BASE wraps past 2^64. */
    if ( o >= 0 )
        put_le(b->data + o + 16, 0xffffffffffff0000ULL, 8);
}

static void test_malformed(const struct buf *good)
{
    static const struct {
        const char *name;
        mutator m;
    } cases[] = {
        { "reject-truncated-header", m_short },
        { "reject-bad-magic", m_magic },
        { "reject-elf32", m_class32 },
        { "reject-big-endian", m_big_endian },
        { "reject-relocatable", m_relocatable },
        { "reject-phentsize", m_phentsize },
        { "reject-phnum-zero", m_phnum_zero },
        { "reject-phnum-overflow", m_phnum_huge },
        { "reject-phdrs-past-end", m_phnum_past },
        { "reject-phoff-wrap", m_phoff_wrap },
        { "reject-segment-past-end", m_seg_past },
        { "reject-segment-offset-wrap", m_seg_off_wrap },
        { "reject-filesz-gt-memsz", m_filesz_gt },
        { "reject-absurd-memsz", m_absurd },
        { "reject-absurd-span", m_span },
        { "reject-paddr-wrap", m_paddr_wrap },
        { "reject-overlapping-segments", m_overlap },
        { "reject-truncated-image", m_truncated },
        { "reject-note-segment-past-end", m_note_past },
        { "reject-note-desc-past-segment", m_desc_past },
        { "reject-note-desc-huge", m_desc_huge },
        { "reject-note-name-past-segment", m_name_past },
        { "reject-note-header-cut", m_note_hdr_cut },
        { "reject-note-int-size", m_int_size },
        { "reject-l1-mfn-valid-size", m_l1_size },
        { "reject-supported-features-size", m_sup_size },
        { "reject-no-xen-notes", m_no_notes },
        { "reject-wrong-loader", m_loader },
        { "reject-wrong-xen-version", m_xen_version },
        { "reject-unknown-required-feature", m_required },
        { "reject-entry-outside-kernel", m_entry_out },
        { "reject-paddr-offset-without-virt-base", m_no_virt_base },
        { "reject-virt-base-above-kernel", m_virt_base_high },
    };

    for ( unsigned int i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
        expect_reject(cases[i].name, good, cases[i].m);
}

/*
 * Random corruption of the headers and notes, and random truncation: the
 * library must never read or write out of bounds (ASan/UBSan watch) and
 * must never load outside [virt_kstart, virt_kend).
 */
static void test_fuzz(const struct buf *good)
{
    unsigned int accepted = 0, iters = 30000;
    long notes = raw_find_note(good, XEN_ELFNOTE_GUEST_OS);
    uint64_t seed = 0x5eed1234abcdULL;

    for ( unsigned int it = 0; it < iters; it++ )
    {
        struct buf b = dup_buf(good);
        struct elf_binary elf;
        struct elf_xen_params p;
        unsigned int flips = 1 + it % 8;

        for ( unsigned int k = 0; k < flips; k++ )
        {
            size_t region = (it & 1) && notes > 0 ? (size_t)notes : 0;
            size_t span = region ? 0x1c0 : 0x200;

            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            b.data[region + (seed >> 33) % span] ^= 1u << ((seed >> 20) % 8);
        }
        if ( it % 5 == 0 )
            b.len = (seed >> 17) % (good->len + 1);
        if ( parse(b.data, b.len, &elf, &p) == 0 )
        {
            struct flat f = { p.virt_kstart, NULL, p.virt_kend - p.virt_kstart };

            accepted++;
            if ( f.size <= (64u << 20) && (f.mem = calloc(1, f.size ? f.size : 1)) )
            {
                if ( elf_load(&elf, &p, flat_write, &f) )
                {
                    fail("fuzz", "accepted image failed to load: %s", elf.error);
                    free(f.mem);
                    free(b.data);
                    return;
                }
                free(f.mem);
            }
        }
        free(b.data);
    }
    printf("# fuzz: %u of %u mutated images accepted\n", accepted, iters);
    pass("fuzz");
}

/* ---- bzImage ------------------------------------------------------------- */

/* A bzImage with setup_sects sectors of setup and the payload at
 * payload_off bytes into the protected-mode part. */
static struct buf make_bzimage(unsigned int setup_sects, uint16_t version,
                               uint32_t payload_off, const uint8_t *payload,
                               size_t plen, uint32_t size_word)
{
    size_t start = ((setup_sects ? setup_sects : 4) + 1) * 512;
    struct buf b;

    b.len = start + payload_off + plen + 4;
    b.data = calloc(1, b.len);
    b.data[0x1f1] = setup_sects;
    memcpy(b.data + 0x1fe, "\x55\xaa", 2);
    memcpy(b.data + 0x202, "HdrS", 4);
    put_le(b.data + 0x206, version, 2);
    put_le(b.data + 0x248, payload_off, 4);
    put_le(b.data + 0x24c, plen + 4, 4);
    memcpy(b.data + start + payload_off, payload, plen);
    put_le(b.data + start + payload_off + plen, size_word, 4);
    return b;
}

static void bz_expect(const char *name, const struct buf *img, int want_probe,
                      const char *why_has)
{
    struct bzimage_info bz;
    const char *why = NULL;
    int rc = bzimage_probe(img->data, img->len, &bz, &why);

    if ( rc != want_probe )
        fail(name, "probe returned %d (%s), expected %d", rc, why ? why : "-",
             want_probe);
    else if ( rc < 0 && (!why || (why_has && !strstr(why, why_has))) )
        fail(name, "reason '%s' does not mention '%s'", why ? why : "(none)",
             why_has);
    else
        pass(name);
}

/* Probe and unpack; 0 and the ELF in *out, or -1 with *why. */
static int bz_unpack(const struct buf *img, struct buf *out, const char **why)
{
    struct bzimage_info bz;

    out->data = NULL;
    if ( bzimage_probe(img->data, img->len, &bz, why) != 1 )
        return -1;
    out->len = bz.out_len;
    out->data = malloc(bz.out_len);
    return bzimage_decompress(&bz, out->data, out->len, why) ? -1 : 0;
}

/* Unpacks to the ELF; an uncompressed payload keeps Linux's size word. */
static void bz_roundtrip(const char *name, const struct buf *img,
                         const struct buf *good, size_t trailer)
{
    struct buf out;
    const char *why = NULL;

    if ( bz_unpack(img, &out, &why) )
        fail(name, "%s", why ? why : "probe did not recognise it");
    else if ( out.len != good->len + trailer ||
              memcmp(out.data, good->data, good->len) )
        fail(name, "unpacked image differs from the ELF");
    else
        pass(name);
    free(out.data);
}

static void bz_expect_unpack_error(const char *name, const struct buf *img)
{
    struct buf out;
    const char *why = NULL;

    if ( bz_unpack(img, &out, &why) == 0 )
        fail(name, "unpacked without error");
    else
    {
        pass(name);
        printf("#   %s: %s\n", name, why ? why : "(probe)");
    }
    free(out.data);
}

static void test_bzimage_errors(const struct buf *good, const struct buf *xz)
{
    struct buf b;

    b = make_bzimage(3, 0x207, 0x40, xz->data, xz->len, good->len);
    bz_expect("bz-old-protocol", &b, -EINVAL, "2.08");
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, good->len);
    put_le(b.data + 0x24c, 0xfffffff0, 4);
    bz_expect("bz-payload-length-outside", &b, -EINVAL, "outside");
    put_le(b.data + 0x248, 0xfffffff0, 4);
    bz_expect("bz-payload-offset-outside", &b, -EINVAL, "outside");
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, (const uint8_t *)"\x1f\x8b\x08\0\0\0\0\0", 8,
                     good->len);
    bz_expect("bz-gzip-refused", &b, -EINVAL, "gzip");
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, 1u << 30);
    bz_expect("bz-absurd-size", &b, -EINVAL, "256 MiB");
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, good->len - 1);
    bz_expect_unpack_error("bz-size-word-too-small", &b);
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, good->len + 100);
    bz_expect_unpack_error("bz-size-word-too-large", &b);
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, good->len);
    b.data[(3 + 1) * 512 + 0x40 + xz->len / 2] ^= 0x55;
    bz_expect_unpack_error("bz-corrupt-xz", &b);
    free(b.data);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, 20, good->len);
    bz_expect_unpack_error("bz-truncated-xz", &b);
    free(b.data);
}

static void test_bzimage(const struct buf *good, const struct buf *xz)
{
    struct buf b, small = { good->data, 0x100 };

    bz_expect("bz-plain-elf-is-not-bzimage", good, 0, NULL);
    bz_expect("bz-short-image", &small, 0, NULL);
    b = make_bzimage(3, 0x20f, 0x40, xz->data, xz->len, good->len);
    bz_roundtrip("bz-xz", &b, good, 0);
    free(b.data);
    b = make_bzimage(0, 0x208, 0, xz->data, xz->len, good->len);
    bz_roundtrip("bz-setup-sects-zero-means-4", &b, good, 0);
    free(b.data);
    b = make_bzimage(2, 0x20f, 0x10, good->data, good->len, 0);
    bz_roundtrip("bz-uncompressed-elf-payload", &b, good, 4);
    free(b.data);
    test_bzimage_errors(good, xz);
}

/* ---- the real kernel -------------------------------------------------------- */

struct kernel_expect {
    const char *vmlinuz, *ref, *skip_why;
    uint64_t entry, virt_base, init_p2m, hypercall_page;
};

static void kernel_notes(const struct kernel_expect *k, struct elf_binary *elf,
                         const struct elf_xen_params *p)
{
    const char *n = "kernel-notes";

    CHECK(n, p->entry == k->entry, "entry %#llx, readelf says %#llx",
          (unsigned long long)p->entry, (unsigned long long)k->entry);
    CHECK(n, p->virt_base == k->virt_base, "virt_base %#llx",
          (unsigned long long)p->virt_base);
    CHECK(n, p->init_p2m == k->init_p2m, "init_p2m %#llx",
          (unsigned long long)p->init_p2m);
    CHECK(n, p->hypercall_page == k->hypercall_page, "hypercall_page %#llx",
          (unsigned long long)p->hypercall_page);
    CHECK(n, elf_feature_test(p->f_required, XENFEAT_writable_page_tables) &&
          elf_feature_test(p->f_supported, XENFEAT_dom0),
          "features supported %#x required %#x", p->f_supported[0],
          p->f_required[0]);
    printf("# kernel: paddr %#llx-%#llx, virt %#llx-%#llx, entry %#llx,"
           " %u Xen notes, supported %#x required %#x\n",
           (unsigned long long)elf->pstart, (unsigned long long)elf->pend,
           (unsigned long long)p->virt_kstart, (unsigned long long)p->virt_kend,
           (unsigned long long)p->entry, p->nr_notes, p->f_supported[0],
           p->f_required[0]);
    pass(n);
}

static void kernel_load(struct elf_binary *elf, const struct elf_xen_params *p,
                        const struct buf *ref)
{
    struct flat f = { p->virt_kstart, NULL, p->virt_kend - p->virt_kstart };
    const char *why;

    f.mem = malloc(f.size);
    if ( !f.mem )
    {
        fail("kernel-load", "out of memory");
        return;
    }
    memset(f.mem, 0xaa, f.size);
    if ( elf_load(elf, p, flat_write, &f) )
        fail("kernel-load", "%s", elf->error);
    else if ( (why = check_loaded(ref, &f, p->virt_base)) != NULL )
        fail("kernel-load", "%s", why);
    else
        pass("kernel-load");
    free(f.mem);
}

static void test_kernel(const struct kernel_expect *k)
{
    struct buf img, ref, out;
    struct elf_binary elf;
    struct elf_xen_params p;
    const char *why = NULL;
    clock_t t0;

    if ( k->skip_why || !k->vmlinuz )
    {
        skip("kernel", k->skip_why ? k->skip_why : "no kernel given");
        return;
    }
    if ( read_file(k->vmlinuz, &img) || read_file(k->ref, &ref) )
    {
        fail("kernel", "cannot read %s or %s", k->vmlinuz, k->ref);
        return;
    }
    t0 = clock();
    if ( bz_unpack(&img, &out, &why) )
        fail("kernel-unpack", "%s", why ? why : "not recognised as a bzImage");
    else if ( out.len != ref.len || memcmp(out.data, ref.data, ref.len) )
        fail("kernel-unpack", "differs from the reference vmlinux");
    else
    {
        printf("# kernel: unpacked %zu bytes in %.2f s\n", out.len,
               (double)(clock() - t0) / CLOCKS_PER_SEC);
        pass("kernel-unpack");
        if ( parse(out.data, out.len, &elf, &p) )
            fail("kernel-parse", "%s", elf.error);
        else
        {
            pass("kernel-parse");
            kernel_notes(k, &elf, &p);
            kernel_load(&elf, &p, &ref);
        }
    }
    free(out.data);
    free(img.data);
    free(ref.data);
}

/* ---- main ----------------------------------------------------------------- */

static uint64_t hex_arg(const char *s)
{
    return strcmp(s, "none") ? strtoull(s, NULL, 16) : ELF_UNSET_ADDR;
}

int main(int argc, char **argv)
{
    const char *good_path = NULL, *sect_path = NULL, *xz_path = NULL;
    struct kernel_expect k = { .init_p2m = ELF_UNSET_ADDR,
                               .hypercall_page = ELF_UNSET_ADDR };
    struct buf good, sections, xz;

    for ( int i = 1; i + 1 < argc; i += 2 )
    {
        const char *o = argv[i], *v = argv[i + 1];

        if ( !strcmp(o, "--good") ) good_path = v;
        else if ( !strcmp(o, "--sections") ) sect_path = v;
        else if ( !strcmp(o, "--good-xz") ) xz_path = v;
        else if ( !strcmp(o, "--expect-pend") ) expect_pend = hex_arg(v);
        else if ( !strcmp(o, "--kernel") ) k.vmlinuz = v;
        else if ( !strcmp(o, "--kernel-ref") ) k.ref = v;
        else if ( !strcmp(o, "--kernel-skip") ) k.skip_why = v;
        else if ( !strcmp(o, "--expect-entry") ) k.entry = hex_arg(v);
        else if ( !strcmp(o, "--expect-virt-base") ) k.virt_base = hex_arg(v);
        else if ( !strcmp(o, "--expect-init-p2m") ) k.init_p2m = hex_arg(v);
        else if ( !strcmp(o, "--expect-hypercall-page") ) k.hypercall_page = hex_arg(v);
        else
        {
            fprintf(stderr, "test_libelf: unknown option %s\n", o);
            return 2;
        }
    }
    if ( !good_path || !sect_path || !xz_path || read_file(good_path, &good) ||
         read_file(sect_path, &sections) || read_file(xz_path, &xz) )
    {
        fail("inputs", "cannot read --good/--sections/--good-xz");
        return 1;
    }
    test_good(&good, &sections);
    test_load(&good);
    test_features();
    test_malformed(&good);
    test_fuzz(&good);
    test_bzimage(&good, &xz);
    test_kernel(&k);
    free(good.data);
    free(sections.data);
    free(xz.data);
    return n_fail ? 1 : 0;
}
