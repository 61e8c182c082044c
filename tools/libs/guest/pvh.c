/* SPDX-License-Identifier: MIT */
/*
 * The PVH domain builder: an HVM domain entered at the kernel's
 * XEN_ELFNOTE_PHYS32_ENTRY, built the way Xen 4.17's libxl/libxenguest
 * build a PVH guest without a device model, through the same hypercalls,
 * so the same build runs on both hypervisors.  The facts taken from them:
 *
 *   guest-physical map  RAM from 0 up to the hole below 4 GiB, which
 *                       starts at the ACPI tables (0xfc000000, libxl's
 *                       place for them; 46 MiB below the local APIC),
 *                       the rest above 4 GiB; the E820 says that, with
 *                       the tables as one ACPI entry between the two
 *   ACPI tables         acpi.c: RSDP, XSDT, hardware-reduced FADT, FACS,
 *                       MADT (a local APIC per vCPU), DSDT; the start
 *                       info's rsdp_paddr names the RSDP
 *   special pages       8 frames ending at 0xff000 (in the hole), for
 *                       xenstore (4), console (7), the identity-mapped
 *                       page directory (6) and frames kept for ioreq,
 *                       paging, monitor, sharing; their HVM parameters
 *   kernel              at its ELF physical addresses; module 0 (the
 *                       initrd, gzip inflated as for PV) on the next page;
 *                       then the start info: hvm_start_info version 1,
 *                       command line, two module entries, two module
 *                       command lines of 1024 bytes, the memory map
 *   vCPU 0              a CPU record loaded with sethvmcontext (32-bit
 *                       flat protected mode, paging off, eip = the entry,
 *                       ebx = the start info), after an MTRR record per
 *                       vCPU with write-back as default type
 *   grant table         entries 0 (console) and 1 (xenstore) give the
 *                       backends the guest frames, through a mapping of
 *                       the table acquired as a resource
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <public/hvm/params.h>
#include <public/hvm/save.h>
#include <public/hvm/start_info.h>
#include <public/memory.h>
#include <xt/ctrl.h>
#include <xt/foreign.h>
#include "acpi.h"
#include "guest-private.h"

#define GiB(x)              ((uint64_t)(x) << 30)
#define SPECIAL_END_PFN     0xff000ULL
#define NR_SPECIAL          8
#define SPECIAL_PFN(x)      (SPECIAL_END_PFN - NR_SPECIAL + (x))
#define SP_PAGING           0
#define SP_ACCESS           1
#define SP_SHARING          2
#define SP_BUFIOREQ         3
#define SP_XENSTORE         4
#define SP_IOREQ            5
#define SP_IDENT_PT         6
#define SP_CONSOLE          7
#define MOD_MAX             2
#define MOD_CMDLINE         1024
#define POPULATE_CHUNK      4096
#define E820_RAM            1
#define E820_ACPI           3
#define MAX_E820            3
#define X86_CR0_PE          0x01
#define X86_CR0_ET          0x10
#define MTRR_WB_ENABLED     (6 | (1u << 11))

struct pvh {
    struct gb b;
    struct xt_call *xc;
    domid_t domid;
    uint64_t lowmem_end, highmem_end;
    uint64_t kernel_pfn, initrd_pa, start_pa, image_end;
    struct xt_e820 e820[MAX_E820];
    unsigned int nr_e820;
    size_t cmdline_size, start_size;
    struct acpi_layout acpi;
};

static int populate_range(struct pvh *v, uint64_t pfn, uint64_t n)
{
    xen_pfn_t *gfns = malloc(POPULATE_CHUNK * sizeof(*gfns));
    int rc = 0;

    if (!gfns)
        return gb_fail(&v->b, -ENOMEM, "memory: no room for a frame list");
    while (n && !rc) {
        unsigned long k = n < POPULATE_CHUNK ? n : POPULATE_CHUNK;
        long got;

        for (unsigned long i = 0; i < k; i++)
            gfns[i] = pfn + i;
        got = xt_populate_physmap(v->xc, v->domid, k, 0, gfns);
        if (got < 0 || (unsigned long)got != k)
            rc = gb_fail(&v->b, got < 0 ? (int)got : -ENOMEM, "memory: "
                         "populate_physmap at gfn %#llx gave %ld of %lu",
                         (unsigned long long)pfn, got, k);
        pfn += k;
        n -= k;
    }
    free(gfns);
    return rc;
}

/* Map n frames from pfn on, writable; NULL with the failure recorded. */
static void *map_range(struct pvh *v, uint64_t pfn, uint64_t n)
{
    xen_pfn_t *gfns = calloc(n ? n : 1, sizeof(*gfns));
    int *err = calloc(n, sizeof(*err));
    void *p = NULL;

    if (gfns && err) {
        for (uint64_t i = 0; i < n; i++)
            gfns[i] = pfn + i;
        p = xt_foreign_map(v->xc, v->domid, PROT_READ | PROT_WRITE, gfns,
                           err, n);
        for (uint64_t i = 0; p && i < n; i++)
            if (err[i]) {
                xt_foreign_unmap(p, n);
                p = NULL;
            }
    }
    if (!p)
        gb_fail(&v->b, -EFAULT, "memory: cannot map gfns %#llx+%llu",
                (unsigned long long)pfn, (unsigned long long)n);
    free(gfns);
    free(err);
    return p;
}

/* The layout, before anything is touched. */
static int plan(struct pvh *v)
{
    const struct xt_guest_params *p = v->b.p;
    uint64_t mem = p->nr_pages << PAGE_SHIFT, hole = ACPI_BASE;
    const struct elf_xen_params *n = &v->b.notes;
    int rc;

    if ((rc = gb_kernel_parse(&v->b)) != 0)
        return rc;
    if (n->phys32_entry == ELF_UNSET_ADDR || n->phys32_entry >> 32)
        return gb_fail(&v->b, -EINVAL, "kernel: no XEN_ELFNOTE_PHYS32_ENTRY"
                       " (not a PVH kernel)");
    if (p->initrd && (rc = gb_initrd_size(&v->b)) != 0)
        return rc;
    if (acpi_plan(&v->acpi, p->nr_vcpus))
        return gb_fail(&v->b, -EINVAL, "ACPI: %u vCPUs (the MADT takes "
                       "1 to %u)", p->nr_vcpus, ACPI_MAX_VCPUS);
    v->lowmem_end = mem < hole ? mem : hole;
    v->highmem_end = mem > hole ? GiB(4) + (mem - hole) : 0;
    v->kernel_pfn = v->b.elf.pstart >> PAGE_SHIFT;
    v->initrd_pa = (v->b.elf.pend + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
    v->start_pa = v->initrd_pa +
                  ((v->b.initrd_size + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1));
    v->cmdline_size = p->cmdline ? ((strlen(p->cmdline) + 1 + 7) & ~7UL) : 0;
    v->e820[v->nr_e820++] = (struct xt_e820){ 0, v->lowmem_end, E820_RAM };
    v->e820[v->nr_e820++] = (struct xt_e820){ ACPI_BASE, v->acpi.rsdp +
                                              ACPI_RSDP_LEN, E820_ACPI };
    if (v->highmem_end)
        v->e820[v->nr_e820++] = (struct xt_e820){ GiB(4), v->highmem_end -
                                                  GiB(4), E820_RAM };
    v->start_size = sizeof(struct hvm_start_info) + v->cmdline_size +
                    MOD_MAX * (sizeof(struct hvm_modlist_entry) + MOD_CMDLINE) +
                    v->nr_e820 * sizeof(struct hvm_memmap_table_entry);
    v->image_end = v->start_pa + ((v->start_size + PAGE_SIZE - 1) &
                                  ~(PAGE_SIZE - 1));
    if (v->b.elf.pstart >= v->b.elf.pend || v->image_end > v->lowmem_end)
        return gb_fail(&v->b, -EINVAL, "memory: kernel, initrd and start info"
                       " (to %#llx) do not fit in %llu KiB below the hole",
                       (unsigned long long)v->image_end,
                       (unsigned long long)(v->lowmem_end >> 10));
    return 0;
}

static int set_params(struct pvh *v)
{
    static const struct { uint32_t param; unsigned int page; } frames[] = {
        { HVM_PARAM_STORE_PFN, SP_XENSTORE },
        { HVM_PARAM_BUFIOREQ_PFN, SP_BUFIOREQ },
        { HVM_PARAM_IOREQ_PFN, SP_IOREQ },
        { HVM_PARAM_CONSOLE_PFN, SP_CONSOLE },
        { HVM_PARAM_PAGING_RING_PFN, SP_PAGING },
        { HVM_PARAM_MONITOR_RING_PFN, SP_ACCESS },
        { HVM_PARAM_SHARING_RING_PFN, SP_SHARING },
    };
    int rc;

    for (unsigned int i = 0; i < sizeof(frames) / sizeof(frames[0]); i++)
        if ((rc = xt_hvm_param_set(v->xc, v->domid, frames[i].param,
                                   SPECIAL_PFN(frames[i].page))) < 0)
            return gb_fail(&v->b, rc, "HVM parameter %u", frames[i].param);
    return 0;
}

/* The special pages: zeroed, the identity page directory (4 MiB pages)
 * filled, and their parameters. */
static int special_pages(struct pvh *v)
{
    uint32_t *pd;
    int rc;

    if ((rc = populate_range(v, SPECIAL_PFN(0), NR_SPECIAL)) != 0 ||
        (rc = set_params(v)) != 0)
        return rc;
    if (!(pd = map_range(v, SPECIAL_PFN(0), NR_SPECIAL)))
        return -EFAULT;
    memset(pd, 0, NR_SPECIAL * PAGE_SIZE);
    pd += SP_IDENT_PT * PAGE_SIZE / sizeof(*pd);
    for (uint32_t i = 0; i < PAGE_SIZE / sizeof(*pd); i++)
        pd[i] = (i << 22) | PTE_P | PTE_RW | PTE_USER | PTE_A | PTE_D | 0x80;
    xt_foreign_unmap(pd - SP_IDENT_PT * PAGE_SIZE / sizeof(*pd), NR_SPECIAL);
    rc = xt_hvm_param_set(v->xc, v->domid, HVM_PARAM_IDENT_PT,
                          SPECIAL_PFN(SP_IDENT_PT) << PAGE_SHIFT);
    return rc < 0 ? gb_fail(&v->b, rc, "HVM parameter IDENT_PT") : 0;
}

/* libelf's sink: addresses are guest-physical, the window starts at the
 * kernel's first page. */
struct sink {
    uint8_t *base;
    uint64_t pa, len;
};

static int write_segment(void *ctx, uint64_t pa, const void *src, uint64_t len)
{
    const struct sink *s = ctx;

    if (pa < s->pa || pa - s->pa > s->len || len > s->len - (pa - s->pa))
        return -EINVAL;
    if (src)
        memcpy(s->base + (pa - s->pa), src, len);
    else
        memset(s->base + (pa - s->pa), 0, len);
    return 0;
}

static void fill_start_info(const struct pvh *v, uint8_t *page)
{
    const struct xt_guest_params *p = v->b.p;
    struct hvm_start_info *si = (void *)page;
    size_t mods = sizeof(*si) + v->cmdline_size;
    struct hvm_modlist_entry *mod = (void *)(page + mods);
    size_t map = mods + MOD_MAX * (sizeof(*mod) + MOD_CMDLINE);
    struct hvm_memmap_table_entry *e = (void *)(page + map);

    memset(page, 0, v->start_size);
    si->magic = XEN_HVM_START_MAGIC_VALUE;
    si->version = 1;
    if (p->cmdline) {
        memcpy(page + sizeof(*si), p->cmdline, strlen(p->cmdline));
        si->cmdline_paddr = v->start_pa + sizeof(*si);
    }
    if (p->initrd) {
        mod[0].paddr = v->initrd_pa;
        mod[0].size = v->b.initrd_size;
        si->nr_modules = 1;
        si->modlist_paddr = v->start_pa + mods;
    }
    si->rsdp_paddr = ACPI_BASE + v->acpi.rsdp;
    si->memmap_paddr = v->start_pa + map;
    si->memmap_entries = v->nr_e820;
    for (unsigned int i = 0; i < v->nr_e820; i++)
        e[i] = (struct hvm_memmap_table_entry){ v->e820[i].addr,
                                                v->e820[i].size,
                                                v->e820[i].type, 0 };
}

/* Kernel, initrd and start info through one window. */
static int load_image(struct pvh *v)
{
    uint64_t first = v->kernel_pfn, n = (v->image_end >> PAGE_SHIFT) - first;
    struct elf_xen_params flat = v->b.notes;
    uint8_t *w = map_range(v, first, n);
    struct sink s = { w, first << PAGE_SHIFT, n << PAGE_SHIFT };
    int rc = 0;

    if (!w)
        return -EFAULT;
    flat.virt_base = 0;
    flat.paddr_offset = 0;
    memset(w, 0, n << PAGE_SHIFT);
    if (elf_load(&v->b.elf, &flat, write_segment, &s))
        rc = gb_fail(&v->b, -EINVAL, "kernel: %s", v->b.elf.error ?
                     v->b.elf.error : "cannot load");
    else if (v->b.p->initrd)
        rc = gb_initrd_load(&v->b, w + (v->initrd_pa - s.pa),
                            v->start_pa - v->initrd_pa);
    if (!rc)
        fill_start_info(v, w + (v->start_pa - s.pa));
    xt_foreign_unmap(w, n);
    return rc;
}

/* Append one record to a chain being built in buf. */
static size_t put(uint8_t *buf, size_t at, uint16_t code, uint16_t inst,
                  const void *rec, uint32_t len)
{
    struct hvm_save_descriptor d = { code, inst, len };

    memcpy(buf + at, &d, sizeof(d));
    if (len)
        memcpy(buf + at + sizeof(d), rec, len);
    return at + sizeof(d) + len;
}

static const void *find_record(const uint8_t *c, uint32_t size, uint16_t code,
                               uint16_t inst, uint32_t len)
{
    uint32_t at = 0;
    struct hvm_save_descriptor d;

    while (size - at >= sizeof(d)) {
        memcpy(&d, c + at, sizeof(d));
        at += sizeof(d);
        if (d.typecode == HVM_SAVE_CODE_END || d.length > size - at)
            break;
        if (d.typecode == code && d.instance == inst && d.length == len)
            return c + at;
        at += d.length;
    }
    return NULL;
}

static void boot_cpu(const struct pvh *v, struct hvm_hw_cpu *c)
{
    memset(c, 0, sizeof(*c));
    c->cs_limit = c->ds_limit = c->es_limit = c->ss_limit = ~0u;
    c->tr_limit = 0x67;
    c->cs_arbytes = 0xc9b;
    c->ds_arbytes = c->es_arbytes = c->ss_arbytes = 0xc93;
    c->tr_arbytes = 0x8b;
    c->cr0 = X86_CR0_PE | X86_CR0_ET;
    c->rip = v->b.notes.phys32_entry;
    c->dr6 = 0xffff0ff0;
    c->dr7 = 0x400;
    c->rbx = v->start_pa;
}

/* As libxc's vcpu_hvm: the header comes from the hypervisor's own chain
 * (it knows its CPU and TSC), then MTRRs for each vCPU, then vCPU 0. */
static int start_vcpu(struct pvh *v)
{
    size_t hdr = sizeof(struct hvm_save_descriptor) +
                 sizeof(struct hvm_save_header);
    uint8_t *full = NULL, out[sizeof(struct hvm_save_descriptor) * 3 +
                             sizeof(struct hvm_save_header) +
                             sizeof(struct hvm_hw_cpu)];
    const struct hvm_hw_mtrr *mtrr;
    struct hvm_hw_mtrr m;
    struct hvm_hw_cpu cpu;
    uint32_t size = 0;
    int rc;

    if ((rc = xt_domain_hvm_getcontext(v->xc, v->domid, NULL, &size)) < 0 ||
        size < hdr || !(full = malloc(size)) ||
        (rc = xt_domain_hvm_getcontext(v->xc, v->domid, full, &size)) < 0) {
        free(full);
        return gb_fail(&v->b, rc < 0 ? rc : -EINVAL, "gethvmcontext");
    }
    memcpy(out, full, hdr);
    if (!(mtrr = find_record(full, size, HVM_SAVE_CODE_MTRR, 0, sizeof(m)))) {
        free(full);
        return gb_fail(&v->b, -EINVAL, "gethvmcontext: no MTRR record");
    }
    memcpy(&m, mtrr, sizeof(m));
    free(full);
    m.msr_mtrr_def_type = MTRR_WB_ENABLED;
    for (unsigned int i = 0; i < v->b.p->nr_vcpus; i++) {
        size_t at = put(out, hdr, HVM_SAVE_CODE_MTRR, (uint16_t)i, &m,
                        sizeof(m));

        at = put(out, at, HVM_SAVE_CODE_END, 0, NULL, 0);
        if ((rc = xt_domain_hvm_setcontext(v->xc, v->domid, out,
                                           (uint32_t)at)) < 0)
            return gb_fail(&v->b, rc, "sethvmcontext (MTRR of vCPU %u)", i);
    }
    boot_cpu(v, &cpu);
    size = (uint32_t)put(out, put(out, hdr, HVM_SAVE_CODE_CPU, 0, &cpu,
                                  sizeof(cpu)), HVM_SAVE_CODE_END, 0, NULL, 0);
    rc = xt_domain_hvm_setcontext(v->xc, v->domid, out, size);
    return rc < 0 ? gb_fail(&v->b, rc, "sethvmcontext (vCPU 0)") : 0;
}

static int seed_grants(struct pvh *v)
{
    const struct xt_guest_params *p = v->b.p;
    struct grant_entry_v1 *g = xt_foreign_map_resource(v->xc, v->domid,
        XENMEM_resource_grant_table, XENMEM_resource_grant_table_id_shared,
        0, 1, PROT_READ | PROT_WRITE);

    if (!g)
        return gb_fail(&v->b, -errno, "grant table: cannot map it");
    if (p->console_domid != p->domid) {
        g[GNTTAB_RESERVED_CONSOLE].domid = p->console_domid;
        g[GNTTAB_RESERVED_CONSOLE].frame = SPECIAL_PFN(SP_CONSOLE);
        __atomic_store_n(&g[GNTTAB_RESERVED_CONSOLE].flags, GTF_permit_access,
                         __ATOMIC_RELEASE);
    }
    if (p->store_domid != p->domid) {
        g[GNTTAB_RESERVED_XENSTORE].domid = p->store_domid;
        g[GNTTAB_RESERVED_XENSTORE].frame = SPECIAL_PFN(SP_XENSTORE);
        __atomic_store_n(&g[GNTTAB_RESERVED_XENSTORE].flags, GTF_permit_access,
                         __ATOMIC_RELEASE);
    }
    xt_foreign_unmap(g, 1);
    return 0;
}

/* The ACPI pages: populated, zeroed, the tables written. */
static int acpi_tables(struct pvh *v)
{
    uint64_t pfn = ACPI_BASE >> PAGE_SHIFT, n = v->acpi.nr_pages;
    uint8_t *t;
    int rc;

    if ((rc = populate_range(v, pfn, n)) != 0)
        return rc;
    if (!(t = map_range(v, pfn, n)))
        return -EFAULT;
    memset(t, 0, n << PAGE_SHIFT);
    acpi_write(&v->acpi, t);
    xt_foreign_unmap(t, n);
    return 0;
}

static int build(struct pvh *v)
{
    const struct xt_guest_params *p = v->b.p;
    int rc;

    if ((rc = plan(v)) != 0)
        return rc;
    if ((rc = xt_domain_max_vcpus(v->xc, v->domid, p->nr_vcpus)) < 0)
        return gb_fail(&v->b, rc, "max_vcpus %u", p->nr_vcpus);
    if ((rc = populate_range(v, 0, v->lowmem_end >> PAGE_SHIFT)) != 0 ||
        (v->highmem_end &&
         (rc = populate_range(v, GiB(4) >> PAGE_SHIFT,
                              (v->highmem_end - GiB(4)) >> PAGE_SHIFT)) != 0) ||
        (rc = special_pages(v)) != 0 || (rc = acpi_tables(v)) != 0 ||
        (rc = load_image(v)) != 0)
        return rc;
    if ((rc = xt_domain_set_memory_map(v->xc, v->domid, v->e820,
                                       v->nr_e820)) < 0)
        return gb_fail(&v->b, rc, "set_memory_map");
    if ((rc = xt_hvm_param_set(v->xc, v->domid, HVM_PARAM_CONSOLE_EVTCHN,
                               p->console_evtchn)) < 0 ||
        (rc = xt_hvm_param_set(v->xc, v->domid, HVM_PARAM_STORE_EVTCHN,
                               p->store_evtchn)) < 0)
        return gb_fail(&v->b, rc, "HVM parameters (event channels)");
    if ((rc = start_vcpu(v)) != 0 || (rc = seed_grants(v)) != 0)
        return rc;
    v->b.r->store_mfn = SPECIAL_PFN(SP_XENSTORE);
    v->b.r->console_mfn = SPECIAL_PFN(SP_CONSOLE);
    return 0;
}

int xt_guest_build_pvh(const struct xt_guest_params *p, struct xt_guest_xt *x,
                       struct xt_guest_result *r)
{
    struct pvh *v = calloc(1, sizeof(*v));
    int rc;

    memset(r, 0, sizeof(*r));
    if (!v)
        return -ENOMEM;
    v->b.p = p;
    v->b.r = r;
    v->b.l = &r->layout;
    v->xc = x->xc;
    v->domid = x->domid;
    rc = build(v);
    gb_kernel_release(&v->b);
    free(v);
    return rc;
}
