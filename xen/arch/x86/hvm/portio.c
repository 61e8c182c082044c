/*
 * The port bus of HVM guests (asm/hvm/io.h).
 *
 * There is no device model: for a domU nothing answers on any port, so
 * an IN reads all ones (the bus floats high) and an OUT goes nowhere,
 * which is what Xen 4.17 gives a PVH guest for ports it does not pass
 * through.  A PVH dom0 drives the machine's ports itself, except the
 * hypervisor's (PICs, PIT, PM timer, console UARTs: asm/iocaps.h) and PCI
 * configuration space (0xcf8-0xcff), which a PV dom0 reaches through a
 * latch and the MSI filter that a PVH dom0 does not have yet.  Every port
 * access of the guest, plain or string (hvm/io_string.c), goes through
 * hvm_port_in()/hvm_port_out(): the one place a device would plug in.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/io.h>
#include <asm/iocaps.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/io.h>

static bool dom0_port(const struct vcpu *v, unsigned int port,
                      unsigned int size)
{
    return v->domain->is_privileged && port + size <= 0x10000 &&
           (port + size <= 0xcf8 || port >= 0xd00) &&
           hwdom_ioports_ok(port, port + size - 1);
}

uint32_t hvm_port_in(struct vcpu *v, uint16_t port, unsigned int size)
{
    if ( dom0_port(v, port, size) )
        return port_in(port, size);
    return size >= 4 ? ~0u : (1u << (size * 8)) - 1;
}

void hvm_port_out(struct vcpu *v, uint16_t port, unsigned int size,
                  uint32_t val)
{
    if ( dom0_port(v, port, size) )
        port_out(port, size, val);
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
