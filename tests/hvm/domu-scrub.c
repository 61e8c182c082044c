/*
 * domu-scrub.c - a PVH domU's memory comes zeroed: no data of the
 * hypervisor, of a boot module or of another domain shows in it.
 *
 * A PV domU is built first (its kernel module's memory goes back to the
 * heap, dirty), then this image as a PVH domU, which reads every page of
 * RAM in its memory map except its own image and its start info page:
 * all must be zero.  dom0 (this image too) only waits (five seconds of
 * system time: the scan takes more than one under Bochs).  Ours only.
 *
 * pvtest-smp: 1
 * pvtest-domU: name=pvfirst,mem=16M tests/pv/build/hello.elf
 * pvtest-domU: name=pvhscan,mem=32M,type=pvh self
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <pv/time.h>

const char test_title[] = "domu-scrub: a PVH domU's memory starts zeroed";

extern char _text[], _end[];

static uint8_t si_page[PAGE_SIZE] __aligned(PAGE_SIZE) __section(".bss.page_aligned");

/* shared_info at si_page, for pv_system_time(): the wait is system time,
 * not TSC cycles, so it is as long on any TSC rate (Bochs counts one
 * cycle per instruction). */
static void map_time(void)
{

    if ( !check_rc_setup(pvh_place_shared_info(si_page),
                         "add_to_physmap(shared_info)") )
        xtest_exit();
    shared_info = (shared_info_t *)si_page;
}

static bool skipped(uint64_t pa)
{
    uint64_t k0 = (unsigned long)_text - PV_VIRT_BASE;
    uint64_t k1 = (unsigned long)_end - PV_VIRT_BASE;
    uint64_t si = (unsigned long)pvh_start_info & ~(PAGE_SIZE - 1UL);

    return (pa >= k0 && pa < k1) || pa == si;
}

static void as_domu(void)
{
    const struct hvm_start_info *s = pvh_start_info;
    const struct hvm_memmap_table_entry *e = pvh_phys(s->memmap_paddr);
    unsigned long pages = 0, dirty = 0;

    for ( uint32_t i = 0; i < s->memmap_entries && i < 32; i++ )
    {
        if ( e[i].type != XEN_HVM_MEMMAP_TYPE_RAM )
            continue;
        for ( uint64_t pa = e[i].addr; pa < e[i].addr + e[i].size &&
                                       pa < (1UL << 30); pa += PAGE_SIZE )
        {
            const volatile uint64_t *w = pvh_phys(pa);

            if ( skipped(pa) )
                continue;
            pages++;
            for ( unsigned int j = 0; j < PAGE_SIZE / 8; j++ )
                if ( w[j] )
                {
                    if ( !dirty++ )
                        xtest_info("first non-zero word at %#lx: %#lx",
                                   (unsigned long)(pa + 8 * j),
                                   (unsigned long)w[j]);
                    break;
                }
        }
    }
    xtest_info("%lu pages read, %lu not zero", pages, dirty);
    check_eq(dirty, 0, "pages of the domU that were not zero");
}

void test_main(void)
{
    if ( pvh_start_info->flags & SIF_INITDOMAIN )
    {
        uint64_t end;

        map_time();
        end = pv_system_time(0) + 5 * NS_PER_S;
        while ( pv_system_time(0) < end )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
        return;
    }
    as_domu();
}
