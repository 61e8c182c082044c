/*
 * npf.c - a PVH guest touches guest-physical memory that is neither its
 * RAM nor anything else (768 MiB: above QEMU's 512 MiB and dom0's memory,
 * inside the 1 GiB the library maps).  Nothing answers there: reads give
 * all ones in every width, writes go nowhere (a read after a write still
 * gives all ones), and the domain goes on, as on Xen 4.17 without a
 * device model.  The same for the host's devices the hypervisor keeps
 * (the HPET's registers at 0xfed00000 on QEMU): dom0 never reaches them.
 * The hypervisor emulates the faulting instruction (MOV forms,
 * hvm/emulate.c).
 */
#include <pvtest.h>
#include <pv/pvh.h>

const char test_title[] = "npf: memory nothing backs reads as all ones";

#define HOLE_GPA 0x30000000UL
#define HPET_GPA 0xfed00000UL

static void probe(volatile void *p, const char *what)
{
    volatile uint8_t *b = p;
    volatile uint16_t *w = p;
    volatile uint32_t *l = p;
    volatile uint64_t *q = p;

    check_eq(*b, 0xff, what);
    check_eq(*w, 0xffff, what);
    check_eq(*l, 0xffffffffu, what);
    check_eq(*q, ~0ULL, what);
    *l = 0x12345678;
    *q = 0;
    check_eq(*l, 0xffffffffu, what);
}

void test_main(void)
{
    volatile void *hpet = pvh_map_mmio(HPET_GPA);

    probe(pvh_phys(HOLE_GPA), "unbacked memory at 768 MiB");
    probe(pvh_phys(HOLE_GPA + 0xffc), "unbacked memory, end of a page");
    if ( check(hpet != NULL, "mapping the HPET's page") )
        probe(hpet, "the HPET's registers (the hypervisor's)");
}
