/*
 * The arch hooks common code uses to reach a guest without knowing its
 * kind (contracts in xen/sched.h, xen/hypercall.h and common/vcpu_op.c): each picks the PV
 * implementation here.  This file is the only place that knows both.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/hypercall.h>
#include <xen/vcpu.h>
#include <asm/current.h>
#include <asm/pv/mm.h>
#include <asm/pv/syscall.h>
#include <asm/pv/hypercalls.h>

void arch_cpu_guest_init(unsigned int cpu)
{
    syscall_cpu_init(cpu);
}

long arch_do_hypercall(unsigned long op, const unsigned long args[5])
{
    return pv_call_hypercall(op, args);
}

void *arch_map_guest_frame(struct domain *d, unsigned long gfn)
{
    return pv_map_guest_frame(d, gfn);
}

void arch_unmap_guest_frame(void *va)
{
    pv_unmap_guest_frame(va);
}
