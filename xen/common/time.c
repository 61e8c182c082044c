/*
 * Guest-visible time: the per-vCPU pvclock record (vcpu_time_info) and
 * the wallclock in shared_info.
 *
 * Both are written with the version protocol the ABI defines: make the
 * version odd, write, make it even again, with write barriers between,
 * so a guest that sees the same even version before and after its read
 * knows it read a consistent record.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <xen/time.h>
#include <xen/vcpu.h>

#define wmb() __atomic_thread_fence(__ATOMIC_RELEASE)

void vcpu_update_time(struct vcpu *v)
{
    struct vcpu_time_info rec, *t;

    if ( !v->vcpu_info )
        return;
    t = &v->vcpu_info->time;
    arch_time_record(&rec);
    t->version = (t->version + 1) | 1;        /* odd: being updated */
    wmb();
    t->tsc_timestamp = rec.tsc_timestamp;
    t->system_time = rec.system_time;
    t->tsc_to_system_mul = rec.tsc_to_system_mul;
    t->tsc_shift = rec.tsc_shift;
    t->flags = rec.flags;
    wmb();
    t->version++;                             /* even: consistent */
}

/* Writers of one domain's wallclock (boot, XEN_DOMCTL_settimeoffset)
 * take turns, so the version protocol is never interleaved. */
static DEFINE_SPINLOCK(wc_lock);
/* The wallclock at system time 0, read from the platform once: every
 * domain's clock is this plus its own offset, and stays consistent. */
static uint64_t wc_base;
static uint32_t wc_base_nsec;           /* set by XENPF_settime only */
static bool wc_base_read;

void domain_update_wallclock(struct domain *d)
{
    struct shared_info *s = d->shared_info;
    uint64_t secs;

    if ( !s )
        return;
    spin_lock(&wc_lock);
    /* The toolstack's offset (signed) moves this domain's clock only. */
    if ( !wc_base_read )
    {
        wc_base = arch_wallclock_seconds();
        wc_base_read = true;
    }
    secs = wc_base + READ_ONCE(d->time_offset_seconds);
    s->wc_version = (s->wc_version + 1) | 1;
    wmb();
    s->wc_sec = (uint32_t)secs;
    s->wc_sec_hi = (uint32_t)(secs >> 32);
    s->wc_nsec = wc_base_nsec;
    wmb();
    s->wc_version++;
    spin_unlock(&wc_lock);
}

/*
 * XENPF_settime: dom0 says the wallclock was secs.nsecs at system time
 * system_time.  The base moves so that this holds, and every domain's
 * shared_info follows (plus its own offset).  As Xen 4.17 the values are
 * taken as given: the arithmetic wraps, nothing is refused.
 */
void wallclock_set(uint64_t secs, uint32_t nsecs, uint64_t system_time)
{
    uint64_t at0 = secs * 1000000000ULL + nsecs - system_time;
    struct domain *d;
    unsigned int id = 0;

    spin_lock(&wc_lock);
    wc_base = at0 / 1000000000ULL;
    wc_base_nsec = at0 % 1000000000ULL;
    wc_base_read = true;                /* the platform's clock is stale */
    spin_unlock(&wc_lock);
    while ( id <= 0xffff && (d = get_domain_next_from(id)) != NULL )
    {
        id = d->domain_id + 1u;
        domain_update_wallclock(d);
        put_domain(d);
    }
}
