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
 * All of it runs under one lock (pv_mm_lock), taken once at each entry
 * point (the MMU hypercalls, the dom0 builder, domain teardown).
 */
#ifndef ASM_X86_PV_MM_H
#define ASM_X86_PV_MM_H

#include <xen/mm.h>
#include <asm/page.h>

struct domain;
struct vcpu;

void pv_mm_lock(void);
void pv_mm_unlock(void);

/* All below: caller holds pv_mm_lock. */
bool get_page(struct page_info *pg, struct domain *d);
void put_page(struct page_info *pg);
int get_page_type(struct page_info *pg, unsigned long type);
void put_page_type(struct page_info *pg);
int get_page_and_type(struct page_info *pg, struct domain *d, unsigned long type);
void put_page_and_type(struct page_info *pg);

/* Pin a page table of type `type` (PGT_l1..l4_page_table) / unpin it. */
int pv_pin_table(struct domain *d, unsigned long mfn, unsigned long type);
int pv_unpin_table(struct domain *d, unsigned long mfn);

/*
 * Replace the entry at machine address pte_ma (in a validated page table
 * or a writable page of d) with val, after validating it; with
 * preserve_ad the accessed/dirty bits of the old entry are kept.  fd: a
 * privileged caller's foreign domain, whose frames an L1 entry may then
 * map (taking references on them as on d's own); NULL for none.
 */
int pv_mod_entry(struct domain *d, paddr_t pte_ma, pgentry_t val,
                 bool preserve_ad, struct domain *fd);

/* An L1 entry the grant code made (it holds the references itself); a
 * guest may not set this bit. */
#define _PAGE_GNTTAB (1UL << 62)

/* Machine address of the L1 entry that maps va in v's kernel page
 * tables, or 0 if there is none (a level not present, or a superpage). */
paddr_t pv_find_l1e(struct vcpu *v, unsigned long va);

/* Make mfn the vCPU's kernel (or user) page-table base (takes an L4 type
 * reference and drops the old one); loads CR3 if v is running here. */
int pv_set_baseptr(struct vcpu *v, unsigned long mfn, bool user);

/* Drop every pin and base pointer of d, releasing all page-table types
 * (and with them every reference the tables held). */
void pv_relinquish_pagetables(struct domain *d);

/*
 * Descriptor tables (pv/descriptors.c).  pv_check_descriptor() applies
 * the rules to one descriptor, fixing it up in place; false: refused.
 * pv_validate_segdesc_page(): all 512 of a frame taking PGT_seg_desc_page
 * (0 or -EINVAL; caller holds pv_mm_lock).  pv_set_gdt(): v's GDT becomes
 * entries descriptors in frames (the guest's own, not writable anywhere);
 * 0 or -EINVAL.  pv_destroy_gdt(): drop v's GDT.  pv_load_gdt(): on
 * context switch, make v's GDT this CPU's.
 */
bool pv_check_descriptor(uint64_t *desc);
int pv_validate_segdesc_page(struct page_info *pg);
int pv_set_gdt(struct vcpu *v, const unsigned long *frames,
               unsigned int entries);
void pv_destroy_gdt(struct vcpu *v);
void pv_load_gdt(const struct vcpu *v);
/* LDTs: MMUEXT_SET_LDT (-EINVAL for a bad range; for the current vCPU
 * the caller holds pv_mm_lock); on context switch, the
 * incoming vCPU's LDT (NULL: idle); a #PF in this CPU's LDT window from
 * the guest, handled (true) by mapping the guest's LDT page or by a guest
 * fault; the same from the hypervisor itself (a segment load or iretq on
 * the running vCPU's behalf): true if the page is now mapped, false if it
 * cannot be (the faulting instruction's fixup then deals with it). */
int pv_set_ldt(struct vcpu *v, unsigned long base, unsigned long ents);
void pv_load_ldt(const struct vcpu *v);
struct cpu_user_regs;
bool pv_ldt_fault(struct cpu_user_regs *regs, unsigned long cr2);
bool pv_ldt_map_on_demand(unsigned long cr2);

/* Flush every CPU's TLB (used when a frame changes hands or type). */
void flush_tlb_all_cpus(void);
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
