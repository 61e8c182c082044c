/*
 * fuzz.c - a hypercall fuzzer in an unprivileged domain, watched by dom0
 * (ours only: the fuzzer is a boot-time domU).
 *
 * Domain 1 (the fuzzer, 3 vCPUs) issues random sequences of every
 * hypercall and sub-op from vCPUs 0 and 1 at once, with arguments that
 * lean towards edges (fuzz-gen.h, fuzz-calls.h): hypervisor addresses,
 * dom0's frames, its own page-table frames, huge counts, misaligned and
 * unmapped pointers, nested multicalls.  vCPU 2 is the victim the others
 * initialise, start and stop.  The sequence is fixed by fuzz.seed (one
 * stream per vCPU); the seed is printed first so any crash replays, and
 * fuzz.verbose=1 logs every call before it is made (fuzz.from=N: from
 * the N-th call of each vCPU on).  fuzz.vcpus=1 fuzzes from vCPU 0 alone,
 * which makes a run exactly repeatable.  Success: every call came back
 * and nothing the toolstack may do (domctl, sysctl, platform_op) was
 * allowed; the fuzzer then powers off (on a failure it crashes itself,
 * which dom0 sees).
 *
 * Domain 2 (the twin) is built exactly like domain 1 and does nothing:
 * destroying it tells dom0 what a domain of this shape returns beyond its
 * own pages (its share of the hypervisor's structures).
 *
 * dom0 fills 64 pages with a pattern, publishes their frame numbers to
 * the fuzzer through a read-only grant (and grants it some pages, one of
 * them writable), and measures the baseline: free pages F0 and the
 * fuzzer's pages T0 just before it lets the fuzzer go, and the twin's
 * overhead S.  Then it waits (fuzz.budget seconds) for the fuzzer to shut
 * down and checks that the hypervisor still answers, that its pattern is
 * intact, that the fuzzer powered off, and that after destroying the
 * fuzzer the free-page count is exactly F0 + T0 + S: everything the
 * fuzzer allocated, mapped or took a reference to has come back.
 *
 * pvtest-domU: name=fuzzer,mem=16M,vcpus=3 self fuzz.seed=1 fuzz.calls=20000
 * pvtest-domU: name=twin,mem=16M,vcpus=3 self fuzz.role=twin
 * pvtest-domU-result: none
 * pvtest-cmdline: fuzz.budget=60
 * pvtest-timeout: 100
 */
#include "peer.h"
#include "fuzz-calls.h"

const char test_title[] = "fuzz: random hypercalls from a domU";

#define FUZZER          1
#define TWIN            2
#define FZ_SHARED_SLACK 8           /* xmalloc's size classes */

/* ---- shared helpers ---- */

static unsigned long cmdline_ulong(const char *name, unsigned long dflt)
{
    char buf[32];

    if ( !kernel_cmdline_value(name, buf, sizeof(buf)) || !buf[0] )
        return dflt;
    return strtoul(buf, NULL, 0);
}

static uint64_t pattern(uint64_t i)
{
    uint64_t z = i * 0x9e3779b97f4a7c15ULL + 0x1234;

    return z ^ (z >> 29);
}

/* ---- the fuzzer: calls ---- */

static struct fz fzs[FZ_FUZZERS];
static unsigned long fz_seed, fz_calls, fz_verbose, fz_from, fz_nr_fuzzers;
static volatile unsigned long fz_done[FZ_FUZZERS];
static unsigned int fz_total_weight;

/*
 * Sub-ops kept out of the mix (nr, sub; sub ~0u: every sub-op), and the
 * calls issued one at a time from the two fuzzing vCPUs when
 * fuzz.serialise=1.  Both lists once worked round hypervisor defects
 * (a relinquish walk that looped, a periodic timer that wrapped, a TLB
 * flush deadlock), all fixed; none is excluded now and serialising is off
 * by default, kept for narrowing a failure down.
 */
static const struct { unsigned int nr, sub; } fz_excluded[] = {
    { ~0u, ~0u },                   /* matches no call */
};

static const unsigned int fz_serialised[] = {
    __HYPERVISOR_mmu_update, __HYPERVISOR_mmuext_op,
    __HYPERVISOR_update_va_mapping, __HYPERVISOR_update_va_mapping_otherdomain,
    __HYPERVISOR_grant_table_op, __HYPERVISOR_memory_op, __HYPERVISOR_set_gdt,
    __HYPERVISOR_update_descriptor, __HYPERVISOR_vcpu_op,
    __HYPERVISOR_multicall,
};
static unsigned long fz_serialise;
static volatile int fz_serial_lock;

static bool fz_is_serialised(unsigned int nr)
{
    for ( unsigned int i = 0; fz_serialise && i < ARRAY_SIZE(fz_serialised); i++ )
        if ( fz_serialised[i] == nr )
            return true;
    return false;
}

static void fz_lock(void)
{
    while ( __atomic_exchange_n(&fz_serial_lock, 1, __ATOMIC_ACQUIRE) )
        cpu_relax();
}

static void fz_unlock(void)
{
    __atomic_store_n(&fz_serial_lock, 0, __ATOMIC_RELEASE);
}

static bool fz_is_excluded(const struct fz_call *c)
{
    for ( unsigned int i = 0; i < ARRAY_SIZE(fz_excluded); i++ )
        if ( fz_excluded[i].nr == c->nr &&
             (fz_excluded[i].sub == ~0u || fz_excluded[i].sub == c->sub) )
            return true;
    return false;
}

static unsigned int fz_pick(struct fz *f)
{
    unsigned int w, i;

    do {
        w = fz_below(f, fz_total_weight);
        i = 0;
        while ( w >= fz_gens[i].weight )
            w -= fz_gens[i++].weight;
    } while ( fz_gens[i].gen == g_multicall && f->depth >= 2 );
    return i;
}

/* Generator i, or another one where i made an excluded call. */
static void fz_gen(struct fz *f, struct fz_call *c, unsigned int i)
{
    for ( unsigned int tries = 0; tries < 64; tries++ )
    {
        memset(c, 0, sizeof(*c));
        fz_gens[i].gen(f, c);
        if ( !fz_is_excluded(c) )
            return;
        i = fz_pick(f);
    }
    memset(c, 0, sizeof(*c));
    g_xen_version(f, c);
}

static void fz_gen_any(struct fz *f, struct fz_call *c)
{
    fz_gen(f, c, fz_pick(f));
}

static void fz_log(const struct fz *f, const struct fz_call *c)
{
    char line[200];
    int n = snprintf(line, sizeof(line),
                     "fz%u #%lu %s/%u [%lu](%#lx, %#lx, %#lx, %#lx, %#lx)\n",
                     f->id, f->calls, c->name, c->sub, c->nr, c->a[0],
                     c->a[1], c->a[2], c->a[3], c->a[4]);

    console_write(line, n);
    if ( fz_verbose < 2 )
        return;
    /* fuzz.verbose=2: the first 48 bytes behind each argument that points
     * into the arena, as 64-bit words. */
    for ( unsigned int i = 0; i < 5; i++ )
    {
        const uint64_t *p = (const uint64_t *)(c->a[i] & ~7UL);

        if ( c->a[i] < (uint64_t)f->arena ||
             c->a[i] + 48 > (uint64_t)f->arena + FZ_ARENA_RO * PAGE_SIZE )
            continue;
        n = snprintf(line, sizeof(line), "fz%u    a%u: %lx %lx %lx %lx %lx %lx\n",
                     f->id, i, p[0], p[1], p[2], p[3], p[4], p[5]);
        console_write(line, n);
    }
}

static void fz_log_rc(const struct fz *f, long rc)
{
    char line[64];
    int n = snprintf(line, sizeof(line), "fz%u #%lu -> %ld\n", f->id,
                     f->calls, rc);

    console_write(line, n);
}

/* Put back what the fuzzer cannot live with (see FZ_R_*). */
static void fz_restore(struct fz *f)
{
    struct mmuext_op ldt = { .cmd = MMUEXT_SET_LDT };
    struct callback_unregister nmi = { .type = CALLBACKTYPE_nmi };

    if ( f->restore & FZ_R_TRAPS )
    {
        traps_init();
        HYPERVISOR_callback_op(CALLBACKOP_unregister, &nmi);
    }
    if ( f->restore & FZ_R_FPU )
        HYPERVISOR_fpu_taskswitch(0);
    if ( f->restore & FZ_R_DR7 )
        HYPERVISOR_set_debugreg(7, 0);
    if ( f->restore & FZ_R_LDT )
        HYPERVISOR_mmuext_op(&ldt, 1, NULL, DOMID_SELF);
    f->restore = 0;
}

/* The toolstack's calls must never work for us. */
static void fz_judge(const struct fz *f, const struct fz_call *c, long rc)
{
    if ( rc >= 0 && (c->nr == __HYPERVISOR_domctl ||
                     c->nr == __HYPERVISOR_sysctl ||
                     c->nr == __HYPERVISOR_platform_op) )
        xtest_fail("seed %lu, fz%u #%lu: %s cmd %u returned %ld for a domU",
                   fz_seed, f->id, f->calls, c->name, c->sub, rc);
}

static void fz_one(struct fz *f)
{
    struct fz_call c;
    enum hypercall_mode mode = HYPERCALL_VIA_SYSCALL;
    bool serial;
    long rc;

    unsigned int i = fz_pick(f);

    /* Generators may make calls of their own (fz_prepare_table): lock
     * before generating. */
    serial = fz_is_serialised(fz_gens[i].nr);
    if ( serial )
        fz_lock();
    f->used = 0;
    fz_gen(f, &c, i);
    if ( hypercall_page_filled() && fz_one_in(f, 2) )
        mode = HYPERCALL_VIA_PAGE;
    if ( fz_verbose && f->calls >= fz_from )
        fz_log(f, &c);
    rc = hypercall_via(mode, c.nr, c.a[0], c.a[1], c.a[2], c.a[3], c.a[4]);
    if ( fz_verbose && f->calls >= fz_from )
        fz_log_rc(f, rc);
    if ( c.post )
        c.post(f, &c, rc);
    fz_restore(f);
    if ( serial )
        fz_unlock();
    if ( fz_verbose && f->calls >= fz_from )
    {
        uint8_t x;

        /* A fault of our own after the call: if the vCPU lost its trap
         * table, it dies here, next to the call that did it. */
        probe_read8((const void *)8, &x);
    }
    fz_judge(f, &c, rc);
    f->calls++;
    f->ok += rc >= 0;
}

static void fz_run(unsigned int id)
{
    struct fz *f = &fzs[id];
    unsigned long share = fz_calls / fz_nr_fuzzers;

    events_disable();
    if ( id == 0 )
        share += fz_calls % fz_nr_fuzzers;
    while ( f->calls < share )
        fz_one(f);
    fz_done[id] = 1;
}

static uint8_t fz_stack1[16384] __aligned(16);

static void __noreturn fz_second(unsigned int id)
{
    fz_run(id);
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* ---- the fuzzer: set-up ---- */

static uint8_t fz_info_page[PAGE_SIZE] __aligned(PAGE_SIZE);

/* Copy dom0's info page out of its grant until it is there (no mapping:
 * a grant copy allocates nothing, so waiting leaves dom0's baseline be). */
static bool fz_wait_for_dom0(void)
{
    uint64_t deadline = pv_system_time(0) + 30 * NS_PER_S;
    const struct fz_info *in = (const void *)fz_info_page;

    while ( pv_system_time(0) < deadline )
    {
        struct gnttab_copy c = {
            .source = { .u.ref = FZ_REF_INFO, .domid = 0 },
            .dest = { .u.gmfn = va_to_mfn((unsigned long)fz_info_page),
                      .domid = DOMID_SELF },
            .len = sizeof(struct fz_info), .flags = GNTCOPY_source_gref,
        };

        if ( !HYPERVISOR_grant_table_op(GNTTABOP_copy, &c, 1) &&
             c.status == GNTST_okay && in->magic == FZ_INFO_MAGIC )
        {
            fz_dom0 = *in;
            return true;
        }
        pv_sleep_until(pv_system_time(0) + 20 * NS_PER_MS);
    }
    return false;
}

static bool fz_setup_grants(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF,
                                     .nr_frames = FZ_GNT_FRAMES };
    xen_pfn_t frames[FZ_GNT_FRAMES];

    set_xen_guest_handle(st.frame_list, frames);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table") ||
         !check_eq(st.status, GNTST_okay, "setup_table status") )
        return false;
    for ( unsigned int i = 0; i < FZ_GNT_FRAMES; i++ )
    {
        fz_gnt_mfn[i] = frames[i];
        if ( !check_rc_setup(HYPERVISOR_update_va_mapping(
                 pfn_to_va(FZ_GNT_PFN + i), (frames[i] << PAGE_SHIFT) |
                 _PAGE_PRESENT | _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY,
                 UVMF_INVLPG), "mapping our grant table") )
            return false;
    }
    return true;
}

/* Per fuzzing vCPU: its arena's read-only page and hole, its pool. */
static bool fz_setup_vcpu(unsigned int v)
{
    struct fz *f = &fzs[v];
    unsigned long ro, hole;

    f->id = v;
    prng_seed(&f->r, fz_seed, v);
    f->arena = fz_arenas[v];
    ro = (unsigned long)f->arena + FZ_ARENA_RO * PAGE_SIZE;
    hole = (unsigned long)f->arena + FZ_ARENA_HOLE * PAGE_SIZE;
    if ( !check_rc_setup(HYPERVISOR_update_va_mapping(ro, (va_to_mfn(ro) << PAGE_SHIFT) |
                                                      _PAGE_PRESENT | _PAGE_ACCESSED,
                                                      UVMF_INVLPG), "arena RO page") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(hole, 0, UVMF_INVLPG),
                         "arena hole") )
        return false;
    for ( unsigned int i = 0; i < FZ_POOL; i++ )
    {
        f->pool_mfn[i] = pfn_to_mfn(FZ_POOL_PFN(v) + i);
        fz_pool_pte[v][i] = pt_l1e_maddr(fz_pool_va(v, i));
    }
    for ( unsigned int i = 0; i < FZ_HANDLES; i++ )
    {
        f->handle[i] = i;
        f->handle_va[i] = fz_pool_va(v, i);
    }
    return true;
}

static void fz_setup_frames(void)
{
    const unsigned long *p2m = (const unsigned long *)start_info->mfn_list;

    fz_nr_pt = start_info->nr_pt_frames;
    if ( fz_nr_pt > ARRAY_SIZE(fz_pt_mfn) )
        fz_nr_pt = ARRAY_SIZE(fz_pt_mfn);
    for ( unsigned int i = 0; i < fz_nr_pt; i++ )
        fz_pt_mfn[i] = va_to_mfn(start_info->pt_base + i * PAGE_SIZE);
    fz_own_lo = ~0UL;
    for ( unsigned long i = 0; i < start_info->nr_pages; i++ )
    {
        fz_own_lo = p2m[i] < fz_own_lo ? p2m[i] : fz_own_lo;
        fz_own_hi = p2m[i] > fz_own_hi ? p2m[i] : fz_own_hi;
    }
    for ( unsigned int i = 0; i < ARRAY_SIZE(fz_gens); i++ )
        fz_total_weight += fz_gens[i].weight;
}

/* A data breakpoint we set may fire in our own code: clear and go on. */
static bool fz_debug_trap(struct pv_regs *regs)
{
    (void)regs;
    HYPERVISOR_set_debugreg(7, 0);
    HYPERVISOR_set_debugreg(6, 0);
    return true;
}

/*
 * The victim: a few garbage contexts first (they should all be refused;
 * one that is taken leaves the victim never to be started), then one it
 * can run with, and up it goes.
 */
static void fz_setup_victim(void)
{
    struct vcpu_guest_context *x = (void *)fz_arenas[0];
    struct fz *f = &fzs[0];
    unsigned int taken = 0;

    for ( unsigned int i = 0; i < 16; i++ )
    {
        int kind = fz_victim_context(f, x, false);

        if ( !HYPERVISOR_vcpu_op(VCPUOP_initialise, FZ_VICTIM, x) )
        {
            printf("fuzz: the victim took garbage context %u (kind %d):"
                   " cr3 %#lx cs %#lx ss %#lx rip %#lx gdt_ents %#lx"
                   " ldt %#lx/%#lx dr7 %#lx\n", i, kind,
                   (unsigned long)x->ctrlreg[3], (unsigned long)x->user_regs.cs,
                   (unsigned long)x->user_regs.ss, (unsigned long)x->user_regs.rip,
                   (unsigned long)x->gdt_ents, (unsigned long)x->ldt_base,
                   (unsigned long)x->ldt_ents, (unsigned long)x->debugreg[7]);
            taken++;
        }
    }
    if ( taken )
    {
        printf("fuzz: %u garbage contexts for the victim were taken\n", taken);
        victim_state = VICTIM_TAINTED;
        return;
    }
    fz_victim_context(f, x, true);
    if ( !check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_initialise, FZ_VICTIM, x),
                         "initialising the victim") )
        return;
    victim_state = VICTIM_SANE;
    check_rc_setup(HYPERVISOR_vcpu_op(VCPUOP_up, FZ_VICTIM, NULL), "victim up");
}

static void fuzzer_main(void)
{
    fz_seed = cmdline_ulong("fuzz.seed", 1);
    fz_calls = cmdline_ulong("fuzz.calls", 1000);
    fz_verbose = cmdline_ulong("fuzz.verbose", 0);
    fz_from = cmdline_ulong("fuzz.from", 0);
    fz_serialise = cmdline_ulong("fuzz.serialise", 0);
    fz_nr_fuzzers = cmdline_ulong("fuzz.vcpus", FZ_FUZZERS);
    if ( fz_nr_fuzzers < 1 || fz_nr_fuzzers > FZ_FUZZERS )
        fz_nr_fuzzers = FZ_FUZZERS;
    printf("fuzz: seed %lu, %lu calls on %lu vCPUs%s (replay: fuzz.seed=%lu"
           " fuzz.calls=%lu fuzz.vcpus=1 fuzz.verbose=1)\n", fz_seed,
           fz_calls, fz_nr_fuzzers,
           fz_serialise ? ", page-table calls serialised" : "", fz_seed,
           fz_calls);
    events_disable();
    fz_self = FUZZER;
    if ( !check(fz_wait_for_dom0(), "no word from dom0") )
        xtest_crash("no word from dom0");
    fz_setup_frames();
    if ( !fz_setup_grants() || !fz_setup_vcpu(0) || !fz_setup_vcpu(1) )
        xtest_crash("set-up failed");
    trap_set_handler(X86_EXC_DB, fz_debug_trap);
    fz_setup_victim();

    if ( fz_nr_fuzzers > 1 &&
         !check_rc_setup(pv_vcpu_start(1, fz_second, fz_stack1, sizeof(fz_stack1)),
                         "starting vCPU 1") )
        xtest_crash("vCPU 1 did not start");
    fz_run(0);
    for ( unsigned int v = 1; v < fz_nr_fuzzers; v++ )
        while ( !fz_done[v] )
            HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    for ( unsigned int v = 0; v < fz_nr_fuzzers; v++ )
        printf("fuzz: vCPU %u made %lu calls, %lu succeeded\n", v,
               fzs[v].calls, fzs[v].ok);
    printf("fuzz: seed %lu done, %lu calls\n", fz_seed, fz_calls);
    if ( xtest_outcome() != TEST_SUCCESS )
        xtest_crash("seed %lu: the fuzzer saw the hypervisor misbehave", fz_seed);
}

/* ---- dom0 ---- */

#define PFN_GNT     0x20            /* dom0's grant table frame */
#define PFN_INFO    0x30
#define PFN_SPARE   0x31            /* granted writable: not checked */
#define PFN_REGION  0x40

static uint64_t region_sum(void)
{
    const uint64_t *r = (const uint64_t *)pfn_to_va(PFN_REGION);
    uint64_t sum = 0, bad = 0;

    for ( unsigned long i = 0; i < FZ_REGION * PAGE_SIZE / 8; i++ )
    {
        sum += r[i] * (i | 1);
        bad += r[i] != pattern(i);
    }
    return bad ? ~0ULL - bad : sum;
}

static uint64_t free_pages(void)
{
    struct xen_sysctl sc = { .cmd = XEN_SYSCTL_physinfo };
    uint64_t last = ~0ULL, deadline = pv_system_time(0) + NS_PER_S;

    /* Read until two readings 20 ms apart agree (or a second has gone). */
    for ( ; ; )
    {
        if ( !check_rc_setup(HYPERVISOR_sysctl(&sc), "physinfo") )
            xtest_exit();
        if ( sc.u.physinfo.free_pages == last || pv_system_time(0) > deadline )
            return sc.u.physinfo.free_pages;
        last = sc.u.physinfo.free_pages;
        pv_sleep_until(pv_system_time(0) + 20 * NS_PER_MS);
    }
}

static bool domain_info(domid_t d, struct xen_domctl_getdomaininfo *out)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_getdomaininfo, .domain = d };

    if ( HYPERVISOR_domctl(&dc) || dc.domain != d )
        return false;
    *out = dc.u.getdomaininfo;
    return true;
}

static bool destroy(domid_t d)
{
    struct xen_domctl dc = { .cmd = XEN_DOMCTL_destroydomain, .domain = d };
    struct xen_domctl_getdomaininfo info;
    uint64_t deadline;

    if ( !check_rc_setup(HYPERVISOR_domctl(&dc), "destroydomain") )
        return false;
    deadline = pv_system_time(0) + 5 * NS_PER_S;
    while ( domain_info(d, &info) && pv_system_time(0) < deadline )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    return check(!domain_info(d, &info), "domain %u still there after destroy", d);
}

static volatile struct grant_entry_v1 *dom0_gnt;

static bool dom0_setup(struct fz_info *info)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    struct evtchn_alloc_unbound au = { .dom = DOMID_SELF, .remote_dom = FUZZER };
    uint64_t *r = (uint64_t *)pfn_to_va(PFN_REGION);
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "dom0 setup_table") ||
         !check_rc_setup(HYPERVISOR_update_va_mapping(pfn_to_va(PFN_GNT),
                             (frame << PAGE_SHIFT) | _PAGE_PRESENT | _PAGE_RW |
                             _PAGE_ACCESSED | _PAGE_DIRTY, UVMF_INVLPG),
                         "mapping dom0's grant table") ||
         !check_rc_setup(HYPERVISOR_event_channel_op(EVTCHNOP_alloc_unbound, &au),
                         "alloc_unbound for the fuzzer") )
        return false;
    dom0_gnt = (volatile struct grant_entry_v1 *)pfn_to_va(PFN_GNT);
    for ( unsigned long i = 0; i < FZ_REGION * PAGE_SIZE / 8; i++ )
        r[i] = pattern(i);
    memset(info, 0, sizeof(*info));
    info->nr_region = FZ_REGION;
    info->port = au.port;
    for ( unsigned int i = 0; i < FZ_REGION; i++ )
        info->region_mfn[i] = pfn_to_mfn(PFN_REGION + i);
    info->other_mfn[0] = va_to_mfn(start_info->pt_base);
    info->other_mfn[1] = va_to_mfn((unsigned long)start_info);
    info->other_mfn[2] = va_to_mfn((unsigned long)_text);
    info->other_mfn[3] = pfn_to_mfn(PFN_SPARE);
    info->magic = FZ_INFO_MAGIC;
    return true;
}

static void dom0_grant(grant_ref_t ref, unsigned long pfn, bool ro)
{
    dom0_gnt[ref].domid = FUZZER;
    dom0_gnt[ref].frame = pfn_to_mfn(pfn);
    __asm__ volatile ( "" ::: "memory" );
    dom0_gnt[ref].flags = GTF_permit_access | (ro ? GTF_readonly : 0);
}

/* The twin's overhead: what its destruction returns beyond its pages. */
static bool twin_overhead(int64_t *s)
{
    struct xen_domctl_getdomaininfo info;
    uint64_t deadline = pv_system_time(0) + 20 * NS_PER_S, before;

    /* Wait until it has booted and sleeps for good. */
    while ( domain_info(TWIN, &info) && !(info.flags & XEN_DOMINF_blocked) &&
            pv_system_time(0) < deadline )
        pv_sleep_until(pv_system_time(0) + 20 * NS_PER_MS);
    if ( !check(domain_info(TWIN, &info) && (info.flags & XEN_DOMINF_blocked),
                "the twin (domain 2) is not there or never settled") )
        return false;
    before = free_pages();
    if ( !destroy(TWIN) )
        return false;
    *s = (int64_t)(free_pages() - before) - (int64_t)info.tot_pages;
    printf("twin: %lu pages, destroying it freed %ld more\n",
           (unsigned long)info.tot_pages, (long)*s);
    return true;
}

static void dom0_alive(void)
{
    static const char msg[] = "fuzz: dom0 still here\n";
    struct xen_domctl_getdomaininfo info;

    check(HYPERVISOR_xen_version(XENVER_version, NULL) > 0x30000, "xen_version");
    check_eq(HYPERVISOR_console_io(CONSOLEIO_write, sizeof(msg) - 1, msg), 0,
             "console write");
    check(domain_info(0, &info), "getdomaininfo(0)");
}

static void dom0_main(void)
{
    struct fz_info *info = (void *)pfn_to_va(PFN_INFO);
    unsigned long budget = cmdline_ulong("fuzz.budget", 60);
    struct xen_domctl_getdomaininfo fi;
    evtchn_port_t dom_exc = bind_dom_exc();
    uint64_t f0, t0, sum, f_end;
    unsigned int flags;
    int64_t s;

    if ( !dom0_setup(info) )
        return;
    sum = region_sum();
    if ( !twin_overhead(&s) )
        return;
    if ( !check(domain_info(FUZZER, &fi), "no fuzzer (domain 1)") )
        return;
    /* Nothing of ours is allocated from here on. */
    f0 = free_pages();
    t0 = fi.tot_pages;
    printf("fuzz: baseline %lu free pages, the fuzzer holds %lu\n",
           (unsigned long)f0, (unsigned long)t0);
    dom0_grant(FZ_REF_INFO, PFN_INFO, true);
    for ( unsigned int i = 0; i < FZ_REF_RW - FZ_REF_RO; i++ )
        dom0_grant(FZ_REF_RO + i, PFN_REGION + i, true);
    dom0_grant(FZ_REF_RW, PFN_SPARE, false);

    expect_shutdown(FUZZER, dom_exc, budget * NS_PER_S, SHUTDOWN_poweroff, false);
    dom0_alive();
    check_eq(region_sum(), sum, "dom0's region checksum");
    flags = dom_flags(FUZZER);
    if ( !(flags & XEN_DOMINF_shutdown) )
        printf("fuzz: the fuzzer did not finish within %lu s\n", budget);

    if ( !destroy(FUZZER) )
        return;
    f_end = free_pages();
    printf("fuzz: %lu free pages after destroying it, expected %lu + %lu + %ld\n",
           (unsigned long)f_end, (unsigned long)f0, (unsigned long)t0, (long)s);
    /* The twin's and the fuzzer's small structures may share a few of
     * the allocator's size-class pages (one per class at most), which
     * then come back with the fuzzer rather than with the twin: a small
     * surplus is that.  A page missing is a leak. */
    check(f_end >= f0 + t0 + s && f_end <= f0 + t0 + s + FZ_SHARED_SLACK,
          "free pages after destroying the fuzzer: %lu, expected %lu%s",
          (unsigned long)f_end, (unsigned long)(f0 + t0 + s),
          f_end < f0 + t0 + s ? " (pages leaked)" : " (too many)");
    for ( grant_ref_t r = FZ_REF_INFO; r <= FZ_REF_LAST; r++ )
        check(!(dom0_gnt[r].flags & (GTF_reading | GTF_writing)),
              "grant %u still in use after the fuzzer's destruction (%#x)", r,
              dom0_gnt[r].flags);
    dom0_alive();
    check_eq(region_sum(), sum, "dom0's region checksum at the end");
}

/* ---- roles ---- */

void test_main(void)
{
    char role[16];

    if ( pv_is_initdomain() )
        dom0_main();
    else if ( kernel_cmdline_value("fuzz.role", role, sizeof(role)) &&
              !strcmp(role, "twin") )
    {
        for ( ; ; )
            HYPERVISOR_sched_op(SCHEDOP_block, NULL);
    }
    else
        fuzzer_main();
}
