/*
 * exchange-race.c - an exchange that fails half-way must not free a page
 * another vCPU already maps (both hypervisors).
 *
 * Set-up: find the lowest address_bits limit below which some memory is
 * free, and take all of it with exchanges; give one page M of it back.  M
 * is then the only free page below the limit.  Now trade two pages for
 * two single-page extents below the limit, over and over: the first
 * extent can only be M, the second cannot be had, so the exchange fails
 * (-ENOMEM, nothing exchanged) and must take M back.  Meanwhile vCPU 1
 * keeps trying to map M read-only.  If it ever succeeds, M was ours for a
 * moment, and the failed exchange may only take it back through the
 * ordinary references: M must stay allocated while vCPU 1 maps it (an
 * exchange for it now finds nothing free below the limit) and come free
 * with vCPU 1's unmap.  A hypervisor that frees M outright hands it out
 * again while vCPU 1 still maps it.
 *
 * Then the same race against populate_physmap: M, the only free page
 * below the limit, is populated and given back over and over while
 * vCPU 1 keeps mapping it and reading it.  Whenever vCPU 1 can map M, M
 * must already read as zeroes: a hypervisor that makes the frame ours
 * before clearing it shows its previous contents (the allocator's
 * poison, or the last owner's data) for a moment.
 * pvtest-timeout: 120
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/memory.h>
#include <pv/mmops.h>

const char test_title[] = "exchange-race: failed exchanges and populates against a racing mapping";

#define ROUNDS     3000
#define DRAIN_MAX  1024
#define PFN_RACE   0x40            /* vCPU 1's mapping of M */
#define PTE_RO     (_PAGE_PRESENT | _PAGE_ACCESSED)

static uint8_t stack1[16384] __aligned(16);
static volatile unsigned long target_mfn;
static volatile bool racing, stop;
static volatile unsigned long wins, tries;
/* Phase 2 (populate): vCPU 1 maps M, reads its first word, unmaps. */
static volatile bool reading, busy;
static volatile unsigned long seen_maps, seen_dirty, seen_value;

static xen_pfn_t drained[DRAIN_MAX], drain_in[DRAIN_MAX];
static unsigned long next_pfn;     /* unmapped pages of ours to trade */

static long exchange(xen_pfn_t *in, unsigned long nr_in, unsigned int order_in,
                     xen_pfn_t *out, unsigned long nr_out, unsigned int bits,
                     unsigned long *done)
{
    struct xen_memory_exchange x = {
        .in = { .nr_extents = nr_in, .extent_order = order_in,
                .domid = DOMID_SELF },
        .out = { .nr_extents = nr_out, .extent_order = 0,
                 .mem_flags = XENMEMF_address_bits(bits), .domid = DOMID_SELF },
    };
    long rc;

    set_xen_guest_handle(x.in.extent_start, in);
    set_xen_guest_handle(x.out.extent_start, out);
    rc = HYPERVISOR_memory_op(XENMEM_exchange, &x);
    *done = x.nr_exchanged;
    return rc;
}

/* n single pages of ours that nothing maps (beyond the boot mapping). */
static bool take_pages(xen_pfn_t *in, unsigned long n)
{
    if ( next_pfn + n > start_info->nr_pages )
        return false;
    for ( unsigned long i = 0; i < n; i++ )
        in[i] = pfn_to_mfn(next_pfn++);
    return true;
}

/* Two machine-contiguous pages of ours, as one order-1 extent. */
static bool take_pair(xen_pfn_t *base)
{
    for ( ; next_pfn + 1 < start_info->nr_pages; next_pfn++ )
        if ( pfn_to_mfn(next_pfn + 1) == pfn_to_mfn(next_pfn) + 1 )
        {
            *base = pfn_to_mfn(next_pfn);
            next_pfn += 2;
            return true;
        }
    return false;
}

/* Take every free page below 2^bits; how many there were (DRAIN_MAX:
 * too many to drain). */
static unsigned long drain(unsigned int bits)
{
    unsigned long done = 0;

    if ( !take_pages(drain_in, DRAIN_MAX) )
        return 0;
    for ( unsigned long i = 0; i < DRAIN_MAX; i++ )
        drained[i] = next_pfn + i;         /* where the new pages go */
    exchange(drain_in, DRAIN_MAX, 0, drained, DRAIN_MAX, bits, &done);
    /* The inputs not traded are still ours and unmapped: reuse them. */
    next_pfn -= DRAIN_MAX - done;
    return done;
}

/* One read of M through a fresh read-only mapping, if M is ours now. */
static void read_m(unsigned long va)
{
    uint64_t v;

    /* busy before reading, and vCPU 0 the other way round (both with a
     * full barrier): it never gives M back while we map it. */
    __atomic_store_n(&busy, true, __ATOMIC_SEQ_CST);
    if ( reading &&
         !HYPERVISOR_update_va_mapping(va, (target_mfn << PAGE_SHIFT) | PTE_RO,
                                       UVMF_INVLPG) )
    {
        v = *(volatile uint64_t *)va;
        seen_maps++;
        if ( v )
        {
            seen_dirty++;
            seen_value = v;
        }
        HYPERVISOR_update_va_mapping(va, 0, UVMF_INVLPG);
    }
    busy = false;
}

static void __noreturn racer(unsigned int id __attribute__((unused)))
{
    unsigned long va = pfn_to_va(PFN_RACE);

    for ( ; !stop; )
    {
        if ( reading )
        {
            read_m(va);
            continue;
        }
        if ( !racing )
            continue;
        tries++;
        if ( !HYPERVISOR_update_va_mapping(va, (target_mfn << PAGE_SHIFT) | PTE_RO,
                                           UVMF_INVLPG) )
        {
            wins++;
            racing = false;                /* vCPU 0 checks, then unmaps */
        }
    }
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* vCPU 1 maps M: M must not be free now. */
static void check_held(unsigned int bits)
{
    xen_pfn_t out[1] = { 0 }, in[1];
    unsigned long done = 0;
    long rc;

    if ( !take_pages(in, 1) )
        return;
    out[0] = next_pfn;
    rc = exchange(in, 1, 0, out, 1, bits, &done);
    if ( !rc )
    {
        check(out[0] != target_mfn, "frame %#lx handed out again while vCPU 1"
              " still maps it", target_mfn);
        give_back(out[0]);
    }
    else
        next_pfn--;                        /* in[0] is still ours */
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_RACE), 0,
                                                UVMF_INVLPG),
                   "vCPU 1's mapping going");
}

/* Populate M (the only free page below 2^bits) and give it back, again
 * and again, while vCPU 1 reads it whenever it can map it. */
static void populate_race(unsigned int bits)
{
    struct xen_memory_reservation r = {
        .nr_extents = 1, .mem_flags = XENMEMF_address_bits(bits),
        .domid = DOMID_SELF,
    };
    xen_pfn_t gpfn;
    unsigned long rounds;

    set_xen_guest_handle(r.extent_start, &gpfn);
    for ( rounds = 0; rounds < ROUNDS && !seen_dirty; rounds++ )
    {
        long rc;

        gpfn = next_pfn;
        reading = true;
        /* Xen 4.17 sometimes hands the page given back a moment ago out
         * again only a little later: try again for up to a second. */
        for ( unsigned int tries = 0;
              (rc = HYPERVISOR_memory_op(XENMEM_populate_physmap, &r)) == 0 &&
              tries < 100; tries++ )
            pv_sleep_until(pv_system_time(0) + 10 * NS_PER_MS);
        /* No mapping of M may outlive the round: then give it back. */
        __atomic_store_n(&reading, false, __ATOMIC_SEQ_CST);
        while ( busy )
            cpu_relax();
        if ( !check_eq(rc, 1, "populating below the limit") ||
             !check_eq(give_back(target_mfn), 1, "giving M back") )
            break;
    }
    xtest_info("populate: %lu rounds, vCPU 1 mapped M %lu times", rounds,
               seen_maps);
    check(!seen_dirty, "a populated frame read %#lx before it was cleared",
          seen_value);
}

void test_main(void)
{
    unsigned int bits;
    unsigned long n = 0, done, rounds;
    xen_pfn_t pair, out[2];
    long rc;

    next_pfn = 2048;
    check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_RACE), 0,
                                                UVMF_INVLPG),
                   "unmapping the racer's page");
    for ( bits = 20; bits <= 28; bits++ )
        if ( (n = drain(bits)) != 0 )
            break;
    if ( !n || n == DRAIN_MAX )
    {
        xtest_skip("no address limit with a little free memory below it");
        return;
    }
    xtest_info("%lu free pages below 2^%u taken", n, bits);
    target_mfn = drained[n - 1];
    if ( !check_eq(give_back(target_mfn), 1, "giving one of them back") ||
         !take_pair(&pair) )
        return;
    if ( !check_rc_setup(pv_vcpu_start(1, racer, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;

    for ( rounds = 0; rounds < ROUNDS; rounds++ )
    {
        xen_pfn_t in[1] = { pair };

        out[0] = next_pfn;
        out[1] = next_pfn + 1;
        racing = true;
        rc = exchange(in, 1, 1, out, 2, bits, &done);
        racing = false;
        if ( !check_eq(rc, -XEN_ENOMEM, "a half-possible exchange") ||
             !check_eq(done, 0, "nr_exchanged of it") )
            break;
        if ( wins )
        {
            check_held(bits);
            break;
        }
    }
    xtest_info("%lu rounds, vCPU 1 tried %lu times and mapped M %lu times",
               rounds, tries, wins);
    if ( !wins )
        populate_race(bits);
    stop = true;
}
