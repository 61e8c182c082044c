/*
 * vcpu.c - secondary vCPUs.  A new vCPU begins in vcpu_trampoline with
 * the entry function and its id in registers (rdi, rsi), on a stack laid
 * out as if it had just been called, so the C code sees the ABI's usual
 * alignment.
 */
#include <pvtest.h>
#include <pv/vcpu.h>
#include <public/arch-x86/cpuid.h>

/* Set in a PVH kernel (pvh.c); weak so that a PV kernel does not pull in
 * the PVH start-up, and there its address is 0. */
extern uint32_t pvh_cpuid_base __attribute__((weak));

static struct vcpu_guest_context ctxt;

/*
 * The stack of every vCPU > 0 the library started, [lo, hi); lo == hi:
 * none.  Written before the vCPU comes up (the hypercall orders it), read
 * from any vCPU, so plain volatile words do.
 */
static volatile struct { unsigned long lo, hi; } vcpu_stack[XEN_LEGACY_MAX_VCPUS];
static volatile unsigned int nr_vcpu_stacks;      /* highest id + 1 */

static void record_stack(unsigned int id, unsigned long lo, unsigned long hi)
{
    if ( id == 0 || id >= XEN_LEGACY_MAX_VCPUS )
        return;
    /* A stack handed to another vCPU now is no longer the old owner's. */
    for ( unsigned int i = 1; i < nr_vcpu_stacks; i++ )
        if ( i != id && vcpu_stack[i].lo < hi && lo < vcpu_stack[i].hi )
            vcpu_stack[i].lo = vcpu_stack[i].hi = 0;
    vcpu_stack[id].lo = lo;
    vcpu_stack[id].hi = hi;
    if ( nr_vcpu_stacks <= id )
        nr_vcpu_stacks = id + 1;
}

static unsigned int pvh_vcpu_id(void)
{
    struct cpuid_regs r;

    cpuid_native(pvh_cpuid_base + 4, 0, &r);
    return (r.a & XEN_HVM_CPUID_VCPU_ID_PRESENT) ? r.b : 0;
}

unsigned int pv_vcpu_id(void)
{
    unsigned long sp;

    if ( &pvh_cpuid_base && pvh_cpuid_base )
        return pvh_vcpu_id();
    __asm__ __volatile__ ("mov %%rsp, %0" : "=r" (sp));
    for ( unsigned int i = 1; i < nr_vcpu_stacks; i++ )
        if ( sp >= vcpu_stack[i].lo && sp < vcpu_stack[i].hi )
            return i;
    return 0;
}

struct vcpu_info *pv_vcpu_info(unsigned int id)
{
    if ( id >= XEN_LEGACY_MAX_VCPUS )
        xtest_crash("vCPU %u's vcpu_info is not in shared_info", id);
    return &shared_info->vcpu_info[id];
}

struct vcpu_info *pv_this_vcpu_info(void)
{
    return pv_vcpu_info(pv_vcpu_id());
}

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

    record_stack(id, (unsigned long)stack, (unsigned long)stack + size);
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
