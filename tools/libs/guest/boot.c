/*
 * What the guest finds at boot, as Xen 4.17 libxenguest writes it for a
 * 64-bit PV domU (start_info_x86_64(), vcpu_x86_64(), shared_info and
 * the grant-table seeding of xc_dom_gnttab_init()).
 */
#include <string.h>
#include <public/grant_table.h>
#include "guest-private.h"

#define DR6_DEFAULT     0xffff0ff0ULL
#define DR7_DEFAULT     0x00000400ULL
#define RFLAGS_IF       (1ULL << 9)

void gb_fill_start_info(const struct gb *b, struct start_info *si)
{
    const struct xt_guest_layout *l = b->l;
    const char *cmd = b->p->cmdline ? b->p->cmdline : "";

    memset(si, 0, sizeof(*si));
    strcpy(si->magic, "xen-3.0-x86_64");
    si->nr_pages = b->p->nr_pages;
    si->shared_info = b->p->shared_info_mfn << PAGE_SHIFT;
    /* libxl passes no SIF_ flags for a domU; only the initrd adds one. */
    si->flags = l->initrd_unmapped ? SIF_MOD_START_PFN : 0;
    si->store_mfn = b->p2m[l->xenstore_pfn];
    si->store_evtchn = b->p->store_evtchn;
    si->console.domU.mfn = b->p2m[l->console_pfn];
    si->console.domU.evtchn = b->p->console_evtchn;
    si->pt_base = l->pgtables.vstart;
    si->nr_pt_frames = l->pgtables.pages;
    si->mfn_list = l->p2m.vstart;
    if ( l->p2m_separate )
    {
        si->first_p2m_pfn = l->p2m.pfn;
        si->nr_p2m_frames = l->p2m.pages;
    }
    if ( b->p->initrd_len )
    {
        /* As a pfn, the length is whole pages (Xen's seg.pages * 4096). */
        si->mod_start = l->initrd_unmapped ? l->initrd.pfn : l->initrd.vstart;
        si->mod_len = l->initrd_unmapped ? l->initrd.pages << PAGE_SHIFT
                                         : b->initrd_size;
    }
    strncpy((char *)si->cmd_line, cmd, MAX_GUEST_CMDLINE - 1);
}

void gb_fill_vcpu0(const struct gb *b, struct vcpu_guest_context *c)
{
    const struct xt_guest_layout *l = b->l;
    struct cpu_user_regs *r = &c->user_regs;

    memset(c, 0, sizeof(*c));
    c->flags = VGCF_in_kernel | VGCF_online;
    r->rip = l->entry;
    r->rsp = l->virt_base + ((l->stack_pfn + 1) << PAGE_SHIFT);
    r->rsi = l->virt_base + (l->start_info_pfn << PAGE_SHIFT);
    r->rflags = RFLAGS_IF;
    r->cs = FLAT_KERNEL_CS;
    r->ss = FLAT_KERNEL_SS;
    r->ds = r->es = r->fs = r->gs = FLAT_KERNEL_DS;
    c->debugreg[6] = DR6_DEFAULT;
    c->debugreg[7] = DR7_DEFAULT;
    c->ctrlreg[3] = b->p2m[gb_table_pfn(b)] << PAGE_SHIFT;
    /* The stack for ring-3 -> kernel transitions starts as the boot
     * stack; the kernel moves it (stack_switch) before user space runs. */
    c->kernel_ss = r->ss;
    c->kernel_sp = r->rsp;
    /* Event, failsafe and syscall callbacks stay 0: the kernel registers
     * them itself. */
}

void gb_fill_shared_info(struct shared_info *s)
{
    memset(s, 0, sizeof(*s));
    for ( unsigned int i = 0; i < XEN_LEGACY_MAX_VCPUS; i++ )
        s->vcpu_info[i].evtchn_upcall_mask = 1;
}

static void grant(struct grant_entry_v1 *g, unsigned int ref, domid_t self,
                  domid_t backend, xen_pfn_t mfn)
{
    /* A backend in the domain itself needs no grant (Xen skips it). */
    if ( self == backend )
        return;
    g[ref].domid = backend;
    g[ref].frame = (uint32_t)mfn;
    /* The entry becomes valid with its flags: written last. */
    __atomic_store_n(&g[ref].flags, GTF_permit_access, __ATOMIC_RELEASE);
}

void gb_seed_grants(const struct gb *b, struct grant_entry_v1 *g)
{
    grant(g, GNTTAB_RESERVED_CONSOLE, b->p->domid, b->p->console_domid,
          b->p2m[b->l->console_pfn]);
    grant(g, GNTTAB_RESERVED_XENSTORE, b->p->domid, b->p->store_domid,
          b->p2m[b->l->xenstore_pfn]);
}
