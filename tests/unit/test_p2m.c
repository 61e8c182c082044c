/*
 * Unit tests of the HVM p2m (xen/arch/x86/hvm/p2m.c) on the allocator shim:
 * the leaf encoding the hardware walks (present, user, write except for
 * read-only grants, uncached device memory, the type in bits 9-11), lookups, the conditional
 * updates grants use, range limits, and that tearing down a populated p2m
 * gives every table page back.
 * Usage: p2m-tests [case ...]
 */
#include "alloc_test.h"
#include <xen/errno.h>
#include <asm/hvm/p2m.h>

/* The heap's hooks into domains: the p2m only uses hypervisor pages. */
int assign_pages(struct domain *d, struct page_info *pg, unsigned int order,
                 unsigned int memflags)
{
    test_fail(__FILE__, __LINE__, "the p2m allocated a domain page");
}

void domain_release_pages(struct domain *d, struct page_info *pg,
                          unsigned int order)
{
    test_fail(__FILE__, __LINE__, "the p2m freed a domain page");
}

static char orphan_owner;
struct domain *const dom_orphan = (struct domain *)&orphan_owner;

#define NPT_P   (1UL << 0)
#define NPT_RW  (1UL << 1)
#define NPT_US  (1UL << 2)

static void machine(void)
{
    static const struct shim_range ram[] = { { 16, 4096 } };

    heap_machine(4096, ram, 1);
}

/* The leaf the hardware would use for gfn, read by walking the tables. */
static uint64_t leaf_of(struct p2m *p, unsigned long gfn)
{
    uint64_t *t = __va(p2m_root(p));

    for ( unsigned int level = 4; level > 1; level-- )
    {
        uint64_t e = t[(gfn >> (9 * (level - 1))) & 511];

        if ( !(e & NPT_P) )
            return 0;
        CHECK(e & NPT_US);                  /* NPT: user accesses */
        t = __va(e & 0x000ffffffffff000UL);
    }
    return t[gfn & 511];
}

static void test_p2m_encoding(void)
{
    struct p2m *p;
    enum p2m_type t;
    bool replaced;
    uint64_t e;

    machine();
    CHECK((p = p2m_create(P2M_FORMAT_NPT)) != NULL);
    CHECK_EQ(p2m_set_entry(p, 0x12345, _mfn(0x777), p2m_ram_rw, &replaced), 0);
    CHECK(!replaced);
    e = leaf_of(p, 0x12345);
    CHECK_EQ(e & 0x000ffffffffff000UL, 0x777000);
    CHECK((e & (NPT_P | NPT_RW | NPT_US)) == (NPT_P | NPT_RW | NPT_US));
    CHECK_EQ((e >> 9) & 7, p2m_ram_rw);
    CHECK_EQ(mfn_x(p2m_lookup(p, 0x12345, &t)), 0x777);
    CHECK_EQ(t, p2m_ram_rw);
    /* A read-only grant: present and user, not writable. */
    CHECK_EQ(p2m_set_entry(p, 0x12346, _mfn(0x778), p2m_grant_map_ro, &replaced), 0);
    e = leaf_of(p, 0x12346);
    CHECK((e & NPT_P) && (e & NPT_US) && !(e & NPT_RW));
    CHECK_EQ(mfn_x(p2m_lookup(p, 0x12346, &t)), 0x778);
    CHECK_EQ(t, p2m_grant_map_ro);
    /* Device memory: uncached (PCD and PWT). */
    CHECK_EQ(p2m_set_entry(p, 0xa0, _mfn(0xa0), p2m_mmio_direct, &replaced), 0);
    e = leaf_of(p, 0xa0);
    CHECK_EQ(e & 0x18, 0x18);
    CHECK_EQ(leaf_of(p, 0x12346) & 0x18, 0);
    /* Replacing and removing. */
    CHECK_EQ(p2m_set_entry(p, 0x12345, _mfn(0x779), p2m_ram_rw, &replaced), 0);
    CHECK(replaced);
    CHECK_EQ(p2m_set_entry(p, 0x12345, INVALID_MFN, p2m_invalid, &replaced), 0);
    CHECK(replaced);
    CHECK(mfn_eq(p2m_lookup(p, 0x12345, &t), INVALID_MFN));
    CHECK_EQ(t, p2m_invalid);
    CHECK_EQ(leaf_of(p, 0x12345), 0);
    /* Never mapped, in a part with no tables at all. */
    CHECK(mfn_eq(p2m_lookup(p, 0x7000000, &t), INVALID_MFN));
    p2m_destroy(p);
}

static void test_p2m_limits(void)
{
    struct p2m *p;
    enum p2m_type t;
    bool replaced;

    machine();
    CHECK((p = p2m_create(P2M_FORMAT_NPT)) != NULL);
    CHECK_EQ(p2m_set_entry(p, P2M_MAX_GFN, _mfn(1), p2m_ram_rw, &replaced), 0);
    CHECK_EQ(p2m_set_entry(p, P2M_MAX_GFN + 1, _mfn(1), p2m_ram_rw, &replaced),
             -EINVAL);
    CHECK_EQ(p2m_set_entry(p, ~0UL, _mfn(1), p2m_ram_rw, &replaced), -EINVAL);
    /* A frame number the entry cannot hold. */
    CHECK_EQ(p2m_set_entry(p, 5, _mfn(1UL << 60), p2m_ram_rw, &replaced), -EINVAL);
    CHECK(mfn_eq(p2m_lookup(p, ~0UL, &t), INVALID_MFN));
    CHECK_EQ(t, p2m_invalid);
    p2m_destroy(p);
}

static void test_p2m_conditional(void)
{
    struct p2m *p;
    enum p2m_type t;
    bool replaced;

    machine();
    CHECK((p = p2m_create(P2M_FORMAT_NPT)) != NULL);
    CHECK_EQ(p2m_set_entry(p, 100, _mfn(200), p2m_ram_rw, &replaced), 0);
    /* RAM is never replaced by a grant. */
    CHECK_EQ(p2m_set_entry_if_free(p, 100, _mfn(300), p2m_grant_map), -EEXIST);
    CHECK_EQ(mfn_x(p2m_lookup(p, 100, &t)), 200);
    CHECK_EQ(p2m_set_entry_if_free(p, 101, _mfn(300), p2m_grant_map), 0);
    CHECK_EQ(p2m_set_entry_if_free(p, 101, _mfn(301), p2m_grant_map), -EEXIST);
    /* Cleared only if exactly the grant's: frame and type. */
    CHECK_EQ(p2m_clear_entry_if(p, 101, _mfn(301), p2m_grant_map), -ENOENT);
    CHECK_EQ(p2m_clear_entry_if(p, 101, _mfn(300), p2m_grant_map_ro), -ENOENT);
    CHECK_EQ(p2m_clear_entry_if(p, 100, _mfn(200), p2m_grant_map), -ENOENT);
    CHECK_EQ(p2m_clear_entry_if(p, 101, _mfn(300), p2m_grant_map), 0);
    CHECK_EQ(p2m_clear_entry_if(p, 101, _mfn(300), p2m_grant_map), -ENOENT);
    CHECK(mfn_eq(p2m_lookup(p, 101, &t), INVALID_MFN));
    CHECK_EQ(mfn_x(p2m_lookup(p, 100, &t)), 200);
    CHECK_EQ(p2m_set_entry_if_free(p, 5, INVALID_MFN, p2m_invalid), -EINVAL);
    p2m_destroy(p);
}

/* Entries spread over many tables; the teardown frees them all. */
static void test_p2m_teardown(void)
{
    unsigned long before;
    struct p2m *p;
    bool replaced;

    machine();
    before = total_free_pages();
    CHECK((p = p2m_create(P2M_FORMAT_NPT)) != NULL);
    for ( unsigned long i = 0; i < 64; i++ )
        CHECK_EQ(p2m_set_entry(p, i << 18, _mfn(i + 1), p2m_ram_rw, &replaced), 0);
    CHECK(total_free_pages() < before - 64);
    p2m_destroy(p);
    CHECK_EQ(total_free_pages(), before);
}

/* The EPT format: R/W/X permissions, a memory type, the p2m type in
 * bits 52-54; table entries R|W|X with nothing in the memory-type bits. */
static void test_p2m_ept_encoding(void)
{
    struct p2m *p;
    enum p2m_type t;
    bool replaced;
    uint64_t *tab, e;

    machine();
    CHECK((p = p2m_create(P2M_FORMAT_EPT)) != NULL);
    CHECK_EQ(p2m_set_entry(p, 0x12345, _mfn(0x777), p2m_ram_rw, &replaced), 0);
    tab = __va(p2m_root(p));
    for ( unsigned int level = 4; level > 1; level-- )
    {
        e = tab[(0x12345UL >> (9 * (level - 1))) & 511];
        CHECK_EQ(e & 0xfff, 7);             /* R|W|X, no memory type */
        tab = __va(e & 0x000ffffffffff000UL);
    }
    e = tab[0x12345 & 511];
    CHECK_EQ(e & 0x000ffffffffff000UL, 0x777000);
    CHECK_EQ(e & 7, 7);                     /* R|W|X */
    CHECK_EQ((e >> 3) & 7, 6);              /* write-back */
    CHECK_EQ(e & (1UL << 6), 0);            /* guest PAT not ignored */
    CHECK_EQ((e >> 52) & 7, p2m_ram_rw);
    CHECK_EQ(e & 0xf00, 0);                 /* no A/D, nothing ignored set */
    CHECK_EQ(mfn_x(p2m_lookup(p, 0x12345, &t)), 0x777);
    CHECK_EQ(t, p2m_ram_rw);
    /* Read-only grant: readable and executable, not writable. */
    CHECK_EQ(p2m_set_entry(p, 0x12346, _mfn(0x778), p2m_grant_map_ro, &replaced), 0);
    e = tab[0x12346 & 511];
    CHECK_EQ(e & 7, 5);
    CHECK_EQ((e >> 52) & 7, p2m_grant_map_ro);
    /* Device memory: uncached memory type 0. */
    CHECK_EQ(p2m_set_entry(p, 0x12347, _mfn(0xa0), p2m_mmio_direct, &replaced), 0);
    e = tab[0x12347 & 511];
    CHECK_EQ(e & 7, 7);
    CHECK_EQ((e >> 3) & 7, 0);
    CHECK_EQ(p2m_clear_entry_if(p, 0x12346, _mfn(0x778), p2m_grant_map_ro), 0);
    CHECK_EQ(tab[0x12346 & 511], 0);
    CHECK_EQ(p2m_set_entry_if_free(p, 0x12345, _mfn(1), p2m_grant_map), -EEXIST);
    p2m_destroy(p);
    CHECK(p2m_create((enum p2m_format_id)7) == NULL);
}

#define P2M_TESTS(X) X(p2m_encoding) X(p2m_ept_encoding) X(p2m_limits) X(p2m_conditional) \
    X(p2m_teardown)
#define TEST_ENTRY(n) { #n, test_##n },

static const struct test_case tests[] = { P2M_TESTS(TEST_ENTRY) };

int main(int argc, char **argv)
{
    return run_tests("p2m", tests, ARRAY_SIZE(tests), argc, argv) ? 1 : 0;
}
