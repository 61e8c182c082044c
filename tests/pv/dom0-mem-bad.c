/*
 * dom0-mem-bad.c - a dom0_mem= the hypervisor cannot parse is refused
 * whole: the boot goes on with the default size (or, on Xen here, the
 * runner's dom0_mem=64M that comes first), not with whatever part of the
 * bad value was read before the error ("16E": 16 bytes, then a unit
 * the parser does not know).
 *
 * pvtest-hv: dom0_mem=16E
 */
#include <pvtest.h>

const char test_title[] = "dom0-mem-bad: a bad dom0_mem= leaves the default";

void test_main(void)
{
    unsigned long mib = start_info->nr_pages >> 8;

    printf("dom0 has %lu pages (%lu MiB)\n", start_info->nr_pages, mib);
    check(mib >= 32, "dom0 got %lu MiB after a bad dom0_mem=", mib);
}
