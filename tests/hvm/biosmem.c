/*
 * biosmem.c - a PVH dom0 sees the host's first megabyte outside RAM (the
 * BIOS area) at the same addresses, as Xen gives it: the ACPI RSDP is
 * found where firmware leaves it (a 16-byte aligned "RSD PTR " between
 * 0xe0000 and 0xfffff, with a valid checksum), and the memory map
 * (XENMEM_memory_map) lists that area as reserved, not RAM.
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "biosmem: the BIOS area of a PVH dom0";

static struct {
    uint64_t addr, size;
    uint32_t type;
} __packed e820[64];

static bool reserved_in_map(uint64_t pa)
{
    struct xen_memory_map m = { .nr_entries = 64 };

    set_xen_guest_handle(m.buffer, e820);
    if ( !check_eq(HYPERVISOR_memory_op(XENMEM_memory_map, &m), 0,
                   "XENMEM_memory_map") )
        return false;
    for ( unsigned int i = 0; i < m.nr_entries && i < 64; i++ )
        if ( e820[i].addr <= pa && pa - e820[i].addr < e820[i].size )
            return e820[i].type == 2;
    return false;
}

void test_main(void)
{
    const uint8_t *rsdp = NULL;

    for ( uint64_t pa = 0xe0000; pa < 0x100000 && !rsdp; pa += 16 )
    {
        const uint8_t *p = pvh_phys(pa);
        uint8_t sum = 0;

        if ( memcmp(p, "RSD PTR ", 8) )
            continue;
        for ( unsigned int i = 0; i < 20; i++ )
            sum += p[i];
        if ( !sum )
            rsdp = p;
    }
    xtest_info("RSDP at %#lx", (unsigned long)rsdp);
    check(rsdp != NULL, "no RSDP in the BIOS area");
    if ( rsdp )
        check(reserved_in_map((unsigned long)rsdp),
              "the RSDP's page is not reserved in the memory map");
}
