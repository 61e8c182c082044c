/*
 * INIT and start-up IPIs between the vCPUs of an HVM domain, as a
 * domain's own processors start each other: Linux as a PVH domU brings
 * up its secondary vCPUs this way once the MADT lists them (Xen 4.17
 * does the same: its APs start), instead of VCPUOP_initialise.
 *
 * INIT to a vCPU that is up takes it down, as Xen 4.17 does: it leaves
 * its CPU at the next scheduling point (not waited for here: two vCPUs
 * could INIT each other), loses its context (VCPUOP_up is refused until
 * it gets a new one) and its local APIC is reset.  INIT to a vCPU that
 * is down arms it the same way: it waits for a start-up IPI.  The first
 * SIPI after an INIT, once the vCPU is off every CPU, loads the state a
 * CPU has after INIT and SIPI (real mode, CS selector vector << 8, base
 * vector << 12, IP 0, flat 64 KiB data segments, CR0 = ET, EFER 0,
 * everything else 0) and brings it up; later SIPIs, a SIPI without INIT
 * and one that comes while the vCPU is still leaving its CPU are
 * ignored (a guest sends the usual second SIPI for that).  The domain
 * lock orders this against VCPUOP_initialise/up/down and the
 * toolstack's context loads.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>

#define SEG_CODE16  0x09b       /* present, code, readable, accessed */
#define SEG_DATA16  0x093       /* present, data, writable, accessed */
#define SEG_TSS16   0x08b       /* busy TSS */
#define SEG_LDT     0x082

static void real_mode_state(struct hvm_boot_state *s, uint8_t vector)
{
    const struct hvm_seg data = { 0, SEG_DATA16, 0xffff, 0 };

    memset(s, 0, sizeof(*s));
    s->rflags = 2;
    s->cr0 = X86_CR0_ET;
    s->cs = (struct hvm_seg){ (uint16_t)(vector << 8), SEG_CODE16, 0xffff,
                              (uint64_t)vector << 12 };
    s->ds = s->es = s->ss = s->fs = s->gs = data;
    s->tr = (struct hvm_seg){ 0, SEG_TSS16, 0xffff, 0 };
    s->ldtr = (struct hvm_seg){ 0, SEG_LDT, 0xffff, 0 };
    s->gdtr = s->idtr = (struct hvm_seg){ 0, 0, 0xffff, 0 };
}

void hvm_vcpu_init_ipi(struct vcpu *t)
{
    struct domain *d = t->domain;

    spin_lock(&d->domain_lock);
    if ( !(READ_ONCE(t->pause_flags) & VPF_down) )
    {
        vcpu_pause_flag(t, VPF_down);
        vlapic_init_reset(t);
    }
    t->initialised = false;
    t->arch.hvm.wait_sipi = true;
    __atomic_store_n(&t->arch.hvm.nmi_pending, false, __ATOMIC_SEQ_CST);
    spin_unlock(&d->domain_lock);
}

void hvm_vcpu_sipi(struct vcpu *t, uint8_t vector)
{
    struct domain *d = t->domain;
    struct hvm_boot_state s;

    spin_lock(&d->domain_lock);
    if ( t->arch.hvm.wait_sipi && (READ_ONCE(t->pause_flags) & VPF_down) &&
         !READ_ONCE(t->is_running) && t->vcpu_info &&
         !READ_ONCE(d->is_dying) )
    {
        t->arch.hvm.wait_sipi = false;
        real_mode_state(&s, vector);
        hvm_vendor->vcpu_set_boot_state(t, &s);
        memset(&t->arch.user_regs, 0, sizeof(t->arch.user_regs));
        t->arch.user_regs.rip = s.rip;
        t->arch.user_regs.rflags = s.rflags;
        t->initialised = true;
        vcpu_unpause_flag(t, VPF_down);
    }
    spin_unlock(&d->domain_lock);
}
