/*
 * Host-test override of asm/config.h: everything as in the hypervisor,
 * except that the frame table and the direct map are host buffers set up by
 * the shim (shim.c), so that __va()/__pa(), mfn_to_page() and friends in
 * the real headers land in memory a test program owns.
 *
 * Found first because tests compile with -I tests/unit/shim ahead of
 * xen/arch/x86/include; the hypervisor build never sees this directory.
 */
#ifndef SHIM_ASM_CONFIG_H
#define SHIM_ASM_CONFIG_H

#include_next <asm/config.h>

#ifndef __ASSEMBLY__
extern unsigned long shim_frametable_base;  /* host address of frame_table[0] */
extern unsigned long shim_directmap_base;   /* host address of machine page 0 */

#undef FRAMETABLE_VIRT_START
#define FRAMETABLE_VIRT_START shim_frametable_base
#undef DIRECTMAP_VIRT_START
#define DIRECTMAP_VIRT_START shim_directmap_base
#endif

#endif /* SHIM_ASM_CONFIG_H */
