/* SPDX-License-Identifier: MIT */
/*
 * The builder's hypervisor interface (struct xt_guest_ops) over the
 * dom0 libraries: domctls and hypercalls through xt/ctrl.h, the new
 * domain's memory through privcmd foreign mappings (xt/foreign.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <xt/ctrl.h>
#include <xt/foreign.h>
#include <xt/guest.h>

/* populate_physmap in pieces, so no single buffer gets large. */
#define POPULATE_CHUNK 4096

static int ox_max_vcpus(void *ctx, unsigned int n)
{
    struct xt_guest_xt *x = ctx;

    return xt_domain_max_vcpus(x->xc, x->domid, n);
}

static int ox_populate(void *ctx, uint64_t nr, xen_pfn_t *p2m)
{
    struct xt_guest_xt *x = ctx;
    uint64_t i, done;

    for (i = 0; i < nr; i++)
        p2m[i] = i;
    for (done = 0; done < nr; done += POPULATE_CHUNK) {
        unsigned long n = nr - done < POPULATE_CHUNK ? nr - done
                                                     : POPULATE_CHUNK;
        long r = xt_populate_physmap(x->xc, x->domid, n, 0, p2m + done);

        if (r < 0)
            return (int)r;
        if ((unsigned long)r != n)
            return -ENOMEM;     /* the domain's max_mem or the host ran out */
    }
    return 0;
}

static void *ox_map(void *ctx, const xen_pfn_t *mfns, size_t n)
{
    struct xt_guest_xt *x = ctx;
    int *err = calloc(n, sizeof(*err));
    void *p;
    size_t i;

    if (!err)
        return NULL;
    p = xt_foreign_map(x->xc, x->domid, PROT_READ | PROT_WRITE, mfns, err, n);
    for (i = 0; p && i < n; i++) {
        if (err[i]) {           /* one frame missing: the window is useless */
            xt_foreign_unmap(p, n);
            errno = -err[i];
            p = NULL;
        }
    }
    free(err);
    return p;
}

static void ox_unmap(void *ctx, void *p, size_t n)
{
    (void)ctx;
    xt_foreign_unmap(p, n);
}

static int ox_hypercall_page(void *ctx, xen_pfn_t mfn)
{
    struct xt_guest_xt *x = ctx;

    return xt_domain_hypercall_init(x->xc, x->domid, mfn);
}

static int ox_pin_l4(void *ctx, xen_pfn_t mfn)
{
    struct xt_guest_xt *x = ctx;

    return xt_mmuext_pin(x->xc, x->domid, MMUEXT_PIN_L4_TABLE, mfn);
}

static int ox_set_vcpu_context(void *ctx, unsigned int vcpu,
                               const struct vcpu_guest_context *c)
{
    struct xt_guest_xt *x = ctx;

    return xt_vcpu_setcontext(x->xc, x->domid, vcpu, c);
}

/* setup_table gives the domain its first grant frame (as libxenguest's
 * fallback when acquire_resource is not used); dom0 maps it foreign. */
static void *ox_map_grant_table(void *ctx)
{
    struct xt_guest_xt *x = ctx;
    xen_pfn_t frame;
    int r = xt_gnttab_setup_table(x->xc, x->domid, 1, &frame);

    if (r < 0) {
        errno = -r;
        return NULL;
    }
    return ox_map(ctx, &frame, 1);
}

static void ox_unmap_grant_table(void *ctx, void *p)
{
    ox_unmap(ctx, p, 1);
}

void xt_guest_ops_xt(struct xt_guest_ops *ops, struct xt_guest_xt *x)
{
    ops->ctx = x;
    ops->max_vcpus = ox_max_vcpus;
    ops->populate = ox_populate;
    ops->map = ox_map;
    ops->unmap = ox_unmap;
    ops->hypercall_page = ox_hypercall_page;
    ops->pin_l4 = ox_pin_l4;
    ops->set_vcpu_context = ox_set_vcpu_context;
    ops->map_grant_table = ox_map_grant_table;
    ops->unmap_grant_table = ox_unmap_grant_table;
}
