/*
 * xt_guest_plan() and xt_guest_build(): the order of the steps, which is
 * Xen 4.17's (libxl__build_dom: mem_init, build_image, boot_image,
 * gnttab_init).  Memory of the domain is only ever touched through one
 * short-lived ops->map() window per segment, each unmapped before the
 * next step, so that no mapping is left when the L4 is pinned.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "guest-private.h"

int gb_fail(struct gb *b, int rc, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(b->r->error, sizeof(b->r->error), fmt, ap);
    va_end(ap);
    return rc;
}

static int plan(struct gb *b, const struct xt_guest_params *p,
                struct xt_guest_result *r)
{
    memset(b, 0, sizeof(*b));
    memset(r, 0, sizeof(*r));
    b->p = p;
    b->r = r;
    b->l = &r->layout;
    if ( !p )
        return gb_fail(b, -EINVAL, "no parameters");
    int rc = gb_kernel_parse(b);
    return rc ? rc : gb_layout(b);
}

int xt_guest_plan(const struct xt_guest_params *p, struct xt_guest_result *r)
{
    struct gb b;
    int rc = plan(&b, p, r);

    gb_kernel_release(&b);
    return rc;
}

/* ---- Windows onto the domain's memory ---------------------------------- */

/* Map pfns [pfn, pfn + n) writable; NULL with the error recorded. */
static void *map_pfns(struct gb *b, const struct xt_guest_ops *ops,
                      uint64_t pfn, uint64_t n, const char *what)
{
    void *v = n ? ops->map(ops->ctx, b->p2m + pfn, n) : NULL;

    if ( !v )
        gb_fail(b, -EIO, "map: cannot map the %s (pfn %#llx, %llu pages)",
                what, (unsigned long long)pfn, (unsigned long long)n);
    return v;
}

static int load_kernel(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_seg *s = &b->l->kernel;
    uint8_t *v = map_pfns(b, ops, s->pfn, s->pages, "kernel");
    int rc;

    if ( !v )
        return -EIO;
    memset(v, 0, s->pages << PAGE_SHIFT);
    rc = gb_kernel_load(b, v, s->pages << PAGE_SHIFT);
    ops->unmap(ops->ctx, v, s->pages);
    return rc;
}

static int load_initrd(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_seg *s = &b->l->initrd;
    uint8_t *v;

    if ( !b->p->initrd_len )
        return 0;
    if ( !(v = map_pfns(b, ops, s->pfn, s->pages, "initrd")) )
        return -EIO;
    int rc = gb_initrd_load(b, v, s->pages << PAGE_SHIFT);

    ops->unmap(ops->ctx, v, s->pages);
    return rc;
}

/* The P2M list (pfn -> mfn for every page), plus its own tables when it
 * lives at INIT_P2M. */
static int write_p2m(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_seg *s = &b->l->p2m;
    uint64_t *v = map_pfns(b, ops, s->pfn, s->pages, "P2M list");

    if ( !v )
        return -EIO;
    memset(v, 0, s->pages << PAGE_SHIFT);
    for ( uint64_t i = 0; i < b->p->nr_pages; i++ )
        v[i] = b->p2m[i];
    if ( b->l->p2m_separate )
        gb_write_tables(b, &b->maps[1], v + (b->l->p2m_list_pages << 9));
    ops->unmap(ops->ctx, v, s->pages);
    return 0;
}

static int write_tables(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_seg *s = &b->l->pgtables;
    uint64_t *v = map_pfns(b, ops, s->pfn, s->pages, "page tables");

    if ( !v )
        return -EIO;
    memset(v, 0, s->pages << PAGE_SHIFT);
    gb_write_tables(b, &b->maps[0], v);
    ops->unmap(ops->ctx, v, s->pages);
    return 0;
}

/* start_info (filled), then the xenstore, console and stack pages
 * (cleared); all single pages. */
static int write_pages(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_layout *l = b->l;
    const uint64_t pfns[] = { l->start_info_pfn, l->xenstore_pfn,
                              l->console_pfn, l->stack_pfn };
    static const char *const names[] = { "start_info page", "xenstore page",
                                         "console page", "boot stack" };

    gb_fill_start_info(b, &b->r->start_info);
    for ( unsigned int i = 0; i < 4; i++ )
    {
        uint8_t *v = map_pfns(b, ops, pfns[i], 1, names[i]);

        if ( !v )
            return -EIO;
        memset(v, 0, PAGE_SIZE);
        if ( i == 0 )
            memcpy(v, &b->r->start_info, sizeof(b->r->start_info));
        ops->unmap(ops->ctx, v, 1);
    }
    return 0;
}

static int write_shared_info(struct gb *b, const struct xt_guest_ops *ops)
{
    xen_pfn_t mfn = b->p->shared_info_mfn;
    void *v = ops->map(ops->ctx, &mfn, 1);

    if ( !v )
        return gb_fail(b, -EIO, "map: cannot map shared_info (mfn %#llx)",
                       (unsigned long long)mfn);
    gb_fill_shared_info(v);
    ops->unmap(ops->ctx, v, 1);
    return 0;
}

static int seed_grants(struct gb *b, const struct xt_guest_ops *ops)
{
    void *g;

    if ( b->p2m[b->l->console_pfn] > UINT32_MAX ||
         b->p2m[b->l->xenstore_pfn] > UINT32_MAX )
        return gb_fail(b, -ERANGE, "grants: console/xenstore frame above"
                       " 2^32 does not fit a v1 grant entry");
    if ( !(g = ops->map_grant_table(ops->ctx)) )
        return gb_fail(b, -EIO, "grants: cannot map the grant table");
    gb_seed_grants(b, g);
    ops->unmap_grant_table(ops->ctx, g);
    return 0;
}

/* ---- The build ----------------------------------------------------------- */

static int op_result(struct gb *b, int rc, const char *what)
{
    if ( rc )
        return gb_fail(b, rc < 0 ? rc : -EIO, "%s failed (%d)", what, rc);
    return 0;
}

static int populate(struct gb *b, const struct xt_guest_ops *ops)
{
    uint64_t n = b->p->nr_pages;

    b->p2m = calloc(n, sizeof(*b->p2m));
    if ( !b->p2m )
        return gb_fail(b, -ENOMEM, "memory: no room for a %llu-entry P2M",
                       (unsigned long long)n);
    if ( op_result(b, ops->populate(ops->ctx, n, b->p2m), "populate") )
        return -ENOMEM;
    return 0;
}

static int build(struct gb *b, const struct xt_guest_ops *ops)
{
    const struct xt_guest_layout *l = b->l;
    int rc = 0;

    if ( ops->max_vcpus )
        rc = op_result(b, ops->max_vcpus(ops->ctx, b->p->nr_vcpus), "max_vcpus");
    if ( !rc )
        rc = populate(b, ops);
    if ( !rc )
        rc = load_kernel(b, ops);
    if ( !rc )
        rc = load_initrd(b, ops);
    if ( !rc )
        rc = write_p2m(b, ops);
    if ( !rc )
        rc = write_pages(b, ops);
    if ( !rc )
        rc = write_tables(b, ops);
    if ( rc )
        return rc;
    b->r->l4_mfn = b->p2m[gb_table_pfn(b)];
    b->r->store_mfn = b->p2m[l->xenstore_pfn];
    b->r->console_mfn = b->p2m[l->console_pfn];
    if ( l->hypercall_va != ELF_UNSET_ADDR )
        rc = op_result(b, ops->hypercall_page(ops->ctx,
                       b->p2m[(l->hypercall_va - l->virt_base) >> PAGE_SHIFT]),
                       "hypercall_init");
    if ( !rc )
        rc = op_result(b, ops->pin_l4(ops->ctx, b->r->l4_mfn), "pin L4");
    if ( !rc )
        rc = write_shared_info(b, ops);
    gb_fill_vcpu0(b, &b->r->vcpu0);
    if ( !rc )
        rc = op_result(b, ops->set_vcpu_context(ops->ctx, 0, &b->r->vcpu0),
                       "set vCPU 0 context");
    if ( !rc )
        rc = seed_grants(b, ops);
    return rc;
}

int xt_guest_build(const struct xt_guest_params *p,
                   const struct xt_guest_ops *ops, struct xt_guest_result *r)
{
    struct gb b;
    int rc = plan(&b, p, r);

    if ( !rc && !ops )
        rc = gb_fail(&b, -EINVAL, "no domain operations given");
    if ( !rc )
        rc = build(&b, ops);
    gb_kernel_release(&b);
    free(b.p2m);
    return rc;
}
