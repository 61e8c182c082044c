/*
 * Boot-time memory setup: from the sanitised memory map to a running heap.
 *
 *  1. RAM below 4 GiB, minus what must be kept (the first MiB of firmware
 *     data, the image, the boot modules), goes to the boot allocator.
 *  2. The direct map is extended over RAM above 4 GiB.  The boot page
 *     tables only map the low 4 GiB, so the new tables must come from
 *     there: that is why high RAM joins the boot allocator only afterwards.
 *  3. The frame table is mapped for every RAM frame and zeroed.
 *  4. Kept frames are marked PGC_reserved, and the boot allocator hands
 *     everything left to the heap.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/bootinfo.h>
#include <asm/e820.h>
#include <asm/mm-map.h>

extern char _start[], _end[];

unsigned long max_page;
static unsigned long *ft_valid;     /* one bit per frame-table page */

#define LOW_RESERVED MB(1)

/* Frame-table pages holding the first and last byte of mfn's entry (an
 * entry may straddle two pages: its size need not divide PAGE_SIZE). */
#define FT_FIRST_PAGE(mfn) ((mfn) * sizeof(struct page_info) / PAGE_SIZE)
#define FT_LAST_PAGE(mfn)  (((mfn) + 1) * sizeof(struct page_info) / PAGE_SIZE - \
                            !(((mfn) + 1) * sizeof(struct page_info) % PAGE_SIZE))

static bool ft_page_mapped(unsigned long p)
{
    return (ft_valid[p / 64] >> (p % 64)) & 1;
}

bool mfn_valid(mfn_t mfn)
{
    unsigned long m = mfn_x(mfn);

    return m < max_page && ft_valid && ft_page_mapped(FT_FIRST_PAGE(m)) &&
           ft_page_mapped(FT_LAST_PAGE(m));
}

struct kept {
    paddr_t start, end;
};

static unsigned int collect_kept(const struct boot_info *bi, struct kept *k)
{
    unsigned int n = 0;

    k[n++] = (struct kept){ 0, LOW_RESERVED };
    k[n++] = (struct kept){ __pa(_start), ROUNDUP(__pa(_end), PAGE_SIZE) };
    for ( unsigned int i = 0; i < bi->nr_modules; i++ )
        k[n++] = (struct kept){ ROUNDDOWN(bi->mods[i].start, PAGE_SIZE),
                                ROUNDUP(bi->mods[i].start + bi->mods[i].size,
                                        PAGE_SIZE) };
    return n;
}

/* Give [s, e) to the boot allocator, minus the kept ranges. */
static void add_free_range(paddr_t s, paddr_t e, const struct kept *k,
                           unsigned int nk)
{
    for ( unsigned int i = 0; i < nk && s < e; i++ )
    {
        if ( k[i].end <= s || k[i].start >= e )
            continue;
        if ( k[i].start > s )
            add_free_range(s, k[i].start, k + i + 1, nk - i - 1);
        s = max(s, k[i].end);
    }
    if ( s < e )
        init_boot_pages(s, e);
}

/* Hand RAM within [lo, hi) to the boot allocator. */
static void add_ram_between(paddr_t lo, paddr_t hi, const struct kept *k,
                            unsigned int nk)
{
    for ( unsigned int i = 0; i < e820.nr; i++ )
    {
        const struct boot_mem_range *m = &e820.map[i];
        paddr_t s = max((paddr_t)m->addr, lo);
        paddr_t e = min((paddr_t)(m->addr + m->size), hi);

        if ( m->type == MEM_RAM && s < e )
            add_free_range(s, e, k, nk);
    }
}

static void extend_directmap(void)
{
    for ( unsigned int i = 0; i < e820.nr; i++ )
    {
        const struct boot_mem_range *m = &e820.map[i];

        if ( m->type == MEM_RAM && m->addr + m->size > GB(4) &&
             map_directmap_range(max((paddr_t)m->addr, GB(4)),
                                 m->addr + m->size) )
            panic("out of memory mapping RAM above 4 GiB");
    }
}

static void set_ft_valid(unsigned long first_ftp, unsigned long last_ftp)
{
    for ( unsigned long p = first_ftp; p <= last_ftp; p++ )
        ft_valid[p / 64] |= 1UL << (p % 64);
}

/* Map and zero the frame-table pages covering the frames [s, e). */
static void map_frame_table_range(unsigned long s, unsigned long e)
{
    unsigned long first = FT_FIRST_PAGE(s), last = FT_LAST_PAGE(e - 1);

    for ( unsigned long p = first; p <= last; p++ )
    {
        unsigned long va = FRAMETABLE_VIRT_START + p * PAGE_SIZE;
        mfn_t mfn;

        if ( ft_page_mapped(p) )
            continue;
        mfn = alloc_boot_pages(1, 1);
        if ( map_pages_to_xen(va, mfn, 1, __PAGE_HYPERVISOR | _PAGE_GLOBAL) )
            panic("out of memory mapping the frame table");
        memset((void *)va, 0, PAGE_SIZE);
        set_ft_valid(p, p);
    }
}

static void init_frame_table(void)
{
    unsigned long ftpages;

    max_page = PFN_DOWN(e820_ram_end());
    if ( max_page * sizeof(struct page_info) > FRAMETABLE_SIZE )
        panic("RAM ends at %#lx: beyond what the frame table can cover",
              e820_ram_end());
    ftpages = FT_LAST_PAGE(max_page - 1) + 1;
    ft_valid = mfn_to_virt(alloc_boot_pages(PFN_UP(DIV_ROUND_UP(ftpages, 8)), 1));
    memset(ft_valid, 0, ROUNDUP(DIV_ROUND_UP(ftpages, 8), PAGE_SIZE));

    for ( unsigned int i = 0; i < e820.nr; i++ )
        if ( e820.map[i].type == MEM_RAM )
            map_frame_table_range(PFN_DOWN(e820.map[i].addr),
                                  PFN_DOWN(e820.map[i].addr + e820.map[i].size));
}

static void mark_reserved(const struct kept *k, unsigned int nk)
{
    for ( unsigned int i = 0; i < nk; i++ )
        for ( paddr_t a = k[i].start; a < k[i].end; a += PAGE_SIZE )
            if ( mfn_valid(_mfn(PFN_DOWN(a))) )
                maddr_to_page(a)->count_info |= PGC_reserved;
}

void memory_init(const struct boot_info *bi)
{
    struct kept kept[2 + MAX_BOOT_MODULES];
    unsigned int nk = collect_kept(bi, kept);

    add_ram_between(0, GB(4), kept, nk);
    extend_directmap();
    add_ram_between(GB(4), ~0UL, kept, nk);
    init_frame_table();
    mark_reserved(kept, nk);
    end_boot_allocator();
    mm_heap_is_ready();

    printk("Memory: %lu KiB RAM, highest RAM address %#lx, %lu KiB free in heap\n",
           (unsigned long)(e820_ram_total() >> 10), (unsigned long)e820_ram_end(),
           total_free_pages() << (PAGE_SHIFT - 10));
}
