/*
 * A PV vCPU's state as a vcpu_guest_context: loaded as its first context
 * (VCPUOP_initialise, the toolstack's setvcpucontext), reloaded by the
 * toolstack on a paused vCPU, and read back (getvcpucontext).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/guest_access.h>
#include <xen/vcpu.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>
#include <asm/pv/debugreg.h>
#include <asm/pv/vcpu.h>

static bool code_ok(unsigned long a)
{
    return !a || guest_range_ok((void *)a, 1);
}

static bool canonical(unsigned long a)
{
    long top = (long)a >> 47;

    return top == 0 || top == -1;
}

/* Checks every context passes, first or not (Xen's -EINVAL cases). */
static int check_regs(const struct vcpu_guest_context *c)
{
    for ( unsigned int i = 0; i < 256; i++ )
        if ( !code_ok(c->trap_ctxt[i].address) )
            return -EINVAL;
    if ( !code_ok(c->user_regs.rip) || !code_ok(c->event_callback_eip) ||
         !code_ok(c->failsafe_callback_eip) || !code_ok(c->syscall_callback_eip) )
        return -EINVAL;
    if ( !canonical(c->user_regs.rsp) || !canonical(c->kernel_sp) ||
         !canonical(c->fs_base) || !canonical(c->gs_base_kernel) ||
         !canonical(c->gs_base_user) )
        return -EINVAL;
    if ( c->ldt_ents && !pv_is_guest_va(c->ldt_base) )
        return -EINVAL;
    if ( (c->ldt_base & (PAGE_SIZE - 1)) || c->ldt_ents > 8192 ||
         c->gdt_ents > 16 * 512 )
        return -EINVAL;
    return 0;
}

static int check_context(const struct domain *d, const struct vcpu_guest_context *c)
{
    struct page_info *l4;
    int rc = check_regs(c);

    if ( rc )
        return rc;
    /* Starting in user mode needs a user page table to run on. */
    if ( !(c->flags & VGCF_in_kernel) && !c->ctrlreg[1] )
        return -EINVAL;
    /* The kernel page-table base must be a frame of d's (it is validated
     * as an L4 when it becomes the base pointer). */
    if ( !mfn_valid(_mfn(c->ctrlreg[3] >> PAGE_SHIFT)) )
        return -EINVAL;
    l4 = mfn_to_page(_mfn(c->ctrlreg[3] >> PAGE_SHIFT));
    if ( l4->owner != d )
        return -EINVAL;
    return 0;
}

/* The registers, virtual IDT, callbacks and debug registers: what a
 * context may change every time. */
static void load_regs(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct pv_vcpu *pv = &v->arch.pv;

    memcpy(pv->trap_ctxt, c->trap_ctxt, sizeof(pv->trap_ctxt));
    for ( unsigned int i = 0; i < 256; i++ )
        pv->trap_ctxt[i].cs = FLAT_KERNEL_CS;
    v->arch.user_regs = c->user_regs;
    v->arch.user_regs.cs = FLAT_KERNEL_CS;
    v->arch.user_regs.ss = FLAT_KERNEL_SS;
    /* IOPL in the context is the vCPU's virtual IOPL (Linux passes 1). */
    pv->iopl = (c->user_regs.rflags & X86_EFLAGS_IOPL) >> 12;
    /* Interrupts stay on under the guest; bit 1 is the CPU's business
     * (it is set in every saved frame), so, as Xen, it is not added here
     * and a context read back before the vCPU ran shows what was set. */
    v->arch.user_regs.rflags = (c->user_regs.rflags & ~X86_EFLAGS_IOPL) |
                               X86_EFLAGS_IF;
    pv->in_kernel = c->flags & VGCF_in_kernel;
    pv->kernel_ss = c->kernel_ss | 3;
    pv->kernel_sp = c->kernel_sp;
    pv->event_callback_eip = c->event_callback_eip;
    pv->failsafe_callback_eip = c->failsafe_callback_eip;
    pv->syscall_callback_eip = c->syscall_callback_eip;
    pv->failsafe_mask_on_callback = c->flags & VGCF_failsafe_disables_events;
    pv->syscall_mask_on_callback = c->flags & VGCF_syscall_disables_events;
    pv->fs_base = c->fs_base;
    pv->gs_base_kernel = c->gs_base_kernel;
    pv->gs_base_user = c->gs_base_user;
    pv_debugregs_from_context(pv, c->debugreg);
}

int pv_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    int rc = check_context(v->domain, c);

    if ( rc )
        return rc;
    /* The base pointers take their L4 type references (validating the
     * tables), held for as long as they are the vCPU's. */
    pv_mm_lock(v->domain);
    rc = pv_set_baseptr(v, c->ctrlreg[3] >> PAGE_SHIFT, false);
    if ( !rc )
        rc = pv_set_baseptr(v, c->ctrlreg[1] >> PAGE_SHIFT, true);
    pv_mm_unlock(v->domain);
    if ( rc )
        return rc;
    load_regs(v, c);
    /* The GDT frames are checked and typed as set_gdt does. */
    if ( (rc = pv_set_gdt(v, c->gdt_frames, c->gdt_ents)) != 0 )
        return rc;
    if ( (rc = pv_set_ldt(v, c->ldt_base, c->ldt_ents)) != 0 )
        return rc;
    return 0;
}

/*
 * A context for a vCPU that has one: as on Xen, the tables it runs on
 * (base pointers, GDT frames, LDT) cannot be swapped this way, so c must
 * name the ones it has (else -EOPNOTSUPP); the rest is reloaded.
 */
int pv_update_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    const struct pv_vcpu *pv = &v->arch.pv;
    bool same;
    int rc = check_regs(c);

    if ( rc )
        return rc;
    same = c->ctrlreg[3] >> PAGE_SHIFT == pv->guest_table &&
           c->ctrlreg[1] >> PAGE_SHIFT == pv->guest_table_user &&
           (pv->guest_table_user || (c->flags & VGCF_in_kernel)) &&
           c->gdt_ents == pv->gdt_ents && c->ldt_ents == pv->ldt_ents &&
           (!c->ldt_ents || c->ldt_base == pv->ldt_base);
    for ( unsigned int i = 0; same && i < DIV_ROUND_UP(c->gdt_ents, 512); i++ )
        same = c->gdt_frames[i] == pv->gdt_frames[i];
    if ( !same )
        return -EOPNOTSUPP;
    load_regs(v, c);
    return 0;
}

void pv_get_info_guest(const struct vcpu *v, struct vcpu_guest_context *c)
{
    const struct pv_vcpu *pv = &v->arch.pv;

    memset(c, 0, sizeof(*c));
    memcpy(&c->fpu_ctxt, v->arch.fpu_ctxt, sizeof(c->fpu_ctxt));
    /* The FPU image is the vCPU's own only once it has run (Xen: its
     * FPU was initialised); before, it is the reset state. */
    c->flags = (v->runstate.time[RUNSTATE_running] ||
                v->runstate.state == RUNSTATE_running ? VGCF_i387_valid : 0) |
               (pv->in_kernel ? VGCF_in_kernel : 0) |
               (READ_ONCE(v->pause_flags) & VPF_down ? 0 : VGCF_online) |
               (pv->failsafe_mask_on_callback ? VGCF_failsafe_disables_events : 0) |
               (pv->syscall_mask_on_callback ? VGCF_syscall_disables_events : 0);
    c->user_regs = v->arch.user_regs;
    c->user_regs.rflags = (c->user_regs.rflags & ~X86_EFLAGS_IOPL) |
                          ((unsigned long)pv->iopl << 12);
    memcpy(c->trap_ctxt, pv->trap_ctxt, sizeof(c->trap_ctxt));
    c->ldt_base = pv->ldt_base;
    c->ldt_ents = pv->ldt_ents;
    for ( unsigned int i = 0; i < DIV_ROUND_UP(pv->gdt_ents, 512); i++ )
        c->gdt_frames[i] = pv->gdt_frames[i];
    c->gdt_ents = pv->gdt_ents;
    c->kernel_ss = pv->kernel_ss;
    c->kernel_sp = pv->kernel_sp;
    c->ctrlreg[0] = pv->fpu_ts ? X86_CR0_TS : 0;
    c->ctrlreg[1] = pv->guest_table_user << PAGE_SHIFT;
    c->ctrlreg[3] = pv->guest_table << PAGE_SHIFT;
    memcpy(c->debugreg, pv->debugreg, sizeof(c->debugreg));
    c->event_callback_eip = pv->event_callback_eip;
    c->failsafe_callback_eip = pv->failsafe_callback_eip;
    c->syscall_callback_eip = pv->syscall_callback_eip;
    c->vm_assist = v->domain->arch.vm_assist;
    c->fs_base = pv->fs_base;
    c->gs_base_kernel = pv->gs_base_kernel;
    c->gs_base_user = pv->gs_base_user;
}

/*
 * XEN_DOMCTL_setvcpucontext with no context: v (paused, off its CPU, so
 * no CR3 or LDT window of this CPU's still names its tables) gives back
 * what its context held, its GDT frames and base pointers, as Xen's
 * vCPU reset does; the registers stay until the next context.
 */
int pv_vcpu_reset(struct vcpu *v)
{
    struct pv_vcpu *pv = &v->arch.pv;

    pv_destroy_gdt(v);
    pv_mm_lock(v->domain);
    if ( pv->guest_table_user )
        put_page_and_type(mfn_to_page(_mfn(pv->guest_table_user)));
    if ( pv->guest_table )
        put_page_and_type(mfn_to_page(_mfn(pv->guest_table)));
    pv->guest_table = pv->guest_table_user = 0;
    pv_mm_unlock(v->domain);
    pv->ldt_base = pv->ldt_ents = 0;
    return 0;
}
