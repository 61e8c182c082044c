/*
 * Boot phase timing (arch/x86/boot_timing.c): one console line per phase
 * of the boot with how long it took, at loglvl=all (XENLOG_DEBUG):
 *
 *     Boot phase: memory setup: 12.345 ms
 *
 *   uint64_t t = boot_phase_begin();
 *   ... the phase ...
 *   boot_phase_end("memory setup", t);
 *
 * Phases timed before the TSC is calibrated are held back and printed by
 * boot_phase_flush(), which time_init()'s caller calls once it is.
 */
#ifndef ASM_X86_BOOT_TIMING_H
#define ASM_X86_BOOT_TIMING_H

#include <xen/types.h>

uint64_t boot_phase_begin(void);
void boot_phase_end(const char *what, uint64_t begin);
void boot_phase_flush(void);

#endif /* ASM_X86_BOOT_TIMING_H */
