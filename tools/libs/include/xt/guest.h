/*
 * xt/guest.h - the PV domain builder of dom0's toolstack (libxtguest).
 *
 * Builds a 64-bit PV guest the way Xen 4.17's libxenguest does for
 * `xl create` (xc_dom_build_image + xc_dom_boot_image + gnttab seeding):
 * same pseudo-physical layout, same initial page tables, start_info and
 * vCPU 0 state, so a kernel sees exactly what it would see under Xen.
 * docs/domain-builder.md describes the layout and what is tested.
 *
 * Every input is untrusted (the kernel and initrd come from a guest
 * owner's disk): a bad image or size gives an error message in
 * result->error and a negative errno, never a crash.
 *
 * The domain is reached only through struct xt_guest_ops, so the same
 * code runs over privcmd/domctl in dom0 and over a fake domain in plain
 * memory in the host unit tests (tests/unit/test_guestbuild.c).
 */
#ifndef XT_GUEST_H
#define XT_GUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <public/xen.h>

/*
 * What the builder needs from the hypervisor.  Every hook returns 0 (or
 * a pointer) on success and a negative errno (or NULL) on failure; the
 * builder then stops and reports which step failed.  ctx is passed back
 * unchanged.
 */
struct xt_guest_ops {
    void *ctx;
    /* XEN_DOMCTL_max_vcpus (optional: NULL when the domain was created
     * with its vCPUs already).  Called first, as libxl's build_pre does. */
    int (*max_vcpus)(void *ctx, unsigned int nr_vcpus);
    /* Give the domain nr pages of RAM (XENMEM_populate_physmap, order 0 or
     * larger extents, as the implementation likes) and store the MFN of
     * pfn i in p2m[i] for every i < nr. */
    int (*populate)(void *ctx, uint64_t nr, xen_pfn_t *p2m);
    /* Map n frames (MFNs of the domain's memory, or its shared_info
     * frame) writable and virtually contiguous, in the order given
     * (privcmd MMAPBATCH).  unmap undoes one map() with the same n. */
    void *(*map)(void *ctx, const xen_pfn_t *mfns, size_t n);
    void (*unmap)(void *ctx, void *p, size_t n);
    /* XEN_DOMCTL_hypercall_init: let Xen fill the kernel's hypercall page. */
    int (*hypercall_page)(void *ctx, xen_pfn_t mfn);
    /* MMUEXT_PIN_L4_TABLE for the domain (mmuext_op with its domid).
     * Called after every mapping of the domain's memory is gone. */
    int (*pin_l4)(void *ctx, xen_pfn_t mfn);
    /* XEN_DOMCTL_setvcpucontext for vCPU 0. */
    int (*set_vcpu_context)(void *ctx, unsigned int vcpu,
                            const struct vcpu_guest_context *c);
    /* The domain's first grant-table frame, writable, as v1 entries
     * (XENMEM_acquire_resource of the grant table, or setup_table + map),
     * and its release. */
    void *(*map_grant_table)(void *ctx);
    void (*unmap_grant_table)(void *ctx, void *p);
};

struct xt_guest_params {
    const void *kernel;             /* ELF, or bzImage with ELF/XZ-ELF payload */
    size_t kernel_len;
    const void *initrd;             /* NULL: none */
    size_t initrd_len;
    const char *cmdline;            /* NULL: empty; cut to 1023 bytes */
    uint64_t nr_pages;              /* memory (libxl: target_memkb / 4) */
    unsigned int nr_vcpus;          /* 1..XT_GUEST_MAX_VCPUS */
    domid_t domid;                  /* the domain being built */
    domid_t store_domid;            /* xenstored's and the console */
    domid_t console_domid;          /*   backend's domain (usually 0) */
    uint32_t store_evtchn;          /* the domain's ports for them */
    uint32_t console_evtchn;
    xen_pfn_t shared_info_mfn;      /* getdomaininfo's shared_info_frame */
};

#define XT_GUEST_MAX_VCPUS   4096
#define XT_GUEST_MAX_PAGES   (1ULL << 35)     /* 128 TiB of guest RAM */

/* One contiguous run of pfns, mapped at vstart (0 pages: absent).  An
 * initrd passed as a pfn (MOD_START_PFN) is not mapped: only its pfn,
 * pages and size (vend - vstart) mean something. */
struct xt_guest_seg {
    uint64_t vstart, vend;          /* vend: vstart + the bytes asked for */
    uint64_t pfn, pages;
};

/*
 * The layout, as libxenguest allocates it: pfns in order of allocation,
 * virtual address = virt_base + pfn * 4096 inside the initial mapping.
 */
struct xt_guest_layout {
    uint64_t virt_base;             /* VIRT_BASE note (0 when absent) */
    uint64_t entry;                 /* ENTRY note, else e_entry */
    uint64_t hypercall_va;          /* HYPERCALL_PAGE note, ~0 when absent */
    struct xt_guest_seg kernel;     /* from the kernel's lowest paddr */
    struct xt_guest_seg initrd;     /* in the mapping, or after it (PFN) */
    bool initrd_unmapped;           /* MOD_START_PFN: passed as a pfn */
    struct xt_guest_seg p2m;        /* the P2M list (+ its tables if separate) */
    bool p2m_separate;              /* at INIT_P2M, outside the mapping */
    uint64_t p2m_list_pages;        /* of p2m.pages, the list itself */
    uint64_t start_info_pfn, xenstore_pfn, console_pfn;
    struct xt_guest_seg pgtables;   /* the initial mapping's tables, L4 first */
    uint64_t nr_l3, nr_l2, nr_l1;   /* how many of each (one L4) */
    uint64_t stack_pfn;
    uint64_t virt_end;              /* end of the initial mapping (4 MiB) */
    uint64_t pfn_alloc_end;         /* pfns used by the build */
};

struct xt_guest_result {
    struct xt_guest_layout layout;
    /* Filled by xt_guest_build() once the domain exists. */
    xen_pfn_t l4_mfn, store_mfn, console_mfn;
    struct start_info start_info;   /* a copy of what the guest gets */
    struct vcpu_guest_context vcpu0;
    char error[256];                /* why a call failed */
};

/* Parse the kernel and compute the layout only: no domain is touched.
 * 0, -EINVAL (bad kernel/initrd/parameters) or -ENOMEM. */
int xt_guest_plan(const struct xt_guest_params *p, struct xt_guest_result *r);

/* Plan, then build the domain through ops: memory, kernel, initrd, P2M,
 * start_info, xenstore and console pages, page tables, hypercall page,
 * pin, shared_info, vCPU 0, grant entries 0 (console) and 1 (xenstore).
 * On failure the domain is half built: the caller destroys it. */
int xt_guest_build(const struct xt_guest_params *p,
                   const struct xt_guest_ops *ops, struct xt_guest_result *r);

/*
 * The real ops, over xt/ctrl.h and xt/foreign.h (ops_xt.c): fills ops
 * for building domain x->domid through x->xc.  Both must outlive the
 * build.  Callers that link this need libxtctrl, libxtforeign, libxtcall.
 */
struct xt_call;
struct xt_guest_xt {
    struct xt_call *xc;
    domid_t domid;
};
void xt_guest_ops_xt(struct xt_guest_ops *ops, struct xt_guest_xt *x);

/*
 * Build a PVH domain (created with XEN_DOMCTL_CDF_hvm | _hap and the
 * local APIC as its only emulated device) from p over the real
 * hypervisor (pvh.c: the layout and the calls are libxl/libxenguest's
 * for PVH).  p->nr_pages is its memory; shared_info_mfn is not used.
 * On success r->store_mfn and r->console_mfn are the guest frames of the
 * xenstore and console rings (what xenstore's nodes and INTRODUCE name
 * for an HVM guest).  On failure r->error says which step failed; the
 * domain is half built and the caller destroys it.
 */
int xt_guest_build_pvh(const struct xt_guest_params *p, struct xt_guest_xt *x,
                       struct xt_guest_result *r);

#endif /* XT_GUEST_H */
