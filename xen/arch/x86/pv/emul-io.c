/*
 * Port I/O for PV guests: in, out, ins and outs, emulated after they fault
 * with #GP at CPL 3.
 *
 * Two checks, as in Xen:
 *  1. The instruction itself needs the vCPU's virtual IOPL (set with
 *     PHYSDEVOP_set_iopl) to cover the guest's notional privilege level:
 *     1 for the guest kernel (0 with VMASST_TYPE_architectural_iopl), 3
 *     for guest user space.  Without it the #GP goes back to the guest.
 *  2. Each port must be one the domain may drive.  Only the privileged
 *     domain (dom0) reaches hardware, and never the ports the hypervisor
 *     itself owns: the 8259 PICs, the PIT and port 0x61, the ACPI PM
 *     timer, and the UARTs of the hypervisor console.  Other ports read as all ones and writes to
 *     them vanish, without a fault (what Xen does, and what Linux's
 *     probing expects).  An access that is only partly permitted is
 *     split as Xen splits it: permitted aligned words and bytes reach the
 *     hardware, the rest reads as 0xff.
 *
 * PCI configuration space (0xcf8/0xcfc) is latched rather than passed
 * through: the address dom0 writes to 0xcf8 is remembered and each data
 * access re-issues it under a lock, so that an address/data pair stays
 * intact whatever else uses the mechanism in between.
 *
 * Not yet as in Xen: dom0 reaches the SMI command port and RTC/CMOS
 * (0x70/0x71) directly, where Xen denies or filters them; and PIT channel 2 with port 0x61 read as all ones, where Xen
 * gives dom0 an emulated channel 2.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/spinlock.h>
#include <xen/console.h>
#include <xen/guest_access.h>
#include <asm/acpi.h>
#include <asm/current.h>
#include <asm/io.h>
#include <asm/iocaps.h>
#include <asm/msi.h>
#include <asm/pci.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/pv/traps.h>
#include "emulate.h"

/* Iterations of a rep ins/outs done per trap; the rest re-executes. */
#define STRING_IO_BATCH 64

#define PCI_CONF_ADDR   0xcf8
#define PCI_CONF_DATA   0xcfc
#define PCI_CONF_ENABLE 0x80000000u

#define PFEC_WRITE      (1u << 1)

struct port_range {
    uint16_t first, last;
};

/* Hypervisor-owned legacy devices (the console UARTs are asked for). */
static const struct port_range hypervisor_ports[] = {
    { 0x0020, 0x0021 },     /* master 8259 PIC */
    { 0x0040, 0x0043 },     /* 8254 PIT */
    { 0x0061, 0x0061 },     /* NMI status and control, PIT gate 2 */
    { 0x00a0, 0x00a1 },     /* slave 8259 PIC */
};

/* dom0's last 0xcf8 write.  One latch suffices: only dom0 does I/O. */
static uint32_t pci_conf_addr;

bool pv_iopl_ok(const struct vcpu *v)
{
    unsigned int cpl = 3;

    if ( v->arch.pv.in_kernel )
        cpl = (v->domain->arch.vm_assist &
               (1UL << VMASST_TYPE_architectural_iopl)) ? 0 : 1;
    return v->arch.pv.iopl >= cpl;
}

/* The ACPI PM timer's I/O block (4 ports) as the FADT gives it, if any.
 * It is a clock source of the hypervisor's, not dom0's: Xen denies it to
 * dom0, and so do we. */
static bool port_is_pm_timer(unsigned int port)
{
    const struct acpi_gas *t = &acpi_fadt.pm_tmr;

    return t->space_id == ACPI_SPACE_IO && t->address &&
           port >= t->address && port < t->address + 4;
}

static bool port_is_hypervisors(unsigned int port)
{
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(hypervisor_ports); i++ )
        if ( port >= hypervisor_ports[i].first &&
             port <= hypervisor_ports[i].last )
            return true;
    return port_is_pm_timer(port) || console_uses_ioport(port);
}

static bool is_conf_addr(unsigned int port, unsigned int bytes)
{
    return port == PCI_CONF_ADDR && bytes == 4;
}

static bool is_conf_data(unsigned int port)
{
    return (port & ~3u) == PCI_CONF_DATA;
}

/* May the current domain drive this port of the hardware directly?  The
 * PCI data ports never are: they go through the latch. */
static bool port_ok(unsigned int port)
{
    return current->domain->is_privileged && port < 0x10000 &&
           !port_is_hypervisors(port) && !is_conf_data(port);
}

bool hwdom_ioports_ok(unsigned int first, unsigned int last)
{
    for ( unsigned int p = first; p <= last; p++ )
        if ( port_is_hypervisors(p) || is_conf_data(p) )
            return false;
    return true;
}

/* ... and the whole of [port, port + bytes), as one access? */
static bool access_ok(unsigned int port, unsigned int bytes)
{
    unsigned int p;

    if ( is_conf_addr(port, bytes) )
        return false;
    for ( p = port; p < port + bytes; p++ )
        if ( !port_ok(p) )
            return false;
    return true;
}

/* The part of a data-port access that stays inside 0xcfc-0xcff. */
static unsigned int conf_data_size(unsigned int port, unsigned int bytes)
{
    unsigned int size = min(bytes, 4 - (port & 3));

    return size == 3 ? 2 : size;
}

/* A data-port access goes to the latched address, if dom0 enabled one. */
static uint32_t dom0_conf_read(unsigned int port, unsigned int bytes)
{
    unsigned long flags;
    uint32_t val = ~0u;

    spin_lock_irqsave(&pci_conf_lock, flags);
    if ( pci_conf_addr & PCI_CONF_ENABLE )
    {
        outl(pci_conf_addr, PCI_CONF_ADDR);
        val = port_in(port, bytes);
    }
    spin_unlock_irqrestore(&pci_conf_lock, flags);
    return val;
}

/* A data-port write, once the MSI filter (arch/x86/msi.c, Xen's
 * intercept) has passed it: the register is the latched dword's plus
 * the data port's offset. */
static void dom0_conf_write(unsigned int port, unsigned int bytes, uint32_t val)
{
    uint32_t addr = __atomic_load_n(&pci_conf_addr, __ATOMIC_RELAXED);
    unsigned long flags;

    if ( !(addr & PCI_CONF_ENABLE) ||
         !msi_conf_write_ok(0, (addr >> 16) & 0xff, (addr >> 8) & 0xff,
                            (addr & 0xfc) | (port & 3), bytes, &val) )
        return;
    spin_lock_irqsave(&pci_conf_lock, flags);
    outl(addr, PCI_CONF_ADDR);
    port_out(port, bytes, val);
    spin_unlock_irqrestore(&pci_conf_lock, flags);
}

/*
 * The next piece of a partly permitted access (Xen's rule): the PCI
 * address latch, a PCI data access, a permitted aligned word or byte of
 * hardware, or one byte that is not ours (reads as 0xff, writes vanish).
 * Returns the size taken; on a read (!write) *val gets its value.
 */
static unsigned int io_piece(unsigned int port, unsigned int bytes,
                             bool write, uint32_t *val)
{
    bool dom0 = current->domain->is_privileged;
    unsigned int size = 1;

    if ( dom0 && is_conf_addr(port, bytes) )
    {
        if ( write )
            pci_conf_addr = *val;
        else
            *val = pci_conf_addr;
        return 4;
    }
    if ( dom0 && is_conf_data(port) )
    {
        size = conf_data_size(port, bytes);
        if ( write )
            dom0_conf_write(port, size, *val);
        else
            *val = dom0_conf_read(port, size);
        return size;
    }
    if ( port_ok(port) )
    {
        if ( bytes > 1 && !(port & 1) && port_ok(port + 1) )
            size = 2;
        if ( write )
            port_out(port, size, *val);
        else
            *val = port_in(port, size);
        return size;
    }
    if ( !write )
        *val = ~0u;
    return 1;
}

static uint32_t size_mask(unsigned int size)
{
    return size >= 4 ? ~0u : (1u << (8 * size)) - 1;
}

/* One guest read of `bytes` (1, 2 or 4) at `port`. */
static uint32_t guest_in(unsigned int port, unsigned int bytes)
{
    uint32_t val = 0, piece;
    unsigned int shift = 0, size;

    if ( access_ok(port, bytes) )
        return port_in(port, bytes);
    while ( bytes )
    {
        size = io_piece(port, bytes, false, &piece);
        val |= (piece & size_mask(size)) << shift;
        shift += 8 * size;
        port += size;
        bytes -= size;
    }
    return val;
}

static void guest_out(unsigned int port, unsigned int bytes, uint32_t val)
{
    uint32_t piece;
    unsigned int size;

    if ( access_ok(port, bytes) )
    {
        port_out(port, bytes, val);
        return;
    }
    while ( bytes )
    {
        piece = val;
        size = io_piece(port, bytes, true, &piece);
        val = size >= 4 ? 0 : val >> (8 * size);
        port += size;
        bytes -= size;
    }
}

/* in/out: the accumulator, sized by the instruction. */
static void emulate_in_out(struct cpu_user_regs *regs,
                           const struct pv_insn *insn, unsigned int port)
{
    uint32_t val;

    if ( insn->kind == INSN_OUT )
    {
        guest_out(port, insn->op_bytes, regs->eax);
        return;
    }
    val = guest_in(port, insn->op_bytes);
    switch ( insn->op_bytes )
    {
    case 1: regs->al = val; break;
    case 2: regs->ax = val; break;
    default: regs->rax = val; break;   /* 32-bit writes zero-extend */
    }
}

/* Base of the segment an outs reads through (only FS/GS have one). */
static unsigned long string_src_base(enum insn_seg seg)
{
    if ( seg == INSN_SEG_FS )
        return rdmsr(MSR_FS_BASE);
    if ( seg == INSN_SEG_GS )
        return rdmsr(MSR_GS_BASE);
    return 0;
}

/* Read or write a string-register value honouring the address size. */
static unsigned long sreg_get(const uint64_t *r, unsigned int addr_bytes)
{
    return addr_bytes == 4 ? (uint32_t)*r : *r;
}

static void sreg_set(uint64_t *r, unsigned int addr_bytes, unsigned long v)
{
    *r = addr_bytes == 4 ? (uint32_t)v : v;
}

/*
 * One element of ins/outs; false if guest memory faulted (#PF injected,
 * as a supervisor fault: string I/O is only emulated for the guest
 * kernel).  An ins whose store faults has still read the port.
 */
static bool string_step(struct cpu_user_regs *regs, const struct pv_insn *insn,
                        unsigned int port, long step)
{
    unsigned int n = insn->op_bytes, ab = insn->addr_bytes;
    uint64_t *ptr = insn->kind == INSN_INS ? &regs->rdi : &regs->rsi;
    unsigned long addr = sreg_get(ptr, ab);
    uint32_t val = 0;

    if ( insn->kind == INSN_INS )
    {
        val = guest_in(port, n);
        if ( copy_to_guest_ptr((void *)addr, &val, n) )
        {
            pv_inject_page_fault(regs, addr, PFEC_WRITE);
            return false;
        }
    }
    else
    {
        addr += string_src_base(insn->seg);
        if ( copy_from_guest_ptr(&val, (const void *)addr, n) )
        {
            pv_inject_page_fault(regs, addr, 0);
            return false;
        }
        guest_out(port, n, val);
    }
    sreg_set(ptr, ab, sreg_get(ptr, ab) + step);
    return true;
}

/*
 * ins/outs, with or without rep.  A long rep is done in batches: RIP stays
 * on the instruction until the count runs out, so the guest re-executes
 * it (and takes pending events) between batches.
 */
static enum emul_result emulate_string(struct cpu_user_regs *regs,
                                       const struct pv_insn *insn,
                                       unsigned int port)
{
    long step = (regs->rflags & X86_EFLAGS_DF) ? -(long)insn->op_bytes
                                               : (long)insn->op_bytes;
    unsigned long count = insn->rep ? sreg_get(&regs->rcx, insn->addr_bytes)
                                    : 1;
    unsigned int done;

    for ( done = 0; count && done < STRING_IO_BATCH; done++ )
    {
        if ( !string_step(regs, insn, port, step) )
            return EMUL_INJECTED;
        count--;
        if ( insn->rep )
            sreg_set(&regs->rcx, insn->addr_bytes, count);
    }
    return count ? EMUL_RETRY : EMUL_DONE;
}

enum emul_result pv_emulate_io(struct cpu_user_regs *regs,
                               const struct pv_insn *insn)
{
    unsigned int port = insn->port_in_dx ? regs->dx : insn->port;

    if ( !pv_iopl_ok(current) )
        return EMUL_REFUSED;
    if ( insn->kind == INSN_INS || insn->kind == INSN_OUTS )
        return emulate_string(regs, insn, port);
    emulate_in_out(regs, insn, port);
    return EMUL_DONE;
}
