/*
 * The layout: Xen 4.17 libxenguest's allocation sequence for a 64-bit
 * PV guest (xc_dom_build_image() with the x86_64 hooks), as facts:
 *
 *   pfn 0 is VIRT_BASE; pfns are handed out in order, each segment page
 *   aligned, virtual address = VIRT_BASE + pfn * 4096:
 *   1. padding up to the kernel's first address, then the kernel
 *      [virt_kstart, virt_kend);
 *   2. the initrd, unless the kernel has MOD_START_PFN (its size as
 *      initrd.c computes it: a gzip file gets room for its contents);
 *   3. the P2M list (8 bytes per page), unless the kernel's INIT_P2M is
 *      usable (page aligned and below VIRT_BASE);
 *   4. start_info, the xenstore page, the console page, one each;
 *   5. the page tables: with 129 extra pages (boot stack + 512 KiB), the
 *      end rounded to a 4 MiB boundary by OR-ing 0x3fffff, count the
 *      tables mapping [VIRT_BASE, end]; repeat with that count until
 *      allocation so far + tables + extra fits below the end;
 *   6. the boot stack page, then padding up to that end: the initial
 *      mapping [VIRT_BASE, end) is all backed;
 *   7. with MOD_START_PFN the initrd (its pages; mod_len is rounded up
 *      to pages), then with INIT_P2M the P2M list followed by the tables
 *      that map it at INIT_P2M.
 * Every allocation is checked against the domain's size.  On top of
 * Xen we refuse mappings outside the guest's canonical half or in the
 * hypervisor's reserved L4 slots, and an INIT_P2M range that shares an
 * L4 slot with the initial mapping (Xen would split its tables; no
 * kernel does this).
 */
#include <errno.h>
#include "guest-private.h"

#define MASK_4M         ((1ULL << 22) - 1)
#define EXTRA_PAGES     (1 + (512 << 10) / PAGE_SIZE)  /* stack + 512 KiB */
#define HV_START        0xffff800000000000ULL
#define HV_END          0xffff880000000000ULL

static uint64_t va_of(const struct gb *b, uint64_t pfn)
{
    return b->l->virt_base + (pfn << PAGE_SHIFT);
}

/* [s, e] (inclusive) is canonical, clear of Xen's slots, and s <= e. */
static bool guest_range(uint64_t s, uint64_t e)
{
    if ( s > e )
        return false;
    if ( e < (1ULL << 47) )
        return true;
    return s >= HV_END;
}

/* Xen's xc_dom_chk_alloc_pages(): the next pages pfns, if they exist. */
static int take_pages(struct gb *b, const char *name, uint64_t pages)
{
    uint64_t total = b->p->nr_pages;

    if ( pages > total || b->pfn_end > total || pages > total - b->pfn_end )
        return gb_fail(b, -ENOMEM, "layout: %s needs %llu pages but only %llu"
                       " of the domain's %llu are left", name,
                       (unsigned long long)pages,
                       (unsigned long long)(total - b->pfn_end),
                       (unsigned long long)total);
    b->pfn_end += pages;
    return 0;
}

/* Padding up to virtual address va (Xen's xc_dom_alloc_pad()). */
static int pad_to(struct gb *b, const char *name, uint64_t va)
{
    uint64_t here = va_of(b, b->pfn_end);

    if ( va & (PAGE_SIZE - 1) )
        return gb_fail(b, -EINVAL, "layout: %s starts at %#llx, not on a page"
                       " boundary", name, (unsigned long long)va);
    if ( va < here )
        return gb_fail(b, -EINVAL, "layout: %s at %#llx overlaps what is"
                       " already placed (up to %#llx)", name,
                       (unsigned long long)va, (unsigned long long)here);
    return take_pages(b, name, (va - here) >> PAGE_SHIFT);
}

/* Xen's xc_dom_alloc_segment(); start 0: right after the last one. */
static int segment(struct gb *b, struct xt_guest_seg *s, const char *name,
                   uint64_t start, uint64_t size)
{
    int rc = start ? pad_to(b, name, start) : 0;

    if ( rc )
        return rc;
    s->pfn = b->pfn_end;
    s->pages = (size >> PAGE_SHIFT) + !!(size & (PAGE_SIZE - 1));
    s->vstart = va_of(b, s->pfn);
    s->vend = s->vstart + size;
    return take_pages(b, name, s->pages);
}

static int one_page(struct gb *b, const char *name, uint64_t *pfn)
{
    *pfn = b->pfn_end;
    return take_pages(b, name, 1);
}

/* Step 5: Xen's alloc_pgtables_pv() search for the mapping's end. */
static int place_tables(struct gb *b)
{
    struct xt_guest_layout *l = b->l;
    struct gb_mapping *m = &b->maps[0];
    uint64_t pages = EXTRA_PAGES, here, end;
    int rc;

    for ( ;; )
    {
        here = va_of(b, b->pfn_end);
        if ( here < l->virt_base || here > ~MASK_4M ||
             pages << PAGE_SHIFT > ~here - MASK_4M )
            return gb_fail(b, -EINVAL, "layout: the initial mapping runs past"
                           " the top of the address space");
        end = (here + (pages << PAGE_SHIFT)) | MASK_4M;
        if ( !guest_range(l->virt_base, end) )
            return gb_fail(b, -EINVAL, "layout: initial mapping %#llx-%#llx is"
                           " not in the guest's part of the address space"
                           " (non-canonical or Xen's reserved slots)",
                           (unsigned long long)l->virt_base,
                           (unsigned long long)end);
        rc = gb_count_tables(b, l->virt_base, end, 0, m);
        if ( rc )
            return rc;
        pages = m->nr_tables + EXTRA_PAGES;
        if ( here + (pages << PAGE_SHIFT) <= end + 1 )
            break;
    }
    b->nr_maps = 1;
    l->virt_end = end + 1;
    l->nr_l3 = m->lvl[2].nr;
    l->nr_l2 = m->lvl[1].nr;
    l->nr_l1 = m->lvl[0].nr;
    return segment(b, &l->pgtables, "page tables", 0,
                   m->nr_tables << PAGE_SHIFT);
}

/* Step 7: the P2M list at INIT_P2M, its own tables right after it. */
static int place_separate_p2m(struct gb *b)
{
    struct xt_guest_layout *l = b->l;
    struct gb_mapping *m = &b->maps[1];
    uint64_t base = b->notes.init_p2m, bytes = l->p2m_list_pages << PAGE_SHIFT;
    int rc;

    if ( bytes - 1 > ~base || !guest_range(base, base + bytes - 1) )
        return gb_fail(b, -EINVAL, "layout: INIT_P2M %#llx + %#llx bytes is"
                       " not in the guest's part of the address space",
                       (unsigned long long)base, (unsigned long long)bytes);
    rc = gb_count_tables(b, base, base + bytes - 1, b->pfn_end, m);
    if ( rc )
        return rc;
    m->area_pfn = b->pfn_end;
    for ( unsigned int i = 0; i < 4; i++ )
        m->lvl[i].pfn += l->p2m_list_pages;
    b->nr_maps = 2;
    rc = segment(b, &l->p2m, "P2M list", 0,
                 bytes + (m->nr_tables << PAGE_SHIFT));
    l->p2m.vstart = base;
    l->p2m.vend = base + bytes;
    return rc;
}

static int check_params(struct gb *b)
{
    const struct xt_guest_params *p = b->p;

    if ( p->nr_pages == 0 || p->nr_pages > XT_GUEST_MAX_PAGES )
        return gb_fail(b, -EINVAL, "memory: %llu pages is not between 1 and"
                       " %llu", (unsigned long long)p->nr_pages,
                       (unsigned long long)XT_GUEST_MAX_PAGES);
    if ( p->nr_vcpus == 0 || p->nr_vcpus > XT_GUEST_MAX_VCPUS )
        return gb_fail(b, -EINVAL, "vcpus: %u is not between 1 and %u",
                       p->nr_vcpus, XT_GUEST_MAX_VCPUS);
    if ( p->initrd_len && !p->initrd )
        return gb_fail(b, -EINVAL, "initrd: length without data");
    if ( b->l->virt_base & (PAGE_SIZE - 1) )
        return gb_fail(b, -EINVAL, "kernel: VIRT_BASE %#llx is not page"
                       " aligned", (unsigned long long)b->l->virt_base);
    return 0;
}

int gb_layout(struct gb *b)
{
    struct xt_guest_layout *l = b->l;
    const struct elf_xen_params *n = &b->notes;
    bool has_initrd = b->p->initrd_len != 0;
    int rc;

    l->virt_base = n->virt_base;
    l->entry = n->entry;
    l->hypercall_va = n->hypercall_page;
    l->initrd_unmapped = has_initrd && n->mod_start_pfn;
    /* Xen ignores an INIT_P2M it cannot use and maps the list itself. */
    l->p2m_separate = n->init_p2m != ELF_UNSET_ADDR &&
                      n->init_p2m < n->virt_base &&
                      !(n->init_p2m & (PAGE_SIZE - 1));
    l->p2m_list_pages = (b->p->nr_pages * 8 + PAGE_SIZE - 1) >> PAGE_SHIFT;
    if ( (rc = check_params(b)) != 0 ||
         (has_initrd && (rc = gb_initrd_size(b)) != 0) )
        return rc;
    b->pfn_end = 0;
    b->nr_maps = 0;

    rc = segment(b, &l->kernel, "kernel", n->virt_kstart,
                 n->virt_kend - n->virt_kstart);
    if ( !rc && has_initrd && !l->initrd_unmapped )
        rc = segment(b, &l->initrd, "initrd", 0, b->initrd_size);
    if ( !rc && !l->p2m_separate )
        rc = segment(b, &l->p2m, "P2M list", 0,
                     l->p2m_list_pages << PAGE_SHIFT);
    if ( !rc )
        rc = one_page(b, "start_info", &l->start_info_pfn);
    if ( !rc )
        rc = one_page(b, "xenstore page", &l->xenstore_pfn);
    if ( !rc )
        rc = one_page(b, "console page", &l->console_pfn);
    if ( !rc )
        rc = place_tables(b);
    if ( !rc )
        rc = one_page(b, "boot stack", &l->stack_pfn);
    if ( !rc )
        rc = pad_to(b, "padding", l->virt_end);
    if ( !rc && l->initrd_unmapped )
        rc = segment(b, &l->initrd, "initrd", 0, b->initrd_size);
    if ( !rc && l->p2m_separate )
        rc = place_separate_p2m(b);
    l->pfn_alloc_end = b->pfn_end;
    return rc;
}
