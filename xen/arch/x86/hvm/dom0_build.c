/*
 * The PVH builder, for dom0 (dom0=pvh) and boot-time domUs (domU=...,
 * type=pvh): an HVM domain entered at the kernel's
 * XEN_ELFNOTE_PHYS32_ENTRY in 32-bit protected mode with paging off, as
 * the PVH ABI says, with %ebx pointing at a struct hvm_start_info.  The
 * kernel is an ELF image or a bzImage wrapping one (plain or XZ).
 *
 * Layout: dom0's RAM sits at the same guest-physical addresses as the
 * host's RAM (host e820 RAM ranges, from the bottom, until dom0_mem= is
 * reached); a domU's is the toolstack's layout (from 0 up to the local
 * APIC, the rest above 4 GiB, mem= in all).  Either is backed by
 * whatever frames the heap gives.  The kernel is loaded at its
 * ELF physical addresses; after it, page aligned: the initrd (module 0,
 * if any), then one page holding hvm_start_info (version 1), the module
 * list (with the module's own Multiboot string), the memory map and the
 * command line.  The map is also the domain's own (XENMEM_memory_map).  A
 * domU gets no module and start-info flags 0; dom0 SIF_PRIVILEGED |
 * SIF_INITDOMAIN.  The boot modules' memory is not given back to the heap.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/bootinfo.h>
#include <xen/xmalloc.h>
#include <asm/e820.h>
#include <asm/dom0.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/dom0_acpi.h>
#include <public/hvm/start_info.h>
#include "../../../../lib/elf/libelf.h"

#define MAX_PVH_MEMMAP 32

struct pvh_build {
    struct domain *d;
    bool dom0;
    /* The ELF: in the kernel module, or unpacked from its bzImage. */
    const uint8_t *image;
    size_t image_len;
    struct page_info *unpacked;
    unsigned int unpacked_order;
    struct elf_binary elf;
    struct elf_xen_params parms;
    struct hvm_memmap_table_entry map[MAX_PVH_MEMMAP];
    unsigned int nr_map;
};

/* Copy to guest-physical memory (src NULL: zeroes); only populated RAM. */
static int copy_to_gpa(struct domain *d, uint64_t gpa, const void *src,
                       uint64_t len)
{
    while ( len )
    {
        uint64_t chunk = min(len, PAGE_SIZE - (gpa & (PAGE_SIZE - 1)));
        enum p2m_type t;
        mfn_t mfn = p2m_lookup(d->arch.hvm.p2m, gpa >> PAGE_SHIFT, &t);
        uint8_t *p;

        if ( t != p2m_ram_rw )
            return -EINVAL;
        p = (uint8_t *)mfn_to_virt(mfn) + (gpa & (PAGE_SIZE - 1));
        if ( src )
        {
            memcpy(p, src, chunk);
            src = (const uint8_t *)src + chunk;
        }
        else
            memset(p, 0, chunk);
        gpa += chunk;
        len -= chunk;
    }
    return 0;
}

static unsigned int order_for(size_t bytes)
{
    unsigned int order = 0;

    while ( (PAGE_SIZE << order) < bytes )
        order++;
    return order;
}

/* The ELF image: the module itself, or the payload of its bzImage (XZ
 * unpacked into a temporary buffer, freed after the build). */
static int find_elf(struct pvh_build *b, const struct boot_module *k)
{
    const uint8_t *img = __va(k->start);
    struct bzimage_info bz;
    const char *why;
    int rc = bzimage_probe(img, k->size, &bz, &why);
    unsigned int order;

    if ( rc < 0 )
        goto bad;
    b->image = rc ? bz.payload : img;
    b->image_len = rc ? bz.payload_len : k->size;
    if ( !rc || bz.comp == BZ_NONE )
        return 0;
    order = order_for(bz.out_len);
    if ( order > MAX_ORDER ||
         !(b->unpacked = alloc_domheap_pages(NULL, order, MEMF_no_scrub)) )
        return -ENOMEM;
    b->unpacked_order = order;
    if ( bzimage_decompress(&bz, page_to_virt(b->unpacked),
                            PAGE_SIZE << order, &why) )
        goto bad;
    b->image = page_to_virt(b->unpacked);
    b->image_len = bz.out_len;
    return 0;
 bad:
    printk(XENLOG_ERR "d%u: kernel: %s\n", b->d->domain_id, why);
    return -EINVAL;
}

static int parse_kernel(struct pvh_build *b, const struct boot_module *k)
{
    struct elf_xen_params *p = &b->parms;

    int rc = find_elf(b, k);

    if ( rc )
        return rc;
    if ( elf_init(&b->elf, b->image, b->image_len) ||
         elf_xen_parse(&b->elf, p) )
    {
        printk(XENLOG_ERR "dom0: kernel: %s\n", b->elf.error);
        return -EINVAL;
    }
    if ( p->phys32_entry == ELF_UNSET_ADDR || p->phys32_entry >> 32 )
    {
        printk(XENLOG_ERR "dom0: kernel has no XEN_ELFNOTE_PHYS32_ENTRY\n");
        return -EINVAL;
    }
    if ( b->dom0 && p->has_supported_features &&
         !elf_feature_test(p->f_supported, XENFEAT_dom0) )
    {
        printk(XENLOG_ERR "dom0: kernel does not support Dom0 operation\n");
        return -EINVAL;
    }
    printk(" PVH kernel: paddr %#lx -> %#lx, entry %#lx\n",
           (unsigned long)b->elf.pstart, (unsigned long)b->elf.pend,
           (unsigned long)p->phys32_entry);
    return 0;
}

/*
 * Back [gfn, gfn + n) with fresh frames of the domain's own.  A domU's come
 * zeroed: free memory may hold anything (a boot module, the hypervisor's
 * data).  dom0's are not scrubbed, as on Xen and for a PV dom0: it is the
 * first domain, trusted, and nothing has run yet whose data it could see.
 */
static int populate(struct pvh_build *b, unsigned long gfn, unsigned long n)
{
    unsigned int memflags = b->dom0 ? MEMF_no_scrub : 0;

    while ( n )
    {
        unsigned int order = (!(gfn & 511) && n >= 512) ? 9 : 0;
        struct page_info *pg = alloc_domheap_pages(b->d, order, memflags);
        bool replaced;

        if ( !pg && order && (order = 0, 1) )
            pg = alloc_domheap_pages(b->d, 0, memflags);
        if ( !pg )
            return -ENOMEM;
        for ( unsigned long i = 0; i < (1UL << order); i++ )
            if ( p2m_set_entry(b->d->arch.hvm.p2m, gfn + i,
                               mfn_add(page_to_mfn(pg), i), p2m_ram_rw,
                               &replaced) )
                return -ENOMEM;
        gfn += 1UL << order;
        n -= 1UL << order;
    }
    return 0;
}

/* One RAM range of the domain's map, populated. */
static int add_ram(struct pvh_build *b, unsigned long pfn, unsigned long n)
{
    int rc;

    if ( b->nr_map == MAX_PVH_MEMMAP )
        return -ENOSPC;
    if ( (rc = populate(b, pfn, n)) )
        return rc;
    b->map[b->nr_map++] = (struct hvm_memmap_table_entry){
        .addr = (uint64_t)pfn << PAGE_SHIFT,
        .size = (uint64_t)n << PAGE_SHIFT,
        .type = XEN_HVM_MEMMAP_TYPE_RAM };
    return 0;
}

/* dom0: the host's RAM ranges, from the bottom, until its size. */
static int build_dom0_memory(struct pvh_build *b, unsigned long nr_pages)
{
    for ( unsigned int i = 0; i < e820.nr && nr_pages; i++ )
    {
        const struct boot_mem_range *r = &e820.map[i];
        unsigned long s = PFN_UP(r->addr), e = PFN_DOWN(r->addr + r->size);
        unsigned long n;
        int rc;

        if ( r->type != XEN_HVM_MEMMAP_TYPE_RAM || e <= s )
            continue;
        n = min(e - s, nr_pages);
        if ( (rc = add_ram(b, s, n)) )
            return rc == -ENOSPC ? -ENOMEM : rc;
        nr_pages -= n;
    }
    return nr_pages ? -ENOMEM : 0;
}

/*
 * A domU: the toolstack's PVH layout (tools/libs/guest/pvh.c, as libxl's):
 * RAM from 0 up to the local APIC's page, the rest from 4 GiB.  There is
 * no firmware to leave room for, and kernels read the low megabyte
 * (the MP table search at 639 KiB, the EBDA pointer) expecting memory.
 */
#define DOMU_LOW_END_PFN (0xfee00000UL >> PAGE_SHIFT)
#define DOMU_HIGH_PFN (GB(4) >> PAGE_SHIFT)

static int build_domu_memory(struct pvh_build *b, unsigned long nr_pages)
{
    unsigned long low = min(nr_pages, DOMU_LOW_END_PFN);
    int rc = add_ram(b, 0, low);

    if ( !rc && nr_pages > low )
        rc = add_ram(b, DOMU_HIGH_PFN, nr_pages - low);
    return rc;
}

/*
 * dom0 only: the host's first MiB outside RAM (EBDA, legacy video, BIOS
 * ROM) at the same addresses, as direct MMIO, and listed as reserved in
 * its map, as Xen gives its PVH dom0: kernels look there for firmware
 * tables.  Above 1 MiB: dom0_acpi.c.
 */
#define LOW_MB_PFNS (MB(1) >> PAGE_SHIFT)

/* The map in address order (insertion sort: a few entries). */
static void sort_map(struct pvh_build *b)
{
    for ( unsigned int i = 1; i < b->nr_map; i++ )
        for ( unsigned int j = i; j && b->map[j - 1].addr > b->map[j].addr; j-- )
        {
            struct hvm_memmap_table_entry t = b->map[j];

            b->map[j] = b->map[j - 1];
            b->map[j - 1] = t;
        }
}

static bool in_map(const struct pvh_build *b, unsigned long pfn)
{
    uint64_t pa = (uint64_t)pfn << PAGE_SHIFT;

    for ( unsigned int i = 0; i < b->nr_map; i++ )
        if ( pa >= b->map[i].addr && pa - b->map[i].addr < b->map[i].size )
            return true;
    return false;
}

static int map_low_mb(struct pvh_build *b)
{
    unsigned long first = 0;
    bool open = false, replaced;
    int rc;

    for ( unsigned long pfn = 0; pfn <= LOW_MB_PFNS; pfn++ )
    {
        if ( pfn < LOW_MB_PFNS && !in_map(b, pfn) && dom0_direct_ok(pfn) )
        {
            if ( !open )
                first = pfn;
            open = true;
            if ( (rc = p2m_set_entry(b->d->arch.hvm.p2m, pfn, _mfn(pfn),
                                     p2m_mmio_direct, &replaced)) )
                return rc;
            continue;
        }
        if ( open && b->nr_map < MAX_PVH_MEMMAP )
            b->map[b->nr_map++] = (struct hvm_memmap_table_entry){
                .addr = (uint64_t)first << PAGE_SHIFT,
                .size = (uint64_t)(pfn - first) << PAGE_SHIFT,
                .type = XEN_HVM_MEMMAP_TYPE_RESERVED };
        open = false;
    }
    sort_map(b);
    return 0;
}

/* libelf's sink: va is a guest-physical address here (virt_base 0). */
static int write_kernel(void *ctx, uint64_t va, const void *src, uint64_t len)
{
    const struct pvh_build *b = ctx;

    if ( va < b->elf.pstart || va > b->elf.pend || len > b->elf.pend - va )
        return -EINVAL;
    return copy_to_gpa(b->d, va, src, len);
}

static int load_kernel(struct pvh_build *b)
{
    struct elf_xen_params flat = b->parms;

    flat.virt_base = 0;
    flat.paddr_offset = 0;
    if ( elf_load(&b->elf, &flat, write_kernel, b) )
    {
        printk(XENLOG_ERR "dom0: kernel: %s\n", b->elf.error);
        return -EINVAL;
    }
    return 0;
}

/* hvm_start_info and what it points at, in one page at gpa. */
static int write_start_info(struct pvh_build *b, uint64_t gpa,
                            const struct boot_module *initrd, uint64_t initrd_gpa,
                            const char *cmdline, uint64_t rsdp)
{
    struct {
        struct hvm_start_info si;
        struct hvm_modlist_entry mod;
        struct hvm_memmap_table_entry map[MAX_PVH_MEMMAP];
        char cmdline[1024];
        char mod_cmdline[512];
    } *page = alloc_xenheap_page();
    int rc;

    BUILD_BUG_ON(sizeof(*page) > PAGE_SIZE);
    if ( !page )
        return -ENOMEM;
    memset(page, 0, PAGE_SIZE);
    page->si.magic = XEN_HVM_START_MAGIC_VALUE;
    page->si.version = 1;
    page->si.flags = b->dom0 ? SIF_PRIVILEGED | SIF_INITDOMAIN : 0;
    page->si.rsdp_paddr = rsdp;
    if ( initrd )
    {
        page->si.nr_modules = 1;
        page->si.modlist_paddr = gpa + offsetof(typeof(*page), mod);
        page->mod.paddr = initrd_gpa;
        page->mod.size = initrd->size;
        if ( initrd->cmdline && initrd->cmdline[0] )
        {
            strlcpy(page->mod_cmdline, initrd->cmdline,
                    sizeof(page->mod_cmdline));
            page->mod.cmdline_paddr = gpa + offsetof(typeof(*page), mod_cmdline);
        }
    }
    strlcpy(page->cmdline, cmdline ? cmdline : "", sizeof(page->cmdline));
    page->si.cmdline_paddr = gpa + offsetof(typeof(*page), cmdline);
    memcpy(page->map, b->map, b->nr_map * sizeof(b->map[0]));
    page->si.memmap_paddr = gpa + offsetof(typeof(*page), map);
    page->si.memmap_entries = b->nr_map;
    rc = copy_to_gpa(b->d, gpa, page, PAGE_SIZE);
    free_xenheap_page(page);
    return rc;
}

/* dom0: the host's firmware above 1 MiB and ACPI tables of its own, in a
 * page of RAM above floor. */
static int add_dom0_acpi(struct pvh_build *b, uint64_t floor, uint64_t *rsdp)
{
    struct pvh_dom0_map m = { b->map, b->nr_map, MAX_PVH_MEMMAP };
    int rc = pvh_dom0_acpi(b->d, &m, floor, rsdp);

    b->nr_map = m.nr;
    sort_map(b);
    return rc;
}

/* The same map for XENMEM_memory_map (what Xen's PVH dom0 reads, its
 * start info being version 0). */
static int set_domain_map(struct pvh_build *b)
{
    struct boot_mem_range r[MAX_PVH_MEMMAP];

    for ( unsigned int i = 0; i < b->nr_map; i++ )
        r[i] = (struct boot_mem_range){ b->map[i].addr, b->map[i].size,
                                        b->map[i].type };
    return domain_set_e820(b->d, r, b->nr_map);
}

static const struct hvm_seg flat_code = { 0x08, 0xc9b, 0xffffffff, 0 };
static const struct hvm_seg flat_data = { 0x10, 0xc93, 0xffffffff, 0 };
static const struct hvm_seg boot_tr = { 0x18, 0x08b, 0x67, 0 };

static void init_vcpu0(struct pvh_build *b, uint64_t si_gpa)
{
    struct vcpu *v = b->d->vcpu[0];
    struct hvm_boot_state s = {
        .rip = b->parms.phys32_entry, .rbx = si_gpa, .rflags = 2,
        .cr0 = X86_CR0_PE | X86_CR0_ET,
        .cs = flat_code, .ds = flat_data, .es = flat_data, .ss = flat_data,
        .fs = flat_data, .gs = flat_data, .tr = boot_tr,
    };

    hvm_vendor->vcpu_set_boot_state(v, &s);
    memset(&v->arch.user_regs, 0, sizeof(v->arch.user_regs));
    v->arch.user_regs.rip = s.rip;
    v->arch.user_regs.rbx = s.rbx;
    v->arch.user_regs.rflags = s.rflags;
}

static int construct(struct pvh_build *b, const struct boot_module *kernel,
                     const struct boot_module *initrd, const char *cmdline,
                     unsigned long nr_pages)
{
    struct domain *d = b->d;
    uint64_t next, initrd_gpa = 0, rsdp = 0;
    int rc;

    if ( (rc = hvm_domain_init(d)) || (rc = parse_kernel(b, kernel)) )
        return rc;
    if ( !b->dom0 && nr_pages > total_free_pages() )
        return -ENOMEM;
    if ( (rc = b->dom0 ? build_dom0_memory(b, nr_pages)
                       : build_domu_memory(b, nr_pages)) ||
         (b->dom0 && (rc = map_low_mb(b))) || (rc = load_kernel(b)) )
        return rc;
    next = ROUNDUP(b->elf.pend, PAGE_SIZE);
    if ( initrd )
    {
        initrd_gpa = next;
        if ( (rc = copy_to_gpa(d, initrd_gpa, __va(initrd->start),
                               initrd->size)) )
            return rc;
        next = ROUNDUP(initrd_gpa + initrd->size, PAGE_SIZE);
    }
    if ( (b->dom0 && (rc = add_dom0_acpi(b, next + PAGE_SIZE, &rsdp))) ||
         (rc = write_start_info(b, next, initrd, initrd_gpa, cmdline, rsdp)) ||
         (rc = set_domain_map(b)) )
        return rc;
    init_vcpu0(b, next);
    d->max_pages = nr_pages;
    printk("Dom%u: PVH, %lu MiB, start info at %#lx\n", d->domain_id,
           nr_pages >> (20 - PAGE_SHIFT), (unsigned long)next);
    return 0;
}

static int build(struct domain *d, bool dom0, const struct boot_module *kernel,
                 const struct boot_module *initrd, const char *cmdline,
                 unsigned long nr_pages)
{
    struct pvh_build *b;
    int rc;

    printk("*** Building a PVH Dom%u ***\n", d->domain_id);
    if ( !hvm_enabled() )
    {
        printk(XENLOG_ERR "d%u: PVH needs hardware virtualisation\n",
               d->domain_id);
        return -EOPNOTSUPP;
    }
    if ( !(b = xzalloc(struct pvh_build)) )
        return -ENOMEM;
    b->d = d;
    b->dom0 = dom0;
    d->max_pages = ~0UL;
    if ( dom0 )
        nr_pages = dom0_mem_pages(total_free_pages());
    rc = construct(b, kernel, initrd, cmdline, nr_pages);
    if ( b->unpacked )
        free_domheap_pages(b->unpacked, b->unpacked_order);
    if ( rc )
        printk(XENLOG_ERR "d%u: PVH build failed (%d)\n", d->domain_id, rc);
    xfree(b);
    return rc;
}

int dom0_construct_pvh(struct domain *d, const struct boot_module *kernel,
                       const struct boot_module *initrd, const char *cmdline)
{
    return build(d, true, kernel, initrd, cmdline, 0);
}

int domu_construct_pvh(struct domain *d, const struct boot_module *kernel,
                       const char *cmdline, unsigned long nr_pages)
{
    if ( !nr_pages )
        return -EINVAL;
    return build(d, false, kernel, NULL, cmdline, nr_pages);
}
