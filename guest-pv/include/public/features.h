/* SPDX-License-Identifier: MIT */
/*
 * Feature flags reported by XENVER_get_features (bit numbers within
 * submap 0) and named by XEN_ELFNOTE_FEATURES / SUPPORTED_FEATURES.
 */

#ifndef PUBLIC_FEATURES_H
#define PUBLIC_FEATURES_H

/* Guest may write its page tables directly; writes are trapped+checked. */
#define XENFEAT_writable_page_tables        0
/* Guest may write its GDT/LDT pages directly. */
#define XENFEAT_writable_descriptor_tables  1
/* Guest sees pseudo-physical addresses; the hypervisor translates. */
#define XENFEAT_auto_translated_physmap     2
/* Guest kernel runs in ring 0 (not used by 64-bit PV). */
#define XENFEAT_supervisor_mode_kernel      3
/* 32-bit PAE: top-level table may live above 4 GiB. */
#define XENFEAT_pae_pgdir_above_4gb         4
/* MMU_PT_UPDATE_PRESERVE_AD is available. */
#define XENFEAT_mmu_pt_update_preserve_ad   5
/* 32-bit highmem helpers available. */
#define XENFEAT_highmem_assist              6
/* GNTTABOP_map_grant_ref honours GNTMAP_guest_avail bits. */
#define XENFEAT_gnttab_map_avail_bits       7
/* HVM: events may arrive through an IDT vector. */
#define XENFEAT_hvm_callback_vector         8
/* HVM: pvclock is safe to use. */
#define XENFEAT_hvm_safe_pvclock            9
/* HVM: legacy interrupts are delivered as PIRQ events. */
#define XENFEAT_hvm_pirqs                   10
/* This domain is the control domain. */
#define XENFEAT_dom0                        11
/* 12 is unused */
/* XENMEM_get_vnumainfo and XENMEMF_vnode work. */
#define XENFEAT_memory_op_vnode_supported   13
/* ARM: SMCCC calls are available. */
#define XENFEAT_ARM_SMCCC_supported         14
/* PVH dom0: the RSDP may be placed anywhere. */
#define XENFEAT_linux_rsdp_unrestricted     15
/* Guest memory is not 1:1 with host memory. */
#define XENFEAT_not_direct_mapped           16
/* Guest memory is 1:1 with host memory. */
#define XENFEAT_direct_mapped               17

/* Number of 32-bit submaps of feature bits currently defined. */
#define XENFEAT_NR_SUBMAPS 1

#endif /* PUBLIC_FEATURES_H */
