/*
 * Building the initial PV domain (arch/x86/pv/dom0_build.c).
 */
#ifndef ASM_X86_PV_DOM0_BUILD_H
#define ASM_X86_PV_DOM0_BUILD_H

#include <xen/bootinfo.h>

struct domain;

/*
 * Build dom0 from its kernel (a bzImage or an ELF64 PV kernel) and
 * optional initrd: memory (dom0_mem=), the initial mapping, start_info
 * and vCPU 0's entry state.  Gives both modules' memory back to the heap.
 * 0, -EINVAL (unusable kernel, reason printed) or -ENOMEM.
 */
int dom0_construct_pv(struct domain *d, const struct boot_module *kernel,
                      const struct boot_module *initrd, const char *cmdline);

#endif /* ASM_X86_PV_DOM0_BUILD_H */
