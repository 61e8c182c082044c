/*
 * traps.h - exceptions, software interrupts and callbacks of a PV kernel.
 *
 * The library registers a virtual IDT (HYPERVISOR_set_trap_table) naming
 * its stubs for vectors 0-31 and 0x80 (int3, into and 0x80 with DPL 3,
 * the rest DPL 0, all masking events on entry), and the event and failsafe
 * callbacks (CALLBACKOP_register).  Every stub saves the registers into a
 * struct pv_regs and calls trap_dispatch(), which tries, in order:
 *
 *   1. a handler a test installed with trap_set_handler();
 *   2. an exception-table fixup (see exinfo.h);
 *   3. otherwise the kernel dumps the state, reports ERROR and crashes.
 *
 * Handlers may change any field of the frame (rip, rax, ...); the stub
 * returns through HYPERVISOR_iret with whatever the frame then holds.
 */
#ifndef PV_TRAPS_H
#define PV_TRAPS_H

/* Pseudo vectors for the two callbacks, outside the 0-255 range. */
#define PV_VEC_EVENT    0x100
#define PV_VEC_FAILSAFE 0x101

#ifndef __ASSEMBLY__

#include <pv/types.h>
#include <pv/x86.h>

/*
 * The frame every stub builds.  The part from rip upwards is the iret
 * frame Xen pushed; error_code is 0 for vectors without one.  Note that
 * Xen stores the interrupted context's event mask in bits 32-39 of the
 * cs slot, so only the low 16 bits of cs are the selector.
 */
struct pv_regs
{
    uint64_t r15, r14, r13, r12, rbp, rbx;
    uint64_t r11, r10, r9, r8, rax, rcx, rdx, rsi, rdi;
    uint64_t vector;
    uint64_t error_code;
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Return true if the event was dealt with (the frame is then resumed). */
typedef bool (*trap_handler_t)(struct pv_regs *regs);

/* Install (or with NULL remove) a test's handler for a vector 0-255. */
void trap_set_handler(unsigned int vector, trap_handler_t fn);

/*
 * Change the virtual IDT entry for a vector (0-255): present = false
 * removes it; dpl is the lowest privilege level allowed to raise it with
 * INT n (a PV kernel runs at CPL 3, but the hypervisor treats guest kernel
 * mode specially, see tests/pv/traps.c).  Every vector has a library stub,
 * so any vector can be made live.  Returns the hypercall's result.
 */
long trap_set_gate(unsigned int vector, unsigned int dpl, bool present);

/* Values for the failsafe callback's segment slots (ds, es, fs, gs). */
extern uint64_t failsafe_segments[4];

/* Names like "#GP"; "int 0x80" style for others. */
const char *trap_name(unsigned int vector);

/* Print a frame to the console. */
void trap_dump(const struct pv_regs *regs);

/* Called from the stubs; not for tests. */
void trap_dispatch(struct pv_regs *regs);
void traps_init(void);

#endif /* !__ASSEMBLY__ */

#endif /* PV_TRAPS_H */
