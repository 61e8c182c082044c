/*
 * test_mcfg.c - the MCFG area bookkeeping of arch/x86/mcfg_areas.c on the
 * host: tables with several segments parsed and looked up, overlapping
 * and malformed entries refused one by one (the others kept), frame
 * decoding, and PHYSDEVOP_pci_mmcfg_reserved's answers (Xen 4.17's).
 */
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <xen/errno.h>
#include <public/physdev.h>
#include <asm/mcfg_areas.h>

static int failed;

#define CHECK(cond, ...) do {                                           \
        if ( !(cond) ) {                                                \
            printf("FAIL: mcfg %s: ", __func__);                        \
            printf(__VA_ARGS__);                                        \
            printf("\n");                                               \
            failed++;                                                   \
            return;                                                     \
        }                                                               \
    } while ( 0 )

/* A table under construction: header, 8 reserved bytes, entries. */
struct table { uint8_t b[44 + 16 * 40]; size_t len; };

static void t_init(struct table *t)
{
    memset(t, 0, sizeof(*t));
    memcpy(t->b, "MCFG", 4);
    t->len = 44;
}

static void t_entry(struct table *t, uint64_t base, uint16_t seg,
                    uint8_t start, uint8_t end)
{
    uint8_t *e = t->b + t->len;

    for ( int i = 0; i < 8; i++ )
        e[i] = base >> (8 * i);
    e[8] = seg;
    e[9] = seg >> 8;
    e[10] = start;
    e[11] = end;
    t->len += 16;
}

static int refusals[64], nr_refused;

static void note(unsigned int i, int err, const struct mcfg_area *e)
{
    (void)e;
    if ( nr_refused < 32 )
    {
        refusals[2 * nr_refused] = i;
        refusals[2 * nr_refused + 1] = err;
    }
    nr_refused++;
}

static void parse(struct mcfg_areas *s, const struct table *t)
{
    memset(s, 0, sizeof(*s));
    nr_refused = 0;
    /* A copy of exactly len bytes, so that ASan sees a read past it. */
    uint8_t *copy = malloc(t->len);

    memcpy(copy, t->b, t->len);
    mcfg_parse(s, copy, t->len, 46, note);
    free(copy);
}

static void test_segments(void)
{
    struct table t;
    struct mcfg_areas s;
    const struct mcfg_area *a;
    unsigned int seg, bus, devfn;

    t_init(&t);
    t_entry(&t, 0xb0000000, 0, 0, 0xff);
    t_entry(&t, 0xe0000000, 1, 0, 0x3f);
    t_entry(&t, 0x3f0000000000ULL, 2, 0x80, 0xff);   /* base is bus 0's */
    t_entry(&t, 0xf0000000, 0x1234, 0x10, 0x10);
    parse(&s, &t);
    CHECK(s.nr == 4 && nr_refused == 0, "nr %u refused %d", s.nr, nr_refused);
    a = mcfg_find_bus(&s, 1, 0x3f);
    CHECK(a && a->base == 0xe0000000, "segment 1 bus 3f");
    CHECK(!mcfg_find_bus(&s, 1, 0x40), "segment 1 bus 40 found");
    CHECK(!mcfg_find_bus(&s, 2, 0x7f), "segment 2 bus 7f found");
    a = mcfg_find_bus(&s, 2, 0x80);
    CHECK(a && a->seg == 2, "segment 2 bus 80");
    CHECK(mcfg_conf_addr(a, 0x81, 0x0a, 0x104) ==
          0x3f0000000000ULL + (0x81ULL << 20) + (0x0a << 12) + 0x104,
          "address of 2:81:01.2 reg 0x104");
    CHECK(!mcfg_find_bus(&s, 3, 0), "segment 3 found");
    CHECK(mcfg_find_bus(&s, 0x1234, 0x10), "segment 0x1234 bus 10");

    a = mcfg_decode(&s, 0xe0000000 + (5 << 20) + (0x1f << 15) + (7 << 12) + 0x40,
                    &seg, &bus, &devfn);
    CHECK(a && seg == 1 && bus == 5 && devfn == 0xff, "decode %u:%x:%x",
          seg, bus, devfn);
    a = mcfg_decode(&s, 0x3f0000000000ULL + (0x80ULL << 20), &seg, &bus, &devfn);
    CHECK(a && seg == 2 && bus == 0x80 && devfn == 0, "decode segment 2 start");
    CHECK(!mcfg_decode(&s, 0x3f0000000000ULL + (0x7fULL << 20), &seg, &bus,
                       &devfn), "decode below segment 2's first bus");
    CHECK(!mcfg_decode(&s, 0xe0000000 + (0x40 << 20), &seg, &bus, &devfn),
          "decode past segment 1's last bus");
    CHECK(!mcfg_decode(&s, 0xf0000000 + (0x10 << 20) - 1, &seg, &bus, &devfn),
          "decode just below a one-bus area");
    printf("PASS: mcfg segments\n");
}

static void test_malformed(void)
{
    struct table t;
    struct mcfg_areas s;

    t_init(&t);
    t_entry(&t, 0xb0000000, 0, 0, 0xff);                 /* 0: kept */
    t_entry(&t, 0xc0000000, 0, 0x80, 0x8f);              /* 1: buses overlap 0 */
    t_entry(&t, 0xb8000000, 1, 0, 0x0f);                 /* 2: addresses overlap 0 */
    t_entry(&t, 0xd0000000, 2, 0x20, 0x10);              /* 3: inverted */
    t_entry(&t, 0xd0080000, 3, 0, 0);                    /* 4: unaligned */
    t_entry(&t, 1ULL << 46, 4, 0, 0);                    /* 5: past paddr_bits */
    t_entry(&t, (1ULL << 46) - (1 << 20), 5, 0, 1);      /* 6: ends past it */
    t_entry(&t, 0xfffffffffff00000ULL, 6, 0, 0xff);      /* 7: would wrap */
    t_entry(&t, (1ULL << 46) - (1 << 20), 7, 0, 0);      /* 8: kept, the last MiB */
    t_entry(&t, 0xd0000000, 8, 0, 0);                    /* 9: kept */
    t_entry(&t, 0xd0000000, 9, 0, 0);                    /* 10: same address */
    parse(&s, &t);
    CHECK(s.nr == 3, "kept %u", s.nr);
    CHECK(nr_refused == 8, "refused %d", nr_refused);
    static const int want[] = { 1, -EEXIST, 2, -EEXIST, 3, -EINVAL, 4, -EINVAL,
                                5, -ERANGE, 6, -ERANGE, 7, -ERANGE, 10, -EEXIST };
    for ( int i = 0; i < 16; i++ )
        CHECK(refusals[i] == want[i], "refusal %d: %d, expected %d", i / 2,
              refusals[i], want[i]);
    CHECK(!mcfg_find_bus(&s, 2, 0x15), "inverted entry found");
    CHECK(mcfg_find_bus(&s, 7, 0), "the last MiB's area");
    printf("PASS: mcfg malformed\n");
}

static void test_table_sizes(void)
{
    struct table t;
    struct mcfg_areas s;

    t_init(&t);
    t.len = 10;                                          /* shorter than a header */
    parse(&s, &t);
    CHECK(s.nr == 0 && nr_refused == 0, "a 10-byte table");
    t_init(&t);
    parse(&s, &t);
    CHECK(s.nr == 0, "a table without entries");
    t_entry(&t, 0xb0000000, 0, 0, 0xff);
    t.len -= 1;                                          /* entry cut short */
    parse(&s, &t);
    CHECK(s.nr == 0, "a partial entry used");
    t_init(&t);
    for ( unsigned int i = 0; i < MCFG_MAX_AREAS + 3; i++ )
        t_entry(&t, 0x100000000ULL + ((uint64_t)i << 28), i, 0, 0xff);
    parse(&s, &t);
    CHECK(s.nr == MCFG_MAX_AREAS && nr_refused == 3 &&
          refusals[1] == -ENOSPC, "a full table: %u kept, %d refused", s.nr,
          nr_refused);
    mcfg_area_drop(&s, 0);
    CHECK(s.nr == MCFG_MAX_AREAS - 1 && s.a[0].seg == 1, "drop of the first");
    mcfg_area_drop(&s, 99);
    CHECK(s.nr == MCFG_MAX_AREAS - 1, "drop out of range");
    printf("PASS: mcfg table-sizes\n");
}

static void test_reserved(void)
{
    struct table t;
    struct mcfg_areas s;
    unsigned int idx = 99;

    t_init(&t);
    t_entry(&t, 0xb0000000, 0, 0, 0xff);
    t_entry(&t, 0xe0000000, 1, 0x10, 0x1f);
    parse(&s, &t);
    CHECK(mcfg_reserved(&s, 0xe0000000, 1, 0x10, 0x1f, 2, &idx) == -EINVAL,
          "flags 2");
    CHECK(mcfg_reserved(&s, 0, 9, 9, 1, 0x80000000u, &idx) == -EINVAL,
          "flags checked first");
    CHECK(mcfg_reserved(&s, 0xe0000000, 1, 0x10, 0x1e, 1, &idx) == -ENODEV,
          "part of the range");
    CHECK(mcfg_reserved(&s, 0xe0000000, 1, 0x00, 0x1f, 1, &idx) == -ENODEV,
          "more than the range");
    CHECK(mcfg_reserved(&s, 0xe0000000, 2, 0x10, 0x1f, 1, &idx) == -ENODEV,
          "another segment");
    CHECK(mcfg_reserved(&s, 0xe0100000, 1, 0x10, 0x1f, 1, &idx) == -EIO,
          "another base");
    CHECK(idx == 99 && !s.a[1].in_use, "changed by a refusal");
    CHECK(mcfg_reserved(&s, 0xe0000000, 1, 0x10, 0x1f, XEN_PCI_MMCFG_RESERVED,
                        &idx) == 0 && idx == 1 && s.a[1].in_use, "reserved");
    CHECK(mcfg_reserved(&s, 0xe0000000, 1, 0x10, 0x1f, 0, &idx) == 0 &&
          !s.a[1].in_use && !s.a[0].in_use, "not reserved");
    printf("PASS: mcfg reserved\n");
}

int main(void)
{
    test_segments();
    test_malformed();
    test_table_sizes();
    test_reserved();
    if ( failed )
        printf("mcfg: %d failed\n", failed);
    return failed != 0;
}
