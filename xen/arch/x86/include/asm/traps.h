/*
 * Exception and interrupt vectors, and the handlers' interface.
 */
#ifndef ASM_X86_TRAPS_H
#define ASM_X86_TRAPS_H

#define TRAP_divide_error      0
#define TRAP_debug             1
#define TRAP_nmi               2
#define TRAP_int3              3
#define TRAP_overflow          4
#define TRAP_bounds            5
#define TRAP_invalid_op        6
#define TRAP_no_device         7
#define TRAP_double_fault      8
#define TRAP_copro_seg         9
#define TRAP_invalid_tss      10
#define TRAP_no_segment       11
#define TRAP_stack_error      12
#define TRAP_gp_fault         13
#define TRAP_page_fault       14
#define TRAP_spurious_int     15
#define TRAP_copro_error      16
#define TRAP_alignment_check  17
#define TRAP_machine_check    18
#define TRAP_simd_error       19
#define TRAP_virtualisation   20
#define TRAP_nr               32
#define TRAP_syscall         256   /* entry_vector of a syscall entry */

/* Exceptions for which the CPU pushes an error code. */
#define TRAP_HAS_ERRCODE_MASK 0x00027d00u

/* Interrupt vectors (highest priority class at the top). */
#define SPURIOUS_APIC_VECTOR   0xff
#define ERROR_APIC_VECTOR      0xfe
#define INVALIDATE_TLB_VECTOR  0xfd
#define EVENT_CHECK_VECTOR     0xfc
#define CALL_FUNCTION_VECTOR   0xfb
#define LOCAL_TIMER_VECTOR     0xfa
#define FIRST_DYNAMIC_VECTOR   0x30
#define LAST_DYNAMIC_VECTOR    0xef
#define LEGACY_PIC_VECTOR_BASE 0x20   /* 8259s remapped here, then masked */
#define INT80_VECTOR           0x80   /* guest system calls; never a device */

/* Page-fault error code bits. */
#define PFEC_present     (1U << 0)
#define PFEC_write       (1U << 1)
#define PFEC_user_mode   (1U << 2)
#define PFEC_insn_fetch  (1U << 4)

#ifndef __ASSEMBLY__
#include <xen/types.h>
#include <asm/regs.h>

typedef void (*vector_handler_t)(struct cpu_user_regs *regs);

/* Route an interrupt vector (>= 32) to fn; the LAPIC EOI is done by the
 * dispatcher after fn returns (never for the spurious vector). */
void set_vector_handler(unsigned int vector, vector_handler_t fn);
/* Allocate an unused dynamic vector for fn; returns it, or -ENOSPC. */
int alloc_vector(vector_handler_t fn);
void free_vector(unsigned int vector);

/* Entry points called from entry.S. */
void do_exception(struct cpu_user_regs *regs);
void do_irq(struct cpu_user_regs *regs);

/* Snapshot the general registers here: rip is the caller's return
 * address, rsp/rbp the caller's frame (for BUG/ASSERT reports). */
void arch_capture_regs(struct cpu_user_regs *regs);

/* Print the register state and a backtrace (no locking beyond printk). */
void show_registers(const struct cpu_user_regs *regs);
void show_backtrace(unsigned long rbp);

/* Exception-table fixup for rip, or 0 when the fault is not expected. */
unsigned long search_exception_table(unsigned long rip);

#endif /* !__ASSEMBLY__ */
#endif /* ASM_X86_TRAPS_H */
