/*
 * The p2m (asm/hvm/p2m.h): a 4-level table in the long-mode page-table
 * format, which is what AMD's nested paging walks.  Guest accesses reach
 * the nested tables as user-mode accesses, so every present entry has
 * P, RW and US set (read-only types: no RW); leaves are 4 KiB, write-back
 * (PAT index 0; direct MMIO uncached, PCD|PWT), and keep their p2m type in
 * the three software bits 9-11.
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
#define NPT_TYPE_SHIFT 9
#define NPT_TYPE_MASK  (7UL << NPT_TYPE_SHIFT)
#define NPT_ADDR_MASK  0x000ffffffffff000UL
#define NPT_TABLE   (NPT_P | NPT_RW | NPT_US | NPT_A)
#define NPT_LEAF    (NPT_P | NPT_RW | NPT_US | NPT_A | NPT_D)

struct p2m {
    spinlock_t lock;
    uint64_t *root;                 /* level 4, direct map */
};

static uint64_t *new_table(void)
{
    uint64_t *t = alloc_xenheap_page();

    if ( t )
        memset(t, 0, PAGE_SIZE);
    return t;
}

struct p2m *p2m_create(void)
{
    struct p2m *p = xzalloc(struct p2m);

    if ( !p )
        return NULL;
    spin_lock_init(&p->lock);
    if ( !(p->root = new_table()) )
    {
        xfree(p);
        return NULL;
    }
    return p;
}

static void free_level(uint64_t *t, unsigned int level)
{
    if ( level > 1 )
        for ( unsigned int i = 0; i < 512; i++ )
            if ( t[i] & NPT_P )
                free_level(__va(t[i] & NPT_ADDR_MASK), level - 1);
    free_xenheap_page(t);
}

void p2m_destroy(struct p2m *p)
{
    if ( !p )
        return;
    free_level(p->root, 4);
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

        if ( !(*e & NPT_P) )
        {
            uint64_t *n;

            if ( !alloc || !(n = new_table()) )
                return NULL;
            *e = __pa(n) | NPT_TABLE;
        }
        t = __va(*e & NPT_ADDR_MASK);
    }
    return t;
}

static uint64_t leaf(mfn_t mfn, enum p2m_type t)
{
    uint64_t e = ((mfn_x(mfn) << PAGE_SHIFT) & NPT_ADDR_MASK) | NPT_LEAF |
                 ((uint64_t)t << NPT_TYPE_SHIFT);

    if ( t == p2m_mmio_direct )
        e |= NPT_PCD | NPT_PWT;         /* device memory: uncached */
    return t == p2m_grant_map_ro ? e & ~NPT_RW : e;
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
        *replaced = *e & NPT_P;
        *e = t == p2m_invalid ? 0 : leaf(mfn, t);
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
    else if ( *e & NPT_P )
        rc = -EEXIST;
    else
        *e = leaf(mfn, t);
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
    if ( (e = entry(p, gfn, false)) && (*e & NPT_P) && *e == leaf(mfn, t) )
    {
        *e = 0;
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
    if ( !(e & NPT_P) )
    {
        *t = p2m_invalid;
        return INVALID_MFN;
    }
    *t = (e & NPT_TYPE_MASK) >> NPT_TYPE_SHIFT;
    return _mfn((e & NPT_ADDR_MASK) >> PAGE_SHIFT);
}
