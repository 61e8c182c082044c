/*
 * PV memory management: reference counts and page types.
 *
 * Every frame a PV guest can reach is counted:
 *   - a general reference (count_info) for each mapping of it by a
 *     validated page-table entry, plus the allocation's own reference;
 *   - a type reference (type_info) for each use that needs a particular
 *     type: a writable mapping needs PGT_writable_page, an L2 entry
 *     pointing at a frame needs it to be PGT_l1_page_table, and so on up
 *     to L4, which CR3 (and pinning) need.
 * A frame has one type at a time, and can change type only when its type
 * count is zero.  Validating a frame as a page table checks every entry
 * and takes the references those entries need, so no guest can hold a
 * writable mapping of any of its page tables, map another domain's frame,
 * or reach the hypervisor's memory.
 *
 * Counts and types are changed only by atomic compare-and-exchange on
 * count_info and type_info, never by a plain store, because a page's
 * counts are changed by other domains too: a grant mapping or a
 * privileged foreign mapping takes references on the granter's page while
 * holding only the mapper's lock.  A type changes only when its count is
 * zero; the first user of a type that needs checking (a page table, a
 * descriptor page) installs it with count 1 and PGT_validated clear,
 * checks the page, then sets PGT_validated; meanwhile every other user
 * either waits for the outcome (same type) or is refused (another type).
 * So a page is never a page table (or descriptor page) and writable at
 * once, whoever's lock each side holds.
 *
 * LOCKS AND THEIR ORDER (docs/security.md, "Locks and their order"):
 *
 *   1. d->arch.mm_lock, one per domain (pv_mm_lock(d)).  It serialises
 *      the changes to d's page tables (entries, pins, validation and
 *      release of d's page-table types), to its vCPUs' base pointers and
 *      GDT frames, and its LDT faults.  A CPU holds at most one domain's
 *      mm_lock: work on another domain's pages (grants, foreign
 *      mappings) goes through the atomic counts alone.  Taken with
 *      interrupts ENABLED, always (asserted): guest page faults turn
 *      interrupts back on once CR2 is read, so the writable-page-table
 *      and LDT fault paths may take it too.
 *   2. flush_lock (flushtlb.c), inside the above: flush_tlb_all_cpus()
 *      is called with mm locks held, and waits for every other CPU to
 *      flush.  A CPU waiting for that answer is safe because no CPU can
 *      spin for an mm lock with interrupts off, and a flusher that waits
 *      (for flush_lock or for answers) does the flushes asked of it
 *      while it waits, whatever its interrupt state.
 *   3. The heap's and d->page_alloc_lock, inside both (freeing a page).
 *
 * Outside these: the grant-table lock is taken before (outside) mm locks;
 * the interrupt-disabling locks (scheduler, timers, event channels,
 * console) are leaves: no mm lock is taken and no TLB flush is issued
 * while holding one, since a CPU can spin for them with interrupts off.
 * No CPU may wait for an IPI while another can spin with interrupts off
 * on a lock it holds.
 */
#ifndef ASM_X86_PV_MM_H
#define ASM_X86_PV_MM_H

#include <xen/mm.h>
#include <asm/page.h>

struct domain;
struct vcpu;

/* d's page-table lock (see the order above); interrupts must be on. */
void pv_mm_lock(struct domain *d);
void pv_mm_unlock(struct domain *d);

/*
 * References and types: atomic, callable with or without a lock.  The
 * first use of a page-table type, and the last put of one (which gives
 * back the references its entries held), run under the page owner's
 * mm_lock: only the owner's page tables take page-table types.
 */
bool get_page(struct page_info *pg, struct domain *d);
void put_page(struct page_info *pg);
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);
/* arch_map_guest_frame() for a PV domain, whose frame numbers are MFNs:
 * a general and a writable type reference are held while it is mapped (it
 * stays a plain page), and it is reached through the direct map. */
void *pv_map_guest_frame(struct domain *d, unsigned long mfn);
void pv_unmap_guest_frame(void *va);
/* xen/guest_access.h's hooks for a PV vCPU (arch/x86/usercopy.c): the
 * guest's virtual addresses are live on this CPU. */
bool pv_guest_range_ok(const void *p, unsigned long n);
unsigned long pv_copy_to_guest(void *to, const void *from, unsigned long n);
unsigned long pv_copy_from_guest(void *to, const void *from, unsigned long n);

/* A type reference on pg only if it already is a validated table of this
 * type (PGT_l1..l4_page_table) with users: never its first use, so nothing
 * is validated.  The caller drops it with put_page_type(). */
bool pv_get_validated_type(struct page_info *pg, unsigned long type);

/* Give back the references L1 entry e of d's L1 table `table` held (a
 * grant entry, an I/O frame: none).  The caller holds d's mm_lock and has
 * already replaced e in the table. */
void pv_put_l1e_refs(struct domain *d, pgentry_t e, struct page_info *table);

/* Pin, unpin, mod_entry, find_l1e, set_baseptr: the caller holds the
 * mm_lock of d (of v's domain). */

/* Pin a page table of type `type` (PGT_l1..l4_page_table) / unpin it. */
int pv_pin_table(struct domain *d, unsigned long mfn, unsigned long type);
int pv_unpin_table(struct domain *d, unsigned long mfn);

/*
 * Replace the entry at machine address pte_ma (in a validated page table
 * or a writable page of d) with val, after validating it; with
 * PV_MOD_PRESERVE_AD in how the accessed/dirty bits of the old entry are
 * kept.  fd: a privileged caller's foreign domain, whose frames an L1
 * entry may then map (taking references on them as on d's own); NULL for
 * none.  A translated (HVM) fd names its frames by guest frame number:
 * an L1 entry's frame goes through its p2m (only its RAM; else -EINVAL,
 * as Xen), unless PV_MOD_NO_TRANSLATE says it is a machine frame already
 * (an acquired resource).
 */
#define PV_MOD_PRESERVE_AD   1u
#define PV_MOD_NO_TRANSLATE  2u
int pv_mod_entry(struct domain *d, paddr_t pte_ma, pgentry_t val,
                 unsigned int how, struct domain *fd);

/* An L1 entry the grant code made (it holds the references itself); a
 * guest may not set this bit. */
#define _PAGE_GNTTAB (1UL << 62)

/* Is va the guest's to map: canonical, and outside the hypervisor's
 * range (which every guest L4 shares)? */
static inline bool pv_is_guest_va(unsigned long va)
{
    long top = (long)va >> 47;          /* bits 63..47: all 0s or all 1s */

    if ( top != 0 && top != -1 )
        return false;
    return va < HYPERVISOR_AREA_START || va >= HYPERVISOR_AREA_END;
}

/* Machine address of the L1 entry that maps va in v's kernel page
 * tables, or 0 if there is none (a level not present, or a superpage)
 * or va is not the guest's (pv_is_guest_va): the walk never reaches
 * the hypervisor's own tables through the shared L4 slots.  0 too for a
 * vCPU without a base pointer. */
paddr_t pv_find_l1e(struct vcpu *v, unsigned long va);

/* Make mfn the vCPU's kernel (or user) page-table base (takes an L4 type
 * reference; loads CR3 if v is running here, and only then drops the old
 * table's reference, which may free it). */
int pv_set_baseptr(struct vcpu *v, unsigned long mfn, bool user);

/* Drop every pin and base pointer of d, releasing all page-table types
 * (and with them every reference the tables held).  d is dying and none
 * of its vCPUs runs: no lock needed. */
void pv_relinquish_pagetables(struct domain *d);
/* d is dying: if pg is one of its validated page tables of this level,
 * mark it PGT_released and let go of what its entries hold (true), while
 * the types others hold on it stay counted.  Done for level 1 first, a
 * later table's release never recurses into an earlier one's.  No lock. */
bool pv_teardown_table(struct domain *d, struct page_info *pg,
                       unsigned int level);
/* d is dying: drop its pin and allocation reference on pg (if pg is still
 * d's) and take pg off d's list, freed or, if others hold it, disowned.
 * Lock-free (atomic counts); no vCPU of d runs. */
void pv_relinquish_page(struct domain *d, struct page_info *pg);

/*
 * Descriptor tables (pv/descriptors.c).  pv_check_descriptor() applies
 * the rules to one descriptor, fixing it up in place; false: refused.
 * pv_validate_segdesc_page(): all 512 of a frame taking PGT_seg_desc_page
 * (0 or -EINVAL; no lock needed).  pv_set_gdt(): v's GDT becomes
 * entries descriptors in frames (the guest's own, not writable anywhere);
 * 0 or -EINVAL.  pv_destroy_gdt(): drop v's GDT (both take the lock of
 * v's domain).  pv_load_gdt(): on context switch, make v's GDT this
 * CPU's.
 */
bool pv_check_descriptor(uint64_t *desc);
int pv_validate_segdesc_page(struct page_info *pg);
int pv_set_gdt(struct vcpu *v, const unsigned long *frames,
               unsigned int entries);
void pv_destroy_gdt(struct vcpu *v);
void pv_load_gdt(const struct vcpu *v);
/* LDTs: MMUEXT_SET_LDT (-EINVAL for a bad range; no lock needed); on
 * context switch, the incoming vCPU's LDT (NULL: idle; no lock needed); a
 * #PF in this CPU's LDT window from the guest (lock-free, see
 * ldt_map_page()), handled (true) by mapping the guest's LDT page or by a guest
 * fault; the same from the hypervisor itself (a segment load or iretq on
 * the running vCPU's behalf): true if the page is now mapped, false if it
 * cannot be (the faulting instruction's fixup then deals with it). */
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned long ents);
void pv_load_ldt(const struct vcpu *v);
struct cpu_user_regs;
bool pv_ldt_fault(struct cpu_user_regs *regs, unsigned long cr2);
bool pv_ldt_map_on_demand(unsigned long cr2);

/* Flush every CPU's TLB (used when a frame changes hands or type).  May
 * be called holding mm locks, never holding an interrupt-disabling lock. */
void flush_tlb_all_cpus(void);
/* The same for guest mappings only: CPUs sitting on the idle page tables
 * (which arch_context_switch() reports with the two calls below) hold
 * none and are left alone.  Hypervisor mappings need flush_tlb_all_cpus(). */
void flush_guest_tlbs(void);
void flush_note_idle_tables(void);    /* just loaded idle_pg_table */
void flush_note_guest_tables(void);   /* about to load a guest's tables */
/*
 * The flush clock.  tlb_stamp(), taken just after a translation stopped
 * being valid (its entry changed), names the moment; tlb_stamp_flushed()
 * tells whether a whole shootdown (either call above) has since started
 * and finished, so that no CPU can still hold that translation.  Stamps
 * are never 0; 0 means "nothing to flush".
 */
unsigned long tlb_stamp(void);
bool tlb_stamp_flushed(unsigned long stamp);
/* Install the shootdown IPI handler; at boot, before other CPUs start. */
void flush_tlb_init(void);

/* The L4 slots that belong to the hypervisor in every guest L4. */
#define HV_L4_FIRST_SLOT 256
#define HV_L4_LAST_SLOT  271
static inline bool is_guest_l4_slot(unsigned int slot)
{
    return slot < HV_L4_FIRST_SLOT || slot > HV_L4_LAST_SLOT;
}

#endif /* ASM_X86_PV_MM_H */
