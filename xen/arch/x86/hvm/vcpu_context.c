/*
 * VCPUOP_initialise for HVM (PVH) vCPUs: the guest names a secondary
 * vCPU's first registers in Xen's vcpu_hvm_context, either 32-bit
 * protected mode (segments as base, limit and packed attributes) or
 * 64-bit mode (flat segments implied, paging on).  Checked here so that
 * VMRUN accepts the state; a context the checks let through but the CPU
 * still refuses crashes the domain at the first entry, never the
 * hypervisor.  GDTR and IDTR start empty, LDTR unusable: the guest loads
 * its own.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <public/hvm/hvm_vcpu.h>

#define AR_TYPE_ACCESSED 0x001
#define AR_TYPE_WRITE    0x002          /* data: writable; code: readable */
#define AR_TYPE_CODE     0x008
#define AR_S             0x010          /* code or data, not system */
#define AR_P             0x080
#define AR_L             0x200
#define AR_DB            0x400

#define CR0_KNOWN  (X86_CR0_PE | X86_CR0_MP | X86_CR0_EM | X86_CR0_TS | \
                    X86_CR0_ET | X86_CR0_NE | X86_CR0_WP | X86_CR0_AM | \
                    X86_CR0_NW | X86_CR0_CD | X86_CR0_PG)
#define CR4_KNOWN  0x7ffUL              /* VME up to OSXMMEXCPT */
#define EFER_KNOWN (EFER_SCE | EFER_LME | EFER_LMA | EFER_NXE)

static const struct hvm_seg flat64_cs = { 0, 0xa9b, 0xffffffff, 0 };
static const struct hvm_seg flat_data = { 0, 0xc93, 0xffffffff, 0 };
static const struct hvm_seg busy_tss = { 0, 0x08b, 0x67, 0 };
static const struct hvm_seg unusable = { 0, 0, 0, 0 };

static bool seg_ok(const struct hvm_seg *s, bool code, bool may_be_null)
{
    if ( !s->attr )
        return may_be_null;
    if ( !(s->attr & AR_P) || !(s->attr & AR_S) )
        return false;
    if ( code )
        return (s->attr & AR_TYPE_CODE) && !(s->attr & AR_L);
    return !(s->attr & AR_TYPE_CODE) && (s->attr & AR_TYPE_WRITE);
}

static struct hvm_seg seg(uint32_t base, uint32_t limit, uint16_t ar)
{
    return (struct hvm_seg){ .sel = 0, .attr = ar & 0xfff, .limit = limit,
                             .base = base };
}

static bool control_ok(uint64_t cr0, uint64_t cr4, uint64_t efer)
{
    return !(cr0 & ~(uint64_t)CR0_KNOWN) && !(cr4 & ~CR4_KNOWN) &&
           !(efer & ~(uint64_t)EFER_KNOWN) && (cr0 & X86_CR0_PE) &&
           (!(cr0 & X86_CR0_NW) || (cr0 & X86_CR0_CD));
}

static int load32(struct vcpu *v, const struct vcpu_hvm_x86_32 *c)
{
    struct cpu_user_regs *r = &v->arch.user_regs;
    struct hvm_boot_state s = {
        .rip = c->eip, .rbx = c->ebx, .rflags = c->eflags | 2,
        .cr0 = c->cr0, .cr3 = c->cr3, .cr4 = c->cr4, .efer = c->efer,
        .cs = seg(c->cs_base, c->cs_limit, c->cs_ar),
        .ds = seg(c->ds_base, c->ds_limit, c->ds_ar),
        .es = seg(c->es_base, c->es_limit, c->es_ar),
        .ss = seg(c->ss_base, c->ss_limit, c->ss_ar),
        .tr = seg(c->tr_base, c->tr_limit, c->tr_ar),
        .ldtr = unusable,
    };

    if ( !control_ok(c->cr0, c->cr4, c->efer) || (c->efer & EFER_LMA) ||
         ((c->efer & EFER_LME) && (c->cr0 & X86_CR0_PG)) )
        return -EINVAL;
    if ( !seg_ok(&s.cs, true, false) || !seg_ok(&s.ss, false, false) ||
         !seg_ok(&s.ds, false, true) || !seg_ok(&s.es, false, true) ||
         (s.tr.attr & (AR_P | AR_S | 0xf)) != (AR_P | 0xb) )
        return -EINVAL;
    hvm_vendor->vcpu_set_boot_state(v, &s);
    memset(r, 0, sizeof(*r));
    r->rax = c->eax; r->rcx = c->ecx; r->rdx = c->edx; r->rbx = c->ebx;
    r->rsp = c->esp; r->rbp = c->ebp; r->rsi = c->esi; r->rdi = c->edi;
    r->rip = s.rip;
    r->rflags = s.rflags;
    return 0;
}

static bool canonical(uint64_t a)
{
    return ((int64_t)a >> 47) == 0 || ((int64_t)a >> 47) == -1;
}

static int load64(struct vcpu *v, const struct vcpu_hvm_x86_64 *c)
{
    struct cpu_user_regs *r = &v->arch.user_regs;
    struct hvm_boot_state s = {
        .rip = c->rip, .rbx = c->rbx, .rflags = (c->rflags & 0xffffffff) | 2,
        .cr0 = c->cr0, .cr3 = c->cr3, .cr4 = c->cr4,
        .efer = c->efer | EFER_LMA,
        .cs = flat64_cs, .ds = flat_data, .es = flat_data, .ss = flat_data,
        .tr = busy_tss, .ldtr = unusable,
    };

    if ( !control_ok(c->cr0, c->cr4, c->efer) || !(c->cr0 & X86_CR0_PG) ||
         !(c->cr4 & 0x20) || !(c->efer & EFER_LME) || !canonical(c->rip) ||
         (c->cr3 >> 52) )
        return -EINVAL;
    hvm_vendor->vcpu_set_boot_state(v, &s);
    memset(r, 0, sizeof(*r));
    r->rax = c->rax; r->rcx = c->rcx; r->rdx = c->rdx; r->rbx = c->rbx;
    r->rsp = c->rsp; r->rbp = c->rbp; r->rsi = c->rsi; r->rdi = c->rdi;
    r->rip = s.rip;
    r->rflags = s.rflags;
    return 0;
}

int hvm_set_vcpu_context(struct vcpu *v, const struct vcpu_hvm_context *c)
{
    switch ( c->mode )
    {
    case VCPU_HVM_MODE_32B:
        return load32(v, &c->cpu_regs.x86_32);
    case VCPU_HVM_MODE_64B:
        return load64(v, &c->cpu_regs.x86_64);
    }
    return -EINVAL;
}
