/*
 * Boot self-checks ("boot_selftest"): exercise the heap, xmalloc, time and
 * the timer machinery on every online CPU, print one verdict line, and let
 * the caller power off.  They check behaviour a test harness cannot see
 * from the outside: a timer that never fires on a secondary CPU would
 * otherwise go unnoticed until a guest hangs.
 */
#include <xen/lib.h>
#include <xen/mm.h>
#include <xen/xmalloc.h>
#include <xen/smp.h>
#include <xen/softirq.h>
#include <xen/time.h>
#include <xen/timer.h>
#include <asm/processor.h>

static const char *check_heap(void)
{
    unsigned long before = total_free_pages();
    struct page_info *pg[11];

    for ( unsigned int o = 0; o <= 10; o++ )
        if ( !(pg[o] = alloc_domheap_pages(NULL, o, 0)) )
            return "heap allocation failed";
    if ( total_free_pages() != before - ((1UL << 11) - 1) )
        return "heap counters wrong after allocation";
    for ( unsigned int o = 0; o <= 10; o++ )
        free_domheap_pages(pg[o], o);
    return total_free_pages() == before ? NULL : "heap leaked pages";
}

static const char *check_xmalloc(void)
{
    unsigned long before = total_free_pages();
    void *p[32];

    for ( unsigned int i = 0; i < 32; i++ )
        if ( !(p[i] = xmalloc_bytes(16U << (i % 10))) )
            return "xmalloc failed";
    for ( unsigned int i = 0; i < 32; i++ )
        xfree(p[i]);
    return total_free_pages() == before ? NULL : "xmalloc leaked pages";
}

struct timer_probe {
    struct timer t;
    s_time_t fired_at;
    unsigned int cpu_seen;
};

static void probe_fn(void *data)
{
    struct timer_probe *p = data;

    p->cpu_seen = smp_processor_id();
    WRITE_ONCE(p->fired_at, NOW());
}

/* A 10 ms timer on every online CPU must fire there, not early. */
static const char *check_timers(void)
{
    static struct timer_probe probes[NR_CPUS];
    s_time_t start = NOW(), deadline = start + SECONDS(2);
    unsigned int cpu, pending;

    for_each_online_cpu ( cpu )
    {
        probes[cpu].fired_at = 0;
        init_timer(&probes[cpu].t, probe_fn, &probes[cpu], cpu);
        set_timer(&probes[cpu].t, start + MILLISECS(10));
    }
    do {
        pending = 0;
        for_each_online_cpu ( cpu )
            pending += !READ_ONCE(probes[cpu].fired_at);
        do_softirq();
        cpu_relax();
    } while ( pending && NOW() < deadline );

    for_each_online_cpu ( cpu )
    {
        kill_timer(&probes[cpu].t);
        if ( !probes[cpu].fired_at )
            return "a timer never fired";
        if ( probes[cpu].fired_at < start + MILLISECS(10) )
            return "a timer fired early";
        if ( probes[cpu].cpu_seen != cpu )
            return "a timer fired on the wrong CPU";
    }
    return NULL;
}

static const char *check_time(void)
{
    s_time_t a = NOW(), b;

    mdelay(5);
    b = NOW();
    if ( b - a < MILLISECS(4) || b - a > MILLISECS(500) )
        return "NOW() disagrees with the delay loop";
    return NULL;
}

/*
 * Arch contract: const char *arch_selftest(void);
 *   The architecture's own boot checks (x86: its mappings are W^X, and
 *   the CPU features that fence off guest memory are on).  NULL if they
 *   hold, else a short description of the first that does not.
 */
const char *arch_selftest(void);

bool boot_selftest(void)
{
    const char *(*const checks[])(void) = {
        check_heap, check_xmalloc, check_time, check_timers, arch_selftest,
    };
    const char *err = NULL;

    local_irq_enable();
    for ( unsigned int i = 0; i < ARRAY_SIZE(checks) && !err; i++ )
        err = checks[i]();
    if ( err )
        printk(XENLOG_ERR "Boot self-test: FAIL (%s)\n", err);
    else
        printk("Boot self-test: PASS (%u CPUs, %lu KiB free)\n",
               num_online_cpus(), total_free_pages() << (PAGE_SHIFT - 10));
    return !err;
}
