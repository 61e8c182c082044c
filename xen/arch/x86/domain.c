/*
 * x86 domain and vCPU state, and the context switch.
 *
 * A PV vCPU's registers live in the guest frame at the top of its CPU's
 * stack while it runs and in v->arch.user_regs otherwise.  Context
 * switches happen only from schedule() (softirq context), where the guest
 * frame of the outgoing vCPU is complete, so switching is: save the frame
 * and the segment/FPU state, load the incoming vCPU's, and restart on a
 * fresh stack -- in ret_to_guest for a guest, in the idle loop for idle.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/vcpu.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/mm-map.h>
#include <asm/desc.h>
#include <asm/pv/mm.h>
#include <asm/pirq.h>
#include <asm/asm-defns.h>
#include <asm/pv/debugreg.h>
#include <asm/hvm/hvm.h>

BUILD_BUG_ON((sizeof(struct cpu_info) -
              __builtin_offsetof(struct cpu_info, guest_cpu_user_regs.es)) % 16);

int arch_domain_create(struct domain *d)
{
    d->arch.is_pv = !is_idle_domain(d);
    spin_lock_init(&d->arch.mm_lock);
    spin_lock_init(&d->arch.e820_lock);
    /* As Xen, whose creation sets the default mode once (incarnation 1). */
    d->arch.tsc_mode = TSC_MODE_DEFAULT;
    d->arch.tsc_incarnation = 1;
    return 0;
}

void arch_domain_destroy(struct domain *d)
{
    if ( d->arch.is_hvm )
        hvm_domain_destroy(d);
    xfree(d->arch.e820);
    xfree(d->arch.cpu_policy);
}

/*
 * A vCPU's FPU starts as after reset (FNINIT, plus SSE's default MXCSR)
 * with every x87 and XMM register zero.  It is loaded with fxrstor even
 * on the vCPU's first run: FNINIT alone would leave the XMM registers and
 * MXCSR of whoever ran on this CPU before, another domain included.
 */
#define FCW_DEFAULT    0x037f
#define MXCSR_DEFAULT  0x1f80
#define FXSAVE_FCW     0                /* byte offsets in the image */
#define FXSAVE_MXCSR   24

static void fpu_default(struct vcpu *v)
{
    uint8_t *img = v->arch.fpu_ctxt;
    uint16_t fcw = FCW_DEFAULT;
    uint32_t mxcsr = MXCSR_DEFAULT;

    memset(img, 0, sizeof(v->arch.fpu_ctxt));
    memcpy(img + FXSAVE_FCW, &fcw, sizeof(fcw));
    memcpy(img + FXSAVE_MXCSR, &mxcsr, sizeof(mxcsr));
}

int arch_vcpu_create(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    fpu_default(v);

    pv->debugreg[6] = 0xffff0ff0;          /* architectural reset values */
    pv->debugreg[7] = 0x400;
    pv->in_kernel = true;
    v->arch.user_regs.cs = FLAT_KERNEL_CS;
    v->arch.user_regs.ss = FLAT_KERNEL_SS;
    v->arch.user_regs.rflags = X86_EFLAGS_IF | X86_EFLAGS_MBS;
    /* vCPUs added to an HVM domain later (domain_set_vcpus()). */
    if ( v->domain->arch.is_hvm )
        return hvm_vcpu_create(v);
    return 0;
}

void arch_vcpu_destroy(struct vcpu *v)
{
    if ( v->domain->arch.is_hvm )
        hvm_vcpu_destroy(v);
}

void arch_domain_relinquish_memory(struct domain *d)
{
    /* Base pointers and GDTs let go of their page-table and descriptor
     * types, and those of every reference they held. */
    pv_relinquish_pagetables(d);
    /* The PIRQ EOI page is held until now, as Xen holds it. */
    pirq_eoi_map_release(d);
}

void arch_relinquish_page(struct domain *d, struct page_info *pg)
{
    pv_relinquish_page(d, pg);
}

static void fpu_save(struct vcpu *v)
{
    clts();
    __asm__ volatile ( "fxsave64 %0" : "=m" (v->arch.fpu_ctxt) );
}

/* Every register comes from v's own image (see fpu_default()). */
static void fpu_restore(struct vcpu *v)
{
    clts();
    __asm__ volatile ( "fxrstor64 %0" :: "m" (v->arch.fpu_ctxt) );
    if ( v->arch.pv.fpu_ts )
        write_cr0(read_cr0() | X86_CR0_TS);
}

/*
 * The data segment selectors belong to the vCPU: saved when it stops,
 * loaded again when it runs.  The load may fault: an LDT selector whose
 * page is not mapped yet is mapped on the fault (pv_ldt_map_on_demand()),
 * but a descriptor the guest has changed since, or an LDT page that
 * cannot be mapped, makes the CPU refuse it.  Such a register is loaded
 * null instead, and the guest is told through its failsafe callback.
 */
#define read_sel(seg) ({ uint16_t s_;                                     \
                         __asm__ volatile ( "mov %%" seg ", %0" : "=r" (s_) ); \
                         s_; })

/* mov sel -> seg; on a fault, null in seg and false. */
#define load_sel(seg, sel) ({                                              \
    bool ok_ = true;                                                        \
    __asm__ volatile ( "1: mov %k[s], %%" seg "\n"                          \
                       "2:\n"                                               \
                       ".pushsection .fixup, \"ax\"\n"                      \
                       "3: xor %k[s], %k[s]\n"                              \
                       "   mov %k[s], %%" seg "\n"                          \
                       "   movb $0, %[ok]\n"                                \
                       "   jmp 2b\n"                                        \
                       ".popsection\n"                                      \
                       _ASM_EXTABLE(1b, 3b)                                 \
                       : [ok] "+qm" (ok_)                                   \
                       : [s] "r" ((unsigned int)(sel))                      \
                       : "memory" );                                        \
    ok_; })

static void save_segments(struct cpu_user_regs *r)
{
    r->ds = read_sel("ds");
    r->es = read_sel("es");
    r->fs = read_sel("fs");
    r->gs = read_sel("gs");
}

/* False if any selector had to be loaded as null. */
static bool load_segments(const struct vcpu *v)
{
    const struct cpu_user_regs *r = &v->arch.user_regs;
    bool ok = true;

    ok &= load_sel("ds", r->ds);
    ok &= load_sel("es", r->es);
    ok &= load_sel("fs", r->fs);
    ok &= load_sel("gs", r->gs);
    return ok;
}

static void save_guest_state(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    v->arch.user_regs = *guest_cpu_user_regs();
    save_segments(&v->arch.user_regs);
    pv->fs_base = rdmsr(MSR_FS_BASE);
    if ( pv->in_kernel )
    {
        pv->gs_base_kernel = rdmsr(MSR_GS_BASE);
        pv->gs_base_user = rdmsr(MSR_SHADOW_GS_BASE);
    }
    else
    {
        pv->gs_base_user = rdmsr(MSR_GS_BASE);
        pv->gs_base_kernel = rdmsr(MSR_SHADOW_GS_BASE);
    }
    fpu_save(v);
    pv_debugregs_save(pv);
}

static void load_guest_state(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;
    bool kernel = pv->in_kernel;
    bool segs_ok;

    flush_note_guest_tables();
    write_cr3(((kernel || !pv->guest_table_user) ? pv->guest_table
                                                 : pv->guest_table_user)
              << PAGE_SHIFT);
    /* The descriptor tables first: the selectors are looked up in them,
     * and loading fs/gs resets their bases, so the MSRs come last. */
    pv_load_gdt(v);
    pv_load_ldt(v);
    segs_ok = load_segments(v);
    wrmsr(MSR_FS_BASE, pv->fs_base);
    wrmsr(MSR_GS_BASE, kernel ? pv->gs_base_kernel : pv->gs_base_user);
    wrmsr(MSR_SHADOW_GS_BASE, kernel ? pv->gs_base_user : pv->gs_base_kernel);
    fpu_restore(v);
    pv_debugregs_load(pv);
    *guest_cpu_user_regs() = v->arch.user_regs;
    /* Told on the way out (pv_prepare_return), where a guest stack that
     * cannot take the frame can crash the domain the usual way. */
    pv->failsafe_pending = !segs_ok;
}

/* An HVM vCPU runs on the idle page tables (the guest's own live in its
 * control block); its GPRs go with the guest frame, its FPU by hand. */
static void save_hvm_state(struct vcpu *v)
{
    hvm_save_state(v);
    fpu_save(v);
}

static void load_idle_tables(void)
{
    load_cpu_gdt();
    pv_load_ldt(NULL);
    write_cr3(__pa(idle_pg_table));
    flush_note_idle_tables();
}

void arch_context_switch(struct vcpu *prev, struct vcpu *next)
{
    if ( !is_idle_vcpu(prev) )
    {
        if ( prev->domain->arch.is_hvm )
            save_hvm_state(prev);
        else
            save_guest_state(prev);
        vcpu_runstate_publish(prev);     /* still in prev's address space */
    }
    sched_context_saved(prev);           /* prev may now run elsewhere */

    if ( is_idle_vcpu(next) )
    {
        load_idle_tables();
        arch_guest_space_loaded(NULL);
        reset_stack_and_jump(idle_loop);
    }
    if ( next->domain->arch.is_hvm )
    {
        load_idle_tables();
        arch_guest_space_loaded(next);
        fpu_restore(next);
        *guest_cpu_user_regs() = next->arch.user_regs;
        vcpu_runstate_publish(next);
        vcpu_update_time(next);
        reset_stack_and_jump(hvm_resume);
    }
    load_guest_state(next);
    arch_guest_space_loaded(next);
    vcpu_runstate_publish(next);
    vcpu_update_time(next);
    reset_stack_and_jump(ret_to_guest);
}
