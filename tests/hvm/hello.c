/*
 * hello.c - the smallest PVH kernel: entered through PHYS32_ENTRY, it
 * finds the hypervisor's CPUID leaves, has its hypercall page written
 * through the MSR, prints through console_io and powers off.  It also
 * checks the hvm_start_info it was given: magic, the flags (dom0's
 * SIF_PRIVILEGED | SIF_INITDOMAIN, or none as a domU), a command line carrying the
 * runner's words, and, from version 1 on, a memory map with RAM where
 * the kernel was loaded.  Xen 4.17 hands its PVH dom0 version 0 (no
 * map); ours gives version 1.  XENMEM_memory_map must give a map with
 * RAM at the kernel (the same map as the start info's, when it has one).
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "hello: PVH entry, start_info, console";

static void check_memmap(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    const struct hvm_memmap_table_entry *e = pvh_phys(si->memmap_paddr);
    uint64_t kernel = pvh_hypercall_page_gpa();
    bool covered = false;

    if ( !check(si->memmap_paddr && si->memmap_entries, "no memory map") )
        return;
    for ( uint32_t i = 0; i < si->memmap_entries && i < 128; i++ )
    {
        xtest_info("memmap[%u]: %#lx+%#lx type %u", i,
                   (unsigned long)e[i].addr, (unsigned long)e[i].size,
                   e[i].type);
        if ( e[i].type == XEN_HVM_MEMMAP_TYPE_RAM && e[i].addr <= kernel &&
             kernel - e[i].addr < e[i].size )
            covered = true;
    }
    check(covered, "the kernel's memory is not RAM in the map");
}

/* XENMEM_memory_map: Xen's PVH dom0 learns its map this way (start info
 * version 0); the map must have RAM where the kernel is, and where a
 * version-1 start info has a map too, the two must agree. */
static struct {
    uint64_t addr, size;
    uint32_t type;
} __packed e820[64];

static void check_memory_map(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    struct xen_memory_map m = { .nr_entries = 64 };
    uint64_t kernel = pvh_hypercall_page_gpa();
    bool covered = false;
    long rc;

    set_xen_guest_handle(m.buffer, e820);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    if ( !check_eq(rc, 0, "XENMEM_memory_map") )
        return;
    for ( unsigned int i = 0; i < m.nr_entries && i < 64; i++ )
    {
        xtest_info("e820[%u]: %#lx+%#lx type %u", i,
                   (unsigned long)e820[i].addr, (unsigned long)e820[i].size,
                   e820[i].type);
        if ( e820[i].type == 1 && e820[i].addr <= kernel &&
             kernel - e820[i].addr < e820[i].size )
            covered = true;
    }
    check(covered, "XENMEM_memory_map has no RAM at the kernel");
    if ( si->version >= 1 )
    {
        const struct hvm_memmap_table_entry *e = pvh_phys(si->memmap_paddr);

        check_eq(m.nr_entries, si->memmap_entries,
                 "entries in XENMEM_memory_map against start info");
        for ( unsigned int i = 0; i < m.nr_entries && i < si->memmap_entries; i++ )
            check(e820[i].addr == e[i].addr && e820[i].size == e[i].size &&
                  e820[i].type == e[i].type, "map entry %u differs", i);
    }
}

void test_main(void)
{
    const struct hvm_start_info *si = pvh_start_info;

    xtest_info("start_info version %u flags %#x modules %u cmdline '%s'",
               si->version, si->flags, si->nr_modules, kernel_cmdline());
    check(si->version <= 1, "hvm_start_info version %u", si->version);
    /* dom0 (the usual case), or a domU (tests/pv/pvh-domu-destroy). */
    check(si->flags == (SIF_PRIVILEGED | SIF_INITDOMAIN) || si->flags == 0,
          "start_info flags %#x", si->flags);
    check(kernel_cmdline_find("pvtest.hv") != NULL,
          "the command line lacks pvtest.hv=");
    if ( si->version >= 1 )
        check_memmap();
    check_memory_map();
    printf("Hello from a PVH kernel\n");
}
