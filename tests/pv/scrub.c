/*
 * scrub.c - no domain ever sees another's data: memory a domain gave up
 * reaches the next one zeroed.
 *
 * dom0 acts as a toolstack.  Domain A gets NR_OLD frames, which dom0
 * fills (through foreign mappings) with a pattern naming A; A is then
 * destroyed.  Domain B gets NR_OLD frames filled the same way, then
 * balloons down (decrease_reservation of all of them on its behalf) and
 * up again (populate_physmap of the same gfns): its new frames must be
 * all zeroes, A's old ones among them.  Then a new domain C is populated
 * with as much of the free memory as can be spared, chunk by chunk, and
 * every frame it receives must be all zeroes too, whoever had it before:
 * A, B, the hypervisor, or nobody since boot.  All this without a pause:
 * with one CPU the hypervisor's idle loop cannot run meanwhile, so its
 * background scrubber cannot have cleaned up first; what is tested is
 * that allocation never hands out a dirty frame.  The test counts how
 * many of A's and B's frames were handed out again, and fails if none
 * were, since then it would have proved nothing.
 *
 * Xen 4.17 scrubs a dying domain's frames but not those a live one gives
 * back (decrease_reservation): it leaves that to the guest.  There, B's
 * data showing up again is reported, not failed (see frame_clean()).
 *
 * Taking the pattern out of the hypervisor's alloc-time scrub makes it
 * fail (seen on ours).
 *
 * pvtest-smp: 1
 * pvtest-timeout: 120
 */
#include <pvtest.h>

const char test_title[] = "scrub: a domain's freed memory reaches the next one zeroed";

#define NR_OLD      1024            /* frames of A, and of B */
#define CHUNK       256             /* C's frames per populate call */
#define MAX_C       (64 * 1024)     /* at most 256 MiB for C */
#define SPARE       2048            /* free frames left to the hypervisor */
#define PFN_WIN     0x40            /* dom0's pfn where others' frames are mapped */
#define MAGIC       0x5c4b0b5eUL    /* high half of every pattern word */

#define PTE_RW      (_PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY)
#define PTE_RO      (_PAGE_PRESENT | _PAGE_ACCESSED)

static xen_pfn_t a_mfn[NR_OLD], b_mfn[NR_OLD], c_mfn[CHUNK];


/* Map machine frame mfn of domain dom at PFN_WIN (mfn 0: unmap). */
static bool map_win(unsigned long mfn, uint64_t flags, domid_t dom)
{
    struct mmu_update u = { .ptr = pt_l1e_maddr(pfn_to_va(PFN_WIN)),
                            .val = mfn ? (mfn << PAGE_SHIFT) | flags : 0 };
    long rc = HYPERVISOR_mmu_update(&u, 1, NULL, dom);

    HYPERVISOR_mmuext_op(&(struct mmuext_op){ .cmd = MMUEXT_TLB_FLUSH_LOCAL },
                         1, NULL, DOMID_SELF);
    if ( rc )
        xtest_error("mapping frame %#lx of d%u: %ld", mfn, dom, rc);
    return rc == 0;
}

static domid_t create(unsigned long max_frames)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_createdomain };
    domid_t id;

    dc.u.createdomain.max_vcpus = 1;
    dc.u.createdomain.max_evtchn_port = 1023;
    dc.u.createdomain.max_grant_frames = 1;
    dc.u.createdomain.max_maptrack_frames = 1;
    dc.u.createdomain.grant_opts = XEN_DOMCTL_GRANT_version(1);
    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "createdomain") )
        xtest_exit();
    id = dc.domain;
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_vcpus, .domain = id };
    dc.u.max_vcpus.max = 1;
    check_rc_setup(HYPERVISOR_domctl(&dc), "max_vcpus");
    dc = (struct xen_domctl){ .cmd = XEN_DOMCTL_max_mem, .domain = id };
    dc.u.max_mem.max_memkb = max_frames * 4;
    check_rc_setup(HYPERVISOR_domctl(&dc), "max_mem");
    return id;
}

static void destroy(domid_t id)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = id };

    check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain");
}

/* populate_physmap (or decrease_reservation) of gfns first.. for d;
 * mfn[] gets the frames.  Returns how many extents were done. */
static long reservation(unsigned int op, domid_t d, xen_pfn_t *mfn,
                        unsigned long first, unsigned long n)
{
    struct xen_memory_reservation r = { .nr_extents = n, .domid = d };

    if ( op == XENMEM_populate_physmap )
        for ( unsigned long i = 0; i < n; i++ )
            mfn[i] = first + i;
    set_xen_guest_handle(r.extent_start, mfn);
    return HYPERVISOR_memory_op(op, &r);
}

static unsigned long free_frames(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };

    if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
        xtest_exit();
    return sc.u.physinfo.free_pages;
}

/* Write the pattern of domain d into each of its frames. */
static void fill(domid_t d, const xen_pfn_t *mfn, unsigned long n)
{
    uint64_t *w = (uint64_t *)pfn_to_va(PFN_WIN);

    for ( unsigned long i = 0; i < n; i++ )
    {
        if ( !map_win(mfn[i], PTE_RW, d) )
            xtest_exit();
        for ( unsigned int k = 0; k < PAGE_SIZE / 8; k++ )
            w[k] = (MAGIC << 32) | ((uint64_t)d << 24) | k;
    }
    map_win(0, 0, DOMID_SELF);
}

static domid_t balloon_dom;          /* B */
static unsigned long xen_balloon_leaks;

/*
 * Frame mfn of domain d is all zeroes; otherwise say what it holds.  On
 * Xen 4.17, frames a live domain gave back (B's) come back as they were:
 * Xen leaves clearing them to the guest (its balloon driver scrubs) and
 * scrubs only a dying domain's.  This hypervisor scrubs both; on Xen,
 * B's data is counted and reported, not failed.
 */
static bool frame_clean(domid_t d, unsigned long mfn, const char *who)
{
    const uint64_t *w = (const uint64_t *)pfn_to_va(PFN_WIN);
    unsigned int k;
    domid_t owner;

    if ( !map_win(mfn, PTE_RO, d) )
        xtest_exit();
    for ( k = 0; k < PAGE_SIZE / 8 && !w[k]; k++ )
        continue;
    if ( k == PAGE_SIZE / 8 )
        return true;
    owner = (w[k] >> 24) & 0xff;
    if ( (w[k] >> 32) != MAGIC )
        xtest_fail("%s: frame %#lx of d%u is not zero (word %u: %#llx)",
                   who, mfn, d, k, (unsigned long long)w[k]);
    else if ( hv_is_xen() && owner == balloon_dom )
    {
        xen_balloon_leaks++;
        return true;
    }
    else
        xtest_fail("%s: frame %#lx of d%u holds d%u's data (word %u: %#llx)",
                   who, mfn, d, owner, k, (unsigned long long)w[k]);
    return false;
}

static bool in_list(unsigned long mfn, const xen_pfn_t *list, unsigned long n)
{
    for ( unsigned long i = 0; i < n; i++ )
        if ( list[i] == mfn )
            return true;
    return false;
}

/* C takes what can be spared; every frame must be clean.  Counts A's and
 * B's frames among them. */
static unsigned long populate_c(domid_t c, unsigned long *from_a,
                                unsigned long *from_b)
{
    unsigned long got = 0, bad = 0;

    *from_a = *from_b = 0;
    while ( got < MAX_C && free_frames() > SPARE + CHUNK )
    {
        long n = reservation(XENMEM_populate_physmap, c, c_mfn, got, CHUNK);

        if ( n <= 0 )
            break;
        for ( long i = 0; i < n; i++ )
        {
            *from_a += in_list(c_mfn[i], a_mfn, NR_OLD);
            *from_b += in_list(c_mfn[i], b_mfn, NR_OLD);
            if ( bad < 4 && !frame_clean(c, c_mfn[i], "a new domain's frame") )
                bad++;
        }
        got += n;
        if ( n < CHUNK )
            break;
    }
    map_win(0, 0, DOMID_SELF);
    return got;
}

void test_main(void)
{
    static xen_pfn_t gfns[NR_OLD], b_new[NR_OLD];   /* gfns: frames given back */
    domid_t a, b, c;
    unsigned long got, from_a, from_b, a_in_b = 0, bad = 0;

    a = create(NR_OLD);
    b = balloon_dom = create(NR_OLD);
    if ( !check_eq(reservation(XENMEM_populate_physmap, a, a_mfn, 0, NR_OLD),
                   NR_OLD, "populate A") ||
         !check_eq(reservation(XENMEM_populate_physmap, b, b_mfn, 0, NR_OLD),
                   NR_OLD, "populate B") )
        xtest_exit();
    fill(a, a_mfn, NR_OLD);
    fill(b, b_mfn, NR_OLD);

    /* A dies; B balloons down, handing back every frame (by gfn), and
     * up again at once. */
    destroy(a);
    /* A PV guest names the frames it gives back by machine number. */
    memcpy(gfns, b_mfn, sizeof(gfns));
    check_eq(reservation(XENMEM_decrease_reservation, b, gfns, 0, NR_OLD),
             NR_OLD, "B's decrease_reservation");
    if ( check_eq(reservation(XENMEM_populate_physmap, b, b_new, 0, NR_OLD),
                  NR_OLD, "B's populate after ballooning down") )
        for ( unsigned long i = 0; i < NR_OLD; i++ )
        {
            a_in_b += in_list(b_new[i], a_mfn, NR_OLD);
            if ( bad < 4 && !frame_clean(b, b_new[i], "a re-populated frame") )
                bad++;
        }
    map_win(0, 0, DOMID_SELF);

    /* C, a new domain, takes what can be spared. */
    c = create(MAX_C);
    got = populate_c(c, &from_a, &from_b);
    xtest_info("B's new frames: %lu were A's; C got %lu frames: %lu were A's,"
               " %lu B's", a_in_b, got, from_a, from_b);
    check(got >= NR_OLD, "C got only %lu frames", got);
    check(from_a + a_in_b > 0,
          "none of A's frames was handed out again: the test proved nothing");
    check(from_b > 0,
          "none of B's frames was handed out again: the test proved nothing");
    if ( xen_balloon_leaks )
        xtest_info("Xen 4.17 handed out %lu frames still holding B's data"
                   " (it does not scrub what a live domain gives back)",
                   xen_balloon_leaks);
    destroy(c);
    destroy(b);
}
