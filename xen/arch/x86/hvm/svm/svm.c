/*
 * The AMD SVM backend of the HVM layer (asm/hvm/hvm.h).
 *
 * Needs SVM with nested paging (CPUID 0x80000001 ECX.SVM, 0x8000000A
 * EDX.NP) and SVM not disabled by firmware (VM_CR.SVMDIS).  Per CPU:
 * EFER.SVME, a host save area (VM_HSAVE_PA) and a page where VMSAVE keeps
 * the host's FS/GS/TR/LDTR and syscall MSRs while a guest's are loaded.
 * Per vCPU: one VMCB.  All HVM vCPUs share one I/O and one MSR permission
 * map, both all ones: every port access and every RDMSR/WRMSR exits.
 *
 * ASIDs are handed out per CPU in generations: a vCPU keeps its ASID
 * while it stays on one CPU and the generation does not roll over; a new
 * ASID (or a p2m change) flushes the guest TLB at the next VMRUN.
 *
 * Instruction lengths: with NRIPS the VMCB says where the next
 * instruction is.  QEMU's TCG has no NRIPS, so the architectural lengths
 * of the intercepted instructions are used (CPUID, RDMSR, WRMSR 2,
 * VMMCALL 3, HLT 1); a guest that pads them with prefixes only misleads
 * itself.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/sched.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include "vmcb.h"

#define MSR_VM_CR        0xc0010114
#define  VM_CR_SVMDIS    (1UL << 4)
#define MSR_VM_HSAVE_PA  0xc0010117

#define CPUID_SVM_ECX    (1u << 2)      /* 0x80000001 */
#define SVM_FEAT_NP      (1u << 0)      /* 0x8000000A EDX */
#define SVM_FEAT_NRIPS   (1u << 3)

#define TLB_FLUSH_ALL    1

void svm_vmrun(struct cpu_user_regs *regs, uint64_t vmcb_pa);

struct svm_cpu {
    void *hsave;
    void *host_state;                   /* VMSAVE area for the host */
    uint64_t host_state_pa;
    uint32_t next_asid;
    uint64_t asid_gen;
};

static struct svm_cpu svm_cpus[NR_CPUS];
static uint32_t nr_asids;
static bool has_nrips;
static void *iopm, *msrpm;              /* shared, all ones */

static inline void clgi(void) { __asm__ volatile ( "clgi" ::: "memory" ); }
static inline void stgi(void) { __asm__ volatile ( "stgi" ::: "memory" ); }

static inline void vmload(uint64_t pa)
{
    __asm__ volatile ( "vmload %%rax" :: "a" (pa) : "memory" );
}

static inline void vmsave(uint64_t pa)
{
    __asm__ volatile ( "vmsave %%rax" :: "a" (pa) : "memory" );
}

static unsigned long read_dr(unsigned int n)
{
    unsigned long v = 0;

    switch ( n )
    {
    case 0: __asm__ volatile ( "mov %%dr0, %0" : "=r" (v) ); break;
    case 1: __asm__ volatile ( "mov %%dr1, %0" : "=r" (v) ); break;
    case 2: __asm__ volatile ( "mov %%dr2, %0" : "=r" (v) ); break;
    case 3: __asm__ volatile ( "mov %%dr3, %0" : "=r" (v) ); break;
    }
    return v;
}

static void write_dr(unsigned int n, unsigned long v)
{
    switch ( n )
    {
    case 0: __asm__ volatile ( "mov %0, %%dr0" :: "r" (v) ); break;
    case 1: __asm__ volatile ( "mov %0, %%dr1" :: "r" (v) ); break;
    case 2: __asm__ volatile ( "mov %0, %%dr2" :: "r" (v) ); break;
    case 3: __asm__ volatile ( "mov %0, %%dr3" :: "r" (v) ); break;
    }
}

/* ---- Per CPU ------------------------------------------------------------ */

static bool svm_usable(void)
{
    struct cpuid_leaf r;

    cpuid(0x80000000, &r);
    if ( r.a < 0x8000000a || !(cpuid_ecx(0x80000001) & CPUID_SVM_ECX) )
        return false;
    cpuid(0x8000000a, &r);
    if ( !(r.d & SVM_FEAT_NP) || r.b < 2 )
        return false;
    return !(rdmsr(MSR_VM_CR) & VM_CR_SVMDIS);
}

static int alloc_maps(void)
{
    if ( iopm )
        return 0;
    iopm = alloc_xenheap_pages(2, 0);           /* 12 KiB used */
    msrpm = alloc_xenheap_pages(1, 0);          /* 8 KiB */
    if ( !iopm || !msrpm )
        return -ENOMEM;
    memset(iopm, 0xff, 4 * PAGE_SIZE);
    memset(msrpm, 0xff, 2 * PAGE_SIZE);
    return 0;
}

static int svm_cpu_up(unsigned int cpu)
{
    struct svm_cpu *sc = &svm_cpus[cpu];
    struct cpuid_leaf r;
    int rc;

    if ( !svm_usable() )
        return -ENODEV;
    if ( (rc = alloc_maps()) )
        return rc;
    if ( !sc->hsave )
    {
        sc->hsave = alloc_xenheap_page();
        sc->host_state = alloc_xenheap_page();
        if ( !sc->hsave || !sc->host_state )
            return -ENOMEM;
        memset(sc->hsave, 0, PAGE_SIZE);
        memset(sc->host_state, 0, PAGE_SIZE);
        sc->host_state_pa = __pa(sc->host_state);
    }
    cpuid(0x8000000a, &r);
    nr_asids = r.b;
    has_nrips = r.d & SVM_FEAT_NRIPS;
    sc->next_asid = 1;
    sc->asid_gen = 1;
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SVME);
    wrmsr(MSR_VM_HSAVE_PA, __pa(sc->hsave));
    return 0;
}

/* ---- Per vCPU ----------------------------------------------------------- */

static void set_seg(void *vmcb, unsigned int off, const struct hvm_seg *s)
{
    *vmcb16(vmcb, off + SEG_SEL) = s->sel;
    *vmcb16(vmcb, off + SEG_ATTR) = s->attr;
    *vmcb32(vmcb, off + SEG_LIMIT) = s->limit;
    *vmcb64(vmcb, off + SEG_BASE) = s->base;
}

static int svm_vcpu_create(struct vcpu *v)
{
    struct hvm_vcpu *h = &v->arch.hvm;
    void *vmcb = alloc_xenheap_page();

    if ( !vmcb )
        return -ENOMEM;
    memset(vmcb, 0, PAGE_SIZE);
    h->vmcb = vmcb;
    h->vmcb_pa = __pa(vmcb);

    /* #DB and #AC could loop forever in delivery (a guest-made IDT can
     * make either recur without an exit): take them and reflect them. */
    *vmcb32(vmcb, VMCB_EXC_INTERCEPTS) = (1u << 1) | (1u << 17);
    *vmcb32(vmcb, VMCB_INTERCEPTS1) = I1_INTR | I1_NMI | I1_SMI | I1_INIT |
        I1_CPUID | I1_INVD | I1_HLT | I1_INVLPGA | I1_IOIO | I1_MSR |
        I1_TASK_SWITCH | I1_SHUTDOWN;
    *vmcb32(vmcb, VMCB_INTERCEPTS2) = I2_VMRUN | I2_VMMCALL | I2_VMLOAD |
        I2_VMSAVE | I2_STGI | I2_CLGI | I2_SKINIT | I2_MONITOR | I2_MWAIT |
        I2_MWAIT_COND | I2_XSETBV;
    *vmcb64(vmcb, VMCB_IOPM_PA) = __pa(iopm);
    *vmcb64(vmcb, VMCB_MSRPM_PA) = __pa(msrpm);
    *vmcb64(vmcb, VMCB_VINTR) = VINTR_MASKING;
    *vmcb64(vmcb, VMCB_NP_ENABLE) = 1;
    *vmcb64(vmcb, VMCB_N_CR3) = p2m_root(v->domain->arch.hvm.p2m);
    *vmcb64(vmcb, VMCB_G_PAT) = 0x0007040600070406UL;   /* power-on PAT */
    *vmcb64(vmcb, VMCB_DR6) = 0xffff0ff0;
    *vmcb64(vmcb, VMCB_DR7) = 0x400;
    *vmcb64(vmcb, VMCB_EFER) = EFER_SVME;
    *vmcb64(vmcb, VMCB_RFLAGS) = 2;
    h->asid_cpu = -1;
    return 0;
}

static void svm_vcpu_destroy(struct vcpu *v)
{
    if ( v->arch.hvm.vmcb )
        free_xenheap_page(v->arch.hvm.vmcb);
    v->arch.hvm.vmcb = NULL;
}

static void svm_set_boot_state(struct vcpu *v, const struct hvm_boot_state *s)
{
    void *vmcb = v->arch.hvm.vmcb;

    set_seg(vmcb, VMCB_CS, &s->cs);
    set_seg(vmcb, VMCB_DS, &s->ds);
    set_seg(vmcb, VMCB_ES, &s->es);
    set_seg(vmcb, VMCB_SS, &s->ss);
    set_seg(vmcb, VMCB_FS, &s->fs);
    set_seg(vmcb, VMCB_GS, &s->gs);
    set_seg(vmcb, VMCB_TR, &s->tr);
    set_seg(vmcb, VMCB_LDTR, &s->ldtr);
    set_seg(vmcb, VMCB_GDTR, &s->gdtr);
    set_seg(vmcb, VMCB_IDTR, &s->idtr);
    *vmcb8(vmcb, VMCB_CPL) = 0;
    *vmcb64(vmcb, VMCB_CR0) = s->cr0;
    *vmcb64(vmcb, VMCB_CR3) = s->cr3;
    *vmcb64(vmcb, VMCB_CR4) = s->cr4;
    *vmcb64(vmcb, VMCB_EFER) = s->efer | EFER_SVME;
    *vmcb64(vmcb, VMCB_RIP) = s->rip;
    *vmcb64(vmcb, VMCB_RFLAGS) = s->rflags;
    /* A fresh CPU state: no NMI blocking, no interrupt shadow. */
    *vmcb32(vmcb, VMCB_INTERCEPTS1) &= ~I1_IRET;
    *vmcb64(vmcb, VMCB_INT_SHADOW) = 0;
}

static void get_seg(const void *vmcb, unsigned int off, struct hvm_seg *s)
{
    s->sel = *vmcb16((void *)vmcb, off + SEG_SEL);
    s->attr = *vmcb16((void *)vmcb, off + SEG_ATTR);
    s->limit = *vmcb32((void *)vmcb, off + SEG_LIMIT);
    s->base = *vmcb64((void *)vmcb, off + SEG_BASE);
}

static void svm_get_state(const struct vcpu *v, struct hvm_boot_state *s)
{
    const void *vmcb = v->arch.hvm.vmcb;

    get_seg(vmcb, VMCB_CS, &s->cs);
    get_seg(vmcb, VMCB_DS, &s->ds);
    get_seg(vmcb, VMCB_ES, &s->es);
    get_seg(vmcb, VMCB_SS, &s->ss);
    get_seg(vmcb, VMCB_FS, &s->fs);
    get_seg(vmcb, VMCB_GS, &s->gs);
    get_seg(vmcb, VMCB_TR, &s->tr);
    get_seg(vmcb, VMCB_LDTR, &s->ldtr);
    get_seg(vmcb, VMCB_GDTR, &s->gdtr);
    get_seg(vmcb, VMCB_IDTR, &s->idtr);
    s->cr0 = *vmcb64((void *)vmcb, VMCB_CR0);
    s->cr3 = *vmcb64((void *)vmcb, VMCB_CR3);
    s->cr4 = *vmcb64((void *)vmcb, VMCB_CR4);
    s->efer = *vmcb64((void *)vmcb, VMCB_EFER) & ~EFER_SVME;
    s->rip = *vmcb64((void *)vmcb, VMCB_RIP);
    s->rflags = *vmcb64((void *)vmcb, VMCB_RFLAGS);
}

/* ---- Running ------------------------------------------------------------ */

static void pick_asid(struct vcpu *v, unsigned int cpu)
{
    struct svm_cpu *sc = &svm_cpus[cpu];
    struct hvm_vcpu *h = &v->arch.hvm;
    void *vmcb = h->vmcb;

    if ( h->asid_cpu != (int)cpu || h->asid_gen != sc->asid_gen )
    {
        if ( sc->next_asid >= nr_asids )
        {
            sc->asid_gen++;
            sc->next_asid = 1;
        }
        h->asid = sc->next_asid++;
        h->asid_gen = sc->asid_gen;
        h->asid_cpu = cpu;
        h->flush_tlb = true;            /* the ASID may hold stale entries */
    }
    *vmcb32(vmcb, VMCB_ASID) = h->asid;
    *vmcb8(vmcb, VMCB_TLB_CONTROL) =
        __atomic_exchange_n(&h->flush_tlb, false, __ATOMIC_SEQ_CST) ?
        TLB_FLUSH_ALL : 0;
}

static void svm_inject_exception(struct vcpu *v, unsigned int vector, int ec)
{
    uint64_t ev = vector | EVENT_TYPE_EXC | EVENT_VALID;

    if ( ec >= 0 )
        ev |= EVENT_EV | ((uint64_t)(uint32_t)ec << 32);
    *vmcb64(v->arch.hvm.vmcb, VMCB_EVENTINJ) = ev;
}

/* The guest's DR6 lives in the VMCB (DR accesses are not intercepted). */
static void svm_single_step(struct vcpu *v)
{
    *vmcb64(v->arch.hvm.vmcb, VMCB_DR6) |= X86_DR6_BS;
    svm_inject_exception(v, 1, -1);
}

static void svm_set_cr2(struct vcpu *v, unsigned long cr2)
{
    *vmcb64(v->arch.hvm.vmcb, VMCB_CR2) = cr2;
}

static unsigned int insn_len(void *vmcb, unsigned int arch_len)
{
    uint64_t rip = *vmcb64(vmcb, VMCB_RIP), nrip = *vmcb64(vmcb, VMCB_NRIP);

    if ( has_nrips && nrip > rip && nrip - rip <= 15 )
        return nrip - rip;
    return arch_len;
}

static void decode_io(void *vmcb, struct hvm_exit *e)
{
    uint64_t info = *vmcb64(vmcb, VMCB_EXITINFO1);

    e->kind = HVM_EXIT_IO;
    e->io_in = info & 1;
    e->io_string = info & (3u << 2);            /* STR or REP */
    e->io_size = (info >> 4) & 7;               /* one-hot 1, 2, 4 */
    e->io_port = info >> 16;
    e->insn_len = *vmcb64(vmcb, VMCB_EXITINFO2) - *vmcb64(vmcb, VMCB_RIP);
}

static void crash(struct hvm_exit *e, const char *why)
{
    e->kind = HVM_EXIT_CRASH;
    e->why = why;
}

/*
 * NMI blocking in software (SVM has no virtual NMI masking): the IRET
 * intercept is on from an NMI's injection until the guest's next IRET,
 * which is what a CPU waits for.  The exit comes before the IRET runs:
 * the intercept goes, and an interrupt shadow over the IRET keeps the
 * next NMI (svm_nmi_blocked()) until it has completed.
 */
static void svm_iret(void *vmcb)
{
    *vmcb32(vmcb, VMCB_INTERCEPTS1) &= ~I1_IRET;
    *vmcb64(vmcb, VMCB_INT_SHADOW) |= 1;
}

static void decode_exit(struct vcpu *v, struct hvm_exit *e)
{
    void *vmcb = v->arch.hvm.vmcb;
    uint64_t code = *vmcb64(vmcb, VMCB_EXITCODE);

    e->code = code;
    e->kind = HVM_EXIT_NONE;
    if ( (uint32_t)code == 0xffffffff )     /* QEMU zero-extends the -1 */
        return crash(e, "VMRUN refused the guest state");
    switch ( code )
    {
    case EXIT_INTR: case EXIT_NMI: case EXIT_SMI: case EXIT_INIT:
    case EXIT_VINTR:
        return;                 /* taken by the host once GIF is set */
    case EXIT_IRET:
        return svm_iret(vmcb);
    case EXIT_EXC_BASE + 1:     /* #DB */
        return svm_inject_exception(v, 1, -1);
    case EXIT_EXC_BASE + 17:    /* #AC */
        return svm_inject_exception(v, 17, 0);
    case EXIT_CPUID:
        e->kind = HVM_EXIT_CPUID;
        e->insn_len = insn_len(vmcb, 2);
        return;
    case EXIT_MSR:
        e->kind = *vmcb64(vmcb, VMCB_EXITINFO1) ? HVM_EXIT_WRMSR
                                                 : HVM_EXIT_RDMSR;
        e->insn_len = insn_len(vmcb, 2);
        return;
    case EXIT_VMMCALL:
        e->kind = HVM_EXIT_HYPERCALL;
        e->insn_len = insn_len(vmcb, 3);
        return;
    case EXIT_HLT:
        e->kind = HVM_EXIT_HLT;
        e->insn_len = insn_len(vmcb, 1);
        return;
    case EXIT_IOIO:
        return decode_io(vmcb, e);
    case EXIT_NPF:
        /* EXITINFO1: bit 4 instruction fetch, bit 33 a guest page-table
         * access (bit 32 would be the final, data, address). */
        e->kind = HVM_EXIT_NPF;
        e->gpa = *vmcb64(vmcb, VMCB_EXITINFO2);
        e->npf_fetch = *vmcb64(vmcb, VMCB_EXITINFO1) & (1UL << 4);
        e->npf_walk = *vmcb64(vmcb, VMCB_EXITINFO1) & (1UL << 33);
        return;
    case EXIT_VMRUN: case EXIT_VMLOAD: case EXIT_VMSAVE: case EXIT_STGI:
    case EXIT_CLGI: case EXIT_SKINIT: case EXIT_INVLPGA:
    case EXIT_MONITOR: case EXIT_MWAIT: case EXIT_MWAIT_COND:
    case EXIT_XSETBV:
        /* No nested virtualisation, no MONITOR/MWAIT or XSAVE offered. */
        return svm_inject_exception(v, 6, -1);
    case EXIT_INVD:
        e->insn_len = insn_len(vmcb, 2);        /* nothing to write back */
        return;
    case EXIT_SHUTDOWN:
        return crash(e, "triple fault");
    case EXIT_TASK_SWITCH:
        return crash(e, "hardware task switch");
    default:
        return crash(e, "unhandled exit");
    }
}

static void svm_run(struct vcpu *v, struct cpu_user_regs *regs,
                    struct hvm_exit *e)
{
    struct hvm_vcpu *h = &v->arch.hvm;
    struct svm_cpu *sc = &svm_cpus[smp_processor_id()];
    void *vmcb = h->vmcb;
    uint64_t intinfo;

    /* An instruction the layer stepped over takes its shadow along. */
    if ( *vmcb64(vmcb, VMCB_RIP) != regs->rip )
        *vmcb64(vmcb, VMCB_INT_SHADOW) = 0;
    *vmcb64(vmcb, VMCB_RAX) = regs->rax;
    *vmcb64(vmcb, VMCB_RSP) = regs->rsp;
    *vmcb64(vmcb, VMCB_RIP) = regs->rip;
    *vmcb64(vmcb, VMCB_RFLAGS) = regs->rflags;
    *vmcb32(vmcb, VMCB_CLEAN) = 0;
    /* In the guest from here on as far as hvm_p2m_changed() is concerned:
     * set before pick_asid() looks at flush_tlb. */
    WRITE_ONCE(h->in_guest, true);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    pick_asid(v, smp_processor_id());
    for ( unsigned int i = 0; i < 4; i++ )
        write_dr(i, h->dr[i]);

    /* GIF off holds interrupts and NMIs until the host's FS/GS/TR are
     * back; IF on lets a physical interrupt end the guest's run. */
    clgi();
    local_irq_enable();
    vmsave(sc->host_state_pa);
    vmload(h->vmcb_pa);
    svm_vmrun(regs, h->vmcb_pa);
    vmsave(h->vmcb_pa);
    vmload(sc->host_state_pa);
    local_irq_disable();
    stgi();
    WRITE_ONCE(h->runs, h->runs + 1);
    WRITE_ONCE(h->in_guest, false);

    for ( unsigned int i = 0; i < 4; i++ )
        h->dr[i] = read_dr(i);
    /* The guest's DR6/DR7 live in the VMCB; leave the host's clean for
     * whoever runs next (a PV vCPU collects DR6 bits when it stops). */
    __asm__ volatile ( "mov %0, %%dr6; mov %1, %%dr7"
                       :: "r" (0xffff0ff0UL), "r" (0x400UL) );
    regs->rax = *vmcb64(vmcb, VMCB_RAX);
    regs->rsp = *vmcb64(vmcb, VMCB_RSP);
    regs->rip = *vmcb64(vmcb, VMCB_RIP);
    regs->rflags = *vmcb64(vmcb, VMCB_RFLAGS);
    *vmcb64(vmcb, VMCB_EVENTINJ) = 0;
    /* An event cut short by the exit is delivered again on re-entry. */
    intinfo = *vmcb64(vmcb, VMCB_EXITINTINFO);
    e->intinfo = intinfo & EVENT_VALID ? intinfo : 0;
    if ( intinfo & EVENT_VALID )
        *vmcb64(vmcb, VMCB_EVENTINJ) = intinfo;
    decode_exit(v, e);
}

/* ---- Guest state queries ------------------------------------------------ */

static unsigned int svm_cpl(const struct vcpu *v)
{
    return *vmcb8(v->arch.hvm.vmcb, VMCB_CPL) & 3;
}

static bool svm_long_mode(const struct vcpu *v)
{
    void *vmcb = v->arch.hvm.vmcb;

    return (*vmcb64(vmcb, VMCB_EFER) & EFER_LMA) &&
           (*vmcb16(vmcb, VMCB_CS + SEG_ATTR) & (1u << 9));     /* CS.L */
}

static uint64_t svm_get_cr(const struct vcpu *v, unsigned int n)
{
    void *vmcb = v->arch.hvm.vmcb;

    switch ( n )
    {
    case 0: return *vmcb64(vmcb, VMCB_CR0);
    case 3: return *vmcb64(vmcb, VMCB_CR3);
    case 4: return *vmcb64(vmcb, VMCB_CR4);
    }
    return 0;
}

static uint64_t svm_get_efer(const struct vcpu *v)
{
    return *vmcb64(v->arch.hvm.vmcb, VMCB_EFER) & ~(uint64_t)EFER_SVME;
}

/* SCE, LME and NXE are the guest's; LMA follows CR0.PG (hardware sets it),
 * SVME stays on underneath (VMRUN requires it) and is never shown. */
static int svm_set_efer(struct vcpu *v, uint64_t val)
{
    void *vmcb = v->arch.hvm.vmcb;
    uint64_t old = *vmcb64(vmcb, VMCB_EFER);
    uint64_t allowed = EFER_SCE | EFER_LME | EFER_NXE | EFER_LMA;

    if ( val & ~allowed )
        return -EINVAL;
    /* LMA is read-only; LME may not change while paging is on. */
    if ( (val ^ old) & EFER_LMA )
        val = (val & ~(uint64_t)EFER_LMA) | (old & EFER_LMA);
    if ( ((val ^ old) & EFER_LME) && (*vmcb64(vmcb, VMCB_CR0) & X86_CR0_PG) )
        return -EINVAL;
    *vmcb64(vmcb, VMCB_EFER) = val | EFER_SVME;
    return 0;
}

static const struct { uint32_t msr; unsigned int off; } vmcb_msrs[] = {
    { MSR_FS_BASE, VMCB_FS + SEG_BASE },
    { MSR_GS_BASE, VMCB_GS + SEG_BASE },
    { MSR_SHADOW_GS_BASE, VMCB_KERNEL_GS_BASE },
    { MSR_STAR, VMCB_STAR },
    { MSR_LSTAR, VMCB_LSTAR },
    { MSR_CSTAR, VMCB_CSTAR },
    { MSR_SYSCALL_MASK, VMCB_SFMASK },
    { 0x174, VMCB_SYSENTER_CS },
    { 0x175, VMCB_SYSENTER_ESP },
    { 0x176, VMCB_SYSENTER_EIP },
    { 0x277, VMCB_G_PAT },
};

static bool svm_msr_read(const struct vcpu *v, uint32_t msr, uint64_t *val)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(vmcb_msrs); i++ )
        if ( vmcb_msrs[i].msr == msr )
        {
            *val = *vmcb64(v->arch.hvm.vmcb, vmcb_msrs[i].off);
            return true;
        }
    return false;
}

static bool canonical(uint64_t a)
{
    return ((int64_t)a >> 47) == 0 || ((int64_t)a >> 47) == -1;
}

/* False also for a value the CPU would refuse (the caller injects #GP). */
static bool svm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(vmcb_msrs); i++ )
        if ( vmcb_msrs[i].msr == msr )
        {
            if ( msr == 0x277 )
            {
                /* Each PAT entry must be a defined type: 0,1,4,5,6,7. */
                for ( unsigned int b = 0; b < 8; b++ )
                {
                    unsigned int t = (val >> (8 * b)) & 0xff;

                    if ( t > 7 || t == 2 || t == 3 )
                        return false;
                }
            }
            else if ( msr != MSR_STAR && msr != MSR_SYSCALL_MASK &&
                      msr != 0x174 && !canonical(val) )
                return false;
            *vmcb64(v->arch.hvm.vmcb, vmcb_msrs[i].off) = val;
            return true;
        }
    return false;
}

/* Per hypercall, 32 bytes: mov $nr, %eax; vmmcall; ret; the rest int3. */
static void svm_write_hypercall_page(void *page)
{
    uint8_t *p = page;

    memset(page, 0xcc, PAGE_SIZE);
    for ( unsigned int i = 0; i < PAGE_SIZE / 32; i++, p += 32 )
    {
        p[0] = 0xb8;
        memcpy(p + 1, &i, 4);
        p[5] = 0x0f; p[6] = 0x01; p[7] = 0xd9;
        p[8] = 0xc3;
    }
}

/* ---- Interrupts ---------------------------------------------------------- */

/* The shadow in the VMCB belongs to the instruction the guest stopped
 * at; once the layer stepped past that one, it no longer holds. */
static bool svm_intr_blocked(struct vcpu *v)
{
    void *vmcb = v->arch.hvm.vmcb;
    bool same_insn = *vmcb64(vmcb, VMCB_RIP) == guest_cpu_user_regs()->rip;

    return (*vmcb64(vmcb, VMCB_EVENTINJ) & EVENT_VALID) ||
           (same_insn && (*vmcb64(vmcb, VMCB_INT_SHADOW) & 1));
}

static void svm_inject_intr(struct vcpu *v, unsigned int vector)
{
    *vmcb64(v->arch.hvm.vmcb, VMCB_EVENTINJ) =
        (vector & 0xff) | EVENT_TYPE_INTR | EVENT_VALID;
}

/* The window: a virtual interrupt the CPU would take as soon as the guest
 * can take one (TPR ignored), intercepted before it is delivered. */
static void svm_intr_window(struct vcpu *v, bool open)
{
    void *vmcb = v->arch.hvm.vmcb;
    uint64_t *vintr = vmcb64(vmcb, VMCB_VINTR);

    *vintr &= ~(VINTR_V_IRQ | VINTR_PRIO_MAX | VINTR_IGN_TPR |
                (0xffUL << VINTR_VECTOR_SHIFT));
    if ( open )
    {
        *vintr |= VINTR_V_IRQ | VINTR_PRIO_MAX | VINTR_IGN_TPR;
        *vmcb32(vmcb, VMCB_INTERCEPTS1) |= I1_VINTR;
    }
    else
        *vmcb32(vmcb, VMCB_INTERCEPTS1) &= ~I1_VINTR;
}

static bool svm_nmi_blocked(struct vcpu *v)
{
    return (*vmcb32(v->arch.hvm.vmcb, VMCB_INTERCEPTS1) & I1_IRET) ||
           svm_intr_blocked(v);
}

static void svm_inject_nmi(struct vcpu *v)
{
    void *vmcb = v->arch.hvm.vmcb;

    *vmcb64(vmcb, VMCB_EVENTINJ) = 2 | EVENT_TYPE_NMI | EVENT_VALID;
    *vmcb32(vmcb, VMCB_INTERCEPTS1) |= I1_IRET;
}

/* While the guest is in its handler the IRET exit is the window; after
 * it (the shadow, or an event queued) the interrupt window, which also
 * waits for RFLAGS.IF: an NMI behind IF=0 waits for the next exit. */
static void svm_nmi_window(struct vcpu *v, bool open)
{
    if ( open && !(*vmcb32(v->arch.hvm.vmcb, VMCB_INTERCEPTS1) & I1_IRET) )
        svm_intr_window(v, true);
}

/* With V_INTR_MASKING the guest's CR8 lives in V_TPR (bits 3-0). */
static unsigned int svm_get_vtpr(const struct vcpu *v)
{
    return *vmcb64(v->arch.hvm.vmcb, VMCB_VINTR) & 0xf;
}

static void svm_set_vtpr(struct vcpu *v, unsigned int cr8)
{
    uint64_t *vintr = vmcb64(v->arch.hvm.vmcb, VMCB_VINTR);

    *vintr = (*vintr & ~0xfUL) | (cr8 & 0xf);
}

static void svm_get_cs(const struct vcpu *v, struct hvm_seg *cs)
{
    void *vmcb = v->arch.hvm.vmcb;

    cs->sel = *vmcb16(vmcb, VMCB_CS + SEG_SEL);
    cs->attr = *vmcb16(vmcb, VMCB_CS + SEG_ATTR);
    cs->limit = *vmcb32(vmcb, VMCB_CS + SEG_LIMIT);
    cs->base = *vmcb64(vmcb, VMCB_CS + SEG_BASE);
}

static const struct hvm_vendor svm_vendor = {
    .name = "AMD SVM with nested paging",
    .cpu_up = svm_cpu_up,
    .vcpu_create = svm_vcpu_create,
    .vcpu_destroy = svm_vcpu_destroy,
    .vcpu_set_boot_state = svm_set_boot_state,
    .vcpu_get_state = svm_get_state,
    .run = svm_run,
    .inject_exception = svm_inject_exception,
    .single_step = svm_single_step,
    .set_cr2 = svm_set_cr2,
    .cpl = svm_cpl,
    .long_mode = svm_long_mode,
    .get_cr = svm_get_cr,
    .get_efer = svm_get_efer,
    .set_efer = svm_set_efer,
    .msr_read = svm_msr_read,
    .msr_write = svm_msr_write,
    .write_hypercall_page = svm_write_hypercall_page,
    .intr_blocked = svm_intr_blocked,
    .inject_intr = svm_inject_intr,
    .intr_window = svm_intr_window,
    .nmi_blocked = svm_nmi_blocked,
    .inject_nmi = svm_inject_nmi,
    .nmi_window = svm_nmi_window,
    .get_vtpr = svm_get_vtpr,
    .set_vtpr = svm_set_vtpr,
    .get_cs = svm_get_cs,
    .p2m_format = P2M_FORMAT_NPT,
};

const struct hvm_vendor *svm_probe(void)
{
    return svm_usable() ? &svm_vendor : NULL;
}
