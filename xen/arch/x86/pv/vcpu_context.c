/*
 * Loading a PV vCPU's initial state from a vcpu_guest_context
 * (VCPUOP_initialise), and mapping a domain's own frames into the
 * hypervisor for registered shared areas.
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

void *arch_map_guest_frame(struct domain *d, unsigned long gfn)
{
    int rc;

    /* A PV guest names its frames by machine frame number.  Holding a
     * writable type reference keeps the frame from becoming a page table
     * (or a descriptor page) while the hypervisor writes into it. */
    if ( !mfn_valid(_mfn(gfn)) )
        return NULL;
    rc = get_page_and_type(mfn_to_page(_mfn(gfn)), d, PGT_writable_page);
    return rc ? NULL : mfn_to_virt(_mfn(gfn));
}

void arch_unmap_guest_frame(void *va)
{
    put_page_and_type(virt_to_page(va));
}

static bool code_ok(unsigned long a)
{
    return !a || guest_range_ok((void *)a, 1);
}

static int check_context(const struct domain *d, const struct vcpu_guest_context *c)
{
    struct page_info *l4;

    for ( unsigned int i = 0; i < 256; i++ )
        if ( !code_ok(c->trap_ctxt[i].address) )
            return -EINVAL;
    if ( !code_ok(c->user_regs.rip) || !code_ok(c->event_callback_eip) ||
         !code_ok(c->failsafe_callback_eip) || !code_ok(c->syscall_callback_eip) )
        return -EINVAL;
    if ( c->gdt_ents > 16 * 512 || c->ldt_ents > 8192 )
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

int arch_set_info_guest(struct vcpu *v, const struct vcpu_guest_context *c)
{
    struct pv_vcpu *pv = &v->arch.pv;
    int rc = check_context(v->domain, c);

    if ( rc )
        return rc;
    /* The base pointer takes its L4 type reference (validating it). */
    pv_mm_lock(v->domain);
    rc = pv_set_baseptr(v, c->ctrlreg[3] >> PAGE_SHIFT, false);
    pv_mm_unlock(v->domain);
    if ( rc )
        return rc;
    memcpy(pv->trap_ctxt, c->trap_ctxt, sizeof(pv->trap_ctxt));
    for ( unsigned int i = 0; i < 256; i++ )
        pv->trap_ctxt[i].cs = FLAT_KERNEL_CS;
    v->arch.user_regs = c->user_regs;
    v->arch.user_regs.cs = FLAT_KERNEL_CS;
    v->arch.user_regs.ss = FLAT_KERNEL_SS;
    /* IOPL in the context is the vCPU's virtual IOPL (Linux passes 1). */
    pv->iopl = (c->user_regs.rflags & X86_EFLAGS_IOPL) >> 12;
    v->arch.user_regs.rflags = (c->user_regs.rflags & ~X86_EFLAGS_IOPL) |
                               X86_EFLAGS_IF | X86_EFLAGS_MBS;
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
    /* The GDT frames are checked and typed as set_gdt does. */
    if ( (rc = pv_set_gdt(v, c->gdt_frames, c->gdt_ents)) != 0 )
        return rc;
    if ( (rc = pv_set_ldt(v, c->ldt_base, c->ldt_ents)) != 0 )
        return rc;
    return 0;
}
