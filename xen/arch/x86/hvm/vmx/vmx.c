/*
 * The Intel VMX backend of the HVM layer (asm/hvm/hvm.h, docs/hvm.md).
 *
 * Needs VMX with EPT (4-level, write-back) and unrestricted guest (a PVH
 * vCPU starts in 32-bit protected mode with paging off), the true
 * capability MSRs or the plain ones, and the controls that load and save
 * EFER and PAT.  VPIDs are used when the CPU has them and INVVPID.
 *
 * Per CPU: the feature-control MSR allows VMXON outside SMX (set and
 * locked here if firmware left it open), CR0 and CR4 obey the fixed-bit
 * MSRs (CR4.VMXE on), and a VMXON region.  Per vCPU: one VMCS, the
 * software copies of guest state the layer may ask for while the VMCS is
 * not loaded, and the MSRs VMX does not switch (syscall MSRs, kernel GS
 * base), swapped around each run.  A VMCS is cleared whenever its vCPU
 * leaves a CPU (vcpu_leave), so it can be loaded on any CPU next.
 *
 * Every RDMSR/WRMSR and port access exits (no MSR or I/O bitmaps), as on
 * SVM; CR3 and INVLPG do not (EPT); CR8 does, so a guest can never touch
 * the host's task priority.  Exits are decoded in exit.c.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/xmalloc.h>
#include <asm/current.h>
#include <asm/desc.h>
#include <asm/msr-index.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include "vmx.h"

#define CPUID1_ECX_VMX  (1u << 5)
#define CR4_VMXE        (1UL << 13)
#define CR4_SMXE        (1UL << 14)
#define POWER_ON_PAT    0x0007040600070406UL
#define HOST_DR6        0xffff0ff0UL

int vmx_enter(struct cpu_user_regs *regs, int launched);
void vmx_exit_point(void);

struct vmx_caps vmx_caps;

static void *vmxon_region[NR_CPUS];
static struct vmx_vcpu *current_vmcs[NR_CPUS];
static bool use_vpid;

/* ---- VMX instructions --------------------------------------------------- */

static bool vmxon(uint64_t pa)
{
    bool fail;

    __asm__ volatile ( "vmxon %1; setna %0"
                       : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    return !fail;
}

static bool vmptrld(uint64_t pa)
{
    bool fail;

    __asm__ volatile ( "vmptrld %1; setna %0"
                       : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    return !fail;
}

static bool vmclear(uint64_t pa)
{
    bool fail;

    __asm__ volatile ( "vmclear %1; setna %0"
                       : "=qm" (fail) : "m" (pa) : "cc", "memory" );
    return !fail;
}

static void invept(unsigned long type, uint64_t eptp)
{
    struct { uint64_t eptp, zero; } desc = { eptp, 0 };

    __asm__ volatile ( "invept %0, %1"
                       :: "m" (desc), "r" (type) : "cc", "memory" );
}

static void invvpid(unsigned long type, uint16_t vpid)
{
    struct { uint64_t vpid, addr; } desc = { vpid, 0 };

    __asm__ volatile ( "invvpid %0, %1"
                       :: "m" (desc), "r" (type) : "cc", "memory" );
}

/* ---- Capabilities ------------------------------------------------------- */

/*
 * A control word from a capability MSR: its low half says which bits
 * must be 1, its high half which may be 1.  Fails if a needed bit cannot
 * be 1 or a forbidden one cannot be 0.
 */
static bool adjust(uint32_t msr, uint32_t want, uint32_t need,
                   uint32_t forbid, uint32_t *out)
{
    uint64_t cap = rdmsr(msr);

    *out = (want | (uint32_t)cap) & (uint32_t)(cap >> 32);
    return (*out & need) == need && !(*out & forbid);
}

/*
 * The preemption timer, when the CPU has it, ends a guest's run after at
 * most PREEMPT_US of TSC time.  External interrupts end it anyway
 * (external-interrupt exiting); this is the backstop for an emulator
 * that misses them: Bochs 2.7 loads the guest's RFLAGS before it counts
 * itself in the guest, so a guest entered with IF clear keeps host
 * interrupts masked until it sets IF itself.
 */
#define PREEMPT_US 1000

static void set_preempt_ticks(struct vmx_caps *c)
{
    uint64_t ticks;

    c->preempt_ticks = 0;
    if ( !(c->pin & PIN_PREEMPT_TIMER) )
        return;
    /* The timer counts down at the TSC rate >> MISC[4:0]. */
    ticks = ((uint64_t)cpu_khz * PREEMPT_US / 1000) >>
            (rdmsr(MSR_VMX_MISC) & 0x1f);
    c->preempt_ticks = ticks ? (ticks > 0xffffffffUL ? 0xffffffffU : ticks)
                             : 1;
}

static const char *compute_controls(void)
{
    struct vmx_caps *c = &vmx_caps;
    uint64_t basic = rdmsr(MSR_VMX_BASIC);
    bool tru = basic & BASIC_TRUE_CTLS;
    uint32_t proc_need = PROC_HLT | PROC_MWAIT | PROC_MONITOR |
        PROC_UNCOND_IO | PROC_CR8_LOAD | PROC_CR8_STORE | PROC_SECONDARY;

    if ( basic & BASIC_32BIT_ADDR )
        return "VMX structures limited to 32-bit addresses";
    if ( ((basic >> 32) & 0x1fff) > PAGE_SIZE || ((basic >> 50) & 0xf) != 6 )
        return "VMCS larger than a page or not write-back";
    c->revision = basic & 0x7fffffff;
    if ( !adjust(tru ? MSR_VMX_TRUE_PINBASED : MSR_VMX_PINBASED,
                 PIN_EXT_INTR | PIN_NMI | PIN_PREEMPT_TIMER | PIN_VIRT_NMI,
                 PIN_EXT_INTR | PIN_NMI, 0, &c->pin) )
        return "pin-based controls";
    /* Virtual NMIs track the guest's NMI blocking; without them (and the
     * NMI window that needs them) NMI IPIs are never injected. */
    c->virt_nmi = (c->pin & PIN_VIRT_NMI) &&
        ((rdmsr(tru ? MSR_VMX_TRUE_PROCBASED : MSR_VMX_PROCBASED) >> 32) &
         PROC_NMI_WINDOW);
    if ( !c->virt_nmi )
        c->pin &= ~PIN_VIRT_NMI;
    set_preempt_ticks(c);
    /* CR3 accesses and INVLPG stay the guest's (EPT); with the plain
     * MSR the CR3 exits cannot be turned off. */
    if ( !adjust(tru ? MSR_VMX_TRUE_PROCBASED : MSR_VMX_PROCBASED,
                 proc_need, proc_need,
                 PROC_CR3_LOAD | PROC_CR3_STORE | PROC_INVLPG | PROC_MOV_DR |
                 PROC_TPR_SHADOW | PROC_IO_BITMAPS | PROC_MSR_BITMAPS |
                 PROC_INTR_WINDOW | PROC_NMI_WINDOW, &c->proc) )
        return "processor-based controls (CR3 exits cannot be turned off?)";
    if ( !adjust(MSR_VMX_PROCBASED2,
                 PROC2_EPT | PROC2_UNRESTRICTED | PROC2_VPID | PROC2_RDTSCP |
                 PROC2_INVPCID, PROC2_EPT | PROC2_UNRESTRICTED, 0, &c->proc2) )
        return "no EPT or no unrestricted guest";
    if ( !adjust(tru ? MSR_VMX_TRUE_EXIT : MSR_VMX_EXIT,
                 EXIT_SAVE_DEBUG | EXIT_HOST_64 | EXIT_SAVE_PAT |
                 EXIT_LOAD_PAT | EXIT_SAVE_EFER | EXIT_LOAD_EFER,
                 EXIT_SAVE_DEBUG | EXIT_HOST_64 | EXIT_SAVE_PAT |
                 EXIT_LOAD_PAT | EXIT_SAVE_EFER | EXIT_LOAD_EFER,
                 EXIT_ACK_INTR, &c->exit) )
        return "VM-exit controls (EFER/PAT save and load)";
    if ( !adjust(tru ? MSR_VMX_TRUE_ENTRY : MSR_VMX_ENTRY,
                 ENTRY_LOAD_DEBUG | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER,
                 ENTRY_LOAD_DEBUG | ENTRY_LOAD_PAT | ENTRY_LOAD_EFER,
                 ENTRY_IA32E, &c->entry) )
        return "VM-entry controls (EFER/PAT load)";
    c->ept_vpid_cap = rdmsr(MSR_VMX_EPT_VPID_CAP);
    if ( !(c->ept_vpid_cap & EPT_CAP_WALK4) || !(c->ept_vpid_cap & EPT_CAP_WB) ||
         !(c->ept_vpid_cap & EPT_CAP_INVEPT) ||
         !(c->ept_vpid_cap & (EPT_CAP_INVEPT_SINGLE | EPT_CAP_INVEPT_ALL)) )
        return "EPT without 4-level write-back walks or INVEPT";
    use_vpid = (c->proc2 & PROC2_VPID) &&
               (c->ept_vpid_cap & VPID_CAP_INVVPID) &&
               (c->ept_vpid_cap & (VPID_CAP_SINGLE | VPID_CAP_ALL));
    if ( !use_vpid )
        c->proc2 &= ~PROC2_VPID;
    c->cr0_fixed0 = rdmsr(MSR_VMX_CR0_FIXED0);
    c->cr0_fixed1 = rdmsr(MSR_VMX_CR0_FIXED1);
    c->cr4_fixed0 = rdmsr(MSR_VMX_CR4_FIXED0);
    c->cr4_fixed1 = rdmsr(MSR_VMX_CR4_FIXED1);
    /* Bits the CPU insists on while the guest may think otherwise: the
     * guest reads its own value from the shadow (PE and PG are free with
     * unrestricted guest); VMXE and SMXE are refused (no VMX, no SMX). */
    c->cr0_mask = c->cr0_fixed0 & ~(uint64_t)(X86_CR0_PE | X86_CR0_PG);
    c->cr4_mask = c->cr4_fixed0 | CR4_VMXE | CR4_SMXE;
    return NULL;
}

static bool vmx_usable(bool report)
{
    uint64_t fc;
    const char *why;

    if ( !(cpuid_ecx(1) & CPUID1_ECX_VMX) )
        return false;
    fc = rdmsr(MSR_FEATURE_CONTROL);
    if ( (fc & FC_LOCKED) && !(fc & FC_VMX_OUTSIDE_SMX) )
        why = "disabled by firmware (feature control locked)";
    else
        why = compute_controls();
    if ( why && report )
        printk("HVM: VMX not usable: %s\n", why);
    return !why;
}

/* ---- Per CPU ------------------------------------------------------------ */

static int vmx_cpu_up(unsigned int cpu)
{
    const struct vmx_caps *c = &vmx_caps;
    uint64_t fc = rdmsr(MSR_FEATURE_CONTROL);
    uint64_t cr0 = read_cr0(), cr4 = read_cr4() | CR4_VMXE;

    if ( !(cpuid_ecx(1) & CPUID1_ECX_VMX) )
        return -ENODEV;
    if ( !(fc & FC_LOCKED) )
        wrmsr(MSR_FEATURE_CONTROL, fc | FC_LOCKED | FC_VMX_OUTSIDE_SMX);
    else if ( !(fc & FC_VMX_OUTSIDE_SMX) )
        return -ENODEV;
    if ( (cr0 | c->cr0_fixed0) & ~c->cr0_fixed1 & 0xffffffffUL ||
         (cr4 | c->cr4_fixed0) & ~c->cr4_fixed1 & 0xffffffffUL )
        return -ENODEV;             /* a bit we use is not allowed */
    write_cr0(cr0 | c->cr0_fixed0);
    write_cr4(cr4 | c->cr4_fixed0);
    if ( !vmxon_region[cpu] )
    {
        if ( !(vmxon_region[cpu] = alloc_xenheap_page()) )
            return -ENOMEM;
        memset(vmxon_region[cpu], 0, PAGE_SIZE);
        *(uint32_t *)vmxon_region[cpu] = c->revision;
    }
    if ( !vmxon(__pa(vmxon_region[cpu])) )
        return -EIO;
    /* Nothing another owner of this CPU cached may stay. */
    invept(2, 0);
    if ( use_vpid )
        invvpid(2, 0);
    return 0;
}

/* ---- VPIDs: one per vCPU, 1..65535 -------------------------------------- */

static DEFINE_SPINLOCK(vpid_lock);
static uint64_t vpid_map[65536 / 64];

static uint16_t vpid_alloc(void)
{
    uint16_t got = 0;

    spin_lock(&vpid_lock);
    for ( unsigned int i = 1; i < 65536; i++ )
        if ( !(vpid_map[i / 64] & (1UL << (i % 64))) )
        {
            vpid_map[i / 64] |= 1UL << (i % 64);
            got = i;
            break;
        }
    spin_unlock(&vpid_lock);
    return got;
}

static void vpid_free(uint16_t vpid)
{
    spin_lock(&vpid_lock);
    vpid_map[vpid / 64] &= ~(1UL << (vpid % 64));
    spin_unlock(&vpid_lock);
}

/* ---- The VMCS: loading, leaving ----------------------------------------- */

/*
 * Make vx's VMCS the current one on this CPU.  False if it is active on
 * another CPU (it must be cleared there first) or the CPU refused it.
 */
static bool vmcs_load(struct vmx_vcpu *vx)
{
    unsigned int cpu = smp_processor_id();

    if ( vx->active_cpu >= 0 && vx->active_cpu != (int)cpu )
        return false;
    if ( current_vmcs[cpu] == vx )
        return true;
    if ( !vmptrld(vx->vmcs_pa) )
        return false;
    current_vmcs[cpu] = vx;
    if ( vx->active_cpu != (int)cpu )
    {
        vx->active_cpu = cpu;
        vx->launched = false;       /* a cleared VMCS needs VMLAUNCH */
    }
    return true;
}

/* Write vx's VMCS back from this CPU, so any CPU can load it next. */
static void vmcs_unload(struct vmx_vcpu *vx)
{
    unsigned int cpu = smp_processor_id();

    if ( vx->active_cpu != (int)cpu )
        return;
    vmclear(vx->vmcs_pa);
    if ( current_vmcs[cpu] == vx )
        current_vmcs[cpu] = NULL;
    vx->active_cpu = -1;
    vx->launched = false;
}

/* v leaves this CPU (context switch). */
static void vmx_vcpu_leave(struct vcpu *v)
{
    if ( vmx_of(v) )
        vmcs_unload(vmx_of(v));
}

/* ---- Per vCPU ----------------------------------------------------------- */

static int vmx_vcpu_create(struct vcpu *v)
{
    struct vmx_vcpu *vx = xzalloc(struct vmx_vcpu);

    if ( !vx )
        return -ENOMEM;
    if ( !(vx->vmcs = alloc_xenheap_page()) )
    {
        xfree(vx);
        return -ENOMEM;
    }
    memset(vx->vmcs, 0, PAGE_SIZE);
    *(uint32_t *)vx->vmcs = vmx_caps.revision;
    vx->vmcs_pa = __pa(vx->vmcs);
    if ( use_vpid && !(vx->vpid = vpid_alloc()) )
    {
        free_xenheap_page(vx->vmcs);
        xfree(vx);
        return -ENOSPC;
    }
    vx->active_cpu = vx->last_cpu = -1;
    vx->dr6 = HOST_DR6;
    vx->cr0 = X86_CR0_ET;
    v->arch.hvm.vendor = vx;
    v->arch.hvm.vmcb = vx->vmcs;
    v->arch.hvm.vmcb_pa = vx->vmcs_pa;
    return 0;
}

static void vmx_vcpu_destroy(struct vcpu *v)
{
    struct vmx_vcpu *vx = vmx_of(v);

    if ( !vx )
        return;
    vmx_vcpu_leave(v);
    if ( vx->active_cpu >= 0 )
    {
        /* Still active elsewhere: that CPU may write it back any time and
         * still names it as current; keep page and state (and its VPID)
         * rather than hand them out again. */
        printk(XENLOG_ERR "VMX: d%u v%u destroyed with its VMCS active on "
               "CPU%d: kept\n", v->domain->domain_id, v->vcpu_id,
               vx->active_cpu);
    }
    else
    {
        free_xenheap_page(vx->vmcs);
        if ( vx->vpid )
            vpid_free(vx->vpid);
        xfree(vx);
    }
    v->arch.hvm.vendor = NULL;
    v->arch.hvm.vmcb = NULL;
}

/* hvm_seg's packed attributes to VMX access rights.  A segment that is
 * not present is unusable; a usable code or data segment is marked
 * accessed (the entry checks insist, the CPU would set it anyway). */
static uint32_t seg_ar(const struct hvm_seg *s)
{
    uint32_t ar = (s->attr & 0xff) | ((uint32_t)(s->attr & 0xf00) << 4);

    if ( !(ar & AR_P) )
        return AR_UNUSABLE;
    if ( ar & AR_S )
        ar |= AR_TYPE_ACCESSED;
    return ar;
}

static void vmx_set_boot_state(struct vcpu *v, const struct hvm_boot_state *s)
{
    struct vmx_vcpu *vx = vmx_of(v);

    vx->boot = *s;
    vx->boot_pending = true;
    vx->interruptibility = 0;           /* written to the VMCS with it */
    vx->cr0 = s->cr0;
    vx->cr3 = s->cr3;
    vx->cr4 = s->cr4;
    vx->efer = s->efer;
    vx->cs_ar = seg_ar(&s->cs);
    vx->ss_ar = seg_ar(&s->ss);
    vx->inject_info = 0;
}

static void write_seg(unsigned int i, const struct hvm_seg *s)
{
    vmwrite(VMCS_GUEST_SEL(i), s->sel);
    vmwrite(VMCS_GUEST_LIMIT(i), s->limit);
    vmwrite(VMCS_GUEST_BASE(i), s->base);
    vmwrite(VMCS_GUEST_AR(i), seg_ar(s));
}

/* The builder's state into the (current) VMCS. */
static void write_boot_state(struct vmx_vcpu *vx)
{
    const struct hvm_boot_state *s = &vx->boot;
    const struct vmx_caps *c = &vmx_caps;

    write_seg(SEG_CS, &s->cs);
    write_seg(SEG_DS, &s->ds);
    write_seg(SEG_ES, &s->es);
    write_seg(SEG_SS, &s->ss);
    write_seg(SEG_FS, &s->fs);
    write_seg(SEG_GS, &s->gs);
    write_seg(SEG_TR, &s->tr);
    write_seg(SEG_LDTR, &s->ldtr);
    vmwrite(VMCS_GUEST_GDTR_BASE, s->gdtr.base);
    vmwrite(VMCS_GUEST_GDTR_LIMIT, s->gdtr.limit);
    vmwrite(VMCS_GUEST_IDTR_BASE, s->idtr.base);
    vmwrite(VMCS_GUEST_IDTR_LIMIT, s->idtr.limit);
    vmwrite(VMCS_GUEST_CR0, s->cr0 | c->cr0_mask);
    vmwrite(VMCS_CR0_SHADOW, s->cr0);
    vmwrite(VMCS_GUEST_CR4, s->cr4 | c->cr4_fixed0);
    vmwrite(VMCS_CR4_SHADOW, s->cr4);
    vmwrite(VMCS_GUEST_CR3, s->cr3);
    vmwrite(VMCS_GUEST_EFER, s->efer);
    vmwrite(VMCS_GUEST_DR7, 0x400);
    vmwrite(VMCS_GUEST_DEBUGCTL, 0);
    vmwrite(VMCS_GUEST_PAT, POWER_ON_PAT);
    vmwrite(VMCS_GUEST_SYSENTER_CS, 0);
    vmwrite(VMCS_GUEST_SYSENTER_ESP, 0);
    vmwrite(VMCS_GUEST_SYSENTER_EIP, 0);
    vmwrite(VMCS_GUEST_INTERRUPTIBILITY, 0);
    vmwrite(VMCS_GUEST_ACTIVITY, 0);
    vmwrite(VMCS_GUEST_PENDING_DBG, 0);
    vmwrite(VMCS_ENTRY_INTR_INFO, 0);
}

/* hvm_seg from the (current) VMCS; an unusable segment reads as all 0. */
static void read_seg(unsigned int i, struct hvm_seg *s)
{
    uint32_t ar = vmread(VMCS_GUEST_AR(i));

    s->sel = vmread(VMCS_GUEST_SEL(i));
    s->limit = vmread(VMCS_GUEST_LIMIT(i));
    s->base = vmread(VMCS_GUEST_BASE(i));
    s->attr = (ar & AR_UNUSABLE) ? 0 : (ar & 0xff) | ((ar >> 4) & 0xf00);
}

/*
 * The state gethvmcontext reads back (the vCPU does not run meanwhile, so
 * its VMCS is clear or this CPU's).  Before the first entry it is still
 * the builder's; after, the VMCS has it: loaded here, read, and written
 * back again so that whichever CPU runs the vCPU next can load it.
 */
static void vmx_get_state(const struct vcpu *v, struct hvm_boot_state *s)
{
    struct vmx_vcpu *vx = vmx_of(v);

    *s = vx->boot;
    if ( vx->boot_pending || !vx->initialised || !vmcs_load(vx) )
        return;
    read_seg(SEG_CS, &s->cs);
    read_seg(SEG_DS, &s->ds);
    read_seg(SEG_ES, &s->es);
    read_seg(SEG_SS, &s->ss);
    read_seg(SEG_FS, &s->fs);
    read_seg(SEG_GS, &s->gs);
    read_seg(SEG_TR, &s->tr);
    read_seg(SEG_LDTR, &s->ldtr);
    s->gdtr = (struct hvm_seg){ .base = vmread(VMCS_GUEST_GDTR_BASE),
                                .limit = vmread(VMCS_GUEST_GDTR_LIMIT) };
    s->idtr = (struct hvm_seg){ .base = vmread(VMCS_GUEST_IDTR_BASE),
                                .limit = vmread(VMCS_GUEST_IDTR_LIMIT) };
    s->cr0 = vx->cr0;
    s->cr3 = vx->cr3;
    s->cr4 = vx->cr4;
    s->efer = vx->efer;
    s->rip = vmread(VMCS_GUEST_RIP);
    s->rflags = vmread(VMCS_GUEST_RFLAGS);
    vmcs_unload(vx);
}

/* Controls and everything else that never changes, once per VMCS. */
static bool write_controls(struct vcpu *v, struct vmx_vcpu *vx)
{
    const struct vmx_caps *c = &vmx_caps;
    bool ok = true;

    ok &= vmwrite(VMCS_LINK_POINTER, ~0UL);
    ok &= vmwrite(VMCS_PIN_CTLS, c->pin);
    ok &= vmwrite(VMCS_PROC_CTLS, c->proc);
    ok &= vmwrite(VMCS_PROC2_CTLS, c->proc2);
    ok &= vmwrite(VMCS_EXIT_CTLS, c->exit);
    ok &= vmwrite(VMCS_ENTRY_CTLS, c->entry);
    vx->proc_ctls = c->proc;
    /* #DB and #AC could loop forever in delivery (a guest-made IDT can
     * make either recur without an exit): take them and reflect them. */
    ok &= vmwrite(VMCS_EXC_BITMAP, (1u << 1) | (1u << 17));
    ok &= vmwrite(VMCS_PF_ERR_MASK, 0);
    ok &= vmwrite(VMCS_PF_ERR_MATCH, 0);
    ok &= vmwrite(VMCS_CR3_TARGET_COUNT, 0);
    ok &= vmwrite(VMCS_EXIT_MSR_STORE_COUNT, 0);
    ok &= vmwrite(VMCS_EXIT_MSR_LOAD_COUNT, 0);
    ok &= vmwrite(VMCS_ENTRY_MSR_LOAD_COUNT, 0);
    ok &= vmwrite(VMCS_CR0_MASK, c->cr0_mask);
    ok &= vmwrite(VMCS_CR4_MASK, c->cr4_mask);
    ok &= vmwrite(VMCS_EPTP, p2m_root(v->domain->arch.hvm.p2m) |
                             EPTP_WALK4 | EPTP_WB);
    if ( use_vpid )
        ok &= vmwrite(VMCS_VPID, vx->vpid);
    ok &= vmwrite(VMCS_HOST_RIP, (unsigned long)vmx_exit_point);
    return ok;
}

static uint16_t read_sel_tr(void)
{
    uint16_t sel;

    __asm__ volatile ( "str %0" : "=r" (sel) );
    return sel;
}

/* The host state for exits on this CPU (the VMCS was just loaded here). */
static void write_host_state(void)
{
    struct desc_ptr gdt, idt;
    uint16_t cs, ss, tr = read_sel_tr();
    const uint64_t *d;

    __asm__ volatile ( "sgdt %0; sidt %1" : "=m" (gdt), "=m" (idt) );
    __asm__ volatile ( "mov %%cs, %0; mov %%ss, %1" : "=r" (cs), "=r" (ss) );
    d = (const uint64_t *)(gdt.base + (tr & ~7));
    vmwrite(VMCS_HOST_CS_SEL, cs & ~7);
    vmwrite(VMCS_HOST_SS_SEL, ss & ~7);
    vmwrite(VMCS_HOST_DS_SEL, 0);
    vmwrite(VMCS_HOST_ES_SEL, 0);
    vmwrite(VMCS_HOST_FS_SEL, 0);
    vmwrite(VMCS_HOST_GS_SEL, 0);
    vmwrite(VMCS_HOST_TR_SEL, tr & ~7);
    vmwrite(VMCS_HOST_TR_BASE, ((d[0] >> 16) & 0xffffff) |
                               (((d[0] >> 56) & 0xff) << 24) | (d[1] << 32));
    vmwrite(VMCS_HOST_GDTR_BASE, gdt.base);
    vmwrite(VMCS_HOST_IDTR_BASE, idt.base);
    vmwrite(VMCS_HOST_SYSENTER_CS, rdmsr(0x174));
    vmwrite(VMCS_HOST_SYSENTER_ESP, rdmsr(0x175));
    vmwrite(VMCS_HOST_SYSENTER_EIP, rdmsr(0x176));
    vmwrite(VMCS_HOST_PAT, rdmsr(MSR_IA32_CR_PAT));
    vmwrite(VMCS_HOST_EFER, rdmsr(MSR_EFER));
}

/* Primary controls for the coming entry (interrupt window or not). */
static void set_proc_ctls(struct vmx_vcpu *vx, uint32_t ctls)
{
    if ( ctls != vx->proc_ctls && vmwrite(VMCS_PROC_CTLS, ctls) )
        vx->proc_ctls = ctls;
}

/* ---- Running ------------------------------------------------------------ */

void vmx_inject_exception(struct vcpu *v, unsigned int vector, int ec)
{
    struct vmx_vcpu *vx = vmx_of(v);
    /* The CPU pushes an error code for these only, and never in real
     * mode; an entry that disagrees fails. */
    bool has_ec = ec >= 0 && (vx->cr0 & X86_CR0_PE) &&
                  (vector == 8 || (vector >= 10 && vector <= 14) ||
                   vector == 17);

    vx->inject_info = INTR_VALID | (INTR_TYPE_HW_EXC << INTR_TYPE_SHIFT) |
                      (vector & 0xff) | (has_ec ? INTR_ERRCODE : 0);
    vx->inject_errcode = has_ec ? (uint32_t)ec : 0;
    vx->inject_len = 0;
}

/* So is CR2 (swap_in/swap_out). */
static void vmx_set_cr2(struct vcpu *v, unsigned long cr2)
{
    vmx_of(v)->cr2 = cr2;
}

/* DR6 is switched by hand around each run (swap_in/swap_out). */
static void vmx_single_step(struct vcpu *v)
{
    vmx_of(v)->dr6 |= X86_DR6_BS;
    vmx_inject_exception(v, 1, -1);
}

/* The event for this entry: whatever is queued (an exception, an
 * interrupt hvm_intr_assist() chose, or an event the last exit cut
 * short), and the interrupt-window exit if the layer asked for it. */
static void set_entry_event(struct vmx_vcpu *vx, struct cpu_user_regs *regs)
{
    uint32_t intr = vmread(VMCS_GUEST_INTERRUPTIBILITY);
    uint32_t proc = vmx_caps.proc;

    /* An instruction the hypervisor completed ends any STI/MOV SS shadow
     * (and an injected interrupt must not meet one). */
    if ( regs->rip != vx->exit_rip && (intr & (BLOCK_STI | BLOCK_MOV_SS)) )
    {
        intr &= ~(BLOCK_STI | BLOCK_MOV_SS);
        vmwrite(VMCS_GUEST_INTERRUPTIBILITY, intr);
    }
    if ( vx->inject_info & INTR_VALID )
    {
        vmwrite(VMCS_ENTRY_INTR_INFO, vx->inject_info);
        vmwrite(VMCS_ENTRY_EXC_ERRCODE, vx->inject_errcode);
        vmwrite(VMCS_ENTRY_INSN_LEN, vx->inject_len);
        vx->inject_info = 0;
    }
    if ( vx->intr_window )
        proc |= PROC_INTR_WINDOW;
    if ( vx->nmi_window )
        proc |= PROC_NMI_WINDOW;
    set_proc_ctls(vx, proc);
}

/* Stale translations go: after a p2m change, or on a CPU the vCPU may
 * have run on before (its entries there are from an older p2m). */
static void flush_guest_tlb(struct vcpu *v, struct vmx_vcpu *vx,
                            unsigned int cpu)
{
    struct hvm_vcpu *h = &v->arch.hvm;
    uint64_t eptp;

    if ( !h->flush_tlb && vx->last_cpu == (int)cpu )
        return;
    eptp = p2m_root(v->domain->arch.hvm.p2m) | EPTP_WALK4 | EPTP_WB;
    if ( vmx_caps.ept_vpid_cap & EPT_CAP_INVEPT_SINGLE )
        invept(1, eptp);
    else
        invept(2, 0);
    if ( use_vpid )
    {
        if ( vmx_caps.ept_vpid_cap & VPID_CAP_SINGLE )
            invvpid(1, vx->vpid);
        else
            invvpid(2, 0);
    }
    h->flush_tlb = false;
    vx->last_cpu = cpu;
}

/* CSTAR is not among them: Intel CPUs never use it (SYSCALL outside
 * 64-bit mode is #UD), so the guest's value only lives in vx->cstar. */
struct host_msrs { uint64_t star, lstar, sfmask, kernel_gs; };

static void swap_in(struct vcpu *v, struct vmx_vcpu *vx, struct host_msrs *h)
{
    h->star = rdmsr(MSR_STAR);
    h->lstar = rdmsr(MSR_LSTAR);
    h->sfmask = rdmsr(MSR_SYSCALL_MASK);
    h->kernel_gs = rdmsr(MSR_SHADOW_GS_BASE);
    wrmsr(MSR_STAR, vx->star);
    wrmsr(MSR_LSTAR, vx->lstar);
    wrmsr(MSR_SYSCALL_MASK, vx->sfmask);
    wrmsr(MSR_SHADOW_GS_BASE, vx->kernel_gs);
    write_dr0(v->arch.hvm.dr[0]);
    write_dr1(v->arch.hvm.dr[1]);
    write_dr2(v->arch.hvm.dr[2]);
    write_dr3(v->arch.hvm.dr[3]);
    write_dr6(vx->dr6);
    __asm__ volatile ( "mov %0, %%cr2" :: "r" (vx->cr2) );
}

static void swap_out(struct vcpu *v, struct vmx_vcpu *vx,
                     const struct host_msrs *h)
{
    vx->kernel_gs = rdmsr(MSR_SHADOW_GS_BASE);  /* SWAPGS changes it */
    wrmsr(MSR_STAR, h->star);
    wrmsr(MSR_LSTAR, h->lstar);
    wrmsr(MSR_SYSCALL_MASK, h->sfmask);
    wrmsr(MSR_SHADOW_GS_BASE, h->kernel_gs);
    v->arch.hvm.dr[0] = read_dr0();
    v->arch.hvm.dr[1] = read_dr1();
    v->arch.hvm.dr[2] = read_dr2();
    v->arch.hvm.dr[3] = read_dr3();
    vx->dr6 = read_dr6();
    __asm__ volatile ( "mov %%cr2, %0" : "=r" (vx->cr2) );
    /* The exit left DR7 at 0x400; leave DR6 clean for whoever runs next
     * (a PV vCPU collects DR6 bits when it stops). */
    write_dr6(HOST_DR6);
}

/* The guest state the layer may ask for later, from the VMCS. */
static void refresh_cache(struct vmx_vcpu *vx)
{
    const struct vmx_caps *c = &vmx_caps;

    vx->cr0 = (vmread(VMCS_GUEST_CR0) & ~c->cr0_mask) |
              (vmread(VMCS_CR0_SHADOW) & c->cr0_mask);
    vx->cr4 = (vmread(VMCS_GUEST_CR4) & ~c->cr4_mask) |
              (vmread(VMCS_CR4_SHADOW) & c->cr4_mask);
    vx->cr3 = vmread(VMCS_GUEST_CR3);
    vx->efer = vmread(VMCS_GUEST_EFER);
    vx->cs_ar = vmread(VMCS_GUEST_AR(SEG_CS));
    vx->ss_ar = vmread(VMCS_GUEST_AR(SEG_SS));
    vx->cs_sel = vmread(VMCS_GUEST_SEL(SEG_CS));
    vx->cs_limit = vmread(VMCS_GUEST_LIMIT(SEG_CS));
    vx->cs_base = vmread(VMCS_GUEST_BASE(SEG_CS));
    vx->interruptibility = vmread(VMCS_GUEST_INTERRUPTIBILITY);
}

static void crash(struct hvm_exit *e, const char *why)
{
    e->kind = HVM_EXIT_CRASH;
    e->why = why;
}

/* Load the VMCS here and bring it up to date for an entry; false (and
 * *e says why) if it cannot be. */
static bool prepare(struct vcpu *v, struct vmx_vcpu *vx, unsigned int cpu,
                    struct hvm_exit *e)
{
    bool fresh = vx->active_cpu != (int)cpu;

    if ( !vmcs_load(vx) )
    {
        crash(e, "VMCS could not be loaded (active on another CPU?)");
        return false;
    }
    if ( !vx->initialised )
    {
        if ( !vmclear(vx->vmcs_pa) || !vmptrld(vx->vmcs_pa) ||
             !write_controls(v, vx) )
        {
            crash(e, "VMCS set-up refused");
            return false;
        }
        vx->initialised = true;
        vx->launched = false;
        fresh = true;
    }
    if ( vx->boot_pending )
    {
        write_boot_state(vx);
        vx->boot_pending = false;
    }
    if ( fresh )
        write_host_state();
    vmwrite(VMCS_HOST_CR0, read_cr0());
    vmwrite(VMCS_HOST_CR3, read_cr3());
    vmwrite(VMCS_HOST_CR4, read_cr4());
    vmwrite(VMCS_HOST_FS_BASE, rdmsr(MSR_FS_BASE));
    vmwrite(VMCS_HOST_GS_BASE, rdmsr(MSR_GS_BASE));
    return true;
}

static void vmx_run(struct vcpu *v, struct cpu_user_regs *regs,
                    struct hvm_exit *e)
{
    struct vmx_vcpu *vx = vmx_of(v);
    unsigned int cpu = smp_processor_id();
    struct desc_ptr gdt, idt;
    struct host_msrs host;
    uint32_t idtv;
    int rc;

    if ( !prepare(v, vx, cpu, e) )
        return;
    vmwrite(VMCS_GUEST_RSP, regs->rsp);
    vmwrite(VMCS_GUEST_RIP, regs->rip);
    vmwrite(VMCS_GUEST_RFLAGS, regs->rflags);
    vmwrite(VMCS_GUEST_EFER, vx->efer);
    if ( vmx_caps.preempt_ticks )
        vmwrite(VMCS_GUEST_PREEMPT_TIMER, vmx_caps.preempt_ticks);
    vmwrite(VMCS_ENTRY_CTLS, vmx_caps.entry |
                             ((vx->efer & EFER_LMA) ? ENTRY_IA32E : 0));
    set_entry_event(vx, regs);
    /* In the guest from here on as far as hvm_p2m_changed() is
     * concerned: set before flush_guest_tlb() looks at flush_tlb. */
    WRITE_ONCE(v->arch.hvm.in_guest, true);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    flush_guest_tlb(v, vx, cpu);

    /* The exit sets the GDT and IDT limits to 0xffff: put them back. */
    __asm__ volatile ( "sgdt %0; sidt %1" : "=m" (gdt), "=m" (idt) );
    swap_in(v, vx, &host);
    rc = vmx_enter(regs, vx->launched);
    swap_out(v, vx, &host);
    WRITE_ONCE(v->arch.hvm.runs, v->arch.hvm.runs + 1);
    WRITE_ONCE(v->arch.hvm.in_guest, false);
    lgdt(&gdt);
    lidt(&idt);

    if ( rc )
    {
        printk(XENLOG_ERR "VMX: d%u v%u: VM%s failed, VM-instruction error "
               "%lu\n", v->domain->domain_id, v->vcpu_id,
               vx->launched ? "RESUME" : "LAUNCH", vmread(VMCS_INSN_ERROR));
        e->code = vmread(VMCS_INSN_ERROR);
        return crash(e, "VM entry refused");
    }
    vx->launched = true;
    regs->rsp = vmread(VMCS_GUEST_RSP);
    regs->rip = vmread(VMCS_GUEST_RIP);
    regs->rflags = vmread(VMCS_GUEST_RFLAGS);
    vx->exit_rip = regs->rip;
    refresh_cache(vx);
    /* An event cut short by the exit is delivered again on re-entry. */
    idtv = vmread(VMCS_IDT_VECTORING_INFO);
    e->intinfo = idtv & INTR_VALID ? idtv : 0;
    if ( idtv & INTR_VALID )
    {
        unsigned int type = (idtv >> INTR_TYPE_SHIFT) & 7;

        vx->inject_info = idtv & INTR_ENTRY_MASK;
        vx->inject_errcode = (idtv & INTR_ERRCODE)
                             ? vmread(VMCS_IDT_VECTORING_ERRCODE) : 0;
        vx->inject_len = (type == INTR_TYPE_SW_INT ||
                          type == INTR_TYPE_PRIV_SW ||
                          type == INTR_TYPE_SW_EXC)
                         ? vmread(VMCS_EXIT_INSN_LEN) : 0;
    }
    vmx_decode_exit(v, regs, e);
}

/* ---- Guest state queries ------------------------------------------------ */

static unsigned int vmx_cpl(const struct vcpu *v)
{
    return (vmx_of(v)->ss_ar >> AR_DPL_SHIFT) & 3;
}

static bool vmx_long_mode(const struct vcpu *v)
{
    const struct vmx_vcpu *vx = vmx_of(v);

    return (vx->efer & EFER_LMA) && (vx->cs_ar & AR_L);
}

static uint64_t vmx_get_cr(const struct vcpu *v, unsigned int n)
{
    const struct vmx_vcpu *vx = vmx_of(v);

    switch ( n )
    {
    case 0: return vx->cr0;
    case 3: return vx->cr3;
    case 4: return vx->cr4;
    }
    return 0;
}

static uint64_t vmx_get_efer(const struct vcpu *v)
{
    return vmx_of(v)->efer;
}

/* SCE, LME and NXE are the guest's; LMA follows CR0.PG (the CPU sets it
 * on the guest's own CR0 writes) and is read-only. */
static int vmx_set_efer(struct vcpu *v, uint64_t val)
{
    struct vmx_vcpu *vx = vmx_of(v);
    uint64_t old = vx->efer;

    if ( val & ~(uint64_t)(EFER_SCE | EFER_LME | EFER_NXE | EFER_LMA) )
        return -EINVAL;
    if ( (val ^ old) & EFER_LMA )
        val = (val & ~(uint64_t)EFER_LMA) | (old & EFER_LMA);
    if ( ((val ^ old) & EFER_LME) && (vx->cr0 & X86_CR0_PG) )
        return -EINVAL;
    vx->efer = val;                 /* written to the VMCS at entry */
    return 0;
}

/* MSRs kept in the VMCS (read and written while it is loaded: only from
 * the vCPU's own exits) and those swapped by hand around each run. */
static const struct { uint32_t msr; unsigned int field; } vmcs_msrs[] = {
    { MSR_FS_BASE, VMCS_GUEST_BASE(SEG_FS) },
    { MSR_GS_BASE, VMCS_GUEST_BASE(SEG_GS) },
    { 0x174, VMCS_GUEST_SYSENTER_CS },
    { 0x175, VMCS_GUEST_SYSENTER_ESP },
    { 0x176, VMCS_GUEST_SYSENTER_EIP },
    { MSR_IA32_CR_PAT, VMCS_GUEST_PAT },
};

static uint64_t *soft_msr(struct vmx_vcpu *vx, uint32_t msr)
{
    switch ( msr )
    {
    case MSR_STAR: return &vx->star;
    case MSR_LSTAR: return &vx->lstar;
    case MSR_CSTAR: return &vx->cstar;
    case MSR_SYSCALL_MASK: return &vx->sfmask;
    case MSR_SHADOW_GS_BASE: return &vx->kernel_gs;
    }
    return NULL;
}

static bool vmx_msr_read(const struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct vmx_vcpu *vx = vmx_of(v);
    uint64_t *p = soft_msr(vx, msr);

    if ( p )
    {
        *val = *p;
        return true;
    }
    for ( unsigned int i = 0; i < ARRAY_SIZE(vmcs_msrs); i++ )
        if ( vmcs_msrs[i].msr == msr )
        {
            if ( !vmcs_load(vx) )
                return false;
            *val = vmread(vmcs_msrs[i].field);
            return true;
        }
    return false;
}

static bool canonical(uint64_t a)
{
    return ((int64_t)a >> 47) == 0 || ((int64_t)a >> 47) == -1;
}

static bool pat_ok(uint64_t val)
{
    for ( unsigned int b = 0; b < 8; b++ )
    {
        unsigned int t = (val >> (8 * b)) & 0xff;

        if ( t > 7 || t == 2 || t == 3 )
            return false;
    }
    return true;
}

/* False also for a value the CPU would refuse (the caller injects #GP). */
static bool vmx_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vmx_vcpu *vx = vmx_of(v);
    uint64_t *p = soft_msr(vx, msr);

    /* The values reach the CPU's own MSRs (or the VMCS, checked at
     * entry): what the CPU would refuse is refused here, #GP to the guest
     * rather than a fault in the hypervisor. */
    if ( msr == MSR_IA32_CR_PAT ? !pat_ok(val)
         : msr == MSR_SYSCALL_MASK ? (val >> 32) != 0
         : (msr != MSR_STAR && msr != 0x174 && !canonical(val)) )
        return false;
    if ( p )
    {
        *p = val;
        return true;
    }
    for ( unsigned int i = 0; i < ARRAY_SIZE(vmcs_msrs); i++ )
        if ( vmcs_msrs[i].msr == msr )
            return vmcs_load(vx) && vmwrite(vmcs_msrs[i].field, val);
    return false;
}

/* Per hypercall, 32 bytes: mov $nr, %eax; vmcall; ret; the rest int3. */
static void vmx_write_hypercall_page(void *page)
{
    uint8_t *p = page;

    memset(page, 0xcc, PAGE_SIZE);
    for ( unsigned int i = 0; i < PAGE_SIZE / 32; i++, p += 32 )
    {
        p[0] = 0xb8;
        memcpy(p + 1, &i, 4);
        p[5] = 0x0f; p[6] = 0x01; p[7] = 0xc1;
        p[8] = 0xc3;
    }
}

/* ---- Interrupts (contracts in asm/hvm/hvm.h) ----------------------------- */

/* The shadow read at the last exit belongs to the instruction the guest
 * stopped at; once the layer stepped past that one, it no longer holds. */
static bool vmx_intr_blocked(struct vcpu *v)
{
    const struct vmx_vcpu *vx = vmx_of(v);
    bool same_insn = vx->exit_rip == guest_cpu_user_regs()->rip;

    return (vx->inject_info & INTR_VALID) ||
           (same_insn && (vx->interruptibility & (BLOCK_STI | BLOCK_MOV_SS)));
}

static bool vmx_nmi_blocked(struct vcpu *v)
{
    return !vmx_caps.virt_nmi || vmx_intr_blocked(v) ||
           (vmx_of(v)->interruptibility & BLOCK_NMI);
}

/* With virtual NMIs the CPU blocks the guest's NMIs from this injection
 * until its next IRET. */
static void vmx_inject_nmi(struct vcpu *v)
{
    struct vmx_vcpu *vx = vmx_of(v);

    vx->inject_info = INTR_VALID | (INTR_TYPE_NMI << INTR_TYPE_SHIFT) | 2;
    vx->inject_errcode = 0;
    vx->inject_len = 0;
}

static void vmx_nmi_window(struct vcpu *v, bool open)
{
    vmx_of(v)->nmi_window = open && vmx_caps.virt_nmi;
}

static void vmx_inject_intr(struct vcpu *v, unsigned int vector)
{
    struct vmx_vcpu *vx = vmx_of(v);

    vx->inject_info = INTR_VALID | (INTR_TYPE_EXT << INTR_TYPE_SHIFT) |
                      (vector & 0xff);
    vx->inject_errcode = 0;
    vx->inject_len = 0;
}

/* Written into the controls by set_entry_event(), where the VMCS is
 * current; this may run before it is loaded on this CPU. */
static void vmx_intr_window(struct vcpu *v, bool open)
{
    vmx_of(v)->intr_window = open;
}

/* MOV to/from CR8 exits (exit.c), so the guest's CR8 is vx->tpr. */
static unsigned int vmx_get_vtpr(const struct vcpu *v)
{
    return vmx_of(v)->tpr & 0xf;
}

static void vmx_set_vtpr(struct vcpu *v, unsigned int cr8)
{
    vmx_of(v)->tpr = cr8 & 0xf;
}

/* VMX access rights back to hvm_seg's packed form (the inverse of
 * seg_ar(): bits 0-7 stay, bits 12-15 go to 8-11). */
static void vmx_get_cs(const struct vcpu *v, struct hvm_seg *cs)
{
    const struct vmx_vcpu *vx = vmx_of(v);

    cs->sel = vx->cs_sel;
    cs->attr = (vx->cs_ar & 0xff) | ((vx->cs_ar >> 4) & 0xf00);
    cs->limit = vx->cs_limit;
    cs->base = vx->cs_base;
}

static const struct hvm_vendor vmx_vendor = {
    .name = "Intel VMX with EPT",
    .cpu_up = vmx_cpu_up,
    .vcpu_create = vmx_vcpu_create,
    .vcpu_destroy = vmx_vcpu_destroy,
    .vcpu_set_boot_state = vmx_set_boot_state,
    .vcpu_get_state = vmx_get_state,
    .run = vmx_run,
    .inject_exception = vmx_inject_exception,
    .single_step = vmx_single_step,
    .set_cr2 = vmx_set_cr2,
    .cpl = vmx_cpl,
    .long_mode = vmx_long_mode,
    .get_cr = vmx_get_cr,
    .get_efer = vmx_get_efer,
    .set_efer = vmx_set_efer,
    .msr_read = vmx_msr_read,
    .msr_write = vmx_msr_write,
    .write_hypercall_page = vmx_write_hypercall_page,
    .intr_blocked = vmx_intr_blocked,
    .nmi_blocked = vmx_nmi_blocked,
    .inject_nmi = vmx_inject_nmi,
    .nmi_window = vmx_nmi_window,
    .inject_intr = vmx_inject_intr,
    .intr_window = vmx_intr_window,
    .get_vtpr = vmx_get_vtpr,
    .set_vtpr = vmx_set_vtpr,
    .get_cs = vmx_get_cs,
    .vcpu_leave = vmx_vcpu_leave,
    .p2m_format = P2M_FORMAT_EPT,
};

const struct hvm_vendor *vmx_probe(void);

const struct hvm_vendor *vmx_probe(void)
{
    return vmx_usable(true) ? &vmx_vendor : NULL;
}
