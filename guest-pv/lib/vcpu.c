/*
 * vcpu.c - secondary vCPUs.  A new vCPU begins in vcpu_trampoline with
 * the entry function and its id in registers (rdi, rsi), on a stack laid
 * out as if it had just been called, so the C code sees the ABI's usual
 * alignment.
 */
#include <pvtest.h>
#include <pv/vcpu.h>


static struct vcpu_guest_context ctxt;

static void __noreturn vcpu_trampoline(vcpu_entry_t fn, unsigned int id)
{
    traps_init();               /* trap table and callbacks are per vCPU */
    fn(id);
    xtest_crash("vCPU %u: its entry function returned", id);
}

void pv_vcpu_context(struct vcpu_guest_context *c, unsigned int id,
                     vcpu_entry_t fn, void *stack, unsigned long size)
{
    unsigned long top = ((unsigned long)stack + size) & ~15UL;

    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel;
    c->user_regs.rip = (unsigned long)vcpu_trampoline;
    c->user_regs.rsp = top - 8;              /* as after a call */
    c->user_regs.rdi = (unsigned long)fn;
    c->user_regs.rsi = id;
    c->user_regs.cs = FLAT_KERNEL_CS;
    c->user_regs.ss = FLAT_KERNEL_SS;
    c->user_regs.rflags = 0x200;             /* IF: events per upcall mask */
    c->kernel_ss = FLAT_KERNEL_SS;
    c->kernel_sp = top;
    c->ctrlreg[3] = va_to_mfn(start_info->pt_base) << 12;
}

long pv_vcpu_start(unsigned int id, vcpu_entry_t fn, void *stack,
                   unsigned long size)
{
    long rc;

    pv_vcpu_context(&ctxt, id, fn, stack, size);
    if ( (rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, &ctxt)) != 0 )
        return rc;
    return HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
}
