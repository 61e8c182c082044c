/*
 * hello.c - the smallest PVH kernel: entered through PHYS32_ENTRY, it
 * finds the hypervisor's CPUID leaves, has its hypercall page written
 * through the MSR, prints through console_io and powers off.  It also
 * checks the hvm_start_info it was given: magic, the flags (dom0's
 * SIF_PRIVILEGED | SIF_INITDOMAIN, or none as a domU), a command line carrying the
 * runner's words, and, from version 1 on, a memory map with RAM where
 * the kernel was loaded.  Xen 4.17 hands its PVH dom0 version 0 (no
 * map); ours gives version 1.
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
    printf("Hello from a PVH kernel\n");
}
