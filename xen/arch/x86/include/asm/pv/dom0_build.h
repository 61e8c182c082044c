/*
 * Building the PV domains of boot time (arch/x86/pv/dom0_build.c).
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

/*
 * Build an unprivileged PV domain from a kernel module alone: exactly
 * nr_pages of memory (also its maximum), no initrd, start_info flags 0.
 * Gives the module's memory back.  Same errors as dom0_construct_pv().
 */
int domu_construct_pv(struct domain *d, const struct boot_module *kernel,
                      const char *cmdline, unsigned long nr_pages);

#endif /* ASM_X86_PV_DOM0_BUILD_H */
