/*
 * invlpg.c - a PVH guest's own page tables and INVLPG (nothing here is
 * the hypervisor's to emulate: with nested paging the guest's TLB is the
 * CPU's, tagged with the guest's ASID or VPID, and must behave as on bare
 * metal, on ours and on Xen 4.17).
 *
 * A window of our own tables (PML4 slot 1) maps one virtual page to frame
 * A.  Switching the PTE to frame B and INVLPG of the page: the next read
 * sees B, and a write through the page lands in B, not in A (both frames
 * read through the kernel's own mapping); again 200 times with yields
 * in between.  The same for a global page
 * (CR4.PGE) and for a 2 MiB page, invalidated through an address inside
 * it.  A cleared PTE plus INVLPG gives #PF (not present) at once.  INVLPG
 * of a non-canonical address, of unmapped ones and of the hypervisor's
 * half never faults.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "invlpg: PTE switches seen at once, INVLPG never faults";

#define WIN         (1UL << 39)                 /* PML4 slot 1 */
#define WIN_PAGE    (WIN + 0x5000)              /* PT slot 5 */
#define WIN_LARGE   (WIN + (4UL << 21))         /* PD slot 4: a 2 MiB page */
#define PTE_P       0x001UL
#define PTE_RW      0x002UL
#define PTE_PS      0x080UL
#define PTE_G       0x100UL
#define CR4_PGE     0x080UL
#define LARGE       (1UL << 21)

static uint64_t pdpt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pd[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t pt[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t frame_a[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");
static uint64_t frame_b[512] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

/* A formatted check label. */
static char what_buf[96];
#define W(...) (snprintf(what_buf, sizeof(what_buf), __VA_ARGS__), what_buf)

static unsigned long phys(const void *p)
{
    return (unsigned long)p - PV_VIRT_BASE;
}

static void invlpg(unsigned long va)
{
    __asm__ __volatile__ ("invlpg (%0)" :: "r" (va) : "memory");
}

static uint64_t read_at(unsigned long va)
{
    return *(volatile uint64_t *)va;
}

static void fill(uint64_t *f, uint64_t tag)
{
    for ( unsigned int i = 0; i < 512; i++ )
        f[i] = tag | i;
}

static void setup(void)
{
    unsigned long cr3;
    uint64_t *pml4;

    __asm__ __volatile__ ("mov %%cr3, %0" : "=r" (cr3));
    pml4 = pvh_phys(cr3 & ~0xfffUL);
    pml4[1] = phys(pdpt) | PTE_P | PTE_RW;
    pdpt[0] = phys(pd) | PTE_P | PTE_RW;
    pd[0] = phys(pt) | PTE_P | PTE_RW;
    __asm__ __volatile__ ("mov %0, %%cr3" :: "r" (cr3) : "memory");
}

/* Map WIN_PAGE to f (extra PTE bits: flags) and invalidate it. */
static void map_page(const uint64_t *f, uint64_t flags)
{
    pt[5] = f ? phys(f) | PTE_P | PTE_RW | flags : 0;
    invlpg(WIN_PAGE);
}

static void switch_4k(const char *what, uint64_t flags)
{
    fill(frame_a, 0xaaaa000000000000UL);
    fill(frame_b, 0xbbbb000000000000UL);
    map_page(frame_a, flags);
    check_eq(read_at(WIN_PAGE + 8 * 7), frame_a[7], W("%s: A mapped", what));
    *(volatile uint64_t *)(WIN_PAGE + 8 * 9) = 0x1111;  /* a dirty TLB entry */
    check_eq(frame_a[9], 0x1111, W("%s: write through the mapping of A", what));

    map_page(frame_b, flags);
    check_eq(read_at(WIN_PAGE + 8 * 7), frame_b[7],
             W("%s: read after the switch to B and invlpg", what));
    *(volatile uint64_t *)(WIN_PAGE + 8 * 9) = 0x2222;
    check_eq(frame_b[9], 0x2222, W("%s: write after the switch went to B", what));
    check_eq(frame_a[9], 0x1111, W("%s: frame A changed after the switch", what));
    for ( unsigned int i = 0; i < 512; i++ )
        if ( i != 9 && !check_eq(frame_a[i], 0xaaaa000000000000UL | i,
                                 W("%s: frame A word %u", what, i)) )
            break;

    /* And back: the first mapping must not come back stale either way. */
    map_page(frame_a, flags);
    check_eq(read_at(WIN_PAGE + 8 * 9), 0x1111, W("%s: back to A", what));
}

/* Many switches, each followed by a yield (the vCPU may come back on
 * the other CPU, under another ASID or VPID) before the check. */
static void switch_and_yield(void)
{
    unsigned int bad = 0;

    fill(frame_a, 0xaaaa000000000000UL);
    fill(frame_b, 0xbbbb000000000000UL);
    for ( unsigned int i = 0; i < 200 && bad < 3; i++ )
    {
        const uint64_t *f = i & 1 ? frame_b : frame_a;

        read_at(WIN_PAGE + 8 * (i & 511));  /* the old one in the TLB */
        map_page(f, 0);
        if ( i % 3 == 0 )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        if ( !check_eq(read_at(WIN_PAGE + 8 * 3), f[3],
                       W("switch %u (%s) after a yield", i, i & 1 ? "B" : "A")) )
            bad++;
    }
}

static void unmap(void)
{
    uint64_t v;

    map_page(frame_a, 0);
    check_eq(read_at(WIN_PAGE), frame_a[0], "A mapped before the unmap");
    map_page(NULL, 0);
    check_exinfo(probe_read64((void *)WIN_PAGE, &v), EXINFO(X86_EXC_PF, 0),
                 "read after clearing the PTE and invlpg");
    check_eq(exinfo_last_cr2, WIN_PAGE, "cr2 of that #PF");
    check_exinfo(probe_write64((void *)(WIN_PAGE + 8), 5), EXINFO(X86_EXC_PF, 2),
                 "write after clearing the PTE and invlpg");
    map_page(frame_b, 0);
    check_exinfo(probe_read64((void *)WIN_PAGE, &v), EXINFO_NONE,
                 "read after mapping B again");
    check_eq(v, frame_b[0], "B mapped again");
}

static void global_pages(void)
{
    unsigned long cr4;

    __asm__ __volatile__ ("mov %%cr4, %0" : "=r" (cr4));
    __asm__ __volatile__ ("mov %0, %%cr4" :: "r" (cr4 | CR4_PGE) : "memory");
    switch_4k("global page", PTE_G);
    __asm__ __volatile__ ("mov %0, %%cr4" :: "r" (cr4) : "memory");
}

/* A 2 MiB-aligned stretch of 4 MiB of RAM well above the image, from the
 * domain's memory map (0: none). */
static struct { uint64_t addr, size; uint32_t type; } __packed e820[64];

static unsigned long find_ram(void)
{
    struct xen_memory_map m = { .nr_entries = ARRAY_SIZE(e820) };

    set_xen_guest_handle(m.buffer, e820);
    if ( !check_eq(HYPERVISOR_memory_op(XENMEM_memory_map, &m), 0,
                   "XENMEM_memory_map") )
        return 0;
    for ( unsigned int i = 0; i < m.nr_entries; i++ )
    {
        uint64_t lo = (e820[i].addr + LARGE - 1) & ~(LARGE - 1);
        uint64_t end = e820[i].addr + e820[i].size;

        if ( e820[i].type != 1 )            /* RAM */
            continue;
        if ( lo < (32UL << 20) )
            lo = 32UL << 20;
        if ( lo + 2 * LARGE <= end && lo + 2 * LARGE <= (1UL << 30) )
            return lo;
    }
    return 0;
}

static void large_page(void)
{
    unsigned long ram = find_ram(), off = 0x12340;
    volatile uint64_t *x, *y;

    if ( !ram )
    {
        check(false, "no 4 MiB of RAM between 32 MiB and 1 GiB");
        return;
    }
    x = pvh_phys(ram + off);
    y = pvh_phys(ram + LARGE + off);
    *x = 0x5858585858585858UL;
    *y = 0x5959595959595959UL;
    pd[4] = ram | PTE_P | PTE_RW | PTE_PS;
    invlpg(WIN_LARGE);
    check_eq(read_at(WIN_LARGE + off), *x, W("2 MiB page at %#lx", ram));
    pd[4] = (ram + LARGE) | PTE_P | PTE_RW | PTE_PS;
    invlpg(WIN_LARGE + off);            /* any address inside the page */
    check_eq(read_at(WIN_LARGE + off), *y, "2 MiB page switched, invlpg inside");
    *(volatile uint64_t *)(WIN_LARGE + off) = 0x6060;
    check_eq(*y, 0x6060, "write through the switched 2 MiB page");
    check_eq(*x, 0x5858585858585858UL, "the first 2 MiB page unchanged");
    pd[4] = 0;
    invlpg(WIN_LARGE + LARGE - 8);
    check_exinfo(probe_read64((void *)(WIN_LARGE + off), NULL),
                 EXINFO(X86_EXC_PF, 0), "2 MiB page unmapped");
}

static void never_faults(void)
{
    static const unsigned long addrs[] = {
        0x8000000000000000UL, 0x0000800000000000UL, 0xfffe000000000000UL,
        0x00007ffffffff000UL, 0x0000100000000000UL, WIN + (1UL << 30),
        0xffff800000000000UL, 0xffff82d040000000UL, 0xffff830000000000UL,
        0, ~0UL,
    };

    for ( unsigned int i = 0; i < ARRAY_SIZE(addrs); i++ )
        check_exinfo(PROBE_FAULT("invlpg (%[a])", (), ([a] "r" (addrs[i]))),
                     EXINFO_NONE, W("invlpg %#lx", addrs[i]));
    /* The kernel's own mappings survive a flush of one of their pages. */
    check_exinfo(PROBE_FAULT("invlpg (%[a])", (), ([a] "r" (&frame_a[0]))),
                 EXINFO_NONE, "invlpg of a kernel page");
    check_eq(*(volatile uint64_t *)&frame_a[0], 0xaaaa000000000000UL,
             "a kernel page after its invlpg");
}

void test_main(void)
{
    setup();
    switch_4k("4 KiB page", 0);
    switch_and_yield();
    unmap();
    global_pages();
    large_page();
    never_faults();
}
