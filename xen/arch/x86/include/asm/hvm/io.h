/*
 * Port I/O of HVM guests (hvm/portio.c, hvm/io_string.c).
 */
#ifndef ASM_X86_HVM_IO_H
#define ASM_X86_HVM_IO_H

#include <xen/types.h>
#include <asm/regs.h>

struct vcpu;
struct hvm_exit;

/* The port bus: size is 1, 2 or 4; an IN returns size bytes. */
uint32_t hvm_port_in(struct vcpu *v, uint16_t port, unsigned int size);
void hvm_port_out(struct vcpu *v, uint16_t port, unsigned int size,
                  uint32_t val);

/* A plain IN/OUT exit (e->io_*): rax read or written; rip not moved. */
void hvm_port_io(struct vcpu *v, struct cpu_user_regs *regs,
                 const struct hvm_exit *e);

/* A string (INS/OUTS) or REP-prefixed port exit: emulated through the
 * guest's page tables, rip moved past it once it is complete (a long REP
 * is done in batches, the guest re-executes it for the rest), a fault
 * injected as the CPU would raise it.  NULL, or why the domain must be
 * crashed. */
const char *hvm_io_string(struct vcpu *v, struct cpu_user_regs *regs,
                          const struct hvm_exit *e);

#endif /* ASM_X86_HVM_IO_H */
