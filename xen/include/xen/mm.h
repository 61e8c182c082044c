/*
 * Machine memory: frame numbers, the frame table and the page allocators.
 *
 * Every machine page of RAM has one struct page_info in the frame table, a
 * virtually contiguous array indexed by MFN.  It records who owns the page
 * and, for guest pages, the reference and type counts that PV page-table
 * validation relies on.  Free pages are kept by the buddy allocator
 * (page_alloc.c); small objects come from xmalloc (xmalloc.c).
 */
#ifndef XEN_MM_H
#define XEN_MM_H

#include <xen/types.h>
#include <xen/list.h>
#include <asm/page.h>

struct domain;

/* Frame numbers are wrapped so that a machine frame cannot pass for a
 * guest frame by accident. */
typedef struct { unsigned long m; } mfn_t;
typedef struct { unsigned long g; } gfn_t;
#define _mfn(x)  ((mfn_t){ (x) })
#define mfn_x(mfn) ((mfn).m)
#define _gfn(x)  ((gfn_t){ (x) })
#define gfn_x(gfn) ((gfn).g)
#define INVALID_MFN _mfn(~0UL)
#define mfn_eq(a, b) (mfn_x(a) == mfn_x(b))
#define mfn_add(m, i) _mfn(mfn_x(m) + (i))

struct page_info {
    /* On a free list while free; on the owner's page list while allocated. */
    struct list_head list;
    /* PGC_* flags in the high bits; a general reference count below. */
    unsigned long count_info;
    union {
        /*
         * Allocated: PGT_* type in the high bits, type reference count below.
         * Xenheap pages that xmalloc carves into objects keep its own
         * book-keeping here instead (see xmalloc.c); they are never typed.
         */
        struct { unsigned long type_info; } inuse;
        /* Free: order of the buddy block that this page heads. */
        struct { unsigned int order; } free;
    } u;
    struct domain *owner;         /* NULL for anonymous hypervisor pages */
    /* While allocated: when the last translation that may still sit in
     * some TLB was dropped (the arch's flush clock; 0 at allocation, when
     * there is none), so that a type change flushes only if no flush has
     * happened since (x86 pv/page_types.c). */
    unsigned long tlbflush_timestamp;
    /* A PV page table's linear (same-level) entries, one level deep:
     * above zero, how many it holds; below zero, how many tables name it
     * so (x86 pv/page_types.c).  Zero whenever it is no table. */
    int linear_pt;
};

/* count_info */
#define PGC_allocated    (1UL << 63)  /* owner holds the allocation reference */
#define PGC_xen_heap     (1UL << 62)  /* hypervisor-internal (xenheap) page */
#define PGC_free         (1UL << 61)  /* in the buddy allocator */
#define PGC_reserved     (1UL << 60)  /* never handed out: image, modules, firmware */
#define PGC_need_scrub   (1UL << 59)  /* free, and may hold old data (page_alloc.c) */
#define PGC_count_mask   ((1UL << 56) - 1)

/* type_info: the type a page is currently validated as, for PV guests. */
#define PGT_type_shift   60
#define PGT_type_mask    (15UL << PGT_type_shift)
#define PGT_none         (0UL << PGT_type_shift)
#define PGT_l1_page_table (1UL << PGT_type_shift)
#define PGT_l2_page_table (2UL << PGT_type_shift)
#define PGT_l3_page_table (3UL << PGT_type_shift)
#define PGT_l4_page_table (4UL << PGT_type_shift)
#define PGT_seg_desc_page (5UL << PGT_type_shift)
#define PGT_writable_page (7UL << PGT_type_shift)
#define PGT_pinned       (1UL << 59)
#define PGT_validated    (1UL << 58)
/* A dying domain's page table whose entries the teardown has already let
 * go while it was still in use (x86 pv_teardown_table()): no new type
 * reference, and its last put has nothing to release. */
#define PGT_released     (1UL << 57)
#define PGT_count_mask   ((1UL << 56) - 1)

#define frame_table ((struct page_info *)FRAMETABLE_VIRT_START)
#define mfn_to_page(mfn)  (frame_table + mfn_x(mfn))
#define page_to_mfn(pg)   _mfn((unsigned long)((pg) - frame_table))
#define page_to_maddr(pg) ((paddr_t)mfn_x(page_to_mfn(pg)) << PAGE_SHIFT)
#define maddr_to_page(ma) mfn_to_page(_mfn((ma) >> PAGE_SHIFT))
#define page_to_virt(pg)  __va(page_to_maddr(pg))
#define virt_to_page(va)  maddr_to_page(__pa(va))
#define mfn_to_virt(mfn)  __va((paddr_t)mfn_x(mfn) << PAGE_SHIFT)
#define virt_to_mfn(va)   _mfn(__pa(va) >> PAGE_SHIFT)

/* One past the highest machine frame that has a frame-table entry. */
extern unsigned long max_page;
/* True if mfn is RAM with a frame-table entry (MMIO frames are not). */
bool mfn_valid(mfn_t mfn);

/* Largest buddy block: 2^MAX_ORDER pages (1 GiB). */
#define MAX_ORDER        18

/* Allocation flags. */
#define MEMF_no_owner    (1U << 0)   /* allocate, but don't assign to the domain */
#define MEMF_no_scrub    (1U << 1)   /* dirty pages may stay dirty (dom0 build) */
#define _MEMF_bits       24
#define MEMF_bits(n)     ((n) << _MEMF_bits) /* only addresses below 2^n */

/*
 * Boot allocator: hands out pages from RAM ranges before the frame table
 * exists.  init_boot_pages() gives it [ps, pe); end_boot_allocator() moves
 * whatever is left into the heap and retires it.
 */
void init_boot_pages(paddr_t ps, paddr_t pe);
mfn_t alloc_boot_pages(unsigned long nr_pfns, unsigned long pfn_align);
void end_boot_allocator(void);

/* Heap: buddy allocator over every free RAM page with a frame-table entry.
 * Domheap pages come back zeroed unless MEMF_no_scrub is given; xenheap
 * pages are never zeroed. */
void init_heap_pages(struct page_info *pg, unsigned long nr_pages);
struct page_info *alloc_domheap_pages(struct domain *d, unsigned int order,
                                      unsigned int memflags);
void free_domheap_pages(struct page_info *pg, unsigned int order);
/* Pages for a guest, zeroed while they are still nobody's: once they are
 * its own, another vCPU of it could map them by number at once, so they
 * must never show a previous owner's data.  The caller assigns them
 * (assign_pages()) or frees them (free_domheap_pages()). */
struct page_info *alloc_cleared_pages(unsigned int order, unsigned int memflags);
#define alloc_domheap_page(d, f) alloc_domheap_pages(d, 0, f)
#define free_domheap_page(p) free_domheap_pages(p, 0)

/*
 * A domheap page whose last reference just went, which stale guest
 * translations may still name (common/free_batch.c).  Between
 * free_batch_begin() and free_batch_end() on one CPU, such pages leave
 * their owner at once and reach the heap after one flush at the end;
 * otherwise each is flushed and freed at once.  Only for loops on the
 * hypercall path that run to the end without returning to the guest.
 */
struct free_batch {
    struct list_head pages;
};
void free_batch_begin(struct free_batch *b);
void free_batch_end(struct free_batch *b);
/* A batch that outlives one hypercall (a preemptible teardown's): set up
 * once with free_batch_init(); each stretch of work opens it on its CPU
 * with free_batch_resume() and closes it with free_batch_suspend(),
 * which neither flushes nor frees (its pages stay off every list and
 * out of the heap meanwhile); free_batch_end() at last does both, or
 * free_batch_flush() and free_batch_drain() in stretches. */
void free_batch_init(struct free_batch *b);
void free_batch_resume(struct free_batch *b);
void free_batch_suspend(struct free_batch *b);
/* Of a closed batch: one flush for the pages it holds now, then those may
 * reach the heap a few at a time (drain: up to n of them; true once it is
 * empty).  Nothing may join it between the two. */
void free_batch_flush(struct free_batch *b);
bool free_batch_drain(struct free_batch *b, unsigned long n);
void free_domheap_page_unflushed(struct page_info *pg);
/* Architecture hook: on return, no CPU holds a guest translation made
 * before the call (a TLB shootdown of guest mappings). */
void arch_flush_freed_pages(void);

/* Hypervisor-private pages, returned as direct-map pointers. */
void *alloc_xenheap_pages(unsigned int order, unsigned int memflags);
void free_xenheap_pages(void *v, unsigned int order);
#define alloc_xenheap_page() alloc_xenheap_pages(0, 0)
#define free_xenheap_page(v) free_xenheap_pages(v, 0)

/* Pages currently free in the heap, and pages ever given to it. */
unsigned long total_free_pages(void);
unsigned long total_heap_pages(void);
/* Free pages not yet zeroed since their last owner (or since boot). */
unsigned long total_dirty_pages(void);

/* Background scrubbing: off until heap_start_scrubbing() (after the boot
 * domains are built); then scrub_free_pages(), called by the idle loop,
 * zeroes a few free dirty pages and says whether any are left. */
void heap_start_scrubbing(void);
bool scrub_free_pages(void);

/*
 * Accounting hooks between the heap and domains (common/domain code
 * implements them once domains exist): assign_pages() makes d the owner of
 * 2^order pages and charges them to d's allocation, failing with -E2BIG
 * past its limit; the free path calls domain_release_pages() to uncharge.
 */
int assign_pages(struct domain *d, struct page_info *pg, unsigned int order,
                 unsigned int memflags);
void domain_release_pages(struct domain *d, struct page_info *pg,
                          unsigned int order);
/* A dying d lets go of pg that others still hold, once d's own
 * references (the allocation's included) are gone: off d's list and
 * uncharged, the holders' counts untouched; their last put frees it. */
void domain_disown_page(struct domain *d, struct page_info *pg);
/* Such pages' owner: never a live domain, so nobody can take them as
 * his own, yet "someone's" for the page-type code. */
extern struct domain *const dom_orphan;
/* Let d map a hypervisor page (shared_info), and take that back. */
void share_xen_page_with_guest(struct page_info *pg, struct domain *d);
void unshare_xen_page(struct page_info *pg);
/* A dying domain's shared hypervisor page: freed now, or, if another
 * domain still maps it, by the last put_page(). */
void free_shared_xen_page(struct page_info *pg);

/* d names its memory by guest frame (an HVM domain; arch/x86/mm/memory_op.c):
 * the memory_op and xen_version answers differ for it. */
bool arch_guest_translated(const struct domain *d);
/* d gives its frame gfn back (contract in common/memory.c). */
int arch_guest_remove_page(struct domain *d, unsigned long gfn);
/* pg, which its owner no longer maps, loses the allocation's reference
 * (freed once no other holder is left). */
void arch_guest_drop_allocation(struct page_info *pg);

#endif /* XEN_MM_H */
