/*
 * The vendor-neutral HVM layer (asm/hvm/hvm.h): start-up, HVM domains
 * and vCPUs, the run loop and the dispatch of exits.
 *
 * The run loop is where an HVM vCPU lives while it is current: the
 * context switch jumps to hvm_resume() on a fresh stack, and the loop
 * alternates between softirqs (where the scheduler may switch away: then
 * it never comes back here, the next switch-in starts it again) and
 * guest runs.  Every exit is handled in the vCPU's own context; whatever
 * the guest did, the worst outcome is domain_crash() of its own domain.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/xmalloc.h>
#include <xen/vcpu.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/emulate.h>
#include <asm/hvm/vlapic.h>
#include <asm/io.h>
#include <asm/iocaps.h>

const struct hvm_vendor *svm_probe(void);
const struct hvm_vendor *vmx_probe(void);

const struct hvm_vendor *hvm_vendor;

void hvm_cpu_init(unsigned int cpu)
{
    int rc;

    if ( cpu == 0 )
    {
        const struct hvm_vendor *v = svm_probe();

        if ( !v )
            v = vmx_probe();
        if ( !v )
        {
            printk("HVM: no usable SVM+NPT (or VMX+EPT): PV guests only\n");
            return;
        }
        if ( (rc = v->cpu_up(cpu)) )
        {
            printk(XENLOG_ERR "HVM: %s failed on CPU0 (%d)\n", v->name, rc);
            return;
        }
        hvm_vendor = v;
        printk("HVM: %s\n", v->name);
        return;
    }
    /* A secondary CPU that cannot run guests would strand any HVM vCPU
     * the scheduler put there: there is no way back, so stop. */
    if ( hvm_vendor && (rc = hvm_vendor->cpu_up(cpu)) )
        panic("HVM: %s failed on CPU%u (%d)", hvm_vendor->name, cpu, rc);
}

/* ---- Domains and vCPUs -------------------------------------------------- */

int hvm_vcpu_create(struct vcpu *v)
{
    int rc = hvm_vendor->vcpu_create(v);

    return rc ? rc : vlapic_create(v);
}

void hvm_vcpu_destroy(struct vcpu *v)
{
    vlapic_destroy(v);
    if ( hvm_vendor )
        hvm_vendor->vcpu_destroy(v);
}

int hvm_domain_init(struct domain *d)
{
    int rc;

    if ( !hvm_enabled() )
        return -EOPNOTSUPP;
    if ( !(d->arch.hvm.p2m = p2m_create(hvm_vendor->p2m_format)) )
        return -ENOMEM;
    d->arch.is_pv = false;
    d->arch.is_hvm = true;
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] && (rc = hvm_vcpu_create(d->vcpu[i])) )
            return rc;
    return 0;
}

void hvm_domain_destroy(struct domain *d)
{
    p2m_destroy(d->arch.hvm.p2m);
    d->arch.hvm.p2m = NULL;
}

void hvm_save_state(struct vcpu *v)
{
    v->arch.user_regs = *guest_cpu_user_regs();
    if ( hvm_vendor->vcpu_leave )
        hvm_vendor->vcpu_leave(v);
}

/*
 * Either the vCPU sees flush_tlb at its next entry, or this sees it in the
 * guest: in_guest is set before flush_tlb is read there, flush_tlb before
 * in_guest is read here.  One in the guest is kicked out (a physical
 * interrupt ends its run) and waited for: its next entry flushes.
 */
void hvm_p2m_changed(struct domain *d)
{
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
        if ( d->vcpu[i] )
            WRITE_ONCE(d->vcpu[i]->arch.hvm.flush_tlb, true);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *w = d->vcpu[i];
        unsigned long runs;

        if ( !w || w == current || !READ_ONCE(w->arch.hvm.in_guest) )
            continue;
        runs = READ_ONCE(w->arch.hvm.runs);
        arch_kick_cpu(READ_ONCE(w->processor));
        while ( READ_ONCE(w->arch.hvm.in_guest) &&
                READ_ONCE(w->arch.hvm.runs) == runs )
            cpu_relax();
    }
}

/* ---- Exits -------------------------------------------------------------- */

/* What a kernel developer needs to tell why the guest died: where it
 * was, on which stack, with which tables, and what was being delivered. */
static void hvm_dump_state(const struct vcpu *v, const struct hvm_exit *e)
{
    const struct cpu_user_regs *r = guest_cpu_user_regs();
    struct hvm_boot_state s;

    hvm_vendor->vcpu_get_state(v, &s);
    printk(XENLOG_ERR "  cs %04x/%04x ss %04x/%04x rsp %#lx rflags %#lx\n",
           s.cs.sel, s.cs.attr, s.ss.sel, s.ss.attr, (unsigned long)r->rsp,
           (unsigned long)r->rflags);
    printk(XENLOG_ERR "  cr0 %#lx cr3 %#lx cr4 %#lx efer %#lx\n",
           (unsigned long)s.cr0, (unsigned long)s.cr3, (unsigned long)s.cr4,
           (unsigned long)s.efer);
    printk(XENLOG_ERR "  idtr %#lx/%#x gdtr %#lx/%#x tr %04x event %#lx\n",
           (unsigned long)s.idtr.base, s.idtr.limit,
           (unsigned long)s.gdtr.base, s.gdtr.limit, s.tr.sel,
           (unsigned long)e->intinfo);
}

static void hvm_crash(struct vcpu *v, const struct hvm_exit *e)
{
    const struct cpu_user_regs *r = guest_cpu_user_regs();

    printk(XENLOG_ERR "d%u v%u: %s (exit %#lx) at rip %#lx\n",
           v->domain->domain_id, v->vcpu_id, e->why, (unsigned long)e->code,
           (unsigned long)r->rip);
    hvm_dump_state(v, e);
    domain_crash(v->domain, e->why);
}

/* Port I/O: no device model.  Reads float high, writes vanish, as on a
 * bus where nothing answers; string forms are not emulated. */
/*
 * dom0 drives the machine's ports itself, except the hypervisor's (PICs,
 * PIT, PM timer, console UARTs: asm/iocaps.h) and PCI configuration space
 * (0xcf8-0xcff), which a PV dom0 reaches through a latch and the MSI
 * filter that a PVH dom0 does not have yet.
 */
static bool dom0_port(const struct vcpu *v, unsigned int port,
                      unsigned int size)
{
    return v->domain->is_privileged && port + size <= 0x10000 &&
           (port + size <= 0xcf8 || port >= 0xd00) &&
           hwdom_ioports_ok(port, port + size - 1);
}

static uint32_t port_in(unsigned int port, unsigned int size)
{
    return size == 1 ? inb(port) : size == 2 ? inw(port) : inl(port);
}

static void port_out(unsigned int port, unsigned int size, uint32_t val)
{
    if ( size == 1 )
        outb(val, port);
    else if ( size == 2 )
        outw(val, port);
    else
        outl(val, port);
}

/* Elsewhere nothing answers: reads all ones, writes vanish. */
static bool handle_io(struct vcpu *v, struct cpu_user_regs *regs,
                      const struct hvm_exit *e)
{
    uint64_t mask = e->io_size == 4 ? 0xffffffffUL :
                    e->io_size == 2 ? 0xffffUL : 0xffUL;
    bool hw = dom0_port(v, e->io_port, e->io_size);
    uint64_t val = mask;

    if ( e->io_string )
        return false;
    if ( !e->io_in )
    {
        if ( hw )
            port_out(e->io_port, e->io_size, regs->rax & mask);
        return true;
    }
    if ( hw )
        val = port_in(e->io_port, e->io_size);
    /* A 32-bit result zeroes the upper half, as the CPU does. */
    regs->rax = e->io_size == 4 ? val : ((regs->rax & ~mask) | val);
    return true;
}

static void handle_msr(struct vcpu *v, struct cpu_user_regs *regs, bool write,
                       unsigned int len)
{
    uint32_t msr = regs->rcx;
    uint64_t val = (regs->rdx << 32) | (uint32_t)regs->rax;

    if ( write ? hvm_msr_write(v, msr, val) : hvm_msr_read(v, msr, &val) )
    {
        hvm_vendor->inject_exception(v, 13, 0);
        return;
    }
    if ( !write )
    {
        regs->rax = (uint32_t)val;
        regs->rdx = val >> 32;
    }
    regs->rip += len;
}

static const struct hvm_mmio_ops vlapic_mmio_ops = {
    .read = vlapic_mmio_read,
    .write = vlapic_mmio_write,
};

/* Nothing in the p2m at gpa (not a permission fault on a mapped page). */
static bool hvm_gpa_unbacked(struct vcpu *v, uint64_t gpa)
{
    enum p2m_type t;

    p2m_lookup(v->domain->arch.hvm.p2m, gpa >> PAGE_SHIFT, &t);
    return t == p2m_invalid;
}

static void handle_exit(struct vcpu *v, struct cpu_user_regs *regs,
                        struct hvm_exit *e)
{
    /* The guest may have changed its TPR through CR8. */
    if ( v->arch.hvm.vlapic )
        vlapic_set_cr8(v, hvm_vendor->get_vtpr(v));
    switch ( e->kind )
    {
    case HVM_EXIT_NONE:
        regs->rip += e->insn_len;
        return;
    case HVM_EXIT_CPUID:
        hvm_cpuid(v, regs);
        regs->rip += e->insn_len;
        return;
    case HVM_EXIT_RDMSR:
    case HVM_EXIT_WRMSR:
        handle_msr(v, regs, e->kind == HVM_EXIT_WRMSR, e->insn_len);
        return;
    case HVM_EXIT_HYPERCALL:
        regs->rip += e->insn_len;   /* a continuation steps back */
        hvm_hypercall(v, regs);
        return;
    case HVM_EXIT_HLT:
        regs->rip += e->insn_len;
        /* Single-stepped: its #DB (step_over()) is pending at once, so
         * the vCPU neither sleeps nor goes down, as on Xen. */
        if ( regs->rflags & X86_EFLAGS_TF )
            return;
        /* With interrupts off nothing could wake it: as on Xen, the vCPU
         * goes down (the domain powers off if it was the last one up). */
        if ( !(regs->rflags & X86_EFLAGS_IF) )
            vcpu_down(v);
        else
            hvm_halt(v);
        return;
    case HVM_EXIT_IO:
        if ( !handle_io(v, regs, e) )
        {
            e->why = "string port I/O";
            break;
        }
        regs->rip += e->insn_len;
        return;
    case HVM_EXIT_NPF:
        if ( vlapic_mmio_covers(v, e->gpa) )
        {
            if ( !hvm_emulate_mmio(v, regs, e->gpa, &vlapic_mmio_ops) )
                return;
            e->why = "an instruction the MMIO emulator does not know";
            break;
        }
        if ( hvm_gpa_unbacked(v, e->gpa) )
        {
            /* As Xen without a device model: all ones, writes dropped. */
            if ( !hvm_emulate_mmio(v, regs, e->gpa, &hvm_null_mmio_ops) )
                return;
            e->why = "an instruction the MMIO emulator does not know";
            break;
        }
        printk(XENLOG_ERR "d%u v%u: nested page fault at gpa %#lx\n",
               v->domain->domain_id, v->vcpu_id, (unsigned long)e->gpa);
        e->why = "a forbidden access to the guest's memory";
        break;
    case HVM_EXIT_CRASH:
        break;
    }
    hvm_crash(v, e);
}

/*
 * An instruction the layer completed for the guest (rip moved on) never
 * retired on the CPU, so a single step over it (TF as it was when the
 * instruction began) gets its #DB here, after it, as Xen does.  A
 * continuation (rip back on the instruction) or a fault did not complete it.
 */
static void step_over(struct vcpu *v, const struct cpu_user_regs *regs,
                      unsigned long rip, unsigned long rflags)
{
    if ( (rflags & X86_EFLAGS_TF) && regs->rip != rip )
        hvm_vendor->single_step(v);
}

/*
 * The loop an HVM vCPU runs in.  Softirqs are handled with interrupts on
 * (the scheduler may switch away from inside); the guest is entered with
 * them off, and the vendor opens them only while the guest runs.
 */
void hvm_resume(void)
{
    struct vcpu *v = current;
    struct cpu_user_regs *regs = guest_cpu_user_regs();
    unsigned int cpu = smp_processor_id();
    struct hvm_exit e;
    unsigned long rip, rflags;

    for ( ; ; )
    {
        local_irq_disable();
        /* A vCPU paused meanwhile (its domain crashed, say) must not go
         * back in: the pause raised the scheduler, but on its CPU, which
         * is this one only if nobody moved it. */
        if ( READ_ONCE(v->pause_flags) && !softirq_pending(cpu) )
            raise_softirq(SCHEDULE_SOFTIRQ);
        if ( softirq_pending(cpu) )
        {
            local_irq_enable();
            do_softirq();
            continue;
        }
        e = (struct hvm_exit){ .kind = HVM_EXIT_NONE };
        hvm_intr_assist(v);
        hvm_vendor->run(v, regs, &e);
        local_irq_enable();
        rip = regs->rip;
        rflags = regs->rflags;
        handle_exit(v, regs, &e);
        step_over(v, regs, rip, rflags);
    }
}
