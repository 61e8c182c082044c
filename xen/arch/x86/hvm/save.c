/*
 * An HVM domain's saved state for the toolstack (XEN_DOMCTL_gethvmcontext
 * and sethvmcontext, public/hvm/save.h).  A domain builder reads the
 * chain once for its header and MTRR records, then loads a short chain
 * (header, vCPU 0's CPU record, end) to start the guest: that is how
 * Xen 4.17's libxc enters a PVH kernel, so the same builder works here.
 *
 * Records written: the header, a CPU record per vCPU that is up (Xen
 * writes none for one that is down), an MTRR record per vCPU (the PAT
 * and the MTRR MSRs of hvm/mtrr.c), the end.  Records read: header
 * (magic and version must match), CPU, MTRR (the PAT, MTRRdefType, the
 * fixed and variable ranges, each checked as a WRMSR of the guest's
 * would be: one bad value refuses the record), end.  A CPU record makes its vCPU initialised
 * and up, as on Xen.  Everything in a chain is checked before its
 * record is applied: the worst a bad chain does is an errno, with the
 * records before it applied.  Not loaded from a CPU record: the debug
 * registers, cr2, the TSC, a pending event (Xen reinjects it), the FPU
 * when its flag is clear.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/vcpu.h>
#include <xen/xmalloc.h>
#include <xen/guest_access.h>
#include <xen/time.h>
#include <asm/cpu.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/msr-index.h>
#include <asm/hvm/hvm.h>
#include <public/domctl.h>
#include <public/hvm/save.h>

#define DESC sizeof(struct hvm_save_descriptor)
/* A chain larger than this cannot be one of ours (a few KiB a vCPU). */
#define MAX_CHAIN (1U << 20)

#define PAT_RESET     0x0007040600070406ULL

#define CR0_KNOWN (X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS |      \
                   X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_AM |      \
                   X86_CR0_NW | X86_CR0_CD | X86_CR0_PG)
/* CR4 bits a guest here may hold (no VMX, no XSAVE, no PKE). */
#define CR4_KNOWN (X86_CR4_VME | X86_CR4_PVI | X86_CR4_TSD | X86_CR4_DE |   \
                   X86_CR4_PSE | X86_CR4_PAE | X86_CR4_MCE | X86_CR4_PGE |  \
                   X86_CR4_PCE | X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT |      \
                   X86_CR4_UMIP | X86_CR4_FSGSBASE | X86_CR4_PCIDE |        \
                   X86_CR4_SMEP | X86_CR4_SMAP)
#define EFER_KNOWN (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

struct chain {
    uint8_t *buf;
    uint32_t size, cur;
};

/* ---- Writing ------------------------------------------------------------ */

static void put_record(struct chain *c, uint16_t code, uint16_t inst,
                       const void *rec, uint32_t len)
{
    struct hvm_save_descriptor d = { code, inst, len };

    memcpy(c->buf + c->cur, &d, DESC);
    memcpy(c->buf + c->cur + DESC, rec, len);
    c->cur += DESC + len;
}

static uint32_t chain_size(const struct domain *d)
{
    uint32_t n = 0;

    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        n += d->vcpu[i] != NULL;
    return DESC + sizeof(struct hvm_save_header) +
           n * (2 * DESC + sizeof(struct hvm_hw_cpu) +
                sizeof(struct hvm_hw_mtrr)) + DESC;
}

static void seg_out(const struct hvm_seg *s, uint32_t *sel, uint32_t *limit,
                    uint64_t *base, uint32_t *ar)
{
    if ( sel )
        *sel = s->sel;
    *limit = s->limit;
    *base = s->base;
    if ( ar )
        *ar = s->attr;
}

static uint64_t msr_or_0(struct vcpu *v, uint32_t msr)
{
    uint64_t val = 0;

    return hvm_msr_read(v, msr, &val) ? 0 : val;
}

static void save_cpu(struct vcpu *v, struct hvm_hw_cpu *c)
{
    const struct cpu_user_regs *r = &v->arch.user_regs;
    struct hvm_boot_state s;

    memset(c, 0, sizeof(*c));
    hvm_vendor->vcpu_get_state(v, &s);
    memcpy(c->fpu_regs, v->arch.fpu_ctxt, sizeof(c->fpu_regs));
    c->flags = XEN_X86_FPU_INITIALISED;
    c->rax = r->rax; c->rbx = r->rbx; c->rcx = r->rcx; c->rdx = r->rdx;
    c->rbp = r->rbp; c->rsi = r->rsi; c->rdi = r->rdi; c->rsp = r->rsp;
    c->r8 = r->r8; c->r9 = r->r9; c->r10 = r->r10; c->r11 = r->r11;
    c->r12 = r->r12; c->r13 = r->r13; c->r14 = r->r14; c->r15 = r->r15;
    c->rip = r->rip;
    c->rflags = r->rflags;
    c->cr0 = s.cr0; c->cr3 = s.cr3; c->cr4 = s.cr4;
    c->msr_efer = s.efer;
    c->dr6 = 0xffff0ff0;
    c->dr7 = 0x400;
    seg_out(&s.cs, &c->cs_sel, &c->cs_limit, &c->cs_base, &c->cs_arbytes);
    seg_out(&s.ds, &c->ds_sel, &c->ds_limit, &c->ds_base, &c->ds_arbytes);
    seg_out(&s.es, &c->es_sel, &c->es_limit, &c->es_base, &c->es_arbytes);
    seg_out(&s.fs, &c->fs_sel, &c->fs_limit, &c->fs_base, &c->fs_arbytes);
    seg_out(&s.gs, &c->gs_sel, &c->gs_limit, &c->gs_base, &c->gs_arbytes);
    seg_out(&s.ss, &c->ss_sel, &c->ss_limit, &c->ss_base, &c->ss_arbytes);
    seg_out(&s.tr, &c->tr_sel, &c->tr_limit, &c->tr_base, &c->tr_arbytes);
    seg_out(&s.ldtr, &c->ldtr_sel, &c->ldtr_limit, &c->ldtr_base,
            &c->ldtr_arbytes);
    seg_out(&s.idtr, NULL, &c->idtr_limit, &c->idtr_base, NULL);
    seg_out(&s.gdtr, NULL, &c->gdtr_limit, &c->gdtr_base, NULL);
    c->sysenter_cs = msr_or_0(v, 0x174);
    c->sysenter_esp = msr_or_0(v, 0x175);
    c->sysenter_eip = msr_or_0(v, 0x176);
    c->shadow_gs = msr_or_0(v, MSR_SHADOW_GS_BASE);
    c->msr_lstar = msr_or_0(v, MSR_LSTAR);
    c->msr_star = msr_or_0(v, MSR_STAR);
    c->msr_cstar = msr_or_0(v, MSR_CSTAR);
    c->msr_syscall_mask = msr_or_0(v, MSR_SYSCALL_MASK);
}

static void save_mtrr(struct vcpu *v, struct hvm_hw_mtrr *m)
{
    memset(m, 0, sizeof(*m));
    if ( hvm_msr_read(v, MSR_IA32_CR_PAT, &m->msr_pat_cr) )
        m->msr_pat_cr = PAT_RESET;
    m->msr_mtrr_cap = hvm_mtrr_cap();
    m->msr_mtrr_def_type = v->arch.hvm.mtrr.def_type;
    memcpy(m->msr_mtrr_fixed, v->arch.hvm.mtrr.fixed,
           sizeof(m->msr_mtrr_fixed));
    memcpy(m->msr_mtrr_var, v->arch.hvm.mtrr.var, sizeof(m->msr_mtrr_var));
}

static void save_chain(struct domain *d, struct chain *c)
{
    struct cpuid_leaf l1;
    struct hvm_save_header h = {
        .magic = HVM_FILE_MAGIC, .version = HVM_FILE_VERSION,
        .gtsc_khz = cpu_khz,
    };
    union {
        struct hvm_hw_cpu cpu;
        struct hvm_hw_mtrr mtrr;
    } *rec = xmalloc(typeof(*rec));

    cpuid(1, &l1);
    h.cpuid = l1.a;
    put_record(c, HVM_SAVE_CODE_HEADER, 0, &h, sizeof(h));
    /* As Xen: no CPU record for a vCPU that is down (never started). */
    for ( unsigned int i = 0; rec && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && !(d->vcpu[i]->pause_flags & VPF_down) )
        {
            save_cpu(d->vcpu[i], &rec->cpu);
            put_record(c, HVM_SAVE_CODE_CPU, i, &rec->cpu, sizeof(rec->cpu));
        }
    for ( unsigned int i = 0; rec && i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
        {
            save_mtrr(d->vcpu[i], &rec->mtrr);
            put_record(c, HVM_SAVE_CODE_MTRR, i, &rec->mtrr,
                       sizeof(rec->mtrr));
        }
    put_record(c, HVM_SAVE_CODE_END, 0, NULL, 0);
    xfree(rec);
}

long hvm_get_context(struct domain *d, struct xen_domctl_hvmcontext *hc)
{
    struct chain c = { .size = chain_size(d) };
    long rc;

    if ( d == current->domain || !d->arch.is_hvm )
        return -EINVAL;
    if ( !hc->buffer.p )
    {
        hc->size = c.size;              /* a query for the size */
        return 0;
    }
    if ( hc->size < c.size )
        return -ENOSPC;
    if ( !(c.buf = xzalloc_bytes(c.size)) )
        return -ENOMEM;
    if ( (rc = domain_pause_by_controller(d)) == 0 )
    {
        save_chain(d, &c);
        domain_unpause_by_controller(d);
        hc->size = c.cur;
        if ( copy_to_guest_ptr(hc->buffer.p, c.buf, c.cur) )
            rc = -EFAULT;
    }
    xfree(c.buf);
    return rc;
}

/* ---- Reading ------------------------------------------------------------ */

static int check_cpu(const struct hvm_hw_cpu *c)
{
    bool lme = c->msr_efer & EFER_LME, lma = c->msr_efer & EFER_LMA;

    if ( c->pad0 || (c->cr0 & ~(uint64_t)CR0_KNOWN) ||
         ((c->cr0 & X86_CR0_PG) && !(c->cr0 & X86_CR0_PE)) ||
         (c->cr4 & ~(uint64_t)CR4_KNOWN) || (c->msr_efer & ~EFER_KNOWN) )
        return -EINVAL;
    /* Long mode active exactly when enabled with paging on. */
    if ( lma != (lme && (c->cr0 & X86_CR0_PG)) )
        return -EINVAL;
    if ( c->msr_tsc_aux >> 32 )
        return -EINVAL;
    return 0;
}

static struct hvm_seg seg_in(uint32_t sel, uint32_t limit, uint64_t base,
                             uint32_t ar)
{
    return (struct hvm_seg){ .sel = sel, .attr = ar & 0xfff, .limit = limit,
                             .base = base };
}

static void load_msrs(struct vcpu *v, const struct hvm_hw_cpu *c)
{
    static const uint32_t msrs[] = { 0x174, 0x175, 0x176, MSR_SHADOW_GS_BASE,
                                     MSR_LSTAR, MSR_STAR, MSR_CSTAR,
                                     MSR_SYSCALL_MASK };
    const uint64_t vals[] = { c->sysenter_cs, c->sysenter_esp,
                              c->sysenter_eip, c->shadow_gs, c->msr_lstar,
                              c->msr_star, c->msr_cstar, c->msr_syscall_mask };

    /* Non-canonical addresses are refused by the vendor and stay 0. */
    for ( unsigned int i = 0; i < ARRAY_SIZE(msrs); i++ )
        (void)hvm_msr_write(v, msrs[i], vals[i]);
}

static int load_cpu(struct domain *d, unsigned int id, const void *rec)
{
    struct hvm_hw_cpu *c = xmalloc(struct hvm_hw_cpu);
    struct cpu_user_regs *r;
    struct hvm_boot_state s;
    struct vcpu *v;
    int rc = -EINVAL;

    if ( !c )
        return -ENOMEM;
    memcpy(c, rec, sizeof(*c));
    if ( id >= d->max_vcpus || !(v = d->vcpu[id]) || (rc = check_cpu(c)) )
        goto out;
    s = (struct hvm_boot_state){
        .rip = c->rip, .rbx = c->rbx, .rflags = (c->rflags & ~0x8028UL) | 2,
        .cr0 = c->cr0, .cr3 = c->cr3, .cr4 = c->cr4, .efer = c->msr_efer,
        .cs = seg_in(c->cs_sel, c->cs_limit, c->cs_base, c->cs_arbytes),
        .ds = seg_in(c->ds_sel, c->ds_limit, c->ds_base, c->ds_arbytes),
        .es = seg_in(c->es_sel, c->es_limit, c->es_base, c->es_arbytes),
        .fs = seg_in(c->fs_sel, c->fs_limit, c->fs_base, c->fs_arbytes),
        .gs = seg_in(c->gs_sel, c->gs_limit, c->gs_base, c->gs_arbytes),
        .ss = seg_in(c->ss_sel, c->ss_limit, c->ss_base, c->ss_arbytes),
        .tr = seg_in(c->tr_sel, c->tr_limit, c->tr_base, c->tr_arbytes),
        .ldtr = seg_in(c->ldtr_sel, c->ldtr_limit, c->ldtr_base,
                       c->ldtr_arbytes),
        .gdtr = seg_in(0, c->gdtr_limit, c->gdtr_base, 0),
        .idtr = seg_in(0, c->idtr_limit, c->idtr_base, 0),
    };
    spin_lock(&d->domain_lock);
    hvm_vendor->vcpu_set_boot_state(v, &s);
    load_msrs(v, c);
    r = &v->arch.user_regs;
    memset(r, 0, sizeof(*r));
    r->rax = c->rax; r->rbx = c->rbx; r->rcx = c->rcx; r->rdx = c->rdx;
    r->rbp = c->rbp; r->rsi = c->rsi; r->rdi = c->rdi; r->rsp = c->rsp;
    r->r8 = c->r8; r->r9 = c->r9; r->r10 = c->r10; r->r11 = c->r11;
    r->r12 = c->r12; r->r13 = c->r13; r->r14 = c->r14; r->r15 = c->r15;
    r->rip = s.rip;
    r->rflags = s.rflags;
    if ( c->flags & XEN_X86_FPU_INITIALISED )
        memcpy(v->arch.fpu_ctxt, c->fpu_regs, sizeof(v->arch.fpu_ctxt));
    v->initialised = true;
    vcpu_unpause_flag(v, VPF_down);
    spin_unlock(&d->domain_lock);
 out:
    xfree(c);
    return rc;
}

/* The record's MSRs in the order they are loaded: MTRRdefType, the
 * fixed ranges, the variable ranges. */
static uint32_t mtrr_record_msr(unsigned int i)
{
    static const uint32_t fixed[NUM_FIXED_MSR] = {
        0x250, 0x258, 0x259, 0x268, 0x269, 0x26a, 0x26b, 0x26c, 0x26d,
        0x26e, 0x26f,
    };

    if ( i == 0 )
        return 0x2ff;
    if ( i <= NUM_FIXED_MSR )
        return fixed[i - 1];
    return 0x200 + (i - 1 - NUM_FIXED_MSR);
}

/* Loaded as the guest's own WRMSRs would be (hvm/mtrr.c's checks); a
 * bad value puts the vCPU's MTRRs back as they were and refuses the
 * record. */
static int load_mtrr(struct domain *d, unsigned int id, const void *rec)
{
    const unsigned int n = 1 + NUM_FIXED_MSR + 2 * MTRR_VCNT;
    struct hvm_hw_mtrr m;
    struct hvm_mtrr saved;
    struct vcpu *v;
    int rc = 0;

    BUILD_BUG_ON(MTRR_VCNT != HVM_MTRR_VCNT ||
                 NUM_FIXED_MSR != HVM_MTRR_FIXED);
    memcpy(&m, rec, sizeof(m));
    if ( id >= d->max_vcpus || !(v = d->vcpu[id]) ||
         (m.msr_mtrr_cap & 0xff) > MTRR_VCNT )
        return -EINVAL;
    saved = v->arch.hvm.mtrr;
    for ( unsigned int i = 0; !rc && i < n; i++ )
    {
        uint64_t val = i == 0 ? m.msr_mtrr_def_type
                     : i <= NUM_FIXED_MSR ? m.msr_mtrr_fixed[i - 1]
                     : m.msr_mtrr_var[i - 1 - NUM_FIXED_MSR];

        rc = hvm_mtrr_set(v, mtrr_record_msr(i), val);
    }
    if ( !rc )
        rc = hvm_msr_write(v, MSR_IA32_CR_PAT, m.msr_pat_cr);
    if ( rc )
        v->arch.hvm.mtrr = saved;
    return rc ? -EINVAL : 0;
}

static int check_header(const void *rec, uint32_t len)
{
    struct hvm_save_header h;

    if ( len != sizeof(h) )
        return -EINVAL;
    memcpy(&h, rec, sizeof(h));
    if ( h.magic != HVM_FILE_MAGIC || h.version != HVM_FILE_VERSION )
        return -EINVAL;
    /* Another CPU model or TSC rate is only worth a note, as on Xen. */
    return 0;
}

static int load_record(struct domain *d, const struct hvm_save_descriptor *h,
                       const void *rec)
{
    switch ( h->typecode )
    {
    case HVM_SAVE_CODE_CPU:
        return h->length == sizeof(struct hvm_hw_cpu)
               ? load_cpu(d, h->instance, rec) : -EINVAL;
    case HVM_SAVE_CODE_MTRR:
        return h->length == sizeof(struct hvm_hw_mtrr)
               ? load_mtrr(d, h->instance, rec) : -EINVAL;
    }
    return -EINVAL;                 /* a type without a loader here */
}

static int load_chain(struct domain *d, const struct chain *c)
{
    uint32_t cur = 0;
    bool first = true;
    int rc;

    for ( ;; )
    {
        struct hvm_save_descriptor h;

        if ( c->size - cur < DESC )
            return -ENODATA;        /* no end record */
        memcpy(&h, c->buf + cur, DESC);
        cur += DESC;
        if ( h.length > c->size - cur )
            return -EINVAL;
        if ( first )
            rc = h.typecode == HVM_SAVE_CODE_HEADER
                 ? check_header(c->buf + cur, h.length) : -EINVAL;
        else if ( h.typecode == HVM_SAVE_CODE_END )
            return 0;
        else
            rc = load_record(d, &h, c->buf + cur);
        if ( rc )
            return rc;
        first = false;
        cur += h.length;
    }
}

long hvm_set_context(struct domain *d, const struct xen_domctl_hvmcontext *hc)
{
    struct chain c = { .size = hc->size };
    long rc;

    if ( d == current->domain || !d->arch.is_hvm )
        return -EINVAL;
    if ( c.size > MAX_CHAIN || !(c.buf = xmalloc_bytes(c.size ?: 1)) )
        return -ENOMEM;
    rc = -EFAULT;
    if ( !copy_from_guest_ptr(c.buf, hc->buffer.p, c.size) &&
         (rc = domain_pause_by_controller(d)) == 0 )
    {
        rc = load_chain(d, &c);
        domain_unpause_by_controller(d);
    }
    xfree(c.buf);
    return rc;
}
