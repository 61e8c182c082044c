/*
 * startinfo.c - hvm_start_info with a boot module: the initrd (the
 * runner's second Multiboot module) is module 0, page aligned, in the
 * guest's RAM and not overlapping the kernel, with the right size and
 * contents; the start info itself lies outside the kernel and module;
 * the command line is there.  With version 1 the memory map must cover
 * the module as RAM.
 *
 * pvtest-module: tests/pv/data/module.txt
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "startinfo: hvm_start_info modules and layout";

extern char _text[], _end[];

static const char expect_prefix[] = "pvtest boot module";

static bool overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
    return a < b + bn && b < a + an;
}

void test_main(void)
{
    const struct hvm_start_info *si = pvh_start_info;
    const struct hvm_modlist_entry *m;
    uint64_t k_start = (unsigned long)_text - PV_VIRT_BASE;
    uint64_t k_len = (unsigned long)_end - (unsigned long)_text;
    uint64_t si_pa = (unsigned long)si;
    const char *text;

    xtest_info("start_info at %#lx, %u modules at %#lx, kernel %#lx+%#lx",
               (unsigned long)si_pa, si->nr_modules,
               (unsigned long)si->modlist_paddr, (unsigned long)k_start,
               (unsigned long)k_len);
    if ( !check_eq(si->nr_modules, 1, "nr_modules") || !si->modlist_paddr )
        return;
    m = pvh_phys(si->modlist_paddr);
    xtest_info("module 0: %#lx+%#lx cmdline %#lx", (unsigned long)m->paddr,
               (unsigned long)m->size, (unsigned long)m->cmdline_paddr);
    check(!(m->paddr & (PAGE_SIZE - 1)), "module not page aligned");
    check(!overlaps(m->paddr, m->size, k_start, k_len),
          "module overlaps the kernel");
    check(!overlaps(si_pa, sizeof(*si), k_start, k_len),
          "start info overlaps the kernel");
    check(!overlaps(si_pa, sizeof(*si), m->paddr, m->size),
          "start info overlaps the module");
    check_eq(m->size, 74, "module size (tests/pv/data/module.txt)");
    text = pvh_phys(m->paddr);
    check(m->paddr < (1UL << 30) &&
          !strncmp(text, expect_prefix, sizeof(expect_prefix) - 1),
          "module contents '%.20s'", text);
    /* The module's own string: Xen 4.17 passes the loader's whole string
     * (QEMU puts the path first); ours drops the image name, as for every
     * module, and passes none when nothing is left. */
    if ( m->cmdline_paddr )
    {
        const char *c = pvh_phys(m->cmdline_paddr);

        if ( check(m->cmdline_paddr < (1UL << 30) - 256,
                   "module command line at %#lx", (unsigned long)m->cmdline_paddr) )
            xtest_info("module cmdline '%.200s'", c);
    }
    check(kernel_cmdline_find("pvtest.hv") != NULL, "no command line");
    if ( si->version >= 1 )
    {
        const struct hvm_memmap_table_entry *e = pvh_phys(si->memmap_paddr);
        bool ram = false;

        for ( uint32_t i = 0; i < si->memmap_entries && i < 128; i++ )
            if ( e[i].type == XEN_HVM_MEMMAP_TYPE_RAM && e[i].addr <= m->paddr &&
                 m->paddr + m->size <= e[i].addr + e[i].size )
                ram = true;
        check(ram, "the module is not RAM in the memory map");
    }
}
