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
#include <asm/pv/debugreg.h>

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
    {
        uint16_t sel = base;

        /* The selector is for guest user mode: RPL 3, as Xen forces it.
         * Loaded here at CPL 0, an RPL 0 selector would reach descriptors
         * of DPL 0 to 2 (the hypervisor's own) and keep an RPL the guest
         * may not have.  With RPL 3 such a descriptor fails to load and
         * the NUL selector is loaded instead. */
        if ( sel & ~3 )
            sel |= 3;
        load_user_gs_selector(sel);
        /* A null selector leaves the base alone on some CPUs: the guest
         * sees it as 0, as on Xen.  Either way record what is loaded. */
        if ( !(sel & ~3) )
            wrmsr(pv->in_kernel ? MSR_SHADOW_GS_BASE : MSR_GS_BASE, 0);
        pv->gs_base_user = rdmsr(pv->in_kernel ? MSR_SHADOW_GS_BASE
                                               : MSR_GS_BASE);
        return 0;
    }
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

/* Breakpoints enabled in DR7 (local or global enable bits)? */
#define DR7_ENABLED(dr7) ((dr7) & 0xffUL)
#define DR6_CLEAN        0xffff0ff0UL  /* no status bits */
#define DR6_HITS         0x000fUL      /* B0-3: which breakpoint matched */
#define DR6_STICKY       0xe000UL      /* BD, BS, BT: stay until cleared */

/*
 * The vCPU's DR6 is the one in pv->debugreg[6]; the hardware DR6 only
 * collects what happened since it was last cleaned, and that is merged
 * in: the breakpoint bits are replaced, the others add up (as the
 * processor itself does).
 */
static void dr6_collect(struct pv_vcpu *pv)
{
    unsigned long hw = read_dr6();

    if ( (hw & (DR6_HITS | DR6_STICKY)) == 0 )
        return;
    if ( hw & DR6_HITS )
        pv->debugreg[6] &= ~DR6_HITS;
    pv->debugreg[6] |= hw & (DR6_HITS | DR6_STICKY);
    write_dr6(DR6_CLEAN);
}

void pv_debugregs_load(const struct pv_vcpu *pv)
{
    if ( !DR7_ENABLED(pv->debugreg[7]) )
        return;
    /* DR7 last: nothing fires on a half-loaded set. */
    write_dr7(0);
    write_dr0(pv->debugreg[0]);
    write_dr1(pv->debugreg[1]);
    write_dr2(pv->debugreg[2]);
    write_dr3(pv->debugreg[3]);
    write_dr6(DR6_CLEAN);
    write_dr7(pv->debugreg[7]);
}

void pv_debugregs_save(struct pv_vcpu *pv)
{
    /* Single-stepping raises #DB without any breakpoint: DR6 always. */
    dr6_collect(pv);
    if ( DR7_ENABLED(pv->debugreg[7]) )
        write_dr7(0);              /* nothing fires for whoever runs next */
}

void pv_debugregs_collect(struct pv_vcpu *pv)
{
    dr6_collect(pv);
}

/* DR4/DR5 are aliases of DR6/DR7 (CR4.DE is clear for PV guests);
 * numbers past 7 are no register at all. */
static long debugreg_index(unsigned long reg)
{
    if ( reg > 7 )
        return -ENODEV;
    return (reg == 4 || reg == 5) ? reg + 2 : reg;
}

long pv_debugreg_check(unsigned int reg, unsigned long *value)
{
    unsigned long v = *value;

    switch ( reg )
    {
    case 0: case 1: case 2: case 3:
        /* A breakpoint may only watch guest addresses. */
        if ( !is_canonical(v) ||
             (v >= HYPERVISOR_AREA_START && v < HYPERVISOR_AREA_END) )
            return -EPERM;
        break;
    case 6:
        if ( v >> 32 )
            return -EINVAL;
        *value = (v & 0xe00f) | 0xffff0ff0;      /* reserved bits read as 1 */
        break;
    case 7:
        if ( (v >> 32) || dr7_io_breakpoint(v) )
            return -EINVAL;
        /* General detect would fault the hypervisor's own DR accesses. */
        *value = (v & ~(DR7_RESERVED_LOW | DR7_GD)) | DR7_ONE;
        break;
    }
    return 0;
}

void pv_debugregs_from_context(struct pv_vcpu *pv, const unsigned long *dr)
{
    static const unsigned long reset[8] = { [6] = DR6_CLEAN, [7] = DR7_ONE };

    /* As Xen 4.17 does: what set_debugreg would take is taken, anything
     * else leaves that register as at reset. */
    for ( unsigned int i = 0; i < 8; i++ )
    {
        unsigned long v = dr[i];

        if ( i == 4 || i == 5 )
            continue;
        pv->debugreg[i] = pv_debugreg_check(i, &v) ? reset[i] : v;
    }
}

long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    struct pv_vcpu *pv = &current->arch.pv;
    long idx = debugreg_index(reg);
    long rc;

    if ( idx < 0 )
        return idx;
    reg = idx;
    if ( (rc = pv_debugreg_check(reg, &value)) != 0 )
        return rc;
    if ( reg == 6 )
        write_dr6(DR6_CLEAN);      /* what it collected so far is overridden */
    pv->debugreg[reg] = value;
    /* Take effect now for the running vCPU: all its registers at once,
     * since those not named may still hold another vCPU's values (they
     * are loaded only while something is enabled).  With nothing enabled
     * the hardware needs only DR7 off. */
    if ( DR7_ENABLED(pv->debugreg[7]) )
        pv_debugregs_load(pv);
    else if ( reg == 7 )
        write_dr7(value);
    return 0;
}

long do_get_debugreg(unsigned long reg, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5)
{
    long idx = debugreg_index(reg);

    if ( idx == 6 )
        dr6_collect(&current->arch.pv);
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
