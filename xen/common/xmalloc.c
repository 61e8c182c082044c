/*
 * xmalloc: small-object allocator on top of the xenheap (interface in
 * xen/xmalloc.h).
 *
 * Requests of up to 2048 bytes are served from power-of-two size classes
 * (16, 32, ..., 2048).  A class carves whole xenheap pages into objects of
 * its size, one class per page, so every object is aligned to its class
 * size: that is how alignments up to 2048 are met (anything bigger, up to a
 * page, gets a page).  Pages with a free object sit on their class's list;
 * a page whose last object is freed goes straight back to the heap.
 * Larger requests get whole pages: a buddy block of the next power-of-two
 * order whose unused tail pages are returned at once.
 *
 * Book-keeping lives in the backing page's struct page_info rather than in
 * the page (so a 2048-byte class page holds two objects, not one):
 *   list                links the page on its class's list while it has a
 *                       free object (xenheap pages use it for nothing else);
 *   u.inuse.type_info   XM_MAGIC | class | count | first free offset, where
 *                       count is objects in use, or for the first page of a
 *                       whole-page block its length in pages.
 * Free objects form a list inside the page (offsets, not pointers) and carry
 * XM_FREE_MAGIC, which makes double frees cheap to catch.  Frees that are
 * cheaply recognisable as wrong (not xmalloc memory, misaligned for the
 * class, already free) BUG(); debug builds also poison freed objects and
 * check the poison when an object is handed out again.
 */

#include <xen/xmalloc.h>
#include <xen/mm.h>
#include <xen/lib.h>
#include <xen/spinlock.h>

#define XM_MIN_SHIFT    4
#define XM_MAX_SHIFT    11
#define XM_NR_CLASSES   (XM_MAX_SHIFT - XM_MIN_SHIFT + 1)
#define XM_MAX_SMALL    (1UL << XM_MAX_SHIFT)
#define XM_CLASS_LARGE  0xfe    /* first page of a whole-page block */
#define XM_CLASS_TAIL   0xfd    /* any later page of one */

/* u.inuse.type_info of an xmalloc page. */
#define XM_MAGIC        0x584dUL    /* "XM" */
#define XM_MAGIC_SHIFT  48
#define XM_CLASS_SHIFT  40          /* 8 bits */
#define XM_COUNT_SHIFT  16          /* 24 bits */
#define XM_COUNT_MASK   0xffffffUL
#define XM_FREE_MASK    0xffffUL    /* offset of the first free object */
#define XM_FREE_NONE    XM_FREE_MASK

#define XM_FREE_MAGIC   0x65657266206d78UL  /* "xm free" */
#define XM_POISON       0x5a

/* The decoded type_info of an xmalloc page. */
struct xm_page {
    unsigned int cls;
    unsigned long count;
    unsigned long free;
};

/* The head of a free object; the smallest class is exactly this size. */
struct xm_free {
    unsigned long next;     /* offset in the page of the next, or NONE */
    unsigned long magic;    /* XM_FREE_MAGIC while free */
};

static DEFINE_SPINLOCK(xm_lock);

#define XM_LIST(i) LIST_HEAD_INIT(xm_partial[i])
static struct list_head xm_partial[XM_NR_CLASSES] = {
    XM_LIST(0), XM_LIST(1), XM_LIST(2), XM_LIST(3),
    XM_LIST(4), XM_LIST(5), XM_LIST(6), XM_LIST(7),
};
BUILD_BUG_ON(XM_NR_CLASSES != 8);
BUILD_BUG_ON(sizeof(struct xm_free) != 1UL << XM_MIN_SHIFT);
BUILD_BUG_ON(PAGE_SIZE > XM_FREE_NONE);

static bool xm_get(const struct page_info *pg, struct xm_page *x)
{
    unsigned long t = pg->u.inuse.type_info;

    if ( !(pg->count_info & PGC_xen_heap) || (t >> XM_MAGIC_SHIFT) != XM_MAGIC )
        return false;
    x->cls = (t >> XM_CLASS_SHIFT) & 0xff;
    x->count = (t >> XM_COUNT_SHIFT) & XM_COUNT_MASK;
    x->free = t & XM_FREE_MASK;
    return true;
}

static void xm_set(struct page_info *pg, unsigned int cls, unsigned long count,
                   unsigned long free)
{
    pg->u.inuse.type_info = (XM_MAGIC << XM_MAGIC_SHIFT) |
                            ((unsigned long)cls << XM_CLASS_SHIFT) |
                            (count << XM_COUNT_SHIFT) | free;
}

static unsigned long xm_size(unsigned int cls)
{
    return 1UL << (cls + XM_MIN_SHIFT);
}

static unsigned int xm_class(size_t size)
{
    if ( size <= (1UL << XM_MIN_SHIFT) )
        return 0;
    return 64 - __builtin_clzl(size - 1) - XM_MIN_SHIFT;
}

static void __noreturn xm_bad(const void *p, const char *why)
{
    printk(XENLOG_ERR "xfree(%p): %s\n", p, why);
    BUG();
}

/* ------------------------------------------------------------------------
 * Size classes
 */

static struct page_info *xm_new_page(unsigned int cls)
{
    unsigned long size = xm_size(cls), off;
    char *va = alloc_xenheap_page();
    struct page_info *pg;

    if ( !va )
        return NULL;
#ifndef NDEBUG
    memset(va, XM_POISON, PAGE_SIZE);
#endif
    for ( off = 0; off < PAGE_SIZE; off += size )
    {
        struct xm_free *f = (struct xm_free *)(va + off);

        f->next = off + size < PAGE_SIZE ? off + size : XM_FREE_NONE;
        f->magic = XM_FREE_MAGIC;
    }
    pg = virt_to_page(va);
    xm_set(pg, cls, 0, 0);
    return pg;
}

static bool xm_offset_ok(unsigned long off, unsigned int cls)
{
    return off == XM_FREE_NONE ||
           (off < PAGE_SIZE && !(off & (xm_size(cls) - 1)));
}

/* In debug builds, BUG() if a free object was written to after its free. */
static void xm_check_poison(const struct xm_free *f, unsigned int cls)
{
#ifndef NDEBUG
    const unsigned char *b = (const unsigned char *)(f + 1);
    unsigned long i;

    for ( i = 0; i < xm_size(cls) - sizeof(*f); i++ )
        if ( b[i] != XM_POISON )
        {
            printk(XENLOG_ERR "xmalloc: %p (%lu bytes) written after xfree\n",
                   f, xm_size(cls));
            BUG();
        }
#endif
}

/* Take the first free object of pg, which has one.  xm_lock held. */
static void *xm_pop(struct page_info *pg)
{
    char *va = page_to_virt(pg);
    struct xm_page x;
    struct xm_free *f;

    BUG_ON(!xm_get(pg, &x) || x.cls >= XM_NR_CLASSES || x.free == XM_FREE_NONE);
    f = (struct xm_free *)(va + x.free);
    if ( f->magic != XM_FREE_MAGIC || !xm_offset_ok(f->next, x.cls) )
    {
        printk(XENLOG_ERR "xmalloc: free list of page %p corrupted at %p\n",
               va, f);
        BUG();
    }
    xm_check_poison(f, x.cls);

    /* A full page leaves its class's list until an object is freed. */
    if ( f->next == XM_FREE_NONE )
        list_del(&pg->list);
    xm_set(pg, x.cls, x.count + 1, f->next);
    f->next = 0;
    f->magic = 0;
    return f;
}

static void *xm_alloc_small(unsigned int cls)
{
    struct page_info *pg;
    void *obj;

    spin_lock(&xm_lock);
    if ( list_empty(&xm_partial[cls]) )
    {
        /* The heap is called without xm_lock: no lock nesting. */
        spin_unlock(&xm_lock);
        pg = xm_new_page(cls);
        if ( !pg )
            return NULL;
        spin_lock(&xm_lock);
        list_add(&pg->list, &xm_partial[cls]);
    }
    pg = list_first_entry(&xm_partial[cls], struct page_info, list);
    obj = xm_pop(pg);
    spin_unlock(&xm_lock);

    return obj;
}

/* Is the object at off on the page's free list?  xm_lock held. */
static bool xm_on_free_list(const char *va, unsigned long first,
                            unsigned long off, unsigned int cls)
{
    unsigned long n = PAGE_SIZE / xm_size(cls);

    for ( ; first != XM_FREE_NONE && n; n-- )
    {
        if ( first == off )
            return true;
        first = ((const struct xm_free *)(va + first))->next;
    }
    return false;
}

static void xm_free_small(struct page_info *pg, void *p)
{
    char *va = page_to_virt(pg);
    unsigned long off = (char *)p - va;
    struct xm_free *f = p;
    struct xm_page x;
    bool empty;

    spin_lock(&xm_lock);
    if ( !xm_get(pg, &x) || x.cls >= XM_NR_CLASSES )
        xm_bad(p, "not xmalloc memory");
    if ( off & (xm_size(x.cls) - 1) )
        xm_bad(p, "not the start of an object");
    if ( f->magic == XM_FREE_MAGIC && xm_on_free_list(va, x.free, off, x.cls) )
        xm_bad(p, "already free");

#ifndef NDEBUG
    memset(f + 1, XM_POISON, xm_size(x.cls) - sizeof(*f));
#endif
    f->next = x.free;
    f->magic = XM_FREE_MAGIC;
    if ( x.free == XM_FREE_NONE )
        list_add(&pg->list, &xm_partial[x.cls]);

    empty = --x.count == 0;
    if ( empty )
    {
        list_del(&pg->list);
        pg->u.inuse.type_info = 0;
    }
    else
        xm_set(pg, x.cls, x.count, off);
    spin_unlock(&xm_lock);

    if ( empty )
        free_xenheap_page(va);
}

/* ------------------------------------------------------------------------
 * Whole pages
 */

/* Free n pages at pg as naturally aligned xenheap blocks. */
static void xm_free_run(struct page_info *pg, unsigned long n)
{
    while ( n )
    {
        unsigned long mfn = mfn_x(page_to_mfn(pg));
        unsigned int order = 63 - __builtin_clzl(n);

        if ( mfn )
            order = min(order, (unsigned int)__builtin_ctzl(mfn));
        free_xenheap_pages(page_to_virt(pg), order);
        pg += 1UL << order;
        n -= 1UL << order;
    }
}

static void *xm_alloc_pages(size_t size)
{
    unsigned long nr, i;
    unsigned int order;
    struct page_info *pg;
    void *va;

    if ( size > (PAGE_SIZE << MAX_ORDER) )
        return NULL;
    nr = PFN_UP(size);
    order = nr == 1 ? 0 : 64 - __builtin_clzl(nr - 1);
    va = alloc_xenheap_pages(order, 0);
    if ( !va )
        return NULL;

    pg = virt_to_page(va);
    xm_free_run(pg + nr, (1UL << order) - nr);
    xm_set(pg, XM_CLASS_LARGE, nr, XM_FREE_NONE);
    for ( i = 1; i < nr; i++ )
        xm_set(pg + i, XM_CLASS_TAIL, 0, XM_FREE_NONE);
    return va;
}

static void xm_free_pages(struct page_info *pg, unsigned long nr)
{
    unsigned long i;

    for ( i = 0; i < nr; i++ )
        pg[i].u.inuse.type_info = 0;
    xm_free_run(pg, nr);
}

/* ------------------------------------------------------------------------
 * Interface
 */

void *xmalloc_aligned(size_t size, size_t align)
{
    size_t need = max(size, align);

    if ( align > PAGE_SIZE || (align & (align - 1)) )
    {
        ASSERT_UNREACHABLE();
        return NULL;
    }
    if ( need <= XM_MAX_SMALL )
        return xm_alloc_small(xm_class(need));
    /* need, not size: a page-aligned request for 0 bytes still needs a page. */
    return xm_alloc_pages(need);
}

void *xzalloc_aligned(size_t size, size_t align)
{
    void *p = xmalloc_aligned(size, align);

    if ( p )
        memset(p, 0, size);
    return p;
}

void *xmalloc_bytes(size_t size)
{
    return xmalloc_aligned(size, 1);
}

void *xzalloc_bytes(size_t size)
{
    return xzalloc_aligned(size, 1);
}

void xfree(void *p)
{
    struct page_info *pg;
    struct xm_page x;

    if ( !p )
        return;
    pg = virt_to_page(p);
    if ( !xm_get(pg, &x) )
        xm_bad(p, "not xmalloc memory");

    if ( x.cls < XM_NR_CLASSES )
        xm_free_small(pg, p);
    else if ( x.cls == XM_CLASS_LARGE && !((unsigned long)p & ~PAGE_MASK) )
        xm_free_pages(pg, x.count);
    else
        xm_bad(p, "not the start of an xmalloc block");
}
