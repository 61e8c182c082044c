/*
 * garbage.h - the shared part of the garbage tests: tests/pv/garbage.c
 * (a PV guest) and tests/hvm/garbage.c (a PVH guest) hand every hypercall
 * hostile arguments and judge each answer the same way.
 *
 * A case is a hypercall number, five arguments and what must come back:
 * an exact errno where Xen 4.17's answer is stable, or one of the
 * markers below.  A gap (a call or sub-op this hypervisor does not offer
 * yet) answering -ENOSYS here is reported, not failed; on Xen, and with
 * any other answer, it is judged as usual.
 */
#ifndef TESTS_GARBAGE_H
#define TESTS_GARBAGE_H

#include <pvtest.h>
#include <pv/hvinfo.h>
#include <public/errno.h>

#define ANYNEG      1L              /* any negative value passes */
#define ZERO_OK     2L              /* 0 expected (call accepts anything) */
#define ANY_RC      3L              /* only printed */

#define NULLP       0UL
#define NONCANON    0x0000800000000000UL
#define HVPTR       0xffff830000000000UL
#define UNMAPPED    0x00007fff00000000UL     /* canonical user, unmapped */
#define M1          (~0UL)
#define NODOM       0x7fe0UL                 /* no such domain (not DOMID_SELF) */

#define EF  (-XEN_EFAULT)
#define EI  (-XEN_EINVAL)
#define NS  (-XEN_ENOSYS)

struct gcase
{
    unsigned int nr;
    unsigned long a[5];
    long expect;
    const char *what;
};

#define C(n, a1, a2, a3, a4, a5, e, w) { n, { a1, a2, a3, a4, a5 }, e, w }

/* A call (sub ~0UL: every sub-op) or a sub-op (first argument) missing here. */
struct gap
{
    unsigned int nr;
    unsigned long sub;
};

#define GAP_ALL     (~0UL)

struct garbage
{
    enum hypercall_mode mode;
    const struct gap *gaps;
    unsigned int nr_gaps;
};

static inline long garbage_call(const struct garbage *g, unsigned int nr,
                                const unsigned long *a)
{
    return hypercall_via(g->mode, nr, a[0], a[1], a[2], a[3], a[4]);
}

static inline bool garbage_gap(const struct garbage *g, unsigned int nr,
                               unsigned long sub, long rc)
{
    if ( hv_is_xen() || rc != NS )
        return false;
    for ( unsigned int i = 0; i < g->nr_gaps; i++ )
        if ( g->gaps[i].nr == nr &&
             (g->gaps[i].sub == GAP_ALL || g->gaps[i].sub == sub) )
            return true;
    return false;
}

static inline void garbage_judge(const struct garbage *g, const char *what,
                                 unsigned int nr, unsigned long sub, long rc,
                                 long expect)
{
    printf("  [%2u] %-44s rc %ld\n", nr, what, rc);
    if ( garbage_gap(g, nr, sub, rc) )
        printf("       (not implemented on this hypervisor yet)\n");
    else if ( expect == ANYNEG )
        check(rc < 0, "[%u] %s: rc %ld, expected an error", nr, what, rc);
    else if ( expect == ANY_RC )
        return;
    else if ( expect == ZERO_OK )
        check(rc == 0, "[%u] %s: rc %ld, expected 0", nr, what, rc);
    else
        check(rc == expect, "[%u] %s: rc %ld, expected %ld", nr, what, rc,
              expect);
}

static inline void garbage_cases(const struct garbage *g,
                                 const struct gcase *c, unsigned int n)
{
    for ( unsigned int i = 0; i < n; i++ )
        garbage_judge(g, c[i].what, c[i].nr, c[i].a[0],
                      garbage_call(g, c[i].nr, c[i].a), c[i].expect);
}

/* Numbers with nothing behind them: -ENOSYS, whatever the arguments. */
static inline void garbage_unused(const struct garbage *g,
                                  const unsigned int *nrs, unsigned int n)
{
    static const unsigned long z[5];

    for ( unsigned int i = 0; i < n; i++ )
        garbage_judge(g, "unused number", nrs[i], 0,
                      garbage_call(g, nrs[i], z), NS);
}

/*
 * -1 in every argument of every number below 64 that skip() lets
 * through; expect[nr] is the answer (0: any error).
 */
static inline void garbage_all_m1(const struct garbage *g,
                                  bool (*skip)(unsigned int nr),
                                  const long expect[64])
{
    static const unsigned long m1[5] = { M1, M1, M1, M1, M1 };

    for ( unsigned int nr = 0; nr < 64; nr++ )
    {
        if ( skip(nr) )
            continue;
        garbage_judge(g, "all arguments -1", nr, M1, garbage_call(g, nr, m1),
                      expect[nr] ? expect[nr] : ANYNEG);
    }
}

#endif /* TESTS_GARBAGE_H */
