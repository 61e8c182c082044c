/*
 * fuzz-gen.h - the fuzzer's state and its hostile values (see fuzz.c).
 *
 * Every value is drawn from the vCPU's own generator, so one seed gives
 * one sequence per vCPU.  Values lean towards edges: hypervisor addresses,
 * canonical boundaries, huge counts, frames that are not ours.  What the
 * fuzzer must never hand out is a way to destroy itself through a
 * legitimate operation, so "our own frames" means only the vCPU's pool of
 * sacrificial pages and our page-table frames (which the hypervisor keeps
 * read-only), never the kernel's code, data or stack; and the virtual
 * addresses whose mappings may be replaced are the pool's.
 */
#ifndef FUZZ_GEN_H
#define FUZZ_GEN_H

#include <pvtest.h>
#include <pv/rand.h>

#define FZ_FUZZERS      2           /* vCPUs 0 and 1 fuzz ... */
#define FZ_VICTIM       2           /* ... vCPU 2 is theirs to start and stop */
#define FZ_POOL         64          /* sacrificial pages per fuzzing vCPU */
#define FZ_POOL_PFN(v)  (0x20 + (v) * FZ_POOL)
#define FZ_GNT_PFN      0x10        /* our grant table, FZ_GNT_FRAMES pages */
#define FZ_GNT_FRAMES   4
#define FZ_ARENA_PAGES  8           /* per vCPU: 6 usable, 1 read-only, 1 hole */
#define FZ_ARENA_RO     6
#define FZ_ARENA_HOLE   7
#define FZ_REGION       64          /* dom0's checksummed pages */
#define FZ_HANDLES      16
#define FZ_GONE         (~0UL)      /* a pool page given back */

/* What dom0 publishes (grant ref FZ_REF_INFO, read-only). */
#define FZ_INFO_MAGIC   0x7a7a7566666e6921ULL
#define FZ_REF_INFO     8           /* the info page */
#define FZ_REF_RO       9           /* refs 9..12: region pages, read-only */
#define FZ_REF_RW       13          /* a spare dom0 page, writable */
#define FZ_REF_LAST     13
struct fz_info
{
    uint64_t magic;
    uint32_t nr_region, port;       /* port: dom0's unbound port for us */
    uint64_t region_mfn[FZ_REGION];
    uint64_t other_mfn[4];          /* dom0's L4, start_info, text, spare */
};

/* Things to put right after a top-level call (fz->restore bits). */
#define FZ_R_TRAPS      (1u << 0)   /* trap table and callbacks */
#define FZ_R_FPU        (1u << 1)
#define FZ_R_DR7        (1u << 2)
#define FZ_R_LDT        (1u << 3)

struct fz;
struct fz_call;
/* Run after a top-level call, to keep the pool in step with it. */
typedef void (*fz_post_t)(struct fz *f, struct fz_call *c, long rc);

struct fz_call
{
    unsigned long nr;
    unsigned long a[5];
    const char *name;
    unsigned int sub;
    fz_post_t post;
    void *post_arg;
};

struct fz
{
    unsigned int id;
    struct prng r;
    uint8_t *arena;
    size_t used;
    unsigned int depth;             /* multicall nesting */
    unsigned int restore;
    unsigned long pool_mfn[FZ_POOL];
    uint32_t handle[FZ_HANDLES];
    unsigned long handle_va[FZ_HANDLES];
    unsigned long calls, ok;
};

/* Shared, read-only once fuzzing starts. */
static struct fz_info fz_dom0;
static unsigned long fz_pt_mfn[16], fz_nr_pt;
static unsigned long fz_gnt_mfn[FZ_GNT_FRAMES];
static unsigned long fz_own_lo, fz_own_hi;     /* our frames' span */
static domid_t fz_self;

static uint8_t fz_arenas[FZ_FUZZERS][FZ_ARENA_PAGES * PAGE_SIZE]
    __aligned(PAGE_SIZE);

static inline uint64_t fz_rand(struct fz *f)
{
    return prng_next(&f->r);
}

static inline uint64_t fz_below(struct fz *f, uint64_t n)
{
    return prng_below(&f->r, n);
}

static inline bool fz_one_in(struct fz *f, uint64_t n)
{
    return prng_one_in(&f->r, n);
}

#define FZ_PICK(f, arr) ((arr)[fz_below(f, ARRAY_SIZE(arr))])

/* ---- fault-tolerant stores (a pool page may be read-only or gone) ---- */

static inline bool fz_poke64(volatile uint64_t *p, uint64_t v)
{
    unsigned long faulted;

    __asm__ __volatile__ ("mov $1, %[f]\n"
                          "1: movq %[v], (%[p])\n\t"
                          "xor %[f], %[f]\n"
                          "2:\n\t"
                          EXTABLE_ENTRY(1b, 2b)
                          : [f] "=&r" (faulted)
                          : [p] "r" (p), [v] "r" (v)
                          : "memory");
    return !faulted;
}

/* ---- the arena: argument buffers, reset for every top-level call ---- */

static inline void *fz_alloc(struct fz *f, size_t size)
{
    size_t at = (f->used + 15) & ~15UL;

    if ( at + size > FZ_ARENA_RO * PAGE_SIZE )
        at = 0;                     /* wrap: only multicall gets that far */
    f->used = at + size;
    return f->arena + at;
}

static inline void fz_fill(struct fz *f, void *p, size_t size)
{
    uint8_t *b = p;

    for ( size_t i = 0; i < size; i++ )
        b[i] = (uint8_t)fz_rand(f);
}

/* ---- scalars ---- */

static const uint64_t fz_edges[] = {
    0, 1, 2, 3, 7, 8, 15, 16, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000,
    0x7fff, 0x8000, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ULL, 0x00007ffffffff000ULL, 0x00007fffffffffffULL,
    0x0000800000000000ULL, 0xffff7fffffffffffULL, 0xffff800000000000ULL,
    0xffff82d040000000ULL, 0xffff830000000000ULL, 0xffff87ffffffffffULL,
    0xffff880000000000ULL, 0x8000000000000000ULL, 0x7fffffffffffffffULL,
    ~0ULL - 1, ~0ULL,
};

static inline uint64_t fz_count(struct fz *f)
{
    switch ( fz_below(f, 6) )
    {
    case 0: return 0;
    case 1: return 1;
    case 2: return 2 + fz_below(f, 7);
    case 3: return fz_below(f, 64);
    case 4: return FZ_PICK(f, fz_edges);
    default: return 1 + fz_below(f, 3);
    }
}

/* A 64-bit value of no particular meaning. */
static inline uint64_t fz_any(struct fz *f)
{
    switch ( fz_below(f, 5) )
    {
    case 0: return fz_rand(f);
    case 1: return FZ_PICK(f, fz_edges) + fz_below(f, 3) - 1;
    case 2: return fz_below(f, 4096);
    default: return FZ_PICK(f, fz_edges);
    }
}

static inline domid_t fz_dom(struct fz *f)
{
    static const domid_t doms[] = {
        DOMID_SELF, DOMID_SELF, DOMID_SELF, 0, 0, 1, 2, 3, DOMID_IO,
        DOMID_XEN, DOMID_COW, DOMID_INVALID, DOMID_IDLE, 0x7fef, 0xffff,
    };

    return fz_one_in(f, 16) ? (domid_t)fz_rand(f) : FZ_PICK(f, doms);
}

static inline uint32_t fz_port(struct fz *f)
{
    static const uint32_t ports[] = {
        0, 1, 2, 3, 4, 5, 8, 63, 64, 1023, 1024, 4095, 4096, 131071,
        131072, 0x7fffffff, 0xffffffff,
    };

    return fz_one_in(f, 3) ? FZ_PICK(f, ports) : fz_below(f, 16);
}

static inline uint32_t fz_vcpu(struct fz *f)
{
    static const uint32_t ids[] = { 0, 1, 2, 2, 3, 127, 128, 4096, ~0u };

    return FZ_PICK(f, ids);
}

/* ---- frames ---- */

static inline unsigned long fz_pool_va(unsigned int v, unsigned int i)
{
    return pfn_to_va(FZ_POOL_PFN(v) + i);
}

/* A live frame of this vCPU's pool (or its last frame if all are gone). */
static inline unsigned long fz_pool_frame(struct fz *f, unsigned int *idx)
{
    unsigned int i = fz_below(f, FZ_POOL);

    for ( unsigned int n = 0; n < FZ_POOL && f->pool_mfn[i] == FZ_GONE; n++ )
        i = (i + 1) % FZ_POOL;
    if ( idx )
        *idx = i;
    return f->pool_mfn[i] == FZ_GONE ? 0x1234567 : f->pool_mfn[i];
}

/* Near another frame, but never one of our own outside the pool. */
static inline unsigned long fz_near(struct fz *f, unsigned long mfn)
{
    unsigned long m = mfn + fz_below(f, 33) - 16;

    return m >= fz_own_lo && m <= fz_own_hi ? mfn : m;
}

static inline unsigned long fz_mfn(struct fz *f)
{
    static const unsigned long junk[] = {
        0, 1, 0x9f, 0xa0, 0xb8, 0xfec00, 0xfed00, 0xfee00, 0x100000,
        0xfffff, 0x7ffffffUL, 0xffffffffUL, 1UL << 40, (1UL << 52) - 1,
        ~0UL >> 12, ~0UL,
    };

    switch ( fz_below(f, 10) )
    {
    case 0: case 1: case 2:
        return fz_pool_frame(f, NULL);
    case 3:
        return fz_pt_mfn[fz_below(f, fz_nr_pt)];
    case 4:
        return fz_dom0.region_mfn[fz_below(f, FZ_REGION)];
    case 5:
        return fz_one_in(f, 2) ? fz_dom0.other_mfn[fz_below(f, 4)]
                               : fz_gnt_mfn[fz_below(f, FZ_GNT_FRAMES)];
    case 6:
        return fz_below(f, 0x200);
    case 7:
        return fz_near(f, fz_one_in(f, 2) ? fz_pool_frame(f, NULL)
                                          : fz_dom0.region_mfn[0]);
    default:
        return FZ_PICK(f, junk);
    }
}

/* ---- addresses ---- */

/* A random address in the hypervisor's part of the address space. */
static inline uint64_t fz_hv_addr(struct fz *f)
{
    static const uint64_t bases[] = {
        0xffff800000000000ULL, 0xffff804000000000ULL, 0xffff828000000000ULL,
        0xffff82d040000000ULL, 0xffff82d040200000ULL, 0xffff82e000000000ULL,
        0xffff830000000000ULL, 0xffff830000100000ULL, 0xffff87fffffff000ULL,
    };

    return FZ_PICK(f, bases) + (fz_one_in(f, 2) ? fz_below(f, 0x1000000)
                                               : fz_below(f, 64) * 8);
}

/* An address that no argument buffer may come from. */
static inline uint64_t fz_bad_ptr(struct fz *f, size_t size)
{
    uint8_t *a = f->arena;

    switch ( fz_below(f, 8) )
    {
    case 0: case 1: return fz_hv_addr(f);
    case 2: return (uint64_t)(a + FZ_ARENA_HOLE * PAGE_SIZE) - size / 2;
    case 3: return (uint64_t)(a + FZ_ARENA_RO * PAGE_SIZE) + fz_below(f, 64);
    case 4: return 0x00007ffff0000000ULL + fz_below(f, 0x10000);
    case 5: return 0x0000800000000000ULL - fz_below(f, 3) * 8 +
                   (fz_one_in(f, 2) ? 0 : 0x0000800000000000ULL);
    case 6: return fz_below(f, 0x2000);
    default: return FZ_PICK(f, fz_edges);
    }
}

/*
 * A pointer for a hypercall argument of size bytes: mostly a good arena
 * buffer (returned in *buf, for the caller to fill), sometimes hostile
 * (*buf NULL then).
 */
static inline uint64_t fz_ptr(struct fz *f, size_t size, void **buf)
{
    uint8_t *p;

    *buf = NULL;
    if ( fz_one_in(f, 8) )
        return fz_bad_ptr(f, size);
    p = fz_alloc(f, size + 8);
    if ( fz_one_in(f, 16) )
        p += 1 + fz_below(f, 7);            /* misaligned, still ours */
    memset(p, 0, size);
    *buf = p;
    return (uint64_t)p;
}

/* A virtual address whose mapping the fuzzer may change. */
static inline uint64_t fz_va(struct fz *f)
{
    switch ( fz_below(f, 8) )
    {
    case 0: return fz_hv_addr(f);
    case 1: return FZ_PICK(f, fz_edges) & ~0xfffULL;
    case 2: return 0x0000000000400000ULL + fz_below(f, 16) * PAGE_SIZE;
    case 3: return fz_pool_va(f->id, fz_below(f, FZ_POOL)) + fz_below(f, 4);
    default: return fz_pool_va(f->id, fz_below(f, FZ_POOL));
    }
}

/* A PTE or PTE-like value. */
static inline uint64_t fz_pte(struct fz *f)
{
    static const uint64_t flags[] = {
        0, _PAGE_PRESENT, _PAGE_PRESENT | _PAGE_RW,
        _PAGE_PRESENT | _PAGE_RW | _PAGE_USER | _PAGE_ACCESSED | _PAGE_DIRTY,
        _PAGE_PRESENT | _PAGE_USER, _PAGE_PRESENT | _PAGE_PSE | _PAGE_RW,
        _PAGE_PRESENT | _PAGE_RW | _PAGE_PCD | _PAGE_PWT,
        _PAGE_PRESENT | (1ULL << 63), _PAGE_PRESENT | (1ULL << 7) | (1ULL << 8),
        0xfff, _PAGE_PRESENT | (0x7ffULL << 52),
    };

    if ( fz_one_in(f, 12) )
        return fz_any(f);
    return (fz_mfn(f) << PAGE_SHIFT) | FZ_PICK(f, flags);
}

#endif /* FUZZ_GEN_H */
