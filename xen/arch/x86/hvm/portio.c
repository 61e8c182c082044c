/*
 * The port bus of HVM guests (asm/hvm/io.h).
 *
 * There is no device model: nothing answers on any port, so an IN reads
 * all ones (the bus floats high) and an OUT goes nowhere, which is what
 * Xen 4.17 gives a PVH guest for ports it does not pass through.  Every
 * port access of the guest, plain or string (hvm/io_string.c), goes
 * through hvm_port_in()/hvm_port_out(): the one place a device would
 * plug in.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/io.h>

uint32_t hvm_port_in(struct vcpu *v, uint16_t port, unsigned int size)
{
    return size >= 4 ? ~0u : (1u << (size * 8)) - 1;
}

void hvm_port_out(struct vcpu *v, uint16_t port, unsigned int size,
                  uint32_t val)
{
}

void hvm_port_io(struct vcpu *v, struct cpu_user_regs *regs,
                 const struct hvm_exit *e)
{
    uint64_t mask = e->io_size == 4 ? 0xffffffffUL :
                    e->io_size == 2 ? 0xffffUL : 0xffUL;

    if ( !e->io_in )
        return hvm_port_out(v, e->io_port, e->io_size, regs->rax & mask);
    /* A 32-bit result zeroes the upper half, as the CPU does. */
    if ( e->io_size == 4 )
        regs->rax = hvm_port_in(v, e->io_port, 4);
    else
        regs->rax = (regs->rax & ~mask) |
                    hvm_port_in(v, e->io_port, e->io_size);
}
