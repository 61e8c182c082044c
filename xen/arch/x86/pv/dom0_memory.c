/*
 * dom0's memory (interface in dom0_build.h).
 *
 * Size: "dom0_mem=[min:<amt>,][max:<amt>,][<amt>]" as in Xen, where
 * <amt> is a size ("512M") or "-<size>" for "all but <size>".  Without
 * <amt>, dom0 gets all available memory minus a reserve for the
 * hypervisor of 1/16th of it, at most 128 MiB (Xen's default).
 * "Available" is the free heap plus what the build gives back (the kernel
 * module and the buffer it was unpacked into); the initrd module is
 * copied, not handed over, so it is not counted.  Xen's percentages are
 * not supported.
 *
 * Allocation: the initial mapping is one machine-contiguous block (a
 * power-of-two buddy block with its tail given back), so that pfn N of
 * it is boot_mfn + N.  Xen 4.17 needs the same block but keeps the whole
 * power of two.  With INIT_P2M the P2M list and its tables are a second
 * such block.  The other pfns come afterwards in chunks as large as the
 * heap has, each recorded in the guest's P2M list and in the M2P.
 *
 * Scrubbing: a boot-time domU gets zeroed memory like any domU.  dom0's
 * memory is NOT scrubbed (MEMF_no_scrub), as on Xen: it is the first
 * domain, trusted, and nothing has run yet whose data it could see;
 * zeroing some 240,000 pages is most of what building it would cost.
 * Only what the layout promises to be zero is zeroed: the initial
 * mapping after the kernel outside the initrd and P2M list (start_info,
 * the page tables, the stack, the padding), and the page tables after a
 * separate P2M list.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/param.h>
#include <asm/m2p.h>
#include <asm/dom0.h>
#include "dom0_build.h"

struct dom0_amount {
    bool set;
    bool minus;           /* "all but" */
    unsigned long pages;
};

static struct dom0_amount dom0_size, dom0_min, dom0_max;

static int parse_amount(const char *s, const char **end, struct dom0_amount *a)
{
    a->minus = *s == '-';
    s += a->minus;
    if ( *s < '0' || *s > '9' )
        return -EINVAL;
    a->pages = parse_size_and_unit(s, end) >> PAGE_SHIFT;
    a->set = true;
    return (**end == '\0' || **end == ',') ? 0 : -EINVAL;
}

/* All or nothing: the three amounts are parsed into copies and take
 * effect only if the whole value parses.  A bad value is reported by the
 * command-line parser as ignored, and so it must be: an amount read
 * before the error (0 pages from "16E") would otherwise stay set. */
static int parse_dom0_mem(const char *s)
{
    struct dom0_amount size = dom0_size, min = dom0_min, max = dom0_max;
    int rc;

    do {
        if ( !strncmp(s, "min:", 4) )
            rc = parse_amount(s + 4, &s, &min);
        else if ( !strncmp(s, "max:", 4) )
            rc = parse_amount(s + 4, &s, &max);
        else
            rc = parse_amount(s, &s, &size);
    } while ( rc == 0 && *s++ == ',' );
    if ( rc )
        return rc;
    dom0_size = size;
    dom0_min = min;
    dom0_max = max;
    return 0;
}
custom_param("dom0_mem", parse_dom0_mem);

static unsigned long amount_pages(const struct dom0_amount *a,
                                  unsigned long avail)
{
    if ( !a->minus )
        return a->pages;
    return a->pages < avail ? avail - a->pages : 0;
}

/* Whole pages of a boot module, which dom0_free_module() gives back. */
unsigned long dom0_module_pages(const struct boot_module *m)
{
    unsigned long s = PFN_UP(m->start), e = PFN_DOWN(m->start + m->size);

    return e > s ? e - s : 0;
}

unsigned long dom0_compute_nr_pages(const struct dom0_build *b)
{
    return dom0_mem_pages(total_free_pages() + dom0_module_pages(b->kernel) +
                          (b->unpacked ? 1UL << b->unpacked_order : 0));
}

unsigned long dom0_mem_pages(unsigned long avail)
{
    unsigned long nr;

    if ( dom0_size.set )
        nr = amount_pages(&dom0_size, avail);
    else
        nr = avail - min(avail / 16, MB(128) >> PAGE_SHIFT);
    if ( dom0_min.set )
        nr = max(nr, amount_pages(&dom0_min, avail));
    if ( dom0_max.set )
        nr = min(nr, amount_pages(&dom0_max, avail));
    if ( nr > avail )
        printk(XENLOG_WARNING "dom0: dom0_mem exceeds the %lu MiB available\n",
               avail >> (20 - PAGE_SHIFT));
    return min(nr, avail);
}

/* d->max_pages after the build: dom0_mem's max, else no practical limit. */
unsigned long dom0_max_pages(void)
{
    return dom0_max.set ? amount_pages(&dom0_max, total_free_pages())
                        : (unsigned long)UINT32_MAX;
}

/* Give back pages [keep, 2^order) of a block, in naturally aligned pieces. */
static void free_tail(struct page_info *pg, unsigned int order,
                      unsigned long keep)
{
    unsigned long i = keep, end = 1UL << order;

    while ( i < end )
    {
        unsigned int k = __builtin_ctzl(i);

        while ( i + (1UL << k) > end )
            k--;
        free_domheap_pages(pg + i, k);
        i += 1UL << k;
    }
}

static void set_p2m(const struct dom0_build *b, unsigned long pfn,
                    unsigned long mfn)
{
    b->p2m[pfn] = mfn;
    set_gpfn_from_mfn(mfn, pfn);
}

/* dom0's pages come as they are (see above); a domU's zeroed. */
static unsigned int build_memflags(const struct dom0_build *b)
{
    return b->want_pages ? 0 : MEMF_no_scrub;
}

/* A machine-contiguous block of exactly pages pages for d; zeroed unless
 * it is dom0's. */
static struct page_info *alloc_block(const struct dom0_build *b,
                                     unsigned long pages, const char *what)
{
    unsigned int order = dom0_order_for_pages(pages);
    struct page_info *pg = order <= MAX_ORDER
                           ? alloc_domheap_pages(b->d, order, build_memflags(b))
                           : NULL;

    if ( !pg )
    {
        printk(XENLOG_ERR "dom0: no free contiguous %lu MiB for %s\n",
               (1UL << order) >> (20 - PAGE_SHIFT), what);
        return NULL;
    }
    free_tail(pg, order, pages);
    return pg;
}

/* Zero guest virtual [s, e) of the initial mapping, if not empty. */
static void zero_boot_va(const struct dom0_build *b, unsigned long s,
                         unsigned long e)
{
    if ( e > s )
        memset(dom0_boot_va(b, s), 0, e - s);
}

/*
 * dom0's blocks came unscrubbed: zero what follows the kernel and the
 * build does not overwrite (the initrd is copied, every P2M entry set):
 * start_info, the bootstrap tables, the stack, the padding.  What lies
 * below the kernel (16 MiB for Linux, whose VIRT_BASE is 16 MiB below its
 * text) is left as it is, as Xen does.  The layout checks made these
 * ranges ordered and inside.
 */
static void zero_unwritten(const struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    unsigned long after_kernel = l->initrd_start ? l->initrd_end : l->kern_end;

    if ( l->initrd_start )
        zero_boot_va(b, l->kern_end, l->initrd_start);
    if ( l->p2m_separate )
    {
        zero_boot_va(b, after_kernel, l->v_end);
        memset(b->p2m + b->nr_pages, 0,
               (l->nr_p2m << PAGE_SHIFT) - b->nr_pages * sizeof(*b->p2m));
        return;
    }
    zero_boot_va(b, after_kernel, l->p2m_start);
    zero_boot_va(b, l->p2m_end, l->v_end);
}

/* The initial mapping's block and, with INIT_P2M, the P2M's; their P2M
 * and M2P entries. */
int dom0_alloc_boot_area(struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    struct page_info *pg = alloc_block(b, b->boot_pages, "the initial mapping");
    unsigned long i;

    if ( !pg )
        return -ENOMEM;
    b->boot_mfn = page_to_mfn(pg);
    b->p2m = dom0_boot_va(b, l->p2m_start);
    if ( l->p2m_separate )
    {
        if ( !(pg = alloc_block(b, l->nr_p2m, "the P2M list")) )
            return -ENOMEM;
        b->p2m_mfn = page_to_mfn(pg);
        b->p2m = page_to_virt(pg);
        for ( i = 0; i < l->nr_p2m; i++ )
            set_p2m(b, l->p2m_pfn + i, mfn_x(b->p2m_mfn) + i);
    }
    if ( build_memflags(b) & MEMF_no_scrub )
        zero_unwritten(b);
    for ( i = 0; i < b->boot_pages; i++ )
        set_p2m(b, i, mfn_x(b->boot_mfn) + i);
    return 0;
}

/* Pfns [pfn, end), in chunks as large as the heap has.  *order only
 * shrinks: once a size failed, it is not tried again. */
static int populate_range(const struct dom0_build *b, unsigned long pfn,
                          unsigned long end, unsigned int *order)
{
    while ( pfn < end )
    {
        struct page_info *pg;

        *order = min(*order, (unsigned int)(63 - __builtin_clzl(end - pfn)));
        while ( !(pg = alloc_domheap_pages(b->d, *order, build_memflags(b))) )
            if ( (*order)-- == 0 )
            {
                printk(XENLOG_ERR "dom0: out of memory at pfn %#lx of %#lx\n",
                       pfn, b->nr_pages);
                return -ENOMEM;
            }
        for ( unsigned long i = 0; i < (1UL << *order); i++ )
            set_p2m(b, pfn++, mfn_x(page_to_mfn(pg + i)));
    }
    return 0;
}

/* Every pfn not allocated with the initial mapping or the P2M. */
int dom0_populate(struct dom0_build *b)
{
    const struct dom0_layout *l = &b->l;
    unsigned int order = MAX_ORDER;
    unsigned long rest = l->p2m_pfn + (l->p2m_separate ? l->nr_p2m : 0);
    int rc = populate_range(b, b->boot_pages, l->p2m_pfn, &order);

    return rc ? rc : populate_range(b, rest, b->nr_pages, &order);
}

/* The initrd, page by page, into its pfns (mapped or not). */
void dom0_copy_initrd(const struct dom0_build *b)
{
    const uint8_t *src = __va(b->initrd->start);
    unsigned long len = dom0_initrd_len(b);

    for ( unsigned long off = 0; off < len; off += PAGE_SIZE )
    {
        unsigned long mfn = b->p2m[b->l.initrd_pfn + (off >> PAGE_SHIFT)];

        memcpy(mfn_to_virt(_mfn(mfn)), src + off, min(len - off, PAGE_SIZE));
    }
}

static unsigned long give_back(unsigned long first, unsigned long n)
{
    if ( n )
        init_heap_pages(mfn_to_page(_mfn(first)), n);
    return n;
}

/*
 * A boot module's memory goes back to the heap.  Only its whole pages:
 * a page it shares with something else stays reserved.  Returns the
 * number of pages given back.
 */
unsigned long dom0_free_module(const struct boot_module *m)
{
    unsigned long s = PFN_UP(m->start), e = s + dom0_module_pages(m);
    unsigned long run = s, mfn, freed = 0;

    for ( mfn = s; mfn < e; mfn++ )
    {
        struct page_info *pg = mfn_to_page(_mfn(mfn));

        if ( mfn_valid(_mfn(mfn)) && (pg->count_info & PGC_reserved) )
        {
            pg->count_info &= ~PGC_reserved;
            continue;
        }
        freed += give_back(run, mfn - run);
        run = mfn + 1;
    }
    return freed + give_back(run, mfn - run);
}
