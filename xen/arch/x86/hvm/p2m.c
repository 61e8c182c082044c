/*
 * The p2m (asm/hvm/p2m.h): a 4-level radix table of 512-entry pages in
 * the format the vendor's nested paging walks, chosen per p2m at creation
 * (struct p2m_format below):
 *
 * - NPT (AMD): ordinary long-mode page-table entries.  Guest accesses
 *   reach the nested tables as user-mode accesses, so every present entry
 *   has P, RW and US (read-only types: no RW); leaves are write-back (PAT
 *   index 0; direct MMIO uncached, PCD|PWT); the type lives in the
 *   software bits 9-11.
 * - EPT (Intel): read/write/execute permission bits 0-2 (an entry is
 *   present when any is set; read-only types: R|X); leaves carry their
 *   memory type in bits 3-5 (6, write-back, for RAM, combined with the
 *   guest's PAT; 0, uncached, for direct MMIO, which no guest PAT can
 *   override); the type lives in bits 52-54, which EPT ignores.  Accessed
 *   and dirty flags are not enabled, so bits 8-9 stay 0.
 *
 * Everything else (walk, locking, teardown) does not depend on the format.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/spinlock.h>
#include <xen/xmalloc.h>
#include <asm/hvm/p2m.h>

#define NPT_P       (1UL << 0)
#define NPT_RW      (1UL << 1)
#define NPT_US      (1UL << 2)
#define NPT_PWT     (1UL << 3)
#define NPT_PCD     (1UL << 4)
#define NPT_A       (1UL << 5)
#define NPT_D       (1UL << 6)

#define EPT_R       (1UL << 0)
#define EPT_W       (1UL << 1)
#define EPT_X       (1UL << 2)
#define EPT_MT_UC   (0UL << 3)
#define EPT_MT_WB   (6UL << 3)

#define P2M_ADDR_MASK  0x000ffffffffff000UL

/* How one vendor's nested tables spell an entry. */
struct p2m_format {
    uint64_t present;       /* any of these bits: the entry is present */
    uint64_t table;         /* a non-leaf entry's bits */
    uint64_t leaf_rw;       /* a writable leaf's permission bits */
    uint64_t leaf_ro;       /* a read-only leaf's */
    uint64_t cache_ram;     /* memory-type bits of RAM leaves */
    uint64_t cache_mmio;    /* and of direct MMIO leaves */
    unsigned int type_shift;    /* where the 3-bit p2m type lives */
};

static const struct p2m_format formats[] = {
    [P2M_FORMAT_NPT] = {
        .present = NPT_P,
        .table = NPT_P | NPT_RW | NPT_US | NPT_A,
        .leaf_rw = NPT_P | NPT_RW | NPT_US | NPT_A | NPT_D,
        .leaf_ro = NPT_P | NPT_US | NPT_A | NPT_D,
        .cache_ram = 0,
        .cache_mmio = NPT_PCD | NPT_PWT,
        .type_shift = 9,
    },
    [P2M_FORMAT_EPT] = {
        .present = EPT_R | EPT_W | EPT_X,
        .table = EPT_R | EPT_W | EPT_X,
        .leaf_rw = EPT_R | EPT_W | EPT_X,
        .leaf_ro = EPT_R | EPT_X,
        .cache_ram = EPT_MT_WB,
        .cache_mmio = EPT_MT_UC,
        .type_shift = 52,
    },
};

struct p2m {
    spinlock_t lock;
    const struct p2m_format *f;
    uint64_t *root;                 /* level 4, direct map */
};

static uint64_t *new_table(void)
{
    uint64_t *t = alloc_xenheap_page();

    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

struct p2m *p2m_create(enum p2m_format_id fmt)
{
    struct p2m *p;

    if ( (unsigned int)fmt >= ARRAY_SIZE(formats) )
        return NULL;
    if ( !(p = xzalloc(struct p2m)) )
        return NULL;
    p->f = &formats[fmt];
    spin_lock_init(&p->lock);
    if ( !(p->root = new_table()) )
    {
        xfree(p);
        return NULL;
    }
    return p;
}

static void free_level(const struct p2m *p, uint64_t *t, unsigned int level)
{
    if ( level > 1 )
        for ( unsigned int i = 0; i < 512; i++ )
            if ( t[i] & p->f->present )
                free_level(p, __va(t[i] & P2M_ADDR_MASK), level - 1);
    free_xenheap_page(t);
}

void p2m_destroy(struct p2m *p)
{
    if ( !p )
        return;
    free_level(p, p->root, 4);
    xfree(p);
}

uint64_t p2m_root(const struct p2m *p)
{
    return __pa(p->root);
}

static unsigned int index_at(unsigned long gfn, unsigned int level)
{
    return (gfn >> (9 * (level - 1))) & 511;
}

/* The level-1 table for gfn, created on the way if alloc; NULL if absent
 * (or out of memory). */
static uint64_t *l1_table(struct p2m *p, unsigned long gfn, bool alloc)
{
    uint64_t *t = p->root;

    for ( unsigned int level = 4; level > 1; level-- )
    {
        uint64_t *e = &t[index_at(gfn, level)];

        if ( !(*e & p->f->present) )
        {
            uint64_t *n;

            if ( !alloc || !(n = new_table()) )
                return NULL;
            *e = __pa(n) | p->f->table;
        }
        t = __va(*e & P2M_ADDR_MASK);
    }
    return t;
}

static uint64_t leaf(const struct p2m *p, mfn_t mfn, enum p2m_type t)
{
    const struct p2m_format *f = p->f;

    return ((mfn_x(mfn) << PAGE_SHIFT) & P2M_ADDR_MASK) |
           (t == p2m_grant_map_ro ? f->leaf_ro : f->leaf_rw) |
           (t == p2m_mmio_direct ? f->cache_mmio : f->cache_ram) |
           ((uint64_t)t << f->type_shift);
}

static bool args_ok(unsigned long gfn, mfn_t mfn, enum p2m_type t)
{
    return gfn <= P2M_MAX_GFN &&
           (t == p2m_invalid ||
            (mfn_x(mfn) << PAGE_SHIFT) >> PAGE_SHIFT == mfn_x(mfn));
}

/* Under the lock: the entry for gfn, its tables made if alloc; NULL if
 * absent (or out of memory). */
static uint64_t *entry(struct p2m *p, unsigned long gfn, bool alloc)
{
    uint64_t *l1 = l1_table(p, gfn, alloc);

    return l1 ? &l1[index_at(gfn, 1)] : NULL;
}

int p2m_set_entry(struct p2m *p, unsigned long gfn, mfn_t mfn,
                  enum p2m_type t, bool *replaced)
{
    uint64_t *e;
    int rc = 0;

    *replaced = false;
    if ( !args_ok(gfn, mfn, t) )
        return -EINVAL;
    spin_lock(&p->lock);
    if ( !(e = entry(p, gfn, t != p2m_invalid)) )
        rc = t == p2m_invalid ? 0 : -ENOMEM;
    else
    {
        *replaced = *e & p->f->present;
        *e = t == p2m_invalid ? 0 : leaf(p, mfn, t);
    }
    spin_unlock(&p->lock);
    return rc;
}

int p2m_set_entry_if_free(struct p2m *p, unsigned long gfn, mfn_t mfn,
                          enum p2m_type t)
{
    uint64_t *e;
    int rc = 0;

    if ( !args_ok(gfn, mfn, t) || t == p2m_invalid )
        return -EINVAL;
    spin_lock(&p->lock);
    if ( !(e = entry(p, gfn, true)) )
        rc = -ENOMEM;
    else if ( *e & p->f->present )
        rc = -EEXIST;
    else
        *e = leaf(p, mfn, t);
    spin_unlock(&p->lock);
    return rc;
}

int p2m_clear_entry_if(struct p2m *p, unsigned long gfn, mfn_t mfn,
                       enum p2m_type t)
{
    uint64_t *e;
    int rc = -ENOENT;

    if ( !args_ok(gfn, mfn, t) || t == p2m_invalid )
        return -ENOENT;
    spin_lock(&p->lock);
    if ( (e = entry(p, gfn, false)) && (*e & p->f->present) && *e == leaf(p, mfn, t) )
    {
        *e = 0;
        rc = 0;
    }
    spin_unlock(&p->lock);
    return rc;
}

int p2m_replace_entry_if(struct p2m *p, unsigned long gfn, mfn_t old,
                         enum p2m_type ot, mfn_t mfn, enum p2m_type t)
{
    uint64_t *e;
    int rc = -ENOENT;

    if ( !args_ok(gfn, old, ot) || !args_ok(gfn, mfn, t) ||
         ot == p2m_invalid || t == p2m_invalid )
        return -ENOENT;
    spin_lock(&p->lock);
    if ( (e = entry(p, gfn, false)) && (*e & p->f->present) &&
         *e == leaf(p, old, ot) )
    {
        *e = leaf(p, mfn, t);
        rc = 0;
    }
    spin_unlock(&p->lock);
    return rc;
}

mfn_t p2m_lookup(struct p2m *p, unsigned long gfn, enum p2m_type *t)
{
    uint64_t *l1, e = 0;

    if ( gfn <= P2M_MAX_GFN )
    {
        spin_lock(&p->lock);
        if ( (l1 = l1_table(p, gfn, false)) )
            e = l1[index_at(gfn, 1)];
        spin_unlock(&p->lock);
    }
    if ( !(e & p->f->present) )
    {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    *t = (e >> p->f->type_shift) & 7;
    return _mfn((e & P2M_ADDR_MASK) >> PAGE_SHIFT);
}
