/*
 * The emulated local APIC of an HVM vCPU (asm/hvm/vlapic.h).
 *
 * The guest's view is Xen 4.17's (tests/hvm/lapic-*.c check it against
 * Xen): version 0x50014 (six LVT entries, no EOI-broadcast suppression),
 * xAPIC ID 2 x vCPU id, DFR all ones, SVR 0xff (software-disabled) and
 * every LVT masked at reset; x2APIC offered (CPUID), TSC-deadline not.
 * Registers keep only their writable bits; writes elsewhere are dropped
 * (MMIO) or #GP (x2APIC MSRs, which also refuse reserved bits).
 *
 * The timer counts down at 100 MHz divided by the divide configuration,
 * as Xen's; periodic re-arms no more often than every 100 us, as Xen's.
 * Fixed and lowest-priority IPIs reach the domain's own vCPUs (lowest
 * priority: the first vCPU the destination names, no arbitration); INIT
 * and SIPI go to hvm/ap_start.c; NMI IPIs are the target vCPU's NMI
 * (hvm/intr.c); SMI IPIs are ignored, as Xen does.  Vectors below 16 are
 * not raised; sent in a fixed or lowest-priority IPI they set ESR's
 * "send illegal vector" bit instead.  The timer stays on the CPU the vCPU was created on; when
 * it fires there, the vCPU is woken or kicked wherever it runs.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <xen/softirq.h>
#include <xen/spinlock.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <xen/xmalloc.h>
#include <asm/current.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/vlapic.h>
#include <asm/apicdef.h>

/* Register offsets: asm/apicdef.h (x2APIC MSR = 0x800 + offset / 16). */

#define VERSION         0x00050014
#define SVR_MASK        0x3ffu
#define LVT_BASE_MASK   (APIC_LVT_MASKED | (1u << 12) | 0xffu)
#define TDCR_MASK       0xbu
#define ICR_X2_MASK     0xccfffu        /* writable low ICR bits */

#define BASE_BSP        (1UL << 8)
#define BASE_EXTD       (1UL << 10)
#define BASE_EN         (1UL << 11)
#define BASE_ADDR       0x000ffffffffff000UL

#define MIN_PERIOD_NS   100000          /* Xen's floor for periodic */
#define NS_PER_COUNT    10              /* a 100 MHz bus, as Xen's */

#define ESR_SEND_ILLEGAL (1u << 5)     /* a vector below 16 was sent */

#define NR_REGS         64              /* offsets 0 to 0x3f0 */

struct vlapic {
    spinlock_t lock;
    struct vcpu *v;
    uint64_t base;                      /* the APIC base MSR */
    uint32_t reg[NR_REGS];              /* by offset / 16 */
    struct timer timer;
    s_time_t timer_start;               /* when the current count began */
    uint64_t timer_ns;                  /* one count-down, in ns */
    unsigned int timer_div;             /* ns a count, divisor included */
};

#define REG(a, off)     ((a)->reg[(off) >> 4])
#define NR_REG_BYTES    (NR_REGS * 16)  /* offsets past 0x3f0 hold nothing */

static struct vlapic *apic_of(const struct vcpu *v)
{
    return v->arch.hvm.vlapic;
}

static const uint32_t lvt_masks[6] = {
    LVT_BASE_MASK | (3u << 17),                 /* timer: mode */
    LVT_BASE_MASK | (7u << 8),                  /* thermal */
    LVT_BASE_MASK | (7u << 8),                  /* performance */
    LVT_BASE_MASK | (7u << 8) | (7u << 13),     /* LINT0 */
    LVT_BASE_MASK | (7u << 8) | (7u << 13),     /* LINT1 */
    LVT_BASE_MASK,                              /* error */
};

static bool is_x2apic(const struct vlapic *a)
{
    return a->base & BASE_EXTD;
}

static bool hw_enabled(const struct vlapic *a)
{
    return a->base & BASE_EN;
}

static bool sw_enabled(const struct vlapic *a)
{
    return REG(a, APIC_SVR) & APIC_SVR_ENABLE;
}

static uint32_t x2apic_id(const struct vlapic *a)
{
    return a->v->vcpu_id * 2;
}

/* The x2APIC logical ID follows the x2APIC ID: cluster, bit in cluster. */
static uint32_t x2apic_ldr(const struct vlapic *a)
{
    uint32_t id = x2apic_id(a);

    return ((id & ~0xfu) << 12) | (1u << (id & 0xf));
}

/* ---- Vector bitmaps (ISR, TMR, IRR: eight 32-bit words, 16 apart) ---- */

static void set_vec(struct vlapic *a, unsigned int map, unsigned int vec)
{
    REG(a, map + (vec / 32) * 16) |= 1u << (vec % 32);
}

static void clear_vec(struct vlapic *a, unsigned int map, unsigned int vec)
{
    REG(a, map + (vec / 32) * 16) &= ~(1u << (vec % 32));
}

static int highest_vec(const struct vlapic *a, unsigned int map)
{
    for ( int w = 7; w >= 0; w-- )
    {
        uint32_t bits = REG(a, map + w * 16);

        if ( bits )
            return w * 32 + 31 - __builtin_clz(bits);
    }
    return -1;
}

static uint32_t ppr(const struct vlapic *a)
{
    uint32_t tpr = REG(a, APIC_TPR) & 0xff;
    int isr = highest_vec(a, APIC_ISR);

    if ( isr < 0 || (tpr >> 4) >= ((unsigned int)isr >> 4) )
        return tpr;
    return isr & 0xf0;
}

/* ---- Reset and the base MSR ------------------------------------------ */

/* ESR outlives the reset, as on Xen 4.17 (nothing clears it there). */
static void reset(struct vlapic *a)
{
    uint32_t esr = REG(a, APIC_ESR);

    stop_timer(&a->timer);
    memset(a->reg, 0, sizeof(a->reg));
    REG(a, APIC_ESR) = esr;
    REG(a, APIC_ID) = x2apic_id(a) << 24;
    REG(a, APIC_LVR) = VERSION;
    REG(a, APIC_DFR) = 0xffffffff;
    REG(a, APIC_SVR) = 0xff;
    for ( unsigned int i = 0; i < 6; i++ )
        REG(a, APIC_LVT_TIMER + i * 16) = APIC_LVT_MASKED;
    a->timer_ns = 0;
}

void vlapic_init_reset(struct vcpu *v)
{
    struct vlapic *a = apic_of(v);
    unsigned long flags;
    uint32_t id;

    spin_lock_irqsave(&a->lock, flags);
    id = REG(a, APIC_ID);
    reset(a);
    REG(a, APIC_ID) = id;
    spin_unlock_irqrestore(&a->lock, flags);
}

static void timer_fired(void *data);

int vlapic_create(struct vcpu *v)
{
    struct vlapic *a = xzalloc_bytes(sizeof(*a));

    if ( !a )
        return -ENOMEM;
    spin_lock_init(&a->lock);
    a->v = v;
    a->base = VLAPIC_BASE_DEFAULT | BASE_EN | (v->vcpu_id ? 0 : BASE_BSP);
    init_timer(&a->timer, timer_fired, a, v->processor);
    reset(a);
    v->arch.hvm.vlapic = a;
    return 0;
}

void vlapic_destroy(struct vcpu *v)
{
    struct vlapic *a = apic_of(v);

    if ( !a )
        return;
    kill_timer(&a->timer);
    v->arch.hvm.vlapic = NULL;
    xfree(a);
}

uint64_t vlapic_base_msr(const struct vcpu *v)
{
    return apic_of(v)->base;
}

/*
 * The base may not move (Xen refuses it), EXTD needs EN, x2APIC mode is
 * entered only from xAPIC mode and left only by disabling the APIC;
 * disabling resets it, as on Xen.
 */
int vlapic_set_base_msr(struct vcpu *v, uint64_t val)
{
    struct vlapic *a = apic_of(v);
    uint64_t old;
    unsigned long flags;
    int rc = 0;

    if ( val & ~(BASE_ADDR | BASE_BSP | BASE_EXTD | BASE_EN) )
        return -EINVAL;
    if ( (val & BASE_ADDR) != VLAPIC_BASE_DEFAULT )
        return -EINVAL;
    if ( (val & BASE_EXTD) && !(val & BASE_EN) )
        return -EINVAL;
    spin_lock_irqsave(&a->lock, flags);
    old = a->base;
    if ( ((old & BASE_EXTD) && (val & BASE_EN) && !(val & BASE_EXTD)) ||
         (!(old & BASE_EN) && (val & BASE_EXTD)) )
        rc = -EINVAL;                   /* only by way of xAPIC mode */
    else
    {
        if ( (old & BASE_EN) && !(val & BASE_EN) )
            reset(a);
        a->base = val;
    }
    spin_unlock_irqrestore(&a->lock, flags);
    return rc;
}

/* ---- Delivery -------------------------------------------------------- */

/* vec is pending at a: wake its vCPU or make it look (it may be running
 * elsewhere, or asleep in HLT). */
static void kick(struct vcpu *t)
{
    /* Asleep in HLT, or on its way there: hvm_halt() set the flag after
     * finding nothing pending, and the scheduler has not run yet.  That
     * includes t == current, when this is the timer softirq running on
     * t's CPU between the two: left blocked, it would sleep through the
     * interrupt (seen as a hung lapic-timer). */
    if ( __atomic_load_n(&t->pause_flags, __ATOMIC_SEQ_CST) & VPF_blocked )
        vcpu_unpause_flag(t, VPF_blocked);
    else if ( t != current && READ_ONCE(t->is_running) )
        cpu_raise_softirq(READ_ONCE(t->processor), SCHEDULE_SOFTIRQ);
    /* current, not blocked: it looks before it enters the guest. */
}

static void raise_vec(struct vlapic *a, unsigned int vec)
{
    unsigned long flags;

    if ( vec < 16 )
        return;
    spin_lock_irqsave(&a->lock, flags);
    set_vec(a, APIC_IRR, vec);
    spin_unlock_irqrestore(&a->lock, flags);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    kick(a->v);
}

/*
 * Record an error in ESR; a bit that was clear raises the LVT error
 * vector if that entry is unmasked (a bit already set raises nothing,
 * as on Xen).  ESR is never cleared: Xen 4.17 ignores ESR writes.
 */
static void apic_error(struct vlapic *a, uint32_t bit)
{
    unsigned long flags;
    uint32_t lvterr = APIC_LVT_MASKED;

    spin_lock_irqsave(&a->lock, flags);
    if ( !(REG(a, APIC_ESR) & bit) )
    {
        REG(a, APIC_ESR) |= bit;
        lvterr = REG(a, APIC_LVT_ERROR);
    }
    spin_unlock_irqrestore(&a->lock, flags);
    if ( !(lvterr & APIC_LVT_MASKED) )
        raise_vec(a, lvterr & 0xff);
}

void vlapic_raise(struct vcpu *v, unsigned int vector)
{
    struct vlapic *a = apic_of(v);

    if ( a && hw_enabled(a) && sw_enabled(a) )
        raise_vec(a, vector);
}

/* Does t's APIC take an IPI to dest (mode: logical if true)? */
static bool dest_match(struct vlapic *t, uint32_t dest, bool logical,
                       bool x2)
{
    uint32_t ldr;

    if ( !hw_enabled(t) )
        return false;
    if ( !logical )
    {
        if ( x2 )
            return dest == 0xffffffff || dest == x2apic_id(t);
        return dest == 0xff || dest == REG(t, APIC_ID) >> 24;
    }
    if ( is_x2apic(t) )
    {
        ldr = x2apic_ldr(t);
        return dest == 0xffffffff ||
               ((dest >> 16) == (ldr >> 16) && (dest & ldr & 0xffff));
    }
    ldr = REG(t, APIC_LDR) >> 24;
    if ( dest == 0xff )
        return true;
    if ( (REG(t, APIC_DFR) >> 28) == 0xf )          /* flat */
        return dest & ldr;
    return (dest >> 4) == (ldr >> 4) && (dest & ldr & 0xf);   /* cluster */
}

static void send_ipi(struct vlapic *src, uint32_t icr, uint32_t dest)
{
    struct domain *d = src->v->domain;
    unsigned int shorthand = (icr >> 18) & 3, mode = (icr >> 8) & 7;
    bool x2 = is_x2apic(src);

    if ( mode == 5 && !(icr & APIC_INT_ASSERT) )
        return;                         /* INIT level de-assert: nothing */
    if ( mode != 0 && mode != 1 && mode != 4 && mode != 5 && mode != 6 )
        return;                         /* SMI (and reserved): Xen ignores */
    if ( mode <= 1 && (icr & 0xff) < 16 )
    {
        apic_error(src, ESR_SEND_ILLEGAL);  /* raised nowhere */
        return;
    }
    for ( unsigned int i = 0; i < d->max_vcpus; i++ )
    {
        struct vcpu *t = d->vcpu[i];
        struct vlapic *ta = t ? apic_of(t) : NULL;
        bool hit;

        if ( !ta )
            continue;
        switch ( shorthand )
        {
        case 1: hit = ta == src; break;
        case 2: hit = true; break;
        case 3: hit = ta != src; break;
        default: hit = dest_match(ta, dest, icr & (1u << 11), x2); break;
        }
        if ( !hit )
            continue;
        if ( mode == 4 )
        {
            hvm_raise_nmi(t);           /* the vector field is ignored */
            kick(t);
            continue;
        }
        if ( mode == 5 || mode == 6 )
        {
            if ( ta == src )
                continue;               /* a vCPU does not start itself */
            if ( mode == 5 )
                hvm_vcpu_init_ipi(t);
            else
                hvm_vcpu_sipi(t, icr & 0xff);
            continue;
        }
        raise_vec(ta, icr & 0xff);
        /* Lowest priority to a destination: one target takes it (the
         * first; no arbitration by TPR). */
        if ( mode == 1 && !shorthand )
            return;
    }
}

int vlapic_pending(struct vcpu *v)
{
    struct vlapic *a = apic_of(v);
    unsigned long flags;
    int vec = -1;

    if ( !a )
        return -1;
    spin_lock_irqsave(&a->lock, flags);
    if ( hw_enabled(a) && sw_enabled(a) )
    {
        vec = highest_vec(a, APIC_IRR);
        if ( vec >= 0 && (unsigned int)(vec & 0xf0) <= (ppr(a) & 0xf0) )
            vec = -1;
    }
    spin_unlock_irqrestore(&a->lock, flags);
    return vec;
}

void vlapic_ack(struct vcpu *v, unsigned int vector)
{
    struct vlapic *a = apic_of(v);
    unsigned long flags;

    spin_lock_irqsave(&a->lock, flags);
    clear_vec(a, APIC_IRR, vector);
    set_vec(a, APIC_ISR, vector);
    spin_unlock_irqrestore(&a->lock, flags);
}

static void eoi(struct vlapic *a)
{
    int vec = highest_vec(a, APIC_ISR);

    if ( vec >= 0 )
    {
        clear_vec(a, APIC_ISR, vec);
        clear_vec(a, APIC_TMR, vec);
    }
}

unsigned int vlapic_cr8(const struct vcpu *v)
{
    return (REG(apic_of(v), APIC_TPR) >> 4) & 0xf;
}

void vlapic_set_cr8(struct vcpu *v, unsigned int cr8)
{
    struct vlapic *a = apic_of(v);

    REG(a, APIC_TPR) = ((cr8 & 0xf) << 4) | (REG(a, APIC_TPR) & 0xf);
}

/* ---- The timer ------------------------------------------------------- */

static unsigned int divisor(uint32_t tdcr)
{
    unsigned int n = (tdcr & 3) | ((tdcr & 8) >> 1);

    return n == 7 ? 1 : 2u << n;
}

static void arm(struct vlapic *a, s_time_t start)
{
    a->timer_start = start;
    set_timer(&a->timer, start + a->timer_ns);
}

/* From the hypervisor's timer softirq, on the CPU the vCPU started on. */
static void timer_fired(void *data)
{
    struct vlapic *a = data;
    unsigned long flags;
    uint32_t lvtt;
    bool raise;

    spin_lock_irqsave(&a->lock, flags);
    /* Stopped, or re-armed by a TMICT write while this call was on its
     * way (that arm has its own expiry): nothing is due. */
    if ( !a->timer_ns || NOW() < a->timer_start + (s_time_t)a->timer_ns )
    {
        spin_unlock_irqrestore(&a->lock, flags);
        return;
    }
    lvtt = REG(a, APIC_LVT_TIMER);
    raise = !(lvtt & APIC_LVT_MASKED);
    if ( lvtt & APIC_TIMER_PERIODIC )
    {
        s_time_t next = a->timer_start + a->timer_ns, now = NOW();

        /* A period missed while the CPU was busy is not owed. */
        if ( next + (s_time_t)a->timer_ns < now )
            next = now;
        a->timer_start = next;
        set_timer(&a->timer, next + (a->timer_ns < MIN_PERIOD_NS ? MIN_PERIOD_NS
                                                                : a->timer_ns));
    }
    else
        a->timer_ns = 0;                /* the count stays at 0 */
    spin_unlock_irqrestore(&a->lock, flags);
    if ( raise )
        raise_vec(a, lvtt & 0xff);
}

static uint32_t current_count(const struct vlapic *a)
{
    uint64_t elapsed;

    if ( !a->timer_ns )
        return 0;
    elapsed = NOW() - a->timer_start;
    if ( elapsed >= a->timer_ns )
        return REG(a, APIC_LVT_TIMER) & APIC_TIMER_PERIODIC ?
               (a->timer_ns - elapsed % a->timer_ns) / a->timer_div : 0;
    return (a->timer_ns - elapsed) / a->timer_div;
}

static void set_initial_count(struct vlapic *a, uint32_t count)
{
    REG(a, APIC_TMICT) = count;
    stop_timer(&a->timer);
    a->timer_div = divisor(REG(a, APIC_TDCR)) * NS_PER_COUNT;
    a->timer_ns = (uint64_t)count * a->timer_div;
    if ( a->timer_ns )
        arm(a, NOW());
}

/* ---- Register reads and writes (32 bits, aligned) -------------------- */

static uint32_t read_reg(struct vlapic *a, unsigned int off)
{
    switch ( off )
    {
    case APIC_ID:
        return is_x2apic(a) ? x2apic_id(a) : REG(a, APIC_ID);
    case APIC_LDR:
        return is_x2apic(a) ? x2apic_ldr(a) : REG(a, APIC_LDR);
    case APIC_PPR:
        return ppr(a);
    case APIC_TMCCT:
        return current_count(a);
    case APIC_ICR:
        return REG(a, APIC_ICR) & ~APIC_ICR_BUSY;
    }
    /* The page's upper 3 KiB has no registers: they read 0. */
    return off < NR_REG_BYTES ? REG(a, off) : 0;
}

/* Store a 32-bit write, keeping the register's writable bits (x2APIC
 * writes were checked for reserved bits already); dest is the x2APIC
 * ICR's high half.  Read-only and unknown offsets ignore it. */
static void write_reg(struct vlapic *a, unsigned int off, uint32_t val,
                      uint32_t dest)
{
    switch ( off )
    {
    case APIC_ID:
        REG(a, APIC_ID) = val;
        return;
    case APIC_TPR:
        REG(a, APIC_TPR) = val & 0xff;
        return;
    case APIC_EOI:
        eoi(a);
        return;
    case APIC_LDR:
        REG(a, APIC_LDR) = val & 0xff000000;
        return;
    case APIC_DFR:
        REG(a, APIC_DFR) = val | 0x0fffffff;
        return;
    case APIC_SVR:
        REG(a, APIC_SVR) = val & SVR_MASK;
        if ( !(val & APIC_SVR_ENABLE) )              /* disabling masks all */
            for ( unsigned int i = 0; i < 6; i++ )
                REG(a, APIC_LVT_TIMER + i * 16) |= APIC_LVT_MASKED;
        return;
    case APIC_ESR:
        return;                         /* Xen 4.17 keeps ESR as it is */
    case APIC_ICR:
        REG(a, APIC_ICR) = val & ~APIC_ICR_BUSY;
        REG(a, APIC_ICR2) = is_x2apic(a) ? dest : REG(a, APIC_ICR2);
        return;
    case APIC_ICR2:
        REG(a, APIC_ICR2) = val & 0xff000000;
        return;
    case APIC_TMICT:
        set_initial_count(a, val);
        return;
    case APIC_TDCR:
        REG(a, APIC_TDCR) = val & TDCR_MASK;
        return;
    }
    if ( off >= APIC_LVT_TIMER && off <= APIC_LVT_ERROR )
    {
        val &= lvt_masks[(off - APIC_LVT_TIMER) >> 4];
        if ( !sw_enabled(a) )
            val |= APIC_LVT_MASKED;
        REG(a, off) = val;
    }
}

/* After the lock is dropped: an ICR write sends its IPI (raise_vec takes
 * the targets' locks, the sender's among them). */
static void write_and_send(struct vlapic *a, unsigned int off, uint32_t val,
                           uint32_t dest)
{
    unsigned long flags;
    uint32_t icr = 0;

    spin_lock_irqsave(&a->lock, flags);
    write_reg(a, off, val, dest);
    if ( off == APIC_ICR )
    {
        icr = REG(a, APIC_ICR);
        dest = is_x2apic(a) ? REG(a, APIC_ICR2) : REG(a, APIC_ICR2) >> 24;
    }
    spin_unlock_irqrestore(&a->lock, flags);
    if ( off == APIC_ICR )
        send_ipi(a, icr, dest);
}

/* ---- xAPIC page ------------------------------------------------------ */

/* The APIC's page, whatever its mode: the base cannot move. */
bool vlapic_mmio_covers(const struct vcpu *v, uint64_t gpa)
{
    const struct vlapic *a = apic_of(v);

    return a && (gpa & ~(uint64_t)0xfff) == (a->base & BASE_ADDR);
}

static bool xapic_page_live(const struct vlapic *a)
{
    return hw_enabled(a) && !is_x2apic(a);
}

/*
 * As Xen: 1, 2 or 4 bytes inside a register's first 32 bits read those
 * bytes; anything else (the rest of the 16-byte slot, 8 bytes, crossing)
 * reads 0.  Writes of 1 or 2 bytes merge into the register; writes that
 * do not fit its first 32 bits, and 8-byte writes, are dropped.  With the
 * APIC disabled or in x2APIC mode the page is where nothing answers:
 * reads all ones, writes dropped.
 */
void vlapic_mmio_read(struct vcpu *v, uint64_t gpa, unsigned int len,
                      uint64_t *val)
{
    struct vlapic *a = apic_of(v);
    unsigned int off = gpa & 0xfff, shift = (off & 3) * 8;
    unsigned long flags;
    uint32_t r;

    *val = 0;
    if ( !xapic_page_live(a) )
    {
        *val = len >= 8 ? ~0UL : (1UL << (len * 8)) - 1;
        return;
    }
    if ( len > 4 || (off & 0xf) + len > 4 )
        return;
    spin_lock_irqsave(&a->lock, flags);
    r = read_reg(a, off & ~0xfu);
    spin_unlock_irqrestore(&a->lock, flags);
    *val = (r >> shift) & (len == 4 ? 0xffffffffu : (1u << (len * 8)) - 1);
}

void vlapic_mmio_write(struct vcpu *v, uint64_t gpa, unsigned int len,
                       uint64_t val)
{
    struct vlapic *a = apic_of(v);
    unsigned int off = gpa & 0xfff, shift = (off & 3) * 8, reg = off & ~0xfu;
    unsigned long flags;
    uint32_t mask, old;

    if ( !xapic_page_live(a) || len > 4 || (off & 0xf) + len > 4 ||
         reg == APIC_SELF_IPI )
        return;
    if ( len < 4 )
    {
        mask = ((1u << (len * 8)) - 1) << shift;
        spin_lock_irqsave(&a->lock, flags);
        old = reg < NR_REG_BYTES ? REG(a, reg) : 0;
        spin_unlock_irqrestore(&a->lock, flags);
        val = (old & ~mask) | (((uint32_t)val << shift) & mask);
    }
    write_and_send(a, reg, val, 0);
}

/* ---- x2APIC MSRs ----------------------------------------------------- */

/* Readable in x2APIC mode: which offsets (bit n = offset n * 16). */
static bool x2_readable(unsigned int off)
{
    switch ( off )
    {
    case APIC_ID: case APIC_LVR: case APIC_TPR: case APIC_PPR:
    case APIC_LDR: case APIC_SVR: case APIC_ESR: case APIC_LVT_CMCI:
    case APIC_ICR: case APIC_TMICT: case APIC_TMCCT: case APIC_TDCR:
        return true;
    }
    return (off >= APIC_ISR && off < APIC_ESR) ||
           (off >= APIC_LVT_TIMER && off <= APIC_LVT_ERROR);
}

int vlapic_x2apic_read(struct vcpu *v, uint32_t msr, uint64_t *val)
{
    struct vlapic *a = apic_of(v);
    unsigned int off = (msr - 0x800) << 4;
    unsigned long flags;

    if ( !a || !is_x2apic(a) || msr < 0x800 || msr > 0x8ff ||
         !x2_readable(off) )
        return -EINVAL;
    spin_lock_irqsave(&a->lock, flags);
    *val = read_reg(a, off);
    if ( off == APIC_ICR )
        *val |= (uint64_t)REG(a, APIC_ICR2) << 32;
    spin_unlock_irqrestore(&a->lock, flags);
    return 0;
}

/* The bits an x2APIC write may set (others: #GP), or 0: not writable. */
static uint32_t x2_writable(unsigned int off, bool *ok)
{
    *ok = true;
    switch ( off )
    {
    case APIC_TPR: return 0xff;
    case APIC_EOI: case APIC_ESR: return 0;
    case APIC_SVR: return SVR_MASK;
    case APIC_ICR: return ICR_X2_MASK;
    case APIC_TMICT: return 0xffffffff;
    case APIC_TDCR: return TDCR_MASK;
    case APIC_SELF_IPI: return 0xff;
    }
    if ( off >= APIC_LVT_TIMER && off <= APIC_LVT_ERROR )
        return lvt_masks[(off - APIC_LVT_TIMER) >> 4];
    *ok = false;
    return 0;
}

int vlapic_x2apic_write(struct vcpu *v, uint32_t msr, uint64_t val)
{
    struct vlapic *a = apic_of(v);
    unsigned int off = (msr - 0x800) << 4;
    uint32_t allowed;
    bool ok;

    if ( !a || !is_x2apic(a) || msr < 0x800 || msr > 0x8ff )
        return -EINVAL;
    allowed = x2_writable(off, &ok);
    if ( !ok || ((uint32_t)val & ~allowed) ||
         ((val >> 32) && off != APIC_ICR) )
        return -EINVAL;
    if ( off == APIC_SELF_IPI )
    {
        /* A fixed IPI to itself, illegal vectors included (as Xen). */
        send_ipi(a, APIC_DEST_SELF | (val & 0xff), 0);
        return 0;
    }
    write_and_send(a, off, val, val >> 32);
    return 0;
}
