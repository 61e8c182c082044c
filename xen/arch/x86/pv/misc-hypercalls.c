/*
 * Small x86 PV hypercalls: fpu_taskswitch (virtual CR0.TS),
 * set_segment_base (FS/GS bases and the user GS selector), the debug
 * registers and vm_assist.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/asm-defns.h>
#include <asm/pv/hypercalls.h>

long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5)
{
    struct pv_vcpu *pv = &current->arch.pv;

    pv->fpu_ts = !!set;
    /* With TS set the guest's next FPU instruction raises #NM, which is
     * reflected to it: that is how lazy FPU switching works in the guest. */
    write_cr0(set ? (read_cr0() | X86_CR0_TS) : (read_cr0() & ~X86_CR0_TS));
    return 0;
}

static bool is_canonical(unsigned long a)
{
    return ((long)a >> 47) == 0 || ((long)a >> 47) == -1;
}

/* Load the user GS selector; a bad one loads the null selector instead. */
static void load_user_gs_selector(uint16_t sel)
{
    __asm__ volatile ( "swapgs\n"
                       "1: mov %k0, %%gs\n"
                       "2: swapgs\n"
                       ".pushsection .fixup, \"ax\"\n"
                       "3: xor %k0, %k0\n"
                       "   jmp 1b\n"
                       ".popsection\n"
                       _ASM_EXTABLE(1b, 3b)
                       : "+r" (sel) :: "memory" );
}

long do_set_segment_base(unsigned long which, unsigned long base,
                         unsigned long a3, unsigned long a4, unsigned long a5)
{
    struct pv_vcpu *pv = &current->arch.pv;

    if ( which != SEGBASE_GS_USER_SEL && !is_canonical(base) )
        return -EINVAL;
    switch ( which )
    {
    case SEGBASE_FS:
        pv->fs_base = base;
        wrmsr(MSR_FS_BASE, base);
        return 0;
    case SEGBASE_GS_USER:
        pv->gs_base_user = base;
        wrmsr(pv->in_kernel ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, base);
        return 0;
    case SEGBASE_GS_KERNEL:
        pv->gs_base_kernel = base;
        wrmsr(pv->in_kernel ? MSR_GS_BASE : MSR_SHADOW_GS_BASE, base);
        return 0;
    case SEGBASE_GS_USER_SEL:
        load_user_gs_selector(base);
        /* A null selector leaves the base alone on some CPUs: the guest
         * sees it as 0, as on Xen.  Either way record what is loaded. */
        if ( !(base & ~3UL) )
            wrmsr(pv->in_kernel ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, 0);
        pv->gs_base_user = rdmsr(pv->in_kernel ? MSR_SHADOW_GS_BASE
                                               : MSR_GS_BASE);
        return 0;
    }
    return -EINVAL;
}

/*
 * Debug registers are validated and kept per vCPU; they are loaded into
 * the hardware while the vCPU runs (arch/x86/domain.c), so only guest
 * addresses can ever be watched.
 */
#define DR7_RESERVED_LOW  0xd800UL     /* bits 11, 12, 14, 15: read as 0 */
#define DR7_ONE           0x400UL      /* bit 10: reads as 1 */
#define DR7_GD            0x2000UL     /* general detect: never for guests */

/* Any of the four breakpoints set to watch I/O (RW = 10b)?  That needs
 * CR4.DE, which PV guests do not have. */
static bool dr7_io_breakpoint(unsigned long dr7)
{
    for ( unsigned int i = 0; i < 4; i++ )
        if ( ((dr7 >> (16 + 4 * i)) & 3) == 2 )
            return true;
    return false;
}

/* DR4/DR5 are aliases of DR6/DR7 (CR4.DE is clear for PV guests);
 * numbers past 7 are no register at all. */
static long debugreg_index(unsigned long reg)
{
    if ( reg > 7 )
        return -ENODEV;
    return (reg == 4 || reg == 5) ? reg + 2 : reg;
}

long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct pv_vcpu *pv = &current->arch.pv;
    long idx = debugreg_index(reg);

    if ( idx < 0 )
        return idx;
    reg = idx;
    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        /* A breakpoint may only watch guest addresses. */
        if ( !is_canonical(value) ||
             (value >= HYPERVISOR_AREA_START && value < HYPERVISOR_AREA_END) )
            return -EPERM;
        break;
    case 6:
        if ( value >> 32 )
            return -EINVAL;
        value = (value & 0xe00f) | 0xffff0ff0;   /* reserved bits read as 1 */
        break;
    case 7:
        if ( (value >> 32) || dr7_io_breakpoint(value) )
            return -EINVAL;
        /* General detect would fault the hypervisor's own DR accesses. */
        value = (value & ~(DR7_RESERVED_LOW | DR7_GD)) | DR7_ONE;
        break;
    }
    pv->debugreg[reg] = value;
    /* Take effect now for the running vCPU. */
    switch ( reg )
    {
    case 0: write_dr0(value); break;
    case 1: write_dr1(value); break;
    case 2: write_dr2(value); break;
    case 3: write_dr3(value); break;
    case 6: write_dr6(value); break;
    case 7: write_dr7(value); break;
    }
    return 0;
}

long do_get_debugreg(unsigned long reg, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    long idx = debugreg_index(reg);

    return idx < 0 ? idx : (long)current->arch.pv.debugreg[idx];
}

/* The assists a PV guest may turn on: Xen 4.17 accepts the 32-bit-only
 * ones from a 64-bit guest too (they have no effect there). */
#define PV64_VM_ASSIST_VALID ((1UL << VMASST_TYPE_4gb_segments) |          \
                              (1UL << VMASST_TYPE_4gb_segments_notify) |   \
                              (1UL << VMASST_TYPE_writable_pagetables) |  \
                              (1UL << VMASST_TYPE_pae_extended_cr3) |      \
                              (1UL << VMASST_TYPE_architectural_iopl) |    \
                              (1UL << VMASST_TYPE_runstate_update_flag) |  \
                              (1UL << VMASST_TYPE_m2p_strict))

long do_vm_assist(unsigned long cmd, unsigned long type, unsigned long a3,
                  unsigned long a4, unsigned long a5)
{
    struct domain *d = current->domain;

    if ( type >= 64 || !((PV64_VM_ASSIST_VALID >> type) & 1) )
        return -EINVAL;
    switch ( cmd )
    {
    case VMASST_CMD_enable:
        __atomic_fetch_or(&d->arch.vm_assist, 1UL << type, __ATOMIC_SEQ_CST);
        return 0;
    case VMASST_CMD_disable:
        __atomic_fetch_and(&d->arch.vm_assist, ~(1UL << type), __ATOMIC_SEQ_CST);
        return 0;
    }
    return -ENOSYS;
}
