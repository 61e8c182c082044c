/*
 * x86 SMP bring-up details (arch/x86/smpboot.c, arch/x86/shutdown.c);
 * the arch-neutral contract is arch_smp_boot_cpus() in xen/smp.h.
 */
#ifndef ASM_X86_SMP_H
#define ASM_X86_SMP_H

#include <xen/compiler.h>
#include <xen/bootinfo.h>

/*
 * Choose a free RAM page below 1 MiB for the AP start-up trampoline (not
 * the EBDA, not a boot module) and copy the trampoline there.  Call once,
 * after memory_init() and before arch_smp_boot_cpus().
 */
void smp_trampoline_setup(const struct boot_info *bi);

/* The APs' first C code, entered from the trampoline on their own stack. */
void __noreturn start_secondary(void);

/* Register the vector that arch_stop_other_cpus() sends (shutdown.c). */
void stop_ipi_init(void);

#endif /* ASM_X86_SMP_H */
