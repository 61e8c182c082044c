/*
 * Per-CPU processor setup (arch/x86/cpu.c).
 */
#ifndef ASM_X86_CPU_H
#define ASM_X86_CPU_H

/* Control-register bits every CPU needs; on each CPU as it starts. */
void cpu_init_control_regs(void);

/* Implemented physical address bits (CPUID 0x80000008). */
extern unsigned int paddr_bits;

/* True on an AMD processor (CPUID vendor "AuthenticAMD"). */
bool cpu_vendor_is_amd(void);

#endif /* ASM_X86_CPU_H */
