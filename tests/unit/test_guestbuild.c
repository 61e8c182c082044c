/*
 * test_guestbuild.c - host tests of the PV domain builder
 * (tools/libs/guest, xt/guest.h) over a fake domain in ordinary memory.
 *
 * The fake domain hands out machine frames in reverse order from a high
 * base (so an MFN is never its pfn), maps them through copies that are
 * written back on unmap (like a foreign mapping; ASan sees any access
 * past a window), refuses to pin while a mapping is live, and records
 * every hypercall-like operation.  After a build, the checks walk the
 * page tables from the L4 the vCPU's CR3 names, as the CPU would.
 *
 * Usage:
 *   test_guestbuild --synthetic
 *       synthetic kernels with hand-computed Xen layouts, hostile
 *       kernels and parameters, failing operations, fuzzing;
 *   test_guestbuild --name N --kernel F [--elf-ref F] [--initrd F]
 *                   [--initrd-ref F] --pages P [--expect k=v,...]
 *                   [--fuzz N | --fuzz-initrd N] [--cmdline S]
 *       build a real kernel (ELF or bzImage; --elf-ref is its ELF for
 *       the byte comparison; --initrd-ref what the initrd must hold,
 *       e.g. a gzip file's contents) and check it; --expect lists fields
 *       of the layout (names in layout_field()); then fuzz the kernel's
 *       first page or the whole initrd.
 * Output: "PASS: guestbuild <name>", "FAIL: guestbuild <name>: why";
 * exit status 0 only if nothing failed.
 */
#include <elf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xt/guest.h>
#include <public/grant_table.h>

#define PAGE            4096ULL
#define MFN_BASE        0x123400ULL     /* above 4 GiB once shifted */
#define SHINFO_MFN      0x99999ULL
#define VA_MASK         ((1ULL << 48) - 1)

static int failures;
static char why[512];

static void pass(const char *name)
{
    printf("PASS: guestbuild %s\n", name);
}

static void fail(const char *name, const char *fmt, ...)
{
    va_list ap;

    printf("FAIL: guestbuild %s: ", name);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    failures++;
}

/* Record the first problem found by a check; false means "failed". */
static bool bad(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof(why), fmt, ap);
    va_end(ap);
    return false;
}

/* ---- Files ---------------------------------------------------------------- */

struct buf {
    uint8_t *data;
    size_t len;
};

static struct buf read_file(const char *path)
{
    struct buf b = { NULL, 0 };
    FILE *f = fopen(path, "rb");
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 )
    {
        fprintf(stderr, "test_guestbuild: cannot read %s\n", path);
        exit(2);
    }
    rewind(f);
    b.len = n;
    b.data = malloc(b.len + 1);
    if ( !b.data || fread(b.data, 1, b.len, f) != b.len )
        exit(2);
    fclose(f);
    return b;
}

/* ---- The fake domain ------------------------------------------------------- */

struct window {
    struct window *next;
    uint8_t *v;
    xen_pfn_t *mfns;
    size_t n;
};

struct fake {
    uint64_t nr;                    /* populated pages */
    uint8_t *mem;                   /* their frames: mem + (mfn - MFN_BASE) * PAGE */
    xen_pfn_t *p2m;                 /* what populate() handed out */
    uint8_t shinfo[PAGE];
    uint8_t gnttab[PAGE];
    struct window *windows;
    int live;                       /* open map() windows */
    xen_pfn_t pinned, hcall_mfn;
    int pins, hcalls, ctx_sets, grant_maps;
    unsigned int max_vcpus;
    struct vcpu_guest_context ctx;
    int fail_op;                    /* make the n-th operation fail (1-based) */
    int ops_done;
};

static bool fault_now(struct fake *f)
{
    return ++f->ops_done == f->fail_op;
}

static uint8_t *frame(struct fake *f, xen_pfn_t mfn)
{
    if ( mfn == SHINFO_MFN )
        return f->shinfo;
    if ( mfn < MFN_BASE || mfn - MFN_BASE >= f->nr )
        return NULL;
    return f->mem + (mfn - MFN_BASE) * PAGE;
}

static int f_max_vcpus(void *ctx, unsigned int n)
{
    struct fake *f = ctx;

    if ( fault_now(f) )
        return -EINVAL;
    f->max_vcpus = n;
    return 0;
}

static int f_populate(void *ctx, uint64_t nr, xen_pfn_t *p2m)
{
    struct fake *f = ctx;

    if ( fault_now(f) || f->mem )
        return -ENOMEM;
    f->mem = calloc(nr, PAGE);
    f->p2m = malloc(nr * sizeof(*p2m));
    if ( !f->mem || !f->p2m )
        return -ENOMEM;
    /* Garbage in fresh frames: the builder must clear what it uses. */
    memset(f->mem, 0xa5, nr * PAGE);
    f->nr = nr;
    for ( uint64_t i = 0; i < nr; i++ )
        p2m[i] = f->p2m[i] = MFN_BASE + (nr - 1 - i);
    return 0;
}

static void *f_map(void *ctx, const xen_pfn_t *mfns, size_t n)
{
    struct fake *f = ctx;
    struct window *w;

    if ( fault_now(f) || n == 0 )
        return NULL;
    for ( size_t i = 0; i < n; i++ )
        if ( !frame(f, mfns[i]) )
            return NULL;
    w = calloc(1, sizeof(*w));
    w->v = malloc(n * PAGE);
    w->mfns = malloc(n * sizeof(*mfns));
    w->n = n;
    memcpy(w->mfns, mfns, n * sizeof(*mfns));
    for ( size_t i = 0; i < n; i++ )
        memcpy(w->v + i * PAGE, frame(f, mfns[i]), PAGE);
    w->next = f->windows;
    f->windows = w;
    f->live++;
    return w->v;
}

static void f_unmap(void *ctx, void *p, size_t n)
{
    struct fake *f = ctx;

    for ( struct window **pw = &f->windows; *pw; pw = &(*pw)->next )
    {
        struct window *w = *pw;

        if ( w->v != p )
            continue;
        if ( w->n != n )
            fprintf(stderr, "unmap of %zu pages, mapped %zu\n", n, w->n);
        for ( size_t i = 0; i < w->n; i++ )
            memcpy(frame(f, w->mfns[i]), w->v + i * PAGE, PAGE);
        *pw = w->next;
        free(w->v);
        free(w->mfns);
        free(w);
        f->live--;
        return;
    }
    fprintf(stderr, "unmap of an unknown window\n");
    abort();
}

static int f_hypercall_page(void *ctx, xen_pfn_t mfn)
{
    struct fake *f = ctx;

    if ( fault_now(f) || !frame(f, mfn) )
        return -EINVAL;
    f->hcalls++;
    f->hcall_mfn = mfn;
    memset(frame(f, mfn), 0xcc, PAGE);      /* what Xen would write */
    return 0;
}

static int f_pin_l4(void *ctx, xen_pfn_t mfn)
{
    struct fake *f = ctx;

    /* Xen refuses to type a frame that dom0 still maps writable. */
    if ( fault_now(f) || f->live || !frame(f, mfn) )
        return -EBUSY;
    f->pins++;
    f->pinned = mfn;
    return 0;
}

static int f_set_ctx(void *ctx, unsigned int vcpu,
                     const struct vcpu_guest_context *c)
{
    struct fake *f = ctx;

    if ( fault_now(f) || vcpu != 0 )
        return -EINVAL;
    f->ctx_sets++;
    f->ctx = *c;
    return 0;
}

static void *f_map_gnttab(void *ctx)
{
    struct fake *f = ctx;

    if ( fault_now(f) )
        return NULL;
    f->grant_maps++;
    return f->gnttab;
}

static void f_unmap_gnttab(void *ctx, void *p)
{
    (void)ctx;
    (void)p;
}

static struct xt_guest_ops fake_ops(struct fake *f)
{
    struct xt_guest_ops o = {
        .ctx = f, .max_vcpus = f_max_vcpus, .populate = f_populate,
        .map = f_map, .unmap = f_unmap, .hypercall_page = f_hypercall_page,
        .pin_l4 = f_pin_l4, .set_vcpu_context = f_set_ctx,
        .map_grant_table = f_map_gnttab, .unmap_grant_table = f_unmap_gnttab,
    };
    return o;
}

static void fake_free(struct fake *f)
{
    while ( f->windows )
        f_unmap(f, f->windows->v, f->windows->n);
    free(f->mem);
    free(f->p2m);
    memset(f, 0, sizeof(*f));
}

/* ---- The page-table walk ---------------------------------------------------- */

struct xlate {
    xen_pfn_t mfn;
    bool rw, user;
    xen_pfn_t tables[4];            /* L4, L3, L2, L1 frames on the way */
};

/* Translate va as the MMU would, from the L4 frame l4. */
static bool walk(struct fake *f, xen_pfn_t l4, uint64_t va, struct xlate *x)
{
    xen_pfn_t mfn = l4;

    x->rw = x->user = true;
    for ( int l = 3; l >= 0; l-- )
    {
        uint8_t *t = frame(f, mfn);
        uint64_t e;

        if ( !t || mfn == SHINFO_MFN )
            return bad("va %#llx: table frame %#llx is not guest memory",
                       (unsigned long long)va, (unsigned long long)mfn);
        x->tables[3 - l] = mfn;
        memcpy(&e, t + 8 * ((va >> (12 + 9 * l)) & 511), 8);
        if ( !(e & 1) )
            return bad("va %#llx: not present at level %d",
                       (unsigned long long)va, l + 1);
        if ( e & (1ULL << 7) )
            return bad("va %#llx: superpage at level %d", (unsigned long long)va,
                       l + 1);
        if ( e & (1ULL << 63) )
            return bad("va %#llx: NX at level %d", (unsigned long long)va, l + 1);
        x->rw &= !!(e & 2);
        x->user &= !!(e & 4);
        mfn = (e & 0x000ffffffffff000ULL) >> 12;
    }
    x->mfn = mfn;
    if ( !frame(f, mfn) )
        return bad("va %#llx: maps frame %#llx, not guest memory",
                   (unsigned long long)va, (unsigned long long)mfn);
    return true;
}

static bool present(struct fake *f, xen_pfn_t l4, uint64_t va)
{
    struct xlate x;

    return walk(f, l4, va, &x);
}

/* Copy len bytes at guest virtual va out through the tables. */
static bool read_va(struct fake *f, xen_pfn_t l4, uint64_t va, void *out,
                    uint64_t len)
{
    uint8_t *o = out;

    while ( len )
    {
        struct xlate x;
        uint64_t off = va & (PAGE - 1), n = PAGE - off < len ? PAGE - off : len;

        if ( !walk(f, l4, va, &x) )
            return false;
        memcpy(o, frame(f, x.mfn) + off, n);
        o += n;
        va += n;
        len -= n;
    }
    return true;
}

/* ---- Checks of a finished build ---------------------------------------------- */

struct run {
    const struct xt_guest_params *p;
    const struct xt_guest_result *r;
    struct fake *f;
    const struct buf *elf_ref;      /* NULL: skip the byte comparison */
    const struct buf *initrd_ref;   /* NULL: the initrd file itself */
    bool initrd_unknown;            /* do not compare the initrd's bytes */
};

static uint64_t pfn_va(const struct xt_guest_layout *l, uint64_t pfn)
{
    return l->virt_base + pfn * PAGE;
}

static bool in_seg(const struct xt_guest_seg *s, uint64_t pfn)
{
    return s->pages && pfn >= s->pfn && pfn < s->pfn + s->pages;
}

/* Segments are in Xen's order, disjoint, inside the domain. */
static bool check_segments(const struct run *t)
{
    const struct xt_guest_layout *l = &t->r->layout;
    struct { const char *n; uint64_t pfn, pages; } s[] = {
        { "kernel", l->kernel.pfn, l->kernel.pages },
        { "initrd", l->initrd.pfn, l->initrd_unmapped ? 0 : l->initrd.pages },
        { "p2m", l->p2m.pfn, l->p2m_separate ? 0 : l->p2m.pages },
        { "start_info", l->start_info_pfn, 1 },
        { "xenstore", l->xenstore_pfn, 1 },
        { "console", l->console_pfn, 1 },
        { "pgtables", l->pgtables.pfn, l->pgtables.pages },
        { "stack", l->stack_pfn, 1 },
        { "end of mapping", (l->virt_end - l->virt_base) / PAGE, 0 },
        { "unmapped initrd", l->initrd.pfn, l->initrd_unmapped ? l->initrd.pages : 0 },
        { "separate p2m", l->p2m.pfn, l->p2m_separate ? l->p2m.pages : 0 },
        { "end", l->pfn_alloc_end, 0 },
    };
    uint64_t next = 0;

    for ( unsigned int i = 0; i < sizeof(s) / sizeof(s[0]); i++ )
    {
        if ( !s[i].pages && i != 8 && i != 11 )
            continue;
        if ( s[i].pfn < next )
            return bad("%s at pfn %#llx overlaps the previous segment (ends"
                       " %#llx)", s[i].n, (unsigned long long)s[i].pfn,
                       (unsigned long long)next);
        next = s[i].pfn + s[i].pages;
    }
    if ( l->pfn_alloc_end > t->p->nr_pages )
        return bad("layout uses %llu pages of %llu",
                   (unsigned long long)l->pfn_alloc_end,
                   (unsigned long long)t->p->nr_pages);
    if ( l->pgtables.pages != 1 + l->nr_l3 + l->nr_l2 + l->nr_l1 )
        return bad("page-table count %llu is not 1 + %llu + %llu + %llu",
                   (unsigned long long)l->pgtables.pages,
                   (unsigned long long)l->nr_l3, (unsigned long long)l->nr_l2,
                   (unsigned long long)l->nr_l1);
    if ( (l->virt_end & ((4ULL << 20) - 1)) ||
         l->virt_end - pfn_va(l, l->stack_pfn + 1) < (512ULL << 10) )
        return bad("mapping end %#llx is not 4 MiB aligned with 512 KiB after"
                   " the stack", (unsigned long long)l->virt_end);
    return true;
}

/*
 * Every page of the initial mapping maps its own pfn's frame, user
 * accessible, writable unless it is a page table; every frame the walk
 * passes through is one of the build's tables; just outside, nothing.
 */
static bool check_mapping(const struct run *t, xen_pfn_t l4)
{
    const struct xt_guest_layout *l = &t->r->layout;
    uint64_t pages = (l->virt_end - l->virt_base) / PAGE;

    for ( uint64_t pfn = 0; pfn < pages; pfn++ )
    {
        struct xlate x;
        bool table = in_seg(&l->pgtables, pfn);

        if ( !walk(t->f, l4, pfn_va(l, pfn), &x) )
            return false;
        if ( x.mfn != t->f->p2m[pfn] )
            return bad("pfn %#llx (va %#llx) maps mfn %#llx, not %#llx",
                       (unsigned long long)pfn,
                       (unsigned long long)pfn_va(l, pfn),
                       (unsigned long long)x.mfn,
                       (unsigned long long)t->f->p2m[pfn]);
        if ( x.rw == table || !x.user )
            return bad("pfn %#llx: rw=%d user=%d (page table: %d)",
                       (unsigned long long)pfn, x.rw, x.user, table);
        for ( int i = 0; i < 4; i++ )
        {
            uint64_t tp = t->f->nr - 1 - (x.tables[i] - MFN_BASE);

            if ( !in_seg(&l->pgtables, tp) )
                return bad("va %#llx: walk passes frame of pfn %#llx, not a"
                           " page table of the build",
                           (unsigned long long)pfn_va(l, pfn),
                           (unsigned long long)tp);
        }
    }
    if ( present(t->f, l4, l->virt_end) ||
         (l->virt_base && present(t->f, l4, l->virt_base - PAGE)) )
        return bad("something is mapped just outside the initial mapping");
    return true;
}

/* The P2M list, read through the guest's own mapping of it. */
static bool check_p2m(const struct run *t, xen_pfn_t l4)
{
    const struct xt_guest_layout *l = &t->r->layout;
    uint64_t n = t->p->nr_pages, *list = malloc(n * 8);
    bool ok = read_va(t->f, l4, t->r->start_info.mfn_list, list, n * 8);

    for ( uint64_t i = 0; ok && i < n; i++ )
        if ( list[i] != t->f->p2m[i] )
            ok = bad("p2m[%#llx] = %#llx, the fake gave %#llx",
                     (unsigned long long)i, (unsigned long long)list[i],
                     (unsigned long long)t->f->p2m[i]);
    free(list);
    if ( ok && l->p2m_separate )
    {
        for ( uint64_t i = 0; ok && i < l->p2m_list_pages; i++ )
        {
            struct xlate x;

            ok = walk(t->f, l4, l->p2m.vstart + i * PAGE, &x);
            if ( ok && (x.mfn != t->f->p2m[l->p2m.pfn + i] || !x.rw) )
                ok = bad("P2M page %llu maps the wrong frame or read-only",
                         (unsigned long long)i);
            /* Its L3, L2 and L1 follow the list in the same segment. */
            for ( int j = 1; ok && j < 4; j++ )
            {
                uint64_t tp = t->f->nr - 1 - (x.tables[j] - MFN_BASE);

                if ( !in_seg(&l->p2m, tp) || tp < l->p2m.pfn + l->p2m_list_pages )
                    ok = bad("P2M page %llu: level-%d table at pfn %#llx is"
                             " not one of the P2M segment's tables",
                             (unsigned long long)i, 4 - j,
                             (unsigned long long)tp);
            }
        }
        if ( ok && present(t->f, l4, l->p2m.vstart + l->p2m_list_pages * PAGE) )
            ok = bad("something is mapped after the P2M list");
    }
    return ok;
}

/*
 * The initrd's space: mod_len bytes at VA mod_start, or whole pages from
 * pfn mod_start; it holds the expected contents (the inflated file for
 * gzip, else the file) and zeros after them.
 */
static bool check_initrd(const struct run *t, xen_pfn_t l4,
                         const struct start_info *si)
{
    const struct xt_guest_layout *l = &t->r->layout;
    const uint8_t *want = t->initrd_ref ? t->initrd_ref->data : t->p->initrd;
    uint64_t wlen = t->initrd_ref ? t->initrd_ref->len : t->p->initrd_len;
    uint64_t space = l->initrd.vend - l->initrd.vstart;
    uint8_t *got;
    bool ok = true;

    if ( l->initrd_unmapped ? (si->mod_start != l->initrd.pfn ||
                               si->mod_len != l->initrd.pages * PAGE)
                            : (si->mod_start != l->initrd.vstart ||
                               si->mod_len != space) )
        return bad("mod_start/mod_len %#llx/%#llx do not describe the initrd",
                   (unsigned long long)si->mod_start,
                   (unsigned long long)si->mod_len);
    if ( t->initrd_unknown )
        return true;
    if ( wlen > si->mod_len )
        return bad("initrd: %llu bytes expected in a %llu-byte space",
                   (unsigned long long)wlen, (unsigned long long)si->mod_len);
    got = malloc(si->mod_len);
    if ( l->initrd_unmapped )
        for ( uint64_t i = 0; i < l->initrd.pages; i++ )
            memcpy(got + i * PAGE, frame(t->f, t->f->p2m[si->mod_start + i]),
                   PAGE);
    else
        ok = read_va(t->f, l4, si->mod_start, got, si->mod_len);
    if ( ok && memcmp(got, want, wlen) )
        ok = bad("initrd contents differ from the %s",
                 t->initrd_ref ? "reference" : "file");
    for ( uint64_t i = wlen; ok && i < si->mod_len; i++ )
        if ( got[i] )
            ok = bad("initrd space not zero after the data (offset %#llx)",
                     (unsigned long long)i);
    free(got);
    return ok;
}

static bool check_start_info(const struct run *t, xen_pfn_t l4)
{
    const struct xt_guest_layout *l = &t->r->layout;
    const struct xt_guest_params *p = t->p;
    struct start_info si;
    struct xlate x;
    char cmd[MAX_GUEST_CMDLINE];

    if ( !read_va(t->f, l4, t->f->ctx.user_regs.rsi, &si, sizeof(si)) )
        return false;
    if ( memcmp(&si, &t->r->start_info, sizeof(si)) )
        return bad("start_info in the guest differs from the result's copy");
    if ( strcmp(si.magic, "xen-3.0-x86_64") || si.nr_pages != p->nr_pages ||
         si.shared_info != SHINFO_MFN << 12 )
        return bad("start_info magic/nr_pages/shared_info wrong");
    if ( si.store_mfn != t->f->p2m[l->xenstore_pfn] ||
         si.console.domU.mfn != t->f->p2m[l->console_pfn] ||
         si.store_evtchn != p->store_evtchn ||
         si.console.domU.evtchn != p->console_evtchn )
        return bad("start_info store/console mfn or evtchn wrong");
    if ( !walk(t->f, l4, si.pt_base, &x) || x.mfn != t->f->pinned ||
         si.nr_pt_frames != l->pgtables.pages )
        return bad("pt_base %#llx does not map the pinned L4, or nr_pt_frames"
                   " %llu", (unsigned long long)si.pt_base,
                   (unsigned long long)si.nr_pt_frames);
    if ( si.flags != (l->initrd_unmapped ? SIF_MOD_START_PFN : 0) )
        return bad("flags %#x", si.flags);
    snprintf(cmd, sizeof(cmd), "%s", p->cmdline ? p->cmdline : "");
    if ( strcmp((char *)si.cmd_line, cmd) )
        return bad("cmd_line '%s'", (char *)si.cmd_line);
    if ( l->p2m_separate ? (si.first_p2m_pfn != l->p2m.pfn ||
                            si.nr_p2m_frames != l->p2m.pages)
                         : (si.first_p2m_pfn || si.nr_p2m_frames) )
        return bad("first_p2m_pfn/nr_p2m_frames wrong");
    if ( p->initrd_len && !check_initrd(t, l4, &si) )
        return false;
    if ( !p->initrd_len && (si.mod_start || si.mod_len) )
        return bad("mod_start/mod_len set without an initrd");
    return true;
}

static bool check_vcpu(const struct run *t)
{
    const struct xt_guest_layout *l = &t->r->layout;
    const struct vcpu_guest_context *c = &t->f->ctx;
    const struct cpu_user_regs *r = &c->user_regs;
    struct vcpu_guest_context want;

    if ( t->f->ctx_sets != 1 || t->f->pins != 1 || t->f->live )
        return bad("setcontext %d times, pinned %d times, %d maps still open",
                   t->f->ctx_sets, t->f->pins, t->f->live);
    if ( c->ctrlreg[3] != t->f->pinned << 12 || t->f->pinned != t->r->l4_mfn )
        return bad("cr3 %#llx is not the pinned L4",
                   (unsigned long long)c->ctrlreg[3]);
    if ( r->rip != l->entry || r->rsi != pfn_va(l, l->start_info_pfn) ||
         r->rsp != pfn_va(l, l->stack_pfn + 1) )
        return bad("rip/rsi/rsp %#llx/%#llx/%#llx",
                   (unsigned long long)r->rip, (unsigned long long)r->rsi,
                   (unsigned long long)r->rsp);
    memset(&want, 0, sizeof(want));
    want.flags = VGCF_in_kernel | VGCF_online;
    want.user_regs.rip = r->rip;
    want.user_regs.rsp = r->rsp;
    want.user_regs.rsi = r->rsi;
    want.user_regs.rflags = 0x200;
    want.user_regs.cs = FLAT_KERNEL_CS;
    want.user_regs.ss = want.kernel_ss = FLAT_KERNEL_SS;
    want.user_regs.ds = want.user_regs.es = FLAT_KERNEL_DS;
    want.user_regs.fs = want.user_regs.gs = FLAT_KERNEL_DS;
    want.kernel_sp = r->rsp;
    want.ctrlreg[3] = c->ctrlreg[3];
    want.debugreg[6] = 0xffff0ff0;
    want.debugreg[7] = 0x400;
    if ( memcmp(&want, c, sizeof(want)) )
        return bad("vCPU 0 context has unexpected fields (callbacks, flags,"
                   " selectors or debug registers)");
    if ( t->f->max_vcpus != t->p->nr_vcpus )
        return bad("max_vcpus %u", t->f->max_vcpus);
    return true;
}

static bool check_misc(const struct run *t)
{
    const struct xt_guest_layout *l = &t->r->layout;
    const struct shared_info *s = (const void *)t->f->shinfo;
    const struct grant_entry_v1 *g = (const void *)t->f->gnttab;
    static const uint8_t zero[PAGE];

    for ( unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
        if ( s->vcpu_info[i].evtchn_upcall_mask != 1 )
            return bad("shared_info vcpu %u not masked", i);
    if ( l->hypercall_va != ~0ULL &&
         (t->f->hcalls != 1 ||
          t->f->hcall_mfn != t->f->p2m[(l->hypercall_va - l->virt_base) / PAGE]) )
        return bad("hypercall page not set up at the HYPERCALL_PAGE note");
    if ( l->hypercall_va == ~0ULL && t->f->hcalls )
        return bad("hypercall page set up without a note");
    if ( g[0].flags != GTF_permit_access || g[0].domid != t->p->console_domid ||
         g[0].frame != t->f->p2m[l->console_pfn] ||
         g[1].flags != GTF_permit_access || g[1].domid != t->p->store_domid ||
         g[1].frame != t->f->p2m[l->xenstore_pfn] || g[2].flags )
        return bad("grant entries 0/1 wrong");
    if ( memcmp(frame(t->f, t->f->p2m[l->xenstore_pfn]), zero, PAGE) ||
         memcmp(frame(t->f, t->f->p2m[l->console_pfn]), zero, PAGE) )
        return bad("xenstore or console page not cleared");
    return true;
}

static bool in_hypercall_page(const struct run *t, uint64_t va)
{
    uint64_t h = t->r->layout.hypercall_va;

    return t->f->hcalls && va >= h && va - h < PAGE;
}

/* Every PT_LOAD of the reference ELF at its virtual address (PADDR_OFFSET
 * is 0 for every kernel tested: VA = VIRT_BASE + p_paddr). */
static bool check_kernel_bytes(const struct run *t, xen_pfn_t l4)
{
    const struct buf *e = t->elf_ref;
    Elf64_Ehdr eh;
    bool ok = true;

    if ( !e )
        return true;
    memcpy(&eh, e->data, sizeof(eh));
    for ( unsigned int i = 0; ok && i < eh.e_phnum; i++ )
    {
        Elf64_Phdr ph;
        uint8_t *got;
        uint64_t va;

        memcpy(&ph, e->data + eh.e_phoff + i * sizeof(ph), sizeof(ph));
        if ( ph.p_type != PT_LOAD || !ph.p_memsz )
            continue;
        va = t->r->layout.virt_base + ph.p_paddr;
        got = malloc(ph.p_memsz);
        ok = read_va(t->f, l4, va, got, ph.p_memsz);
        for ( uint64_t j = 0; ok && j < ph.p_memsz; j++ )
        {
            uint8_t want = j < ph.p_filesz ? e->data[ph.p_offset + j] : 0;

            /* Xen's hypervisor owns the hypercall page's contents. */
            if ( got[j] != want && !in_hypercall_page(t, va + j) )
                ok = bad("segment %u: byte at va %#llx is %#x, the ELF has"
                         " %#x", i, (unsigned long long)(va + j), got[j], want);
        }
        free(got);
    }
    return ok;
}

static bool check_all(const struct run *t)
{
    xen_pfn_t l4 = t->f->ctx.ctrlreg[3] >> 12;

    return check_segments(t) && check_vcpu(t) && check_mapping(t, l4) &&
           check_p2m(t, l4) && check_start_info(t, l4) && check_misc(t) &&
           check_kernel_bytes(t, l4);
}

/* ---- Expected layouts ---------------------------------------------------------- */

/* One field of the layout by name, for --expect; false: unknown name. */
static bool layout_field(const struct xt_guest_result *r, const char *k,
                         uint64_t *v)
{
    const struct xt_guest_layout *l = &r->layout;
    const struct { const char *name; uint64_t value; } f[] = {
        { "virt_base", l->virt_base }, { "entry", l->entry },
        { "kernel_pfn", l->kernel.pfn }, { "kernel_pages", l->kernel.pages },
        { "initrd_pfn", l->initrd.pfn }, { "initrd_pages", l->initrd.pages },
        { "p2m_pfn", l->p2m.pfn }, { "p2m_pages", l->p2m.pages },
        { "p2m_va", l->p2m.vstart },
        { "start_info_pfn", l->start_info_pfn },
        { "xenstore_pfn", l->xenstore_pfn }, { "console_pfn", l->console_pfn },
        { "pt_pfn", l->pgtables.pfn }, { "nr_pt", l->pgtables.pages },
        { "nr_l3", l->nr_l3 }, { "nr_l2", l->nr_l2 }, { "nr_l1", l->nr_l1 },
        { "stack_pfn", l->stack_pfn }, { "virt_end", l->virt_end },
        { "pfn_alloc_end", l->pfn_alloc_end },
        { "mod_start", r->start_info.mod_start },
        { "mod_len", r->start_info.mod_len },
        { "first_p2m_pfn", r->start_info.first_p2m_pfn },
        { "nr_p2m_frames", r->start_info.nr_p2m_frames },
        { "flags", r->start_info.flags },
        { "rsp", r->vcpu0.user_regs.rsp }, { "rsi", r->vcpu0.user_regs.rsi },
    };

    for ( unsigned int i = 0; i < sizeof(f) / sizeof(f[0]); i++ )
        if ( !strcmp(f[i].name, k) )
        {
            *v = f[i].value;
            return true;
        }
    return false;
}

/* "k=v,k=v,..." all match. */
static bool check_expect(const struct xt_guest_result *r, const char *list)
{
    char *copy = strdup(list), *save = NULL;
    bool ok = true;

    for ( char *kv = strtok_r(copy, ", ", &save); ok && kv;
          kv = strtok_r(NULL, ", ", &save) )
    {
        char *eq = strchr(kv, '=');
        uint64_t want, got;

        if ( !eq )
            ok = bad("bad expectation '%s'", kv);
        else
        {
            *eq = '\0';
            want = strtoull(eq + 1, NULL, 0);
            if ( !layout_field(r, kv, &got) )
                ok = bad("unknown layout field '%s'", kv);
            else if ( got != want )
                ok = bad("%s is %#llx, Xen's algorithm gives %#llx", kv,
                         (unsigned long long)got, (unsigned long long)want);
        }
    }
    free(copy);
    return ok;
}

/* ---- Running one build ------------------------------------------------------------ */

static struct xt_guest_params params(const struct buf *k, const struct buf *rd,
                                     uint64_t pages, const char *cmdline)
{
    struct xt_guest_params p = {
        .kernel = k->data, .kernel_len = k->len,
        .initrd = rd ? rd->data : NULL, .initrd_len = rd ? rd->len : 0,
        .cmdline = cmdline, .nr_pages = pages, .nr_vcpus = 2, .domid = 7,
        .store_domid = 0, .console_domid = 0, .store_evtchn = 3,
        .console_evtchn = 2, .shared_info_mfn = SHINFO_MFN,
    };
    return p;
}

/* Build and check; expect: NULL or a --expect list. */
static void good_case_ref(const char *name, const struct xt_guest_params *p,
                          const struct buf *elf_ref,
                          const struct buf *initrd_ref, const char *expect)
{
    struct fake f = { 0 };
    struct xt_guest_ops ops = fake_ops(&f);
    struct xt_guest_result r;
    struct run t = { p, &r, &f, elf_ref, initrd_ref, false };
    struct xt_guest_result planned;
    int prc = xt_guest_plan(p, &planned);
    int rc = xt_guest_build(p, &ops, &r);

    if ( rc )
        fail(name, "build failed (%d): %s", rc, r.error);
    else if ( prc || memcmp(&planned.layout, &r.layout, sizeof(r.layout)) )
        fail(name, "xt_guest_plan() gives another layout (%d: %s)", prc,
             planned.error);
    else if ( !check_all(&t) )
        fail(name, "%s", why);
    else if ( expect && !check_expect(&r, expect) )
        fail(name, "%s", why);
    else
        pass(name);
    if ( !rc )
        printf("#   %s: kernel pfn %#llx+%#llx, p2m pfn %#llx+%#llx%s,"
               " start_info %#llx, tables %#llx+%llu (L3 %llu L2 %llu L1 %llu),"
               " stack %#llx, mapping end %#llx, %#llx pfns used\n", name,
               (unsigned long long)r.layout.kernel.pfn,
               (unsigned long long)r.layout.kernel.pages,
               (unsigned long long)r.layout.p2m.pfn,
               (unsigned long long)r.layout.p2m.pages,
               r.layout.p2m_separate ? " (at INIT_P2M)" : "",
               (unsigned long long)r.layout.start_info_pfn,
               (unsigned long long)r.layout.pgtables.pfn,
               (unsigned long long)r.layout.pgtables.pages,
               (unsigned long long)r.layout.nr_l3,
               (unsigned long long)r.layout.nr_l2,
               (unsigned long long)r.layout.nr_l1,
               (unsigned long long)r.layout.stack_pfn,
               (unsigned long long)r.layout.virt_end,
               (unsigned long long)r.layout.pfn_alloc_end);
    fake_free(&f);
}

static void good_case(const char *name, const struct xt_guest_params *p,
                      const struct buf *elf_ref, const char *expect)
{
    good_case_ref(name, p, elf_ref, NULL, expect);
}

/* The build must fail with rc and an error containing text. */
static void bad_case(const char *name, const struct xt_guest_params *p,
                     int want_rc, const char *text)
{
    struct fake f = { 0 };
    struct xt_guest_ops ops = fake_ops(&f);
    struct xt_guest_result r;
    int rc = xt_guest_build(p, &ops, &r);

    if ( rc == 0 )
        fail(name, "build succeeded");
    else if ( (want_rc && rc != want_rc) || !r.error[0] ||
              (text && !strstr(r.error, text)) )
        fail(name, "rc %d, error '%s' (wanted %d, '%s')", rc, r.error, want_rc,
             text ? text : "");
    else if ( f.live )
        fail(name, "%d mappings left open", f.live);
    else
        pass(name);
    printf("#   %s: %s\n", name, r.error);
    fake_free(&f);
}

/* ---- Synthetic kernels ---------------------------------------------------------------- */

struct synth {
    uint64_t virt_base, entry, hypercall, init_p2m;
    bool mod_start_pfn, no_hypercall;
    const char *features;
    unsigned int nr_seg;
    struct { uint64_t paddr, filesz, memsz; } seg[4];
    uint16_t machine;
};

#define VB 0xffffffff80000000ULL

/* Two segments at paddr 1 MiB: 4 KiB of text, 2 KiB data + 6 KiB BSS. */
static struct synth synth_default(void)
{
    struct synth s = {
        .virt_base = VB, .entry = VB + 0x100000, .hypercall = VB + 0x101000,
        .init_p2m = ~0ULL, .nr_seg = 2, .machine = EM_X86_64,
        .seg = { { 0x100000, 0x1000, 0x1000 }, { 0x101000, 0x800, 0x2000 } },
    };
    return s;
}

static size_t note(uint8_t *p, uint32_t type, const void *desc, uint32_t len)
{
    uint32_t h[3] = { 4, len, type };

    memcpy(p, h, 12);
    memcpy(p + 12, "Xen", 4);
    memcpy(p + 16, desc, len);
    return 16 + ((len + 3) & ~3u);
}

static size_t note_u64(uint8_t *p, uint32_t type, uint64_t v)
{
    return note(p, type, &v, 8);
}

static struct buf synth_elf(const struct synth *s)
{
    size_t data_off = 0x1000, total = data_off;
    struct buf b;
    Elf64_Ehdr eh = { 0 };
    uint8_t *n;
    size_t nl = 0;

    for ( unsigned int i = 0; i < s->nr_seg; i++ )
        total += s->seg[i].filesz;
    b.len = total;
    b.data = calloc(1, total);
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    eh.e_type = ET_EXEC;
    eh.e_machine = s->machine;
    eh.e_version = EV_CURRENT;
    eh.e_entry = s->entry;
    eh.e_phoff = sizeof(eh);
    eh.e_ehsize = sizeof(eh);
    eh.e_phentsize = sizeof(Elf64_Phdr);
    eh.e_phnum = s->nr_seg + 1;
    memcpy(b.data, &eh, sizeof(eh));

    n = b.data + 0x400;
    nl += note(n + nl, 8, "generic", 8);               /* LOADER */
    nl += note(n + nl, 5, "xen-3.0", 8);               /* XEN_VERSION */
    nl += note(n + nl, 6, "linux", 6);                 /* GUEST_OS */
    nl += note_u64(n + nl, 3, s->virt_base);           /* VIRT_BASE */
    nl += note_u64(n + nl, 4, 0);                      /* PADDR_OFFSET */
    nl += note_u64(n + nl, 1, s->entry);               /* ENTRY */
    if ( !s->no_hypercall )
        nl += note_u64(n + nl, 2, s->hypercall);       /* HYPERCALL_PAGE */
    if ( s->init_p2m != ~0ULL )
        nl += note_u64(n + nl, 15, s->init_p2m);       /* INIT_P2M */
    if ( s->mod_start_pfn )
        nl += note_u64(n + nl, 16, 1);                 /* MOD_START_PFN */
    if ( s->features )
        nl += note(n + nl, 10, s->features, strlen(s->features) + 1);

    size_t off = data_off;
    for ( unsigned int i = 0; i <= s->nr_seg; i++ )
    {
        Elf64_Phdr ph = { 0 };

        if ( i == s->nr_seg )
        {
            ph.p_type = PT_NOTE;
            ph.p_offset = 0x400;
            ph.p_filesz = ph.p_memsz = nl;
            ph.p_align = 4;
        }
        else
        {
            ph.p_type = PT_LOAD;
            ph.p_flags = PF_R | (i ? PF_W : PF_X);
            ph.p_offset = off;
            ph.p_vaddr = s->virt_base + s->seg[i].paddr;
            ph.p_paddr = s->seg[i].paddr;
            ph.p_filesz = s->seg[i].filesz;
            ph.p_memsz = s->seg[i].memsz;
            ph.p_align = 0x1000;
            for ( uint64_t j = 0; j < ph.p_filesz; j++ )
                b.data[off + j] = (uint8_t)(j * 7 + i + 1);
            off += ph.p_filesz;
        }
        memcpy(b.data + sizeof(eh) + i * sizeof(ph), &ph, sizeof(ph));
    }
    return b;
}

/* A bzImage around payload (boot protocol 2.15, payload right after the
 * 4+1 setup sectors), with Linux's trailing size word. */
static struct buf synth_bzimage(const struct buf *payload, uint32_t size_word)
{
    size_t start = 5 * 512;
    struct buf b;

    b.len = start + payload->len + 4;
    b.data = calloc(1, b.len);
    b.data[0x1f1] = 4;
    memcpy(b.data + 0x1fe, "\x55\xaa", 2);
    memcpy(b.data + 0x202, "HdrS", 4);
    b.data[0x206] = 0x0f;
    b.data[0x207] = 0x02;
    memset(b.data + 0x248, 0, 4);
    uint32_t plen = payload->len + 4;
    memcpy(b.data + 0x24c, &plen, 4);
    memcpy(b.data + start, payload->data, payload->len);
    memcpy(b.data + start + payload->len, &size_word, 4);
    return b;
}

/*
 * Hand-computed with Xen 4.17's algorithm (docs/domain-builder.md works
 * the first one through).  8192 pages; kernel [VB+1M, VB+1M+12K).
 *   pfns 0-255 padding, kernel 256-258, initrd (5000 bytes) 259-260,
 *   P2M 8192*8 bytes = 16 pages 261-276, start_info 277, xenstore 278,
 *   console 279; tables: 280+129 pages end below VB+4M, so the mapping
 *   is [VB, VB+4M): 1 L4 + 1 L3 + 1 L2 + 2 L1 = 5 at 280-284; stack 285;
 *   padding to pfn 1024.
 */
static const char expect_mapped[] =
    "kernel_pfn=256,kernel_pages=3,initrd_pfn=259,initrd_pages=2,"
    "p2m_pfn=261,p2m_pages=16,p2m_va=0xffffffff80105000,start_info_pfn=277,"
    "xenstore_pfn=278,console_pfn=279,pt_pfn=280,nr_pt=5,nr_l3=1,nr_l2=1,"
    "nr_l1=2,stack_pfn=285,virt_end=0xffffffff80400000,pfn_alloc_end=1024,"
    "mod_start=0xffffffff80103000,mod_len=5000,first_p2m_pfn=0,"
    "nr_p2m_frames=0,flags=0,rsp=0xffffffff8011e000,rsi=0xffffffff80115000";

/*
 * Same kernel with INIT_P2M 0x8000000000 and MOD_START_PFN:
 *   kernel 256-258, start_info 259, xenstore 260, console 261, tables
 *   262-266 (5 again), stack 267, padding to 1024; then the initrd as
 *   pfns 1024-1025 (mod_len 2 pages), then the P2M: 16 list pages
 *   1026-1041 and its L3, L2, L1 1042-1044: 19 frames from 1026.
 */
static const char expect_separate[] =
    "kernel_pfn=256,start_info_pfn=259,xenstore_pfn=260,console_pfn=261,"
    "pt_pfn=262,nr_pt=5,stack_pfn=267,virt_end=0xffffffff80400000,"
    "initrd_pfn=1024,initrd_pages=2,mod_start=1024,mod_len=8192,"
    "p2m_pfn=1026,p2m_pages=19,p2m_va=0x8000000000,first_p2m_pfn=1026,"
    "nr_p2m_frames=19,pfn_alloc_end=1045,flags=8";

static void synthetic_good(void)
{
    struct synth s = synth_default();
    struct buf k = synth_elf(&s), rd = { malloc(5000), 5000 };
    struct xt_guest_params p;

    for ( size_t i = 0; i < rd.len; i++ )
        rd.data[i] = (uint8_t)(i * 13);
    p = params(&k, &rd, 8192, "console=hvc0 root=/dev/xvda1");
    good_case("synthetic-mapped-initrd", &p, &k, expect_mapped);

    struct synth s2 = synth_default();
    s2.init_p2m = 0x8000000000ULL;
    s2.mod_start_pfn = true;
    struct buf k2 = synth_elf(&s2);
    p = params(&k2, &rd, 8192, NULL);
    good_case("synthetic-init-p2m-pfn-initrd", &p, &k2, expect_separate);

    /* An INIT_P2M above VIRT_BASE is ignored by Xen: list in the mapping. */
    s2.init_p2m = 0xffffffffc0000000ULL;
    s2.mod_start_pfn = false;
    free(k2.data);
    k2 = synth_elf(&s2);
    p = params(&k2, &rd, 8192, "console=hvc0 root=/dev/xvda1");
    good_case("synthetic-init-p2m-above-base-ignored", &p, &k2, expect_mapped);

    /* No hypercall page note, no initrd, a long command line cut short. */
    struct synth s3 = synth_default();
    s3.no_hypercall = true;
    struct buf k3 = synth_elf(&s3);
    char *longcmd = malloc(3000);
    memset(longcmd, 'x', 2999);
    longcmd[2999] = '\0';
    p = params(&k3, NULL, 8192, longcmd);
    good_case("synthetic-no-hypercall-page-long-cmdline", &p, &k3, NULL);

    /* Exactly enough memory: 1024 pages (P2M 2 pages) still fits. */
    p = params(&k3, NULL, 1024, NULL);
    good_case("synthetic-minimum-memory", &p, &k3,
              "p2m_pages=2,pfn_alloc_end=1024");

    /*
     * A kernel of 625 pages puts the tables at pfn 900: 900 + 129 extra
     * pages pass 4 MiB, so the mapping grows to 8 MiB, whose 7 tables
     * (1 L4, 1 L3, 1 L2, 4 L1) sit at 900-906, stack 907, end pfn 2048.
     */
    struct synth s4 = synth_default();
    s4.seg[1].memsz = 0x270000;
    struct buf k4 = synth_elf(&s4);
    p = params(&k4, NULL, 8192, NULL);
    good_case("synthetic-mapping-grows-to-8m", &p, &k4,
              "kernel_pfn=256,kernel_pages=625,p2m_pfn=881,start_info_pfn=897,"
              "pt_pfn=900,nr_pt=7,nr_l1=4,stack_pfn=907,"
              "virt_end=0xffffffff80800000,pfn_alloc_end=2048");

    /*
     * VIRT_BASE 1 MiB below a 1 GiB boundary (not 4 MiB aligned: Xen ORs
     * 0x3fffff into the end address, so the mapping ends at the next
     * 4 MiB boundary of the address, not of the size): P2M 259-274,
     * start_info 275-277, tables at 278; end VB + 0x500000; tables for
     * [0x...3ff00000, 0x...403fffff]: 1 L4, 1 L3, 2 L2, 3 L1.
     */
    struct synth s5 = synth_default();
    s5.virt_base = 0xffffffff3ff00000ULL;
    s5.entry = s5.virt_base + 0x100000;
    s5.hypercall = s5.entry + 0x1000;
    struct buf k5 = synth_elf(&s5);
    p = params(&k5, NULL, 8192, NULL);
    good_case("synthetic-mapping-crosses-1g", &p, &k5,
              "kernel_pfn=256,p2m_pfn=259,p2m_va=0xffffffff40003000,"
              "start_info_pfn=275,pt_pfn=278,nr_pt=7,nr_l3=1,nr_l2=2,nr_l1=3,"
              "stack_pfn=285,virt_end=0xffffffff40400000,pfn_alloc_end=1280");
    free(k4.data);
    free(k5.data);

    /* The same kernel wrapped in a bzImage, uncompressed payload. */
    struct buf bz = synth_bzimage(&k, k.len);
    p = params(&bz, &rd, 8192, "console=hvc0 root=/dev/xvda1");
    good_case("synthetic-bzimage-plain", &p, &k, expect_mapped);

    free(longcmd);
    free(bz.data);
    free(k.data);
    free(k2.data);
    free(k3.data);
    free(rd.data);
}

static void synth_bad(const char *name, const struct synth *s, uint64_t pages,
                      int rc, const char *text)
{
    struct buf k = synth_elf(s);
    struct xt_guest_params p = params(&k, NULL, pages, NULL);

    bad_case(name, &p, rc, text);
    free(k.data);
}

static void synthetic_bad(void)
{
    struct synth s;

    s = synth_default();
    s.virt_base = 0xffff800000000000ULL;            /* Xen's own slots */
    s.entry = s.virt_base + 0x100000;
    s.hypercall = s.entry + 0x1000;
    synth_bad("virt-base-in-hypervisor-hole", &s, 8192, -EINVAL,
              "not in the guest's part");
    s.virt_base = 0x00007ffffff00000ULL;            /* kernel in the gap */
    s.entry = s.virt_base + 0x100000;
    s.hypercall = s.entry + 0x1000;
    synth_bad("mapping-crosses-canonical-gap", &s, 8192, -EINVAL,
              "not in the guest's part");
    s = synth_default();
    s.virt_base = 0xffffffffffc00000ULL;            /* the last 4 MiB */
    s.entry = s.virt_base + 0x100000;
    s.hypercall = s.entry + 0x1000;
    synth_bad("mapping-wraps-past-top", &s, 8192, -EINVAL,
              "top of the address space");
    s = synth_default();
    s.virt_base = VB + 0x800;
    s.entry = s.virt_base + 0x100000;
    s.hypercall = s.entry + 0x1000;
    synth_bad("virt-base-unaligned", &s, 8192, -EINVAL, "not page aligned");
    s = synth_default();
    synth_bad("memory-too-small", &s, 1023, -ENOMEM, "not enough memory");
    synth_bad("memory-tiny", &s, 100, -ENOMEM, "kernel needs");
    synth_bad("memory-zero", &s, 0, -EINVAL, "memory");
    synth_bad("memory-absurd", &s, 1ULL << 60, -EINVAL, "memory");
    s.seg[1].paddr = 0x100800;                      /* overlaps seg 0 */
    synth_bad("overlapping-segments", &s, 8192, -EINVAL, "kernel");
    s = synth_default();
    s.seg[1].memsz = 1ULL << 40;                    /* a huge BSS */
    synth_bad("huge-segment", &s, 8192, -EINVAL, "kernel");
    s = synth_default();
    s.seg[1].memsz = 64ULL << 20;                   /* fits libelf, not memory */
    synth_bad("segment-larger-than-memory", &s, 8192, -ENOMEM, "kernel needs");
    s = synth_default();
    s.hypercall = VB + 0x200000;
    synth_bad("hypercall-page-outside-kernel", &s, 8192, -EINVAL,
              "HYPERCALL_PAGE");
    s = synth_default();
    s.entry = VB + 0x500000;
    synth_bad("entry-outside-kernel", &s, 8192, -EINVAL, "entry");
    s = synth_default();
    s.machine = EM_386;
    synth_bad("not-x86-64", &s, 8192, -EINVAL, NULL);
    s = synth_default();
    s.features = "!dom0";
    synth_bad("requires-dom0", &s, 8192, -EINVAL, "unprivileged");
    s.features = "!auto_translated_physmap";
    synth_bad("requires-autotranslate", &s, 8192, -EOPNOTSUPP, "autotranslate");
    s = synth_default();
    s.init_p2m = VB - 0x100000000ULL;               /* INIT_P2M in VB's slot */
    synth_bad("init-p2m-shares-l4-slot", &s, 8192, -EINVAL, "512 GiB slot");
    s.init_p2m = 0x00007ffffffff000ULL;             /* runs off canonical */
    synth_bad("init-p2m-crosses-canonical-gap", &s, 8192, -EINVAL, "INIT_P2M");

    /* Parameters. */
    s = synth_default();
    struct buf k = synth_elf(&s);
    struct xt_guest_params p = params(&k, NULL, 8192, NULL);
    p.nr_vcpus = 0;
    bad_case("zero-vcpus", &p, -EINVAL, "vcpus");
    p = params(&k, NULL, 8192, NULL);
    p.initrd_len = 10;
    bad_case("initrd-length-without-data", &p, -EINVAL, "initrd");
    p = params(&k, NULL, 8192, NULL);
    p.kernel_len = 0;
    bad_case("empty-kernel", &p, -EINVAL, "kernel");
    struct buf big = { k.data, 0 };
    big.len = k.len;
    struct buf rd = { calloc(1, 40u << 20), 40u << 20 };
    p = params(&big, &rd, 8192, NULL);
    bad_case("initrd-larger-than-memory", &p, -ENOMEM, "initrd needs");
    free(rd.data);

    /* Truncated and corrupt XZ inside a bzImage. */
    struct buf bz = synth_bzimage(&k, k.len);
    bz.data[5 * 512] = 0xfd;                        /* looks like XZ now */
    memcpy(bz.data + 5 * 512, "\xfd" "7zXZ\0", 6);
    p = params(&bz, NULL, 8192, NULL);
    bad_case("bzimage-corrupt-xz", &p, -EINVAL, "bzImage");
    free(bz.data);
    free(k.data);
}

/* Make each domain operation fail in turn: an error, nothing left open. */
static void synthetic_failing_ops(void)
{
    struct synth s = synth_default();
    struct buf k = synth_elf(&s), rd = { calloc(1, 100), 100 };
    struct xt_guest_params p = params(&k, &rd, 8192, NULL);
    char name[64];
    int n;

    for ( n = 1; n < 40; n++ )
    {
        struct fake f = { .fail_op = n };
        struct xt_guest_ops ops = fake_ops(&f);
        struct xt_guest_result r;
        int rc = xt_guest_build(&p, &ops, &r);
        bool more = f.ops_done >= n;

        fake_free(&f);
        if ( !more )
            break;                  /* the build has fewer operations */
        snprintf(name, sizeof(name), "failing-op-%d", n);
        if ( rc == 0 || !r.error[0] )
            fail(name, "rc %d, error '%s'", rc, r.error);
    }
    if ( n < 8 )
        fail("failing-ops", "only %d operations seen", n - 1);
    else
        pass("failing-ops");
    printf("#   failing-ops: each of the build's %d operations failed once\n",
           n - 1);
    free(k.data);
    free(rd.data);
}

/*
 * Random corruption of a kernel (or, with initrd, of the initrd beside
 * an intact kernel): every build ends in success or an error message,
 * never a crash or an out-of-bounds access (ASan); a success is checked
 * like any good build.
 */
static void fuzz(const char *name, const struct buf *k, uint64_t pages,
                 unsigned int rounds, size_t span, const struct buf *initrd)
{
    const struct buf *src = initrd ? initrd : k;
    unsigned int seed = 12345, ok = 0, errs = 0;
    struct buf m = { malloc(src->len), src->len };
    char n[80];

    for ( unsigned int i = 0; i < rounds; i++ )
    {
        struct fake f = { 0 };
        struct xt_guest_ops ops = fake_ops(&f);
        struct xt_guest_result r;
        struct xt_guest_params p;
        unsigned int flips = 1 + rand_r(&seed) % 8;

        memcpy(m.data, src->data, src->len);
        m.len = src->len;
        for ( unsigned int j = 0; j < flips; j++ )
        {
            size_t at = rand_r(&seed) % (span < m.len ? span : m.len);

            m.data[at] = (rand_r(&seed) & 1) ? (uint8_t)rand_r(&seed)
                                             : m.data[at] ^ (1u << (rand_r(&seed) % 8));
        }
        if ( rand_r(&seed) % 8 == 0 )
            m.len = rand_r(&seed) % m.len;
        p = initrd ? params(k, &m, pages, NULL) : params(&m, NULL, pages, NULL);
        int rc = xt_guest_build(&p, &ops, &r);
        if ( rc == 0 )
        {
            /* A mutated gzip initrd may or may not inflate: compare the
             * contents only when it went in as it is. */
            struct run t = { &p, &r, &f, NULL, NULL, false };

            ok++;
            t.initrd_unknown = initrd &&
                r.layout.initrd.vend - r.layout.initrd.vstart != m.len;
            if ( !check_all(&t) )
            {
                snprintf(n, sizeof(n), "%s-round-%u", name, i);
                fail(n, "accepted input built wrong: %s", why);
            }
        }
        else
        {
            errs++;
            if ( !r.error[0] || f.live )
            {
                snprintf(n, sizeof(n), "%s-round-%u", name, i);
                fail(n, "rc %d without a message or with open mappings", rc);
            }
        }
        fake_free(&f);
    }
    pass(name);
    printf("#   %s: %u built and checked, %u refused with a message\n", name,
           ok, errs);
    free(m.data);
}

int main(int argc, char **argv)
{
    const char *name = "kernel", *expect = NULL, *cmdline = "console=hvc0";
    struct buf kernel = { 0 }, ref = { 0 }, initrd = { 0 }, initrd_ref = { 0 };
    bool fuzz_initrd = false;
    uint64_t pages = 0;
    unsigned int rounds = 0;

    setvbuf(stdout, NULL, _IOLBF, 0);
    for ( int i = 1; i < argc; i++ )
    {
        const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

        if ( !strcmp(o, "--synthetic") )
        {
            struct synth s = synth_default();
            struct buf k = synth_elf(&s);

            synthetic_good();
            synthetic_bad();
            synthetic_failing_ops();
            fuzz("synthetic-fuzz", &k, 2048, 1500, k.len, NULL);
            free(k.data);
            continue;
        }
        if ( !v )
            break;
        i++;
        if ( !strcmp(o, "--name") )
            name = v;
        else if ( !strcmp(o, "--kernel") )
            kernel = read_file(v);
        else if ( !strcmp(o, "--elf-ref") )
            ref = read_file(v);
        else if ( !strcmp(o, "--initrd") )
            initrd = read_file(v);
        else if ( !strcmp(o, "--initrd-ref") )
            initrd_ref = read_file(v);
        else if ( !strcmp(o, "--fuzz-initrd") )
        {
            rounds = strtoul(v, NULL, 0);
            fuzz_initrd = true;
        }
        else if ( !strcmp(o, "--pages") )
            pages = strtoull(v, NULL, 0);
        else if ( !strcmp(o, "--expect") )
            expect = v;
        else if ( !strcmp(o, "--fuzz") )
            rounds = strtoul(v, NULL, 0);
        else if ( !strcmp(o, "--cmdline") )
            cmdline = v;
        else
        {
            fprintf(stderr, "test_guestbuild: unknown option %s\n", o);
            return 2;
        }
    }
    if ( kernel.data )
    {
        struct xt_guest_params p = params(&kernel, initrd.data ? &initrd : NULL,
                                          pages, cmdline);

        bool is_elf = kernel.len > 4 && !memcmp(kernel.data, ELFMAG, SELFMAG);

        good_case_ref(name, &p, ref.data ? &ref : is_elf ? &kernel : NULL,
                      initrd_ref.data ? &initrd_ref : NULL, expect);
        if ( rounds )
        {
            char n[80];

            snprintf(n, sizeof(n), "%s-fuzz", name);
            if ( fuzz_initrd )
                fuzz(n, &kernel, pages, rounds, initrd.len, &initrd);
            else
                fuzz(n, &kernel, pages, rounds, 4096, NULL);
        }
    }
    free(kernel.data);
    free(ref.data);
    free(initrd.data);
    free(initrd_ref.data);
    return failures ? 1 : 0;
}
