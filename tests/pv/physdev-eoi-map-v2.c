/*
 * physdev-eoi-map-v2.c - physdev-eoi-map's checks with
 * PHYSDEVOP_pirq_eoi_gmfn_v2: the same bits, and an EOI that leaves the
 * PIRQ's port masked.  Ours and Xen 4.17.
 *
 * pvtest-qemu: -device e1000e,addr=05.0
 */
#define EOI_MAP_V2 1
const char test_title[] = "physdev-eoi-map-v2: the PIRQ EOI page (v2)";
#include "physdev-eoi-map.c"
