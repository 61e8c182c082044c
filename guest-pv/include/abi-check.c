/* SPDX-License-Identifier: MIT */
/*
 * Compile-time pinning of the public ABI headers.  Every number below is
 * the size, member offset or constant value of the real x86_64 Xen ABI
 * (measured from Xen 4.17's installed public headers, interface version
 * 0x00040e00); the build fails if our headers ever drift from it.
 * Members are listed as laid out; nested paths (a.b.c) pin anonymous
 * inner structs/unions.  Build both freestanding and hosted:
 *   gcc -std=c11 -ffreestanding -I guest-pv/include -c abi-check.c
 */

#include <stddef.h>
#include <stdint.h>

#include <public/xen.h>
#include <public/arch-x86/xen.h>
#include <public/arch-x86/xen-x86_64.h>
#include <public/arch-x86/cpuid.h>
#include <public/elfnote.h>
#include <public/features.h>
#include <public/version.h>
#include <public/sched.h>
#include <public/vcpu.h>
#include <public/callback.h>
#include <public/event_channel.h>
#include <public/grant_table.h>
#include <public/memory.h>
#include <public/physdev.h>
#include <public/platform.h>
#include <public/domctl.h>
#include <public/sysctl.h>
#include <public/nmi.h>
#include <public/errno.h>
#include <public/hvm/hvm_op.h>
#include <public/hvm/params.h>
#include <public/io/ring.h>
#include <public/io/console.h>
#include <public/io/xs_wire.h>
#include <public/io/netif.h>
#include <public/io/blkif.h>

#define ABI_SIZE(t, n)      _Static_assert(sizeof(t) == (n), "sizeof(" #t ") should be " #n)
#define ABI_OFF(t, m, n)    _Static_assert(offsetof(t, m) == (n), "offsetof(" #t ", " #m ") should be " #n)
#define ABI_VAL(c, n)       _Static_assert((unsigned long long)(c) == (unsigned long long)(n), #c " should be " #n)
#define ABI_EXPR(e, n)      _Static_assert((e) == (n), #e " should be " #n)

/* ---- Headline values (also covered below) ---- */
ABI_EXPR(sizeof(struct vcpu_guest_context), 5168);
ABI_EXPR(offsetof(struct vcpu_guest_context, flags), 512);
ABI_EXPR(offsetof(struct vcpu_guest_context, user_regs), 520);
ABI_EXPR(offsetof(struct vcpu_guest_context, trap_ctxt), 720);
ABI_EXPR(sizeof(struct trap_info), 16);
ABI_EXPR(sizeof(struct multicall_entry), 64);
ABI_EXPR(sizeof(struct mmuext_op), 24);
ABI_EXPR(sizeof(struct xen_platform_op), 136);
ABI_EXPR(__CONST_RING_SIZE(netif_tx, 4096), 256);
ABI_EXPR(__CONST_RING_SIZE(blkif, 4096), 32);

/* ---- Scalar types, handles, ring sizes ---- */
ABI_EXPR(__CONST_RING_SIZE(netif_tx, 4096), 256);
ABI_EXPR(__CONST_RING_SIZE(netif_rx, 4096), 256);
ABI_EXPR(__CONST_RING_SIZE(blkif, 4096), 32);
ABI_EXPR(__CONST_RING_SIZE(xen_netif_ctrl, 4096), 128);
ABI_EXPR(sizeof(XEN_GUEST_HANDLE(void)), 8);
ABI_EXPR(sizeof(XEN_GUEST_HANDLE(xen_pfn_t)), 8);
ABI_EXPR(_Alignof(XEN_GUEST_HANDLE(uint8)), 8);
ABI_EXPR(sizeof(xen_uuid_t), 16);
ABI_EXPR(sizeof(xen_domain_handle_t), 16);
ABI_EXPR(sizeof(domid_t), 2);
ABI_EXPR(sizeof(evtchn_port_t), 4);
ABI_EXPR(sizeof(grant_ref_t), 4);
ABI_EXPR(sizeof(grant_handle_t), 4);
ABI_EXPR(sizeof(xen_pfn_t), 8);
ABI_EXPR(sizeof(xen_ulong_t), 8);
ABI_EXPR(sizeof(xen_callback_t), 8);
ABI_EXPR(sizeof(RING_IDX), 4);
ABI_EXPR(sizeof(grant_status_t), 2);
ABI_EXPR(sizeof(event_word_t), 4);
ABI_EXPR(sizeof(XENCONS_RING_IDX), 4);
ABI_EXPR(sizeof(XENSTORE_RING_IDX), 4);
ABI_EXPR(sizeof(xen_extraversion_t), 16);
ABI_EXPR(sizeof(xen_capabilities_info_t), 1024);
ABI_EXPR(sizeof(xen_changeset_info_t), 64);
ABI_EXPR(sizeof(xen_commandline_t), 1024);
ABI_EXPR(sizeof(vcpu_info_t), 64);
ABI_EXPR(sizeof(shared_info_t), 3136);
ABI_EXPR(sizeof(start_info_t), 1168);
ABI_EXPR(sizeof(grant_entry_v1_t), 8);
ABI_EXPR(sizeof(grant_entry_v2_t), 16);
ABI_EXPR(sizeof(xsd_errors) / sizeof(xsd_errors[0]), 16);

/* ---- Structures and unions ---- */

/* struct iret_context */
ABI_SIZE(struct iret_context, 72);
ABI_OFF(struct iret_context, rax, 0);
ABI_OFF(struct iret_context, r11, 8);
ABI_OFF(struct iret_context, rcx, 16);
ABI_OFF(struct iret_context, flags, 24);
ABI_OFF(struct iret_context, rip, 32);
ABI_OFF(struct iret_context, cs, 40);
ABI_OFF(struct iret_context, rflags, 48);
ABI_OFF(struct iret_context, rsp, 56);
ABI_OFF(struct iret_context, ss, 64);

/* struct cpu_user_regs */
ABI_SIZE(struct cpu_user_regs, 200);
ABI_OFF(struct cpu_user_regs, r15, 0);
ABI_OFF(struct cpu_user_regs, r15d, 0);
ABI_OFF(struct cpu_user_regs, r15w, 0);
ABI_OFF(struct cpu_user_regs, r15b, 0);
ABI_OFF(struct cpu_user_regs, r14, 8);
ABI_OFF(struct cpu_user_regs, r14d, 8);
ABI_OFF(struct cpu_user_regs, r14w, 8);
ABI_OFF(struct cpu_user_regs, r14b, 8);
ABI_OFF(struct cpu_user_regs, r13, 16);
ABI_OFF(struct cpu_user_regs, r13d, 16);
ABI_OFF(struct cpu_user_regs, r13w, 16);
ABI_OFF(struct cpu_user_regs, r13b, 16);
ABI_OFF(struct cpu_user_regs, r12, 24);
ABI_OFF(struct cpu_user_regs, r12d, 24);
ABI_OFF(struct cpu_user_regs, r12w, 24);
ABI_OFF(struct cpu_user_regs, r12b, 24);
ABI_OFF(struct cpu_user_regs, rbp, 32);
ABI_OFF(struct cpu_user_regs, ebp, 32);
ABI_OFF(struct cpu_user_regs, bp, 32);
ABI_OFF(struct cpu_user_regs, bpl, 32);
ABI_OFF(struct cpu_user_regs, rbx, 40);
ABI_OFF(struct cpu_user_regs, ebx, 40);
ABI_OFF(struct cpu_user_regs, bx, 40);
ABI_OFF(struct cpu_user_regs, bl, 40);
ABI_OFF(struct cpu_user_regs, bh, 41);
ABI_OFF(struct cpu_user_regs, r11, 48);
ABI_OFF(struct cpu_user_regs, r11d, 48);
ABI_OFF(struct cpu_user_regs, r11w, 48);
ABI_OFF(struct cpu_user_regs, r11b, 48);
ABI_OFF(struct cpu_user_regs, r10, 56);
ABI_OFF(struct cpu_user_regs, r10d, 56);
ABI_OFF(struct cpu_user_regs, r10w, 56);
ABI_OFF(struct cpu_user_regs, r10b, 56);
ABI_OFF(struct cpu_user_regs, r9, 64);
ABI_OFF(struct cpu_user_regs, r9d, 64);
ABI_OFF(struct cpu_user_regs, r9w, 64);
ABI_OFF(struct cpu_user_regs, r9b, 64);
ABI_OFF(struct cpu_user_regs, r8, 72);
ABI_OFF(struct cpu_user_regs, r8d, 72);
ABI_OFF(struct cpu_user_regs, r8w, 72);
ABI_OFF(struct cpu_user_regs, r8b, 72);
ABI_OFF(struct cpu_user_regs, rax, 80);
ABI_OFF(struct cpu_user_regs, eax, 80);
ABI_OFF(struct cpu_user_regs, ax, 80);
ABI_OFF(struct cpu_user_regs, al, 80);
ABI_OFF(struct cpu_user_regs, ah, 81);
ABI_OFF(struct cpu_user_regs, rcx, 88);
ABI_OFF(struct cpu_user_regs, ecx, 88);
ABI_OFF(struct cpu_user_regs, cx, 88);
ABI_OFF(struct cpu_user_regs, cl, 88);
ABI_OFF(struct cpu_user_regs, ch, 89);
ABI_OFF(struct cpu_user_regs, rdx, 96);
ABI_OFF(struct cpu_user_regs, edx, 96);
ABI_OFF(struct cpu_user_regs, dx, 96);
ABI_OFF(struct cpu_user_regs, dl, 96);
ABI_OFF(struct cpu_user_regs, dh, 97);
ABI_OFF(struct cpu_user_regs, rsi, 104);
ABI_OFF(struct cpu_user_regs, esi, 104);
ABI_OFF(struct cpu_user_regs, si, 104);
ABI_OFF(struct cpu_user_regs, sil, 104);
ABI_OFF(struct cpu_user_regs, rdi, 112);
ABI_OFF(struct cpu_user_regs, edi, 112);
ABI_OFF(struct cpu_user_regs, di, 112);
ABI_OFF(struct cpu_user_regs, dil, 112);
ABI_OFF(struct cpu_user_regs, error_code, 120);
ABI_OFF(struct cpu_user_regs, entry_vector, 124);
ABI_OFF(struct cpu_user_regs, rip, 128);
ABI_OFF(struct cpu_user_regs, eip, 128);
ABI_OFF(struct cpu_user_regs, ip, 128);
ABI_OFF(struct cpu_user_regs, cs, 136);
ABI_OFF(struct cpu_user_regs, _pad0, 138);
ABI_OFF(struct cpu_user_regs, saved_upcall_mask, 140);
ABI_OFF(struct cpu_user_regs, _pad1, 141);
ABI_OFF(struct cpu_user_regs, rflags, 144);
ABI_OFF(struct cpu_user_regs, eflags, 144);
ABI_OFF(struct cpu_user_regs, flags, 144);
ABI_OFF(struct cpu_user_regs, rsp, 152);
ABI_OFF(struct cpu_user_regs, esp, 152);
ABI_OFF(struct cpu_user_regs, sp, 152);
ABI_OFF(struct cpu_user_regs, spl, 152);
ABI_OFF(struct cpu_user_regs, ss, 160);
ABI_OFF(struct cpu_user_regs, _pad2, 162);
ABI_OFF(struct cpu_user_regs, es, 168);
ABI_OFF(struct cpu_user_regs, _pad3, 170);
ABI_OFF(struct cpu_user_regs, ds, 176);
ABI_OFF(struct cpu_user_regs, _pad4, 178);
ABI_OFF(struct cpu_user_regs, fs, 184);
ABI_OFF(struct cpu_user_regs, _pad5, 186);
ABI_OFF(struct cpu_user_regs, gs, 192);
ABI_OFF(struct cpu_user_regs, _pad6, 194);

/* struct arch_vcpu_info */
ABI_SIZE(struct arch_vcpu_info, 16);
ABI_OFF(struct arch_vcpu_info, cr2, 0);
ABI_OFF(struct arch_vcpu_info, pad, 8);

/* struct trap_info */
ABI_SIZE(struct trap_info, 16);
ABI_OFF(struct trap_info, vector, 0);
ABI_OFF(struct trap_info, flags, 1);
ABI_OFF(struct trap_info, cs, 2);
ABI_OFF(struct trap_info, address, 8);

/* struct vcpu_guest_context */
ABI_SIZE(struct vcpu_guest_context, 5168);
ABI_OFF(struct vcpu_guest_context, fpu_ctxt, 0);
ABI_OFF(struct vcpu_guest_context, fpu_ctxt.x, 0);
ABI_OFF(struct vcpu_guest_context, flags, 512);
ABI_OFF(struct vcpu_guest_context, user_regs, 520);
ABI_OFF(struct vcpu_guest_context, trap_ctxt, 720);
ABI_OFF(struct vcpu_guest_context, ldt_base, 4816);
ABI_OFF(struct vcpu_guest_context, ldt_ents, 4824);
ABI_OFF(struct vcpu_guest_context, gdt_frames, 4832);
ABI_OFF(struct vcpu_guest_context, gdt_ents, 4960);
ABI_OFF(struct vcpu_guest_context, kernel_ss, 4968);
ABI_OFF(struct vcpu_guest_context, kernel_sp, 4976);
ABI_OFF(struct vcpu_guest_context, ctrlreg, 4984);
ABI_OFF(struct vcpu_guest_context, debugreg, 5048);
ABI_OFF(struct vcpu_guest_context, event_callback_eip, 5112);
ABI_OFF(struct vcpu_guest_context, failsafe_callback_eip, 5120);
ABI_OFF(struct vcpu_guest_context, syscall_callback_eip, 5128);
ABI_OFF(struct vcpu_guest_context, vm_assist, 5136);
ABI_OFF(struct vcpu_guest_context, fs_base, 5144);
ABI_OFF(struct vcpu_guest_context, gs_base_kernel, 5152);
ABI_OFF(struct vcpu_guest_context, gs_base_user, 5160);

/* struct arch_shared_info */
ABI_SIZE(struct arch_shared_info, 48);
ABI_OFF(struct arch_shared_info, max_pfn, 0);
ABI_OFF(struct arch_shared_info, pfn_to_mfn_frame_list_list, 8);
ABI_OFF(struct arch_shared_info, nmi_reason, 16);
ABI_OFF(struct arch_shared_info, p2m_cr3, 24);
ABI_OFF(struct arch_shared_info, p2m_vaddr, 32);
ABI_OFF(struct arch_shared_info, p2m_generation, 40);

/* struct xen_arch_domainconfig */
ABI_SIZE(struct xen_arch_domainconfig, 8);
ABI_OFF(struct xen_arch_domainconfig, emulation_flags, 0);
ABI_OFF(struct xen_arch_domainconfig, misc_flags, 4);

/* struct xen_cpuid_leaf */
ABI_SIZE(struct xen_cpuid_leaf, 24);
ABI_OFF(struct xen_cpuid_leaf, leaf, 0);
ABI_OFF(struct xen_cpuid_leaf, subleaf, 4);
ABI_OFF(struct xen_cpuid_leaf, a, 8);
ABI_OFF(struct xen_cpuid_leaf, b, 12);
ABI_OFF(struct xen_cpuid_leaf, c, 16);
ABI_OFF(struct xen_cpuid_leaf, d, 20);

/* struct xen_msr_entry */
ABI_SIZE(struct xen_msr_entry, 16);
ABI_OFF(struct xen_msr_entry, idx, 0);
ABI_OFF(struct xen_msr_entry, flags, 4);
ABI_OFF(struct xen_msr_entry, val, 8);

/* struct mmuext_op */
ABI_SIZE(struct mmuext_op, 24);
ABI_OFF(struct mmuext_op, cmd, 0);
ABI_OFF(struct mmuext_op, arg1, 8);
ABI_OFF(struct mmuext_op, arg1.mfn, 8);
ABI_OFF(struct mmuext_op, arg1.linear_addr, 8);
ABI_OFF(struct mmuext_op, arg2, 16);
ABI_OFF(struct mmuext_op, arg2.nr_ents, 16);
ABI_OFF(struct mmuext_op, arg2.vcpumask, 16);
ABI_OFF(struct mmuext_op, arg2.src_mfn, 16);

/* struct mmu_update */
ABI_SIZE(struct mmu_update, 16);
ABI_OFF(struct mmu_update, ptr, 0);
ABI_OFF(struct mmu_update, val, 8);

/* struct multicall_entry */
ABI_SIZE(struct multicall_entry, 64);
ABI_OFF(struct multicall_entry, op, 0);
ABI_OFF(struct multicall_entry, result, 8);
ABI_OFF(struct multicall_entry, args, 16);

/* struct vcpu_time_info */
ABI_SIZE(struct vcpu_time_info, 32);
ABI_OFF(struct vcpu_time_info, version, 0);
ABI_OFF(struct vcpu_time_info, pad0, 4);
ABI_OFF(struct vcpu_time_info, tsc_timestamp, 8);
ABI_OFF(struct vcpu_time_info, system_time, 16);
ABI_OFF(struct vcpu_time_info, tsc_to_system_mul, 24);
ABI_OFF(struct vcpu_time_info, tsc_shift, 28);
ABI_OFF(struct vcpu_time_info, flags, 29);
ABI_OFF(struct vcpu_time_info, pad1, 30);

/* struct vcpu_info */
ABI_SIZE(struct vcpu_info, 64);
ABI_OFF(struct vcpu_info, evtchn_upcall_pending, 0);
ABI_OFF(struct vcpu_info, evtchn_upcall_mask, 1);
ABI_OFF(struct vcpu_info, evtchn_pending_sel, 8);
ABI_OFF(struct vcpu_info, arch, 16);
ABI_OFF(struct vcpu_info, time, 32);

/* struct shared_info */
ABI_SIZE(struct shared_info, 3136);
ABI_OFF(struct shared_info, vcpu_info, 0);
ABI_OFF(struct shared_info, evtchn_pending, 2048);
ABI_OFF(struct shared_info, evtchn_mask, 2560);
ABI_OFF(struct shared_info, wc_version, 3072);
ABI_OFF(struct shared_info, wc_sec, 3076);
ABI_OFF(struct shared_info, wc_nsec, 3080);
ABI_OFF(struct shared_info, wc_sec_hi, 3084);
ABI_OFF(struct shared_info, arch, 3088);

/* struct start_info */
ABI_SIZE(struct start_info, 1168);
ABI_OFF(struct start_info, magic, 0);
ABI_OFF(struct start_info, nr_pages, 32);
ABI_OFF(struct start_info, shared_info, 40);
ABI_OFF(struct start_info, flags, 48);
ABI_OFF(struct start_info, store_mfn, 56);
ABI_OFF(struct start_info, store_evtchn, 64);
ABI_OFF(struct start_info, console, 72);
ABI_OFF(struct start_info, console.domU, 72);
ABI_OFF(struct start_info, console.domU.mfn, 72);
ABI_OFF(struct start_info, console.domU.evtchn, 80);
ABI_OFF(struct start_info, console.dom0, 72);
ABI_OFF(struct start_info, console.dom0.info_off, 72);
ABI_OFF(struct start_info, console.dom0.info_size, 76);
ABI_OFF(struct start_info, pt_base, 88);
ABI_OFF(struct start_info, nr_pt_frames, 96);
ABI_OFF(struct start_info, mfn_list, 104);
ABI_OFF(struct start_info, mod_start, 112);
ABI_OFF(struct start_info, mod_len, 120);
ABI_OFF(struct start_info, cmd_line, 128);
ABI_OFF(struct start_info, first_p2m_pfn, 1152);
ABI_OFF(struct start_info, nr_p2m_frames, 1160);

/* struct xen_multiboot_mod_list */
ABI_SIZE(struct xen_multiboot_mod_list, 16);
ABI_OFF(struct xen_multiboot_mod_list, mod_start, 0);
ABI_OFF(struct xen_multiboot_mod_list, mod_end, 4);
ABI_OFF(struct xen_multiboot_mod_list, cmdline, 8);
ABI_OFF(struct xen_multiboot_mod_list, pad, 12);

/* struct dom0_vga_console_info */
ABI_SIZE(struct dom0_vga_console_info, 40);
ABI_OFF(struct dom0_vga_console_info, video_type, 0);
ABI_OFF(struct dom0_vga_console_info, u, 4);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3, 4);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3.font_height, 4);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3.cursor_x, 6);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3.cursor_y, 8);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3.rows, 10);
ABI_OFF(struct dom0_vga_console_info, u.text_mode_3.columns, 12);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb, 4);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.width, 4);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.height, 6);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.bytes_per_line, 8);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.bits_per_pixel, 10);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.lfb_base, 12);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.lfb_size, 16);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.red_pos, 20);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.red_size, 21);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.green_pos, 22);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.green_size, 23);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.blue_pos, 24);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.blue_size, 25);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.rsvd_pos, 26);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.rsvd_size, 27);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.gbl_caps, 28);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.mode_attrs, 32);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.pad, 34);
ABI_OFF(struct dom0_vga_console_info, u.vesa_lfb.ext_lfb_base, 36);

/* struct xenctl_bitmap */
ABI_SIZE(struct xenctl_bitmap, 16);
ABI_OFF(struct xenctl_bitmap, bitmap, 0);
ABI_OFF(struct xenctl_bitmap, nr_bits, 8);

/* struct xen_compile_info */
ABI_SIZE(struct xen_compile_info, 144);
ABI_OFF(struct xen_compile_info, compiler, 0);
ABI_OFF(struct xen_compile_info, compile_by, 64);
ABI_OFF(struct xen_compile_info, compile_domain, 80);
ABI_OFF(struct xen_compile_info, compile_date, 112);

/* struct xen_platform_parameters */
ABI_SIZE(struct xen_platform_parameters, 8);
ABI_OFF(struct xen_platform_parameters, virt_start, 0);

/* struct xen_feature_info */
ABI_SIZE(struct xen_feature_info, 8);
ABI_OFF(struct xen_feature_info, submap_idx, 0);
ABI_OFF(struct xen_feature_info, submap, 4);

/* struct xen_build_id */
ABI_SIZE(struct xen_build_id, 4);
ABI_OFF(struct xen_build_id, len, 0);
ABI_OFF(struct xen_build_id, buf, 4);

/* struct evtchn_alloc_unbound */
ABI_SIZE(struct evtchn_alloc_unbound, 8);
ABI_OFF(struct evtchn_alloc_unbound, dom, 0);
ABI_OFF(struct evtchn_alloc_unbound, remote_dom, 2);
ABI_OFF(struct evtchn_alloc_unbound, port, 4);

/* struct evtchn_bind_interdomain */
ABI_SIZE(struct evtchn_bind_interdomain, 12);
ABI_OFF(struct evtchn_bind_interdomain, remote_dom, 0);
ABI_OFF(struct evtchn_bind_interdomain, remote_port, 4);
ABI_OFF(struct evtchn_bind_interdomain, local_port, 8);

/* struct evtchn_bind_virq */
ABI_SIZE(struct evtchn_bind_virq, 12);
ABI_OFF(struct evtchn_bind_virq, virq, 0);
ABI_OFF(struct evtchn_bind_virq, vcpu, 4);
ABI_OFF(struct evtchn_bind_virq, port, 8);

/* struct evtchn_bind_pirq */
ABI_SIZE(struct evtchn_bind_pirq, 12);
ABI_OFF(struct evtchn_bind_pirq, pirq, 0);
ABI_OFF(struct evtchn_bind_pirq, flags, 4);
ABI_OFF(struct evtchn_bind_pirq, port, 8);

/* struct evtchn_bind_ipi */
ABI_SIZE(struct evtchn_bind_ipi, 8);
ABI_OFF(struct evtchn_bind_ipi, vcpu, 0);
ABI_OFF(struct evtchn_bind_ipi, port, 4);

/* struct evtchn_close */
ABI_SIZE(struct evtchn_close, 4);
ABI_OFF(struct evtchn_close, port, 0);

/* struct evtchn_send */
ABI_SIZE(struct evtchn_send, 4);
ABI_OFF(struct evtchn_send, port, 0);

/* struct evtchn_status */
ABI_SIZE(struct evtchn_status, 24);
ABI_OFF(struct evtchn_status, dom, 0);
ABI_OFF(struct evtchn_status, port, 4);
ABI_OFF(struct evtchn_status, status, 8);
ABI_OFF(struct evtchn_status, vcpu, 12);
ABI_OFF(struct evtchn_status, u, 16);
ABI_OFF(struct evtchn_status, u.unbound, 16);
ABI_OFF(struct evtchn_status, u.unbound.dom, 16);
ABI_OFF(struct evtchn_status, u.interdomain, 16);
ABI_OFF(struct evtchn_status, u.interdomain.dom, 16);
ABI_OFF(struct evtchn_status, u.interdomain.port, 20);
ABI_OFF(struct evtchn_status, u.pirq, 16);
ABI_OFF(struct evtchn_status, u.virq, 16);

/* struct evtchn_bind_vcpu */
ABI_SIZE(struct evtchn_bind_vcpu, 8);
ABI_OFF(struct evtchn_bind_vcpu, port, 0);
ABI_OFF(struct evtchn_bind_vcpu, vcpu, 4);

/* struct evtchn_unmask */
ABI_SIZE(struct evtchn_unmask, 4);
ABI_OFF(struct evtchn_unmask, port, 0);

/* struct evtchn_reset */
ABI_SIZE(struct evtchn_reset, 2);
ABI_OFF(struct evtchn_reset, dom, 0);

/* struct evtchn_init_control */
ABI_SIZE(struct evtchn_init_control, 24);
ABI_OFF(struct evtchn_init_control, control_gfn, 0);
ABI_OFF(struct evtchn_init_control, offset, 8);
ABI_OFF(struct evtchn_init_control, vcpu, 12);
ABI_OFF(struct evtchn_init_control, link_bits, 16);
ABI_OFF(struct evtchn_init_control, _pad, 17);

/* struct evtchn_expand_array */
ABI_SIZE(struct evtchn_expand_array, 8);
ABI_OFF(struct evtchn_expand_array, array_gfn, 0);

/* struct evtchn_set_priority */
ABI_SIZE(struct evtchn_set_priority, 8);
ABI_OFF(struct evtchn_set_priority, port, 0);
ABI_OFF(struct evtchn_set_priority, priority, 4);

/* struct evtchn_op */
ABI_SIZE(struct evtchn_op, 28);
ABI_OFF(struct evtchn_op, cmd, 0);
ABI_OFF(struct evtchn_op, u, 4);
ABI_OFF(struct evtchn_op, u.alloc_unbound, 4);
ABI_OFF(struct evtchn_op, u.bind_interdomain, 4);
ABI_OFF(struct evtchn_op, u.bind_virq, 4);
ABI_OFF(struct evtchn_op, u.bind_pirq, 4);
ABI_OFF(struct evtchn_op, u.bind_ipi, 4);
ABI_OFF(struct evtchn_op, u.close, 4);
ABI_OFF(struct evtchn_op, u.send, 4);
ABI_OFF(struct evtchn_op, u.status, 4);
ABI_OFF(struct evtchn_op, u.bind_vcpu, 4);
ABI_OFF(struct evtchn_op, u.unmask, 4);

/* struct evtchn_fifo_control_block */
ABI_SIZE(struct evtchn_fifo_control_block, 72);
ABI_OFF(struct evtchn_fifo_control_block, ready, 0);
ABI_OFF(struct evtchn_fifo_control_block, _rsvd, 4);
ABI_OFF(struct evtchn_fifo_control_block, head, 8);

/* struct sched_shutdown */
ABI_SIZE(struct sched_shutdown, 4);
ABI_OFF(struct sched_shutdown, reason, 0);

/* struct sched_poll */
ABI_SIZE(struct sched_poll, 24);
ABI_OFF(struct sched_poll, ports, 0);
ABI_OFF(struct sched_poll, nr_ports, 8);
ABI_OFF(struct sched_poll, timeout, 16);

/* struct sched_remote_shutdown */
ABI_SIZE(struct sched_remote_shutdown, 8);
ABI_OFF(struct sched_remote_shutdown, domain_id, 0);
ABI_OFF(struct sched_remote_shutdown, reason, 4);

/* struct sched_watchdog */
ABI_SIZE(struct sched_watchdog, 8);
ABI_OFF(struct sched_watchdog, id, 0);
ABI_OFF(struct sched_watchdog, timeout, 4);

/* struct sched_pin_override */
ABI_SIZE(struct sched_pin_override, 4);
ABI_OFF(struct sched_pin_override, pcpu, 0);

/* struct vcpu_runstate_info */
ABI_SIZE(struct vcpu_runstate_info, 48);
ABI_OFF(struct vcpu_runstate_info, state, 0);
ABI_OFF(struct vcpu_runstate_info, state_entry_time, 8);
ABI_OFF(struct vcpu_runstate_info, time, 16);

/* struct vcpu_register_runstate_memory_area */
ABI_SIZE(struct vcpu_register_runstate_memory_area, 8);
ABI_OFF(struct vcpu_register_runstate_memory_area, addr, 0);
ABI_OFF(struct vcpu_register_runstate_memory_area, addr.h, 0);
ABI_OFF(struct vcpu_register_runstate_memory_area, addr.v, 0);
ABI_OFF(struct vcpu_register_runstate_memory_area, addr.p, 0);

/* struct vcpu_set_periodic_timer */
ABI_SIZE(struct vcpu_set_periodic_timer, 8);
ABI_OFF(struct vcpu_set_periodic_timer, period_ns, 0);

/* struct vcpu_set_singleshot_timer */
ABI_SIZE(struct vcpu_set_singleshot_timer, 16);
ABI_OFF(struct vcpu_set_singleshot_timer, timeout_abs_ns, 0);
ABI_OFF(struct vcpu_set_singleshot_timer, flags, 8);

/* struct vcpu_register_vcpu_info */
ABI_SIZE(struct vcpu_register_vcpu_info, 16);
ABI_OFF(struct vcpu_register_vcpu_info, mfn, 0);
ABI_OFF(struct vcpu_register_vcpu_info, offset, 8);
ABI_OFF(struct vcpu_register_vcpu_info, rsvd, 12);

/* struct vcpu_get_physid */
ABI_SIZE(struct vcpu_get_physid, 8);
ABI_OFF(struct vcpu_get_physid, phys_id, 0);

/* struct vcpu_register_time_memory_area */
ABI_SIZE(struct vcpu_register_time_memory_area, 8);
ABI_OFF(struct vcpu_register_time_memory_area, addr, 0);
ABI_OFF(struct vcpu_register_time_memory_area, addr.h, 0);
ABI_OFF(struct vcpu_register_time_memory_area, addr.v, 0);
ABI_OFF(struct vcpu_register_time_memory_area, addr.p, 0);

/* struct callback_register */
ABI_SIZE(struct callback_register, 16);
ABI_OFF(struct callback_register, type, 0);
ABI_OFF(struct callback_register, flags, 2);
ABI_OFF(struct callback_register, address, 8);

/* struct callback_unregister */
ABI_SIZE(struct callback_unregister, 4);
ABI_OFF(struct callback_unregister, type, 0);
ABI_OFF(struct callback_unregister, _unused, 2);

/* struct grant_entry_v1 */
ABI_SIZE(struct grant_entry_v1, 8);
ABI_OFF(struct grant_entry_v1, flags, 0);
ABI_OFF(struct grant_entry_v1, domid, 2);
ABI_OFF(struct grant_entry_v1, frame, 4);

/* struct grant_entry_header */
ABI_SIZE(struct grant_entry_header, 4);
ABI_OFF(struct grant_entry_header, flags, 0);
ABI_OFF(struct grant_entry_header, domid, 2);

/* union grant_entry_v2 */
ABI_SIZE(union grant_entry_v2, 16);
ABI_OFF(union grant_entry_v2, hdr, 0);
ABI_OFF(union grant_entry_v2, full_page, 0);
ABI_OFF(union grant_entry_v2, full_page.hdr, 0);
ABI_OFF(union grant_entry_v2, full_page.pad0, 4);
ABI_OFF(union grant_entry_v2, full_page.frame, 8);
ABI_OFF(union grant_entry_v2, sub_page, 0);
ABI_OFF(union grant_entry_v2, sub_page.hdr, 0);
ABI_OFF(union grant_entry_v2, sub_page.page_off, 4);
ABI_OFF(union grant_entry_v2, sub_page.length, 6);
ABI_OFF(union grant_entry_v2, sub_page.frame, 8);
ABI_OFF(union grant_entry_v2, transitive, 0);
ABI_OFF(union grant_entry_v2, transitive.hdr, 0);
ABI_OFF(union grant_entry_v2, transitive.trans_domid, 4);
ABI_OFF(union grant_entry_v2, transitive.pad0, 6);
ABI_OFF(union grant_entry_v2, transitive.gref, 8);
ABI_OFF(union grant_entry_v2, __spacer, 0);

/* struct gnttab_map_grant_ref */
ABI_SIZE(struct gnttab_map_grant_ref, 32);
ABI_OFF(struct gnttab_map_grant_ref, host_addr, 0);
ABI_OFF(struct gnttab_map_grant_ref, flags, 8);
ABI_OFF(struct gnttab_map_grant_ref, ref, 12);
ABI_OFF(struct gnttab_map_grant_ref, dom, 16);
ABI_OFF(struct gnttab_map_grant_ref, status, 18);
ABI_OFF(struct gnttab_map_grant_ref, handle, 20);
ABI_OFF(struct gnttab_map_grant_ref, dev_bus_addr, 24);

/* struct gnttab_unmap_grant_ref */
ABI_SIZE(struct gnttab_unmap_grant_ref, 24);
ABI_OFF(struct gnttab_unmap_grant_ref, host_addr, 0);
ABI_OFF(struct gnttab_unmap_grant_ref, dev_bus_addr, 8);
ABI_OFF(struct gnttab_unmap_grant_ref, handle, 16);
ABI_OFF(struct gnttab_unmap_grant_ref, status, 20);

/* struct gnttab_setup_table */
ABI_SIZE(struct gnttab_setup_table, 24);
ABI_OFF(struct gnttab_setup_table, dom, 0);
ABI_OFF(struct gnttab_setup_table, nr_frames, 4);
ABI_OFF(struct gnttab_setup_table, status, 8);
ABI_OFF(struct gnttab_setup_table, frame_list, 16);

/* struct gnttab_dump_table */
ABI_SIZE(struct gnttab_dump_table, 4);
ABI_OFF(struct gnttab_dump_table, dom, 0);
ABI_OFF(struct gnttab_dump_table, status, 2);

/* struct gnttab_transfer */
ABI_SIZE(struct gnttab_transfer, 24);
ABI_OFF(struct gnttab_transfer, mfn, 0);
ABI_OFF(struct gnttab_transfer, domid, 8);
ABI_OFF(struct gnttab_transfer, ref, 12);
ABI_OFF(struct gnttab_transfer, status, 16);

/* struct gnttab_copy_ptr */
ABI_SIZE(struct gnttab_copy_ptr, 16);
ABI_OFF(struct gnttab_copy_ptr, u, 0);
ABI_OFF(struct gnttab_copy_ptr, u.ref, 0);
ABI_OFF(struct gnttab_copy_ptr, u.gmfn, 0);
ABI_OFF(struct gnttab_copy_ptr, domid, 8);
ABI_OFF(struct gnttab_copy_ptr, offset, 10);

/* struct gnttab_copy */
ABI_SIZE(struct gnttab_copy, 40);
ABI_OFF(struct gnttab_copy, source, 0);
ABI_OFF(struct gnttab_copy, dest, 16);
ABI_OFF(struct gnttab_copy, len, 32);
ABI_OFF(struct gnttab_copy, flags, 34);
ABI_OFF(struct gnttab_copy, status, 36);

/* struct gnttab_query_size */
ABI_SIZE(struct gnttab_query_size, 16);
ABI_OFF(struct gnttab_query_size, dom, 0);
ABI_OFF(struct gnttab_query_size, nr_frames, 4);
ABI_OFF(struct gnttab_query_size, max_nr_frames, 8);
ABI_OFF(struct gnttab_query_size, status, 12);

/* struct gnttab_unmap_and_replace */
ABI_SIZE(struct gnttab_unmap_and_replace, 24);
ABI_OFF(struct gnttab_unmap_and_replace, host_addr, 0);
ABI_OFF(struct gnttab_unmap_and_replace, new_addr, 8);
ABI_OFF(struct gnttab_unmap_and_replace, handle, 16);
ABI_OFF(struct gnttab_unmap_and_replace, status, 20);

/* struct gnttab_set_version */
ABI_SIZE(struct gnttab_set_version, 4);
ABI_OFF(struct gnttab_set_version, version, 0);

/* struct gnttab_get_status_frames */
ABI_SIZE(struct gnttab_get_status_frames, 16);
ABI_OFF(struct gnttab_get_status_frames, nr_frames, 0);
ABI_OFF(struct gnttab_get_status_frames, dom, 4);
ABI_OFF(struct gnttab_get_status_frames, status, 6);
ABI_OFF(struct gnttab_get_status_frames, frame_list, 8);

/* struct gnttab_get_version */
ABI_SIZE(struct gnttab_get_version, 8);
ABI_OFF(struct gnttab_get_version, dom, 0);
ABI_OFF(struct gnttab_get_version, pad, 2);
ABI_OFF(struct gnttab_get_version, version, 4);

/* struct gnttab_swap_grant_ref */
ABI_SIZE(struct gnttab_swap_grant_ref, 12);
ABI_OFF(struct gnttab_swap_grant_ref, ref_a, 0);
ABI_OFF(struct gnttab_swap_grant_ref, ref_b, 4);
ABI_OFF(struct gnttab_swap_grant_ref, status, 8);

/* struct gnttab_cache_flush */
ABI_SIZE(struct gnttab_cache_flush, 16);
ABI_OFF(struct gnttab_cache_flush, a, 0);
ABI_OFF(struct gnttab_cache_flush, a.dev_bus_addr, 0);
ABI_OFF(struct gnttab_cache_flush, a.ref, 0);
ABI_OFF(struct gnttab_cache_flush, offset, 8);
ABI_OFF(struct gnttab_cache_flush, length, 10);
ABI_OFF(struct gnttab_cache_flush, op, 12);

/* struct physdev_eoi */
ABI_SIZE(struct physdev_eoi, 4);
ABI_OFF(struct physdev_eoi, irq, 0);

/* struct physdev_pirq_eoi_gmfn */
ABI_SIZE(struct physdev_pirq_eoi_gmfn, 8);
ABI_OFF(struct physdev_pirq_eoi_gmfn, gmfn, 0);

/* struct physdev_irq_status_query */
ABI_SIZE(struct physdev_irq_status_query, 8);
ABI_OFF(struct physdev_irq_status_query, irq, 0);
ABI_OFF(struct physdev_irq_status_query, flags, 4);

/* struct physdev_set_iopl */
ABI_SIZE(struct physdev_set_iopl, 4);
ABI_OFF(struct physdev_set_iopl, iopl, 0);

/* struct physdev_set_iobitmap */
ABI_SIZE(struct physdev_set_iobitmap, 16);
ABI_OFF(struct physdev_set_iobitmap, bitmap, 0);
ABI_OFF(struct physdev_set_iobitmap, nr_ports, 8);

/* struct physdev_apic */
ABI_SIZE(struct physdev_apic, 16);
ABI_OFF(struct physdev_apic, apic_physbase, 0);
ABI_OFF(struct physdev_apic, reg, 8);
ABI_OFF(struct physdev_apic, value, 12);

/* struct physdev_irq */
ABI_SIZE(struct physdev_irq, 8);
ABI_OFF(struct physdev_irq, irq, 0);
ABI_OFF(struct physdev_irq, vector, 4);

/* struct physdev_map_pirq */
ABI_SIZE(struct physdev_map_pirq, 40);
ABI_OFF(struct physdev_map_pirq, domid, 0);
ABI_OFF(struct physdev_map_pirq, type, 4);
ABI_OFF(struct physdev_map_pirq, index, 8);
ABI_OFF(struct physdev_map_pirq, pirq, 12);
ABI_OFF(struct physdev_map_pirq, bus, 16);
ABI_OFF(struct physdev_map_pirq, devfn, 20);
ABI_OFF(struct physdev_map_pirq, entry_nr, 24);
ABI_OFF(struct physdev_map_pirq, table_base, 32);

/* struct physdev_unmap_pirq */
ABI_SIZE(struct physdev_unmap_pirq, 8);
ABI_OFF(struct physdev_unmap_pirq, domid, 0);
ABI_OFF(struct physdev_unmap_pirq, pirq, 4);

/* struct physdev_manage_pci */
ABI_SIZE(struct physdev_manage_pci, 2);
ABI_OFF(struct physdev_manage_pci, bus, 0);
ABI_OFF(struct physdev_manage_pci, devfn, 1);

/* struct physdev_restore_msi */
ABI_SIZE(struct physdev_restore_msi, 2);
ABI_OFF(struct physdev_restore_msi, bus, 0);
ABI_OFF(struct physdev_restore_msi, devfn, 1);

/* struct physdev_manage_pci_ext */
ABI_SIZE(struct physdev_manage_pci_ext, 16);
ABI_OFF(struct physdev_manage_pci_ext, bus, 0);
ABI_OFF(struct physdev_manage_pci_ext, devfn, 1);
ABI_OFF(struct physdev_manage_pci_ext, is_extfn, 4);
ABI_OFF(struct physdev_manage_pci_ext, is_virtfn, 8);
ABI_OFF(struct physdev_manage_pci_ext, physfn, 12);
ABI_OFF(struct physdev_manage_pci_ext, physfn.bus, 12);
ABI_OFF(struct physdev_manage_pci_ext, physfn.devfn, 13);

/* struct physdev_op */
ABI_SIZE(struct physdev_op, 24);
ABI_OFF(struct physdev_op, cmd, 0);
ABI_OFF(struct physdev_op, u, 8);
ABI_OFF(struct physdev_op, u.irq_status_query, 8);
ABI_OFF(struct physdev_op, u.set_iopl, 8);
ABI_OFF(struct physdev_op, u.set_iobitmap, 8);
ABI_OFF(struct physdev_op, u.apic_op, 8);
ABI_OFF(struct physdev_op, u.irq_op, 8);

/* struct physdev_setup_gsi */
ABI_SIZE(struct physdev_setup_gsi, 8);
ABI_OFF(struct physdev_setup_gsi, gsi, 0);
ABI_OFF(struct physdev_setup_gsi, triggering, 4);
ABI_OFF(struct physdev_setup_gsi, polarity, 5);

/* struct physdev_get_free_pirq */
ABI_SIZE(struct physdev_get_free_pirq, 8);
ABI_OFF(struct physdev_get_free_pirq, type, 0);
ABI_OFF(struct physdev_get_free_pirq, pirq, 4);

/* struct physdev_pci_mmcfg_reserved */
ABI_SIZE(struct physdev_pci_mmcfg_reserved, 16);
ABI_OFF(struct physdev_pci_mmcfg_reserved, address, 0);
ABI_OFF(struct physdev_pci_mmcfg_reserved, segment, 8);
ABI_OFF(struct physdev_pci_mmcfg_reserved, start_bus, 10);
ABI_OFF(struct physdev_pci_mmcfg_reserved, end_bus, 11);
ABI_OFF(struct physdev_pci_mmcfg_reserved, flags, 12);

/* struct physdev_pci_device_add */
ABI_SIZE(struct physdev_pci_device_add, 12);
ABI_OFF(struct physdev_pci_device_add, seg, 0);
ABI_OFF(struct physdev_pci_device_add, bus, 2);
ABI_OFF(struct physdev_pci_device_add, devfn, 3);
ABI_OFF(struct physdev_pci_device_add, flags, 4);
ABI_OFF(struct physdev_pci_device_add, physfn, 8);
ABI_OFF(struct physdev_pci_device_add, physfn.bus, 8);
ABI_OFF(struct physdev_pci_device_add, physfn.devfn, 9);
ABI_OFF(struct physdev_pci_device_add, optarr, 12);

/* struct physdev_pci_device */
ABI_SIZE(struct physdev_pci_device, 4);
ABI_OFF(struct physdev_pci_device, seg, 0);
ABI_OFF(struct physdev_pci_device, bus, 2);
ABI_OFF(struct physdev_pci_device, devfn, 3);

/* struct physdev_dbgp_op */
ABI_SIZE(struct physdev_dbgp_op, 6);
ABI_OFF(struct physdev_dbgp_op, op, 0);
ABI_OFF(struct physdev_dbgp_op, bus, 1);
ABI_OFF(struct physdev_dbgp_op, u, 2);
ABI_OFF(struct physdev_dbgp_op, u.pci, 2);

/* struct xen_memory_reservation */
ABI_SIZE(struct xen_memory_reservation, 32);
ABI_OFF(struct xen_memory_reservation, extent_start, 0);
ABI_OFF(struct xen_memory_reservation, nr_extents, 8);
ABI_OFF(struct xen_memory_reservation, extent_order, 16);
ABI_OFF(struct xen_memory_reservation, mem_flags, 20);
ABI_OFF(struct xen_memory_reservation, domid, 24);

/* struct xen_memory_exchange */
ABI_SIZE(struct xen_memory_exchange, 72);
ABI_OFF(struct xen_memory_exchange, in, 0);
ABI_OFF(struct xen_memory_exchange, out, 32);
ABI_OFF(struct xen_memory_exchange, nr_exchanged, 64);

/* struct xen_memory_domain */
ABI_SIZE(struct xen_memory_domain, 2);
ABI_OFF(struct xen_memory_domain, domid, 0);

/* struct xen_machphys_mfn_list */
ABI_SIZE(struct xen_machphys_mfn_list, 24);
ABI_OFF(struct xen_machphys_mfn_list, max_extents, 0);
ABI_OFF(struct xen_machphys_mfn_list, extent_start, 8);
ABI_OFF(struct xen_machphys_mfn_list, nr_extents, 16);

/* struct xen_machphys_mapping */
ABI_SIZE(struct xen_machphys_mapping, 24);
ABI_OFF(struct xen_machphys_mapping, v_start, 0);
ABI_OFF(struct xen_machphys_mapping, v_end, 8);
ABI_OFF(struct xen_machphys_mapping, max_mfn, 16);

/* struct xen_add_to_physmap */
ABI_SIZE(struct xen_add_to_physmap, 24);
ABI_OFF(struct xen_add_to_physmap, domid, 0);
ABI_OFF(struct xen_add_to_physmap, size, 2);
ABI_OFF(struct xen_add_to_physmap, space, 4);
ABI_OFF(struct xen_add_to_physmap, idx, 8);
ABI_OFF(struct xen_add_to_physmap, gpfn, 16);

/* union xen_add_to_physmap_batch_extra */
ABI_SIZE(union xen_add_to_physmap_batch_extra, 2);
ABI_OFF(union xen_add_to_physmap_batch_extra, foreign_domid, 0);
ABI_OFF(union xen_add_to_physmap_batch_extra, res0, 0);

/* struct xen_add_to_physmap_batch */
ABI_SIZE(struct xen_add_to_physmap_batch, 32);
ABI_OFF(struct xen_add_to_physmap_batch, domid, 0);
ABI_OFF(struct xen_add_to_physmap_batch, space, 2);
ABI_OFF(struct xen_add_to_physmap_batch, size, 4);
ABI_OFF(struct xen_add_to_physmap_batch, u, 6);
ABI_OFF(struct xen_add_to_physmap_batch, idxs, 8);
ABI_OFF(struct xen_add_to_physmap_batch, gpfns, 16);
ABI_OFF(struct xen_add_to_physmap_batch, errs, 24);

/* struct xen_remove_from_physmap */
ABI_SIZE(struct xen_remove_from_physmap, 16);
ABI_OFF(struct xen_remove_from_physmap, domid, 0);
ABI_OFF(struct xen_remove_from_physmap, gpfn, 8);

/* struct xen_memory_map */
ABI_SIZE(struct xen_memory_map, 16);
ABI_OFF(struct xen_memory_map, nr_entries, 0);
ABI_OFF(struct xen_memory_map, buffer, 8);

/* struct xen_foreign_memory_map */
ABI_SIZE(struct xen_foreign_memory_map, 24);
ABI_OFF(struct xen_foreign_memory_map, domid, 0);
ABI_OFF(struct xen_foreign_memory_map, map, 8);

/* struct xen_pod_target */
ABI_SIZE(struct xen_pod_target, 40);
ABI_OFF(struct xen_pod_target, target_pages, 0);
ABI_OFF(struct xen_pod_target, tot_pages, 8);
ABI_OFF(struct xen_pod_target, pod_cache_pages, 16);
ABI_OFF(struct xen_pod_target, pod_entries, 24);
ABI_OFF(struct xen_pod_target, domid, 32);

/* struct xen_vmemrange */
ABI_SIZE(struct xen_vmemrange, 24);
ABI_OFF(struct xen_vmemrange, start, 0);
ABI_OFF(struct xen_vmemrange, end, 8);
ABI_OFF(struct xen_vmemrange, flags, 16);
ABI_OFF(struct xen_vmemrange, nid, 20);

/* struct xen_vnuma_topology_info */
ABI_SIZE(struct xen_vnuma_topology_info, 40);
ABI_OFF(struct xen_vnuma_topology_info, domid, 0);
ABI_OFF(struct xen_vnuma_topology_info, pad, 2);
ABI_OFF(struct xen_vnuma_topology_info, nr_vnodes, 4);
ABI_OFF(struct xen_vnuma_topology_info, nr_vcpus, 8);
ABI_OFF(struct xen_vnuma_topology_info, nr_vmemranges, 12);
ABI_OFF(struct xen_vnuma_topology_info, vdistance, 16);
ABI_OFF(struct xen_vnuma_topology_info, vdistance.h, 16);
ABI_OFF(struct xen_vnuma_topology_info, vdistance.pad, 16);
ABI_OFF(struct xen_vnuma_topology_info, vcpu_to_vnode, 24);
ABI_OFF(struct xen_vnuma_topology_info, vcpu_to_vnode.h, 24);
ABI_OFF(struct xen_vnuma_topology_info, vcpu_to_vnode.pad, 24);
ABI_OFF(struct xen_vnuma_topology_info, vmemrange, 32);
ABI_OFF(struct xen_vnuma_topology_info, vmemrange.h, 32);
ABI_OFF(struct xen_vnuma_topology_info, vmemrange.pad, 32);

/* struct xen_reserved_device_memory */
ABI_SIZE(struct xen_reserved_device_memory, 16);
ABI_OFF(struct xen_reserved_device_memory, start_pfn, 0);
ABI_OFF(struct xen_reserved_device_memory, nr_pages, 8);

/* struct xen_reserved_device_memory_map */
ABI_SIZE(struct xen_reserved_device_memory_map, 24);
ABI_OFF(struct xen_reserved_device_memory_map, flags, 0);
ABI_OFF(struct xen_reserved_device_memory_map, nr_entries, 4);
ABI_OFF(struct xen_reserved_device_memory_map, buffer, 8);
ABI_OFF(struct xen_reserved_device_memory_map, dev, 16);
ABI_OFF(struct xen_reserved_device_memory_map, dev.pci, 16);

/* struct xen_mem_acquire_resource */
ABI_SIZE(struct xen_mem_acquire_resource, 32);
ABI_OFF(struct xen_mem_acquire_resource, domid, 0);
ABI_OFF(struct xen_mem_acquire_resource, type, 2);
ABI_OFF(struct xen_mem_acquire_resource, id, 4);
ABI_OFF(struct xen_mem_acquire_resource, nr_frames, 8);
ABI_OFF(struct xen_mem_acquire_resource, pad, 12);
ABI_OFF(struct xen_mem_acquire_resource, frame, 16);
ABI_OFF(struct xen_mem_acquire_resource, frame_list, 24);

/* struct xenpf_settime32 */
ABI_SIZE(struct xenpf_settime32, 16);
ABI_OFF(struct xenpf_settime32, secs, 0);
ABI_OFF(struct xenpf_settime32, nsecs, 4);
ABI_OFF(struct xenpf_settime32, system_time, 8);

/* struct xenpf_settime64 */
ABI_SIZE(struct xenpf_settime64, 24);
ABI_OFF(struct xenpf_settime64, secs, 0);
ABI_OFF(struct xenpf_settime64, nsecs, 8);
ABI_OFF(struct xenpf_settime64, mbz, 12);
ABI_OFF(struct xenpf_settime64, system_time, 16);

/* struct xenpf_add_memtype */
ABI_SIZE(struct xenpf_add_memtype, 32);
ABI_OFF(struct xenpf_add_memtype, mfn, 0);
ABI_OFF(struct xenpf_add_memtype, nr_mfns, 8);
ABI_OFF(struct xenpf_add_memtype, type, 16);
ABI_OFF(struct xenpf_add_memtype, handle, 20);
ABI_OFF(struct xenpf_add_memtype, reg, 24);

/* struct xenpf_del_memtype */
ABI_SIZE(struct xenpf_del_memtype, 8);
ABI_OFF(struct xenpf_del_memtype, handle, 0);
ABI_OFF(struct xenpf_del_memtype, reg, 4);

/* struct xenpf_read_memtype */
ABI_SIZE(struct xenpf_read_memtype, 32);
ABI_OFF(struct xenpf_read_memtype, reg, 0);
ABI_OFF(struct xenpf_read_memtype, mfn, 8);
ABI_OFF(struct xenpf_read_memtype, nr_mfns, 16);
ABI_OFF(struct xenpf_read_memtype, type, 24);

/* struct xenpf_microcode_update */
ABI_SIZE(struct xenpf_microcode_update, 16);
ABI_OFF(struct xenpf_microcode_update, data, 0);
ABI_OFF(struct xenpf_microcode_update, length, 8);

/* struct xenpf_platform_quirk */
ABI_SIZE(struct xenpf_platform_quirk, 4);
ABI_OFF(struct xenpf_platform_quirk, quirk_id, 0);

/* struct xenpf_efi_time */
ABI_SIZE(struct xenpf_efi_time, 16);
ABI_OFF(struct xenpf_efi_time, year, 0);
ABI_OFF(struct xenpf_efi_time, month, 2);
ABI_OFF(struct xenpf_efi_time, day, 3);
ABI_OFF(struct xenpf_efi_time, hour, 4);
ABI_OFF(struct xenpf_efi_time, min, 5);
ABI_OFF(struct xenpf_efi_time, sec, 6);
ABI_OFF(struct xenpf_efi_time, ns, 8);
ABI_OFF(struct xenpf_efi_time, tz, 12);
ABI_OFF(struct xenpf_efi_time, daylight, 14);

/* struct xenpf_efi_guid */
ABI_SIZE(struct xenpf_efi_guid, 16);
ABI_OFF(struct xenpf_efi_guid, data1, 0);
ABI_OFF(struct xenpf_efi_guid, data2, 4);
ABI_OFF(struct xenpf_efi_guid, data3, 6);
ABI_OFF(struct xenpf_efi_guid, data4, 8);

/* struct xenpf_efi_runtime_call */
ABI_SIZE(struct xenpf_efi_runtime_call, 56);
ABI_OFF(struct xenpf_efi_runtime_call, function, 0);
ABI_OFF(struct xenpf_efi_runtime_call, misc, 4);
ABI_OFF(struct xenpf_efi_runtime_call, status, 8);
ABI_OFF(struct xenpf_efi_runtime_call, u, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_time, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_time.time, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_time.resolution, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_time.accuracy, 36);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_time, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_wakeup_time, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_wakeup_time, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_variable, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_variable.name, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_variable.size, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_variable.data, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_variable.vendor_guid, 40);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_variable, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_variable.name, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_variable.size, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_variable.data, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.set_variable.vendor_guid, 40);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_next_variable_name, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_next_variable_name.size, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_next_variable_name.name, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.get_next_variable_name.vendor_guid, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_variable_info, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_variable_info.attr, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_variable_info.max_store_size, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_variable_info.remain_store_size, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_variable_info.max_size, 40);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_capsule_capabilities, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_capsule_capabilities.capsule_header_array, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_capsule_capabilities.capsule_count, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_capsule_capabilities.max_capsule_size, 32);
ABI_OFF(struct xenpf_efi_runtime_call, u.query_capsule_capabilities.reset_type, 40);
ABI_OFF(struct xenpf_efi_runtime_call, u.update_capsule, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.update_capsule.capsule_header_array, 16);
ABI_OFF(struct xenpf_efi_runtime_call, u.update_capsule.capsule_count, 24);
ABI_OFF(struct xenpf_efi_runtime_call, u.update_capsule.sg_list, 32);

/* union xenpf_efi_info */
ABI_SIZE(union xenpf_efi_info, 32);
ABI_OFF(union xenpf_efi_info, version, 0);
ABI_OFF(union xenpf_efi_info, cfg, 0);
ABI_OFF(union xenpf_efi_info, cfg.addr, 0);
ABI_OFF(union xenpf_efi_info, cfg.nent, 8);
ABI_OFF(union xenpf_efi_info, vendor, 0);
ABI_OFF(union xenpf_efi_info, vendor.revision, 0);
ABI_OFF(union xenpf_efi_info, vendor.bufsz, 4);
ABI_OFF(union xenpf_efi_info, vendor.name, 8);
ABI_OFF(union xenpf_efi_info, mem, 0);
ABI_OFF(union xenpf_efi_info, mem.addr, 0);
ABI_OFF(union xenpf_efi_info, mem.size, 8);
ABI_OFF(union xenpf_efi_info, mem.attr, 16);
ABI_OFF(union xenpf_efi_info, mem.type, 24);
ABI_OFF(union xenpf_efi_info, pci_rom, 0);
ABI_OFF(union xenpf_efi_info, pci_rom.segment, 0);
ABI_OFF(union xenpf_efi_info, pci_rom.bus, 2);
ABI_OFF(union xenpf_efi_info, pci_rom.devfn, 3);
ABI_OFF(union xenpf_efi_info, pci_rom.vendor, 4);
ABI_OFF(union xenpf_efi_info, pci_rom.devid, 6);
ABI_OFF(union xenpf_efi_info, pci_rom.address, 8);
ABI_OFF(union xenpf_efi_info, pci_rom.size, 16);
ABI_OFF(union xenpf_efi_info, apple_properties, 0);
ABI_OFF(union xenpf_efi_info, apple_properties.address, 0);
ABI_OFF(union xenpf_efi_info, apple_properties.size, 8);

/* struct xenpf_firmware_info */
ABI_SIZE(struct xenpf_firmware_info, 40);
ABI_OFF(struct xenpf_firmware_info, type, 0);
ABI_OFF(struct xenpf_firmware_info, index, 4);
ABI_OFF(struct xenpf_firmware_info, u, 8);
ABI_OFF(struct xenpf_firmware_info, u.disk_info, 8);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.device, 8);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.version, 9);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.interface_support, 10);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.legacy_max_cylinder, 12);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.legacy_max_head, 14);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.legacy_sectors_per_track, 15);
ABI_OFF(struct xenpf_firmware_info, u.disk_info.edd_params, 16);
ABI_OFF(struct xenpf_firmware_info, u.disk_mbr_signature, 8);
ABI_OFF(struct xenpf_firmware_info, u.disk_mbr_signature.device, 8);
ABI_OFF(struct xenpf_firmware_info, u.disk_mbr_signature.mbr_signature, 12);
ABI_OFF(struct xenpf_firmware_info, u.vbeddc_info, 8);
ABI_OFF(struct xenpf_firmware_info, u.vbeddc_info.capabilities, 8);
ABI_OFF(struct xenpf_firmware_info, u.vbeddc_info.edid_transfer_time, 9);
ABI_OFF(struct xenpf_firmware_info, u.vbeddc_info.edid, 16);
ABI_OFF(struct xenpf_firmware_info, u.efi_info, 8);
ABI_OFF(struct xenpf_firmware_info, u.kbd_shift_flags, 8);

/* struct xenpf_enter_acpi_sleep */
ABI_SIZE(struct xenpf_enter_acpi_sleep, 12);
ABI_OFF(struct xenpf_enter_acpi_sleep, val_a, 0);
ABI_OFF(struct xenpf_enter_acpi_sleep, val_b, 2);
ABI_OFF(struct xenpf_enter_acpi_sleep, sleep_state, 4);
ABI_OFF(struct xenpf_enter_acpi_sleep, flags, 8);

/* struct xenpf_change_freq */
ABI_SIZE(struct xenpf_change_freq, 16);
ABI_OFF(struct xenpf_change_freq, flags, 0);
ABI_OFF(struct xenpf_change_freq, cpu, 4);
ABI_OFF(struct xenpf_change_freq, freq, 8);

/* struct xenpf_getidletime */
ABI_SIZE(struct xenpf_getidletime, 32);
ABI_OFF(struct xenpf_getidletime, cpumap_bitmap, 0);
ABI_OFF(struct xenpf_getidletime, cpumap_nr_cpus, 8);
ABI_OFF(struct xenpf_getidletime, idletime, 16);
ABI_OFF(struct xenpf_getidletime, now, 24);

/* struct xen_power_register */
ABI_SIZE(struct xen_power_register, 24);
ABI_OFF(struct xen_power_register, space_id, 0);
ABI_OFF(struct xen_power_register, bit_width, 4);
ABI_OFF(struct xen_power_register, bit_offset, 8);
ABI_OFF(struct xen_power_register, access_size, 12);
ABI_OFF(struct xen_power_register, address, 16);

/* struct xen_processor_csd */
ABI_SIZE(struct xen_processor_csd, 12);
ABI_OFF(struct xen_processor_csd, domain, 0);
ABI_OFF(struct xen_processor_csd, coord_type, 4);
ABI_OFF(struct xen_processor_csd, num, 8);

/* struct xen_processor_cx */
ABI_SIZE(struct xen_processor_cx, 48);
ABI_OFF(struct xen_processor_cx, reg, 0);
ABI_OFF(struct xen_processor_cx, type, 24);
ABI_OFF(struct xen_processor_cx, latency, 28);
ABI_OFF(struct xen_processor_cx, power, 32);
ABI_OFF(struct xen_processor_cx, dpcnt, 36);
ABI_OFF(struct xen_processor_cx, dp, 40);

/* struct xen_processor_flags */
ABI_SIZE(struct xen_processor_flags, 4);

/* struct xen_processor_power */
ABI_SIZE(struct xen_processor_power, 16);
ABI_OFF(struct xen_processor_power, count, 0);
ABI_OFF(struct xen_processor_power, flags, 4);
ABI_OFF(struct xen_processor_power, states, 8);

/* struct xen_pct_register */
ABI_SIZE(struct xen_pct_register, 16);
ABI_OFF(struct xen_pct_register, descriptor, 0);
ABI_OFF(struct xen_pct_register, length, 2);
ABI_OFF(struct xen_pct_register, space_id, 4);
ABI_OFF(struct xen_pct_register, bit_width, 5);
ABI_OFF(struct xen_pct_register, bit_offset, 6);
ABI_OFF(struct xen_pct_register, reserved, 7);
ABI_OFF(struct xen_pct_register, address, 8);

/* struct xen_processor_px */
ABI_SIZE(struct xen_processor_px, 48);
ABI_OFF(struct xen_processor_px, core_frequency, 0);
ABI_OFF(struct xen_processor_px, power, 8);
ABI_OFF(struct xen_processor_px, transition_latency, 16);
ABI_OFF(struct xen_processor_px, bus_master_latency, 24);
ABI_OFF(struct xen_processor_px, control, 32);
ABI_OFF(struct xen_processor_px, status, 40);

/* struct xen_psd_package */
ABI_SIZE(struct xen_psd_package, 40);
ABI_OFF(struct xen_psd_package, num_entries, 0);
ABI_OFF(struct xen_psd_package, revision, 8);
ABI_OFF(struct xen_psd_package, domain, 16);
ABI_OFF(struct xen_psd_package, coord_type, 24);
ABI_OFF(struct xen_psd_package, num_processors, 32);

/* struct xen_processor_performance */
ABI_SIZE(struct xen_processor_performance, 104);
ABI_OFF(struct xen_processor_performance, flags, 0);
ABI_OFF(struct xen_processor_performance, platform_limit, 4);
ABI_OFF(struct xen_processor_performance, control_register, 8);
ABI_OFF(struct xen_processor_performance, status_register, 24);
ABI_OFF(struct xen_processor_performance, state_count, 40);
ABI_OFF(struct xen_processor_performance, states, 48);
ABI_OFF(struct xen_processor_performance, domain_info, 56);
ABI_OFF(struct xen_processor_performance, shared_type, 96);

/* struct xenpf_set_processor_pminfo */
ABI_SIZE(struct xenpf_set_processor_pminfo, 112);
ABI_OFF(struct xenpf_set_processor_pminfo, id, 0);
ABI_OFF(struct xenpf_set_processor_pminfo, type, 4);
ABI_OFF(struct xenpf_set_processor_pminfo, u, 8);
ABI_OFF(struct xenpf_set_processor_pminfo, u.power, 8);
ABI_OFF(struct xenpf_set_processor_pminfo, u.perf, 8);
ABI_OFF(struct xenpf_set_processor_pminfo, u.pdc, 8);

/* struct xenpf_pcpuinfo */
ABI_SIZE(struct xenpf_pcpuinfo, 20);
ABI_OFF(struct xenpf_pcpuinfo, xen_cpuid, 0);
ABI_OFF(struct xenpf_pcpuinfo, max_present, 4);
ABI_OFF(struct xenpf_pcpuinfo, flags, 8);
ABI_OFF(struct xenpf_pcpuinfo, apic_id, 12);
ABI_OFF(struct xenpf_pcpuinfo, acpi_id, 16);

/* struct xenpf_pcpu_version */
ABI_SIZE(struct xenpf_pcpu_version, 32);
ABI_OFF(struct xenpf_pcpu_version, xen_cpuid, 0);
ABI_OFF(struct xenpf_pcpu_version, max_present, 4);
ABI_OFF(struct xenpf_pcpu_version, vendor_id, 8);
ABI_OFF(struct xenpf_pcpu_version, family, 20);
ABI_OFF(struct xenpf_pcpu_version, model, 24);
ABI_OFF(struct xenpf_pcpu_version, stepping, 28);

/* struct xenpf_cpu_ol */
ABI_SIZE(struct xenpf_cpu_ol, 4);
ABI_OFF(struct xenpf_cpu_ol, cpuid, 0);

/* struct xenpf_cpu_hotadd */
ABI_SIZE(struct xenpf_cpu_hotadd, 12);
ABI_OFF(struct xenpf_cpu_hotadd, apic_id, 0);
ABI_OFF(struct xenpf_cpu_hotadd, acpi_id, 4);
ABI_OFF(struct xenpf_cpu_hotadd, pxm, 8);

/* struct xenpf_mem_hotadd */
ABI_SIZE(struct xenpf_mem_hotadd, 24);
ABI_OFF(struct xenpf_mem_hotadd, spfn, 0);
ABI_OFF(struct xenpf_mem_hotadd, epfn, 8);
ABI_OFF(struct xenpf_mem_hotadd, pxm, 16);
ABI_OFF(struct xenpf_mem_hotadd, flags, 20);

/* struct xenpf_core_parking */
ABI_SIZE(struct xenpf_core_parking, 8);
ABI_OFF(struct xenpf_core_parking, type, 0);
ABI_OFF(struct xenpf_core_parking, idle_nums, 4);

/* struct xenpf_resource_entry */
ABI_SIZE(struct xenpf_resource_entry, 24);
ABI_OFF(struct xenpf_resource_entry, u, 0);
ABI_OFF(struct xenpf_resource_entry, u.cmd, 0);
ABI_OFF(struct xenpf_resource_entry, u.ret, 0);
ABI_OFF(struct xenpf_resource_entry, rsvd, 4);
ABI_OFF(struct xenpf_resource_entry, idx, 8);
ABI_OFF(struct xenpf_resource_entry, val, 16);

/* struct xenpf_resource_op */
ABI_SIZE(struct xenpf_resource_op, 16);
ABI_OFF(struct xenpf_resource_op, nr_entries, 0);
ABI_OFF(struct xenpf_resource_op, cpu, 4);
ABI_OFF(struct xenpf_resource_op, entries, 8);

/* struct xenpf_symdata */
ABI_SIZE(struct xenpf_symdata, 32);
ABI_OFF(struct xenpf_symdata, namelen, 0);
ABI_OFF(struct xenpf_symdata, symnum, 4);
ABI_OFF(struct xenpf_symdata, name, 8);
ABI_OFF(struct xenpf_symdata, address, 16);
ABI_OFF(struct xenpf_symdata, type, 24);

/* struct xen_platform_op */
ABI_SIZE(struct xen_platform_op, 136);
ABI_OFF(struct xen_platform_op, cmd, 0);
ABI_OFF(struct xen_platform_op, interface_version, 4);
ABI_OFF(struct xen_platform_op, u, 8);
ABI_OFF(struct xen_platform_op, u.settime, 8);
ABI_OFF(struct xen_platform_op, u.settime32, 8);
ABI_OFF(struct xen_platform_op, u.settime64, 8);
ABI_OFF(struct xen_platform_op, u.add_memtype, 8);
ABI_OFF(struct xen_platform_op, u.del_memtype, 8);
ABI_OFF(struct xen_platform_op, u.read_memtype, 8);
ABI_OFF(struct xen_platform_op, u.microcode, 8);
ABI_OFF(struct xen_platform_op, u.platform_quirk, 8);
ABI_OFF(struct xen_platform_op, u.efi_runtime_call, 8);
ABI_OFF(struct xen_platform_op, u.firmware_info, 8);
ABI_OFF(struct xen_platform_op, u.enter_acpi_sleep, 8);
ABI_OFF(struct xen_platform_op, u.change_freq, 8);
ABI_OFF(struct xen_platform_op, u.getidletime, 8);
ABI_OFF(struct xen_platform_op, u.set_pminfo, 8);
ABI_OFF(struct xen_platform_op, u.pcpu_info, 8);
ABI_OFF(struct xen_platform_op, u.pcpu_version, 8);
ABI_OFF(struct xen_platform_op, u.cpu_ol, 8);
ABI_OFF(struct xen_platform_op, u.cpu_add, 8);
ABI_OFF(struct xen_platform_op, u.mem_add, 8);
ABI_OFF(struct xen_platform_op, u.core_parking, 8);
ABI_OFF(struct xen_platform_op, u.resource_op, 8);
ABI_OFF(struct xen_platform_op, u.symdata, 8);
ABI_OFF(struct xen_platform_op, u.pad, 8);

/* struct xennmi_callback */
ABI_SIZE(struct xennmi_callback, 16);
ABI_OFF(struct xennmi_callback, handler_address, 0);
ABI_OFF(struct xennmi_callback, pad, 8);

/* struct xen_hvm_param */
ABI_SIZE(struct xen_hvm_param, 16);
ABI_OFF(struct xen_hvm_param, domid, 0);
ABI_OFF(struct xen_hvm_param, pad, 2);
ABI_OFF(struct xen_hvm_param, index, 4);
ABI_OFF(struct xen_hvm_param, value, 8);

/* struct xencons_interface */
ABI_SIZE(struct xencons_interface, 3088);
ABI_OFF(struct xencons_interface, in, 0);
ABI_OFF(struct xencons_interface, out, 1024);
ABI_OFF(struct xencons_interface, in_cons, 3072);
ABI_OFF(struct xencons_interface, in_prod, 3076);
ABI_OFF(struct xencons_interface, out_cons, 3080);
ABI_OFF(struct xencons_interface, out_prod, 3084);

/* struct xsd_errors */
ABI_SIZE(struct xsd_errors, 16);
ABI_OFF(struct xsd_errors, errnum, 0);
ABI_OFF(struct xsd_errors, errstring, 8);

/* struct xsd_sockmsg */
ABI_SIZE(struct xsd_sockmsg, 16);
ABI_OFF(struct xsd_sockmsg, type, 0);
ABI_OFF(struct xsd_sockmsg, req_id, 4);
ABI_OFF(struct xsd_sockmsg, tx_id, 8);
ABI_OFF(struct xsd_sockmsg, len, 12);

/* struct xenstore_domain_interface */
ABI_SIZE(struct xenstore_domain_interface, 2076);
ABI_OFF(struct xenstore_domain_interface, req, 0);
ABI_OFF(struct xenstore_domain_interface, rsp, 1024);
ABI_OFF(struct xenstore_domain_interface, req_cons, 2048);
ABI_OFF(struct xenstore_domain_interface, req_prod, 2052);
ABI_OFF(struct xenstore_domain_interface, rsp_cons, 2056);
ABI_OFF(struct xenstore_domain_interface, rsp_prod, 2060);
ABI_OFF(struct xenstore_domain_interface, server_features, 2064);
ABI_OFF(struct xenstore_domain_interface, connection, 2068);
ABI_OFF(struct xenstore_domain_interface, error, 2072);

/* struct xen_netif_ctrl_request */
ABI_SIZE(struct xen_netif_ctrl_request, 16);
ABI_OFF(struct xen_netif_ctrl_request, id, 0);
ABI_OFF(struct xen_netif_ctrl_request, type, 2);
ABI_OFF(struct xen_netif_ctrl_request, data, 4);

/* struct xen_netif_ctrl_response */
ABI_SIZE(struct xen_netif_ctrl_response, 12);
ABI_OFF(struct xen_netif_ctrl_response, id, 0);
ABI_OFF(struct xen_netif_ctrl_response, type, 2);
ABI_OFF(struct xen_netif_ctrl_response, status, 4);
ABI_OFF(struct xen_netif_ctrl_response, data, 8);

/* struct xen_netif_gref */
ABI_SIZE(struct xen_netif_gref, 8);
ABI_OFF(struct xen_netif_gref, ref, 0);
ABI_OFF(struct xen_netif_gref, flags, 4);
ABI_OFF(struct xen_netif_gref, status, 6);

/* union xen_netif_ctrl_sring_entry */
ABI_SIZE(union xen_netif_ctrl_sring_entry, 16);
ABI_OFF(union xen_netif_ctrl_sring_entry, req, 0);
ABI_OFF(union xen_netif_ctrl_sring_entry, rsp, 0);

/* struct xen_netif_ctrl_sring */
ABI_SIZE(struct xen_netif_ctrl_sring, 80);
ABI_OFF(struct xen_netif_ctrl_sring, req_prod, 0);
ABI_OFF(struct xen_netif_ctrl_sring, req_event, 4);
ABI_OFF(struct xen_netif_ctrl_sring, rsp_prod, 8);
ABI_OFF(struct xen_netif_ctrl_sring, rsp_event, 12);
ABI_OFF(struct xen_netif_ctrl_sring, pvt, 16);
ABI_OFF(struct xen_netif_ctrl_sring, pvt.netif, 16);
ABI_OFF(struct xen_netif_ctrl_sring, pvt.netif.smartpoll_active, 16);
ABI_OFF(struct xen_netif_ctrl_sring, pvt.tapif_user, 16);
ABI_OFF(struct xen_netif_ctrl_sring, pvt.tapif_user.msg, 16);
ABI_OFF(struct xen_netif_ctrl_sring, pvt.pvt_pad, 16);
ABI_OFF(struct xen_netif_ctrl_sring, __pad, 20);
ABI_OFF(struct xen_netif_ctrl_sring, ring, 64);

/* struct xen_netif_ctrl_front_ring */
ABI_SIZE(struct xen_netif_ctrl_front_ring, 24);
ABI_OFF(struct xen_netif_ctrl_front_ring, req_prod_pvt, 0);
ABI_OFF(struct xen_netif_ctrl_front_ring, rsp_cons, 4);
ABI_OFF(struct xen_netif_ctrl_front_ring, nr_ents, 8);
ABI_OFF(struct xen_netif_ctrl_front_ring, sring, 16);

/* struct xen_netif_ctrl_back_ring */
ABI_SIZE(struct xen_netif_ctrl_back_ring, 24);
ABI_OFF(struct xen_netif_ctrl_back_ring, rsp_prod_pvt, 0);
ABI_OFF(struct xen_netif_ctrl_back_ring, req_cons, 4);
ABI_OFF(struct xen_netif_ctrl_back_ring, nr_ents, 8);
ABI_OFF(struct xen_netif_ctrl_back_ring, sring, 16);

/* struct netif_tx_request */
ABI_SIZE(struct netif_tx_request, 12);
ABI_OFF(struct netif_tx_request, gref, 0);
ABI_OFF(struct netif_tx_request, offset, 4);
ABI_OFF(struct netif_tx_request, flags, 6);
ABI_OFF(struct netif_tx_request, id, 8);
ABI_OFF(struct netif_tx_request, size, 10);

/* struct netif_extra_info */
ABI_SIZE(struct netif_extra_info, 8);
ABI_OFF(struct netif_extra_info, type, 0);
ABI_OFF(struct netif_extra_info, flags, 1);
ABI_OFF(struct netif_extra_info, u, 2);
ABI_OFF(struct netif_extra_info, u.gso, 2);
ABI_OFF(struct netif_extra_info, u.gso.size, 2);
ABI_OFF(struct netif_extra_info, u.gso.type, 4);
ABI_OFF(struct netif_extra_info, u.gso.pad, 5);
ABI_OFF(struct netif_extra_info, u.gso.features, 6);
ABI_OFF(struct netif_extra_info, u.mcast, 2);
ABI_OFF(struct netif_extra_info, u.mcast.addr, 2);
ABI_OFF(struct netif_extra_info, u.hash, 2);
ABI_OFF(struct netif_extra_info, u.hash.type, 2);
ABI_OFF(struct netif_extra_info, u.hash.algorithm, 3);
ABI_OFF(struct netif_extra_info, u.hash.value, 4);
ABI_OFF(struct netif_extra_info, u.pad, 2);

/* struct netif_tx_response */
ABI_SIZE(struct netif_tx_response, 4);
ABI_OFF(struct netif_tx_response, id, 0);
ABI_OFF(struct netif_tx_response, status, 2);

/* struct netif_rx_request */
ABI_SIZE(struct netif_rx_request, 8);
ABI_OFF(struct netif_rx_request, id, 0);
ABI_OFF(struct netif_rx_request, pad, 2);
ABI_OFF(struct netif_rx_request, gref, 4);

/* struct netif_rx_response */
ABI_SIZE(struct netif_rx_response, 8);
ABI_OFF(struct netif_rx_response, id, 0);
ABI_OFF(struct netif_rx_response, offset, 2);
ABI_OFF(struct netif_rx_response, flags, 4);
ABI_OFF(struct netif_rx_response, status, 6);

/* union netif_tx_sring_entry */
ABI_SIZE(union netif_tx_sring_entry, 12);
ABI_OFF(union netif_tx_sring_entry, req, 0);
ABI_OFF(union netif_tx_sring_entry, rsp, 0);

/* struct netif_tx_sring */
ABI_SIZE(struct netif_tx_sring, 76);
ABI_OFF(struct netif_tx_sring, req_prod, 0);
ABI_OFF(struct netif_tx_sring, req_event, 4);
ABI_OFF(struct netif_tx_sring, rsp_prod, 8);
ABI_OFF(struct netif_tx_sring, rsp_event, 12);
ABI_OFF(struct netif_tx_sring, pvt, 16);
ABI_OFF(struct netif_tx_sring, pvt.netif, 16);
ABI_OFF(struct netif_tx_sring, pvt.netif.smartpoll_active, 16);
ABI_OFF(struct netif_tx_sring, pvt.tapif_user, 16);
ABI_OFF(struct netif_tx_sring, pvt.tapif_user.msg, 16);
ABI_OFF(struct netif_tx_sring, pvt.pvt_pad, 16);
ABI_OFF(struct netif_tx_sring, __pad, 20);
ABI_OFF(struct netif_tx_sring, ring, 64);

/* struct netif_tx_front_ring */
ABI_SIZE(struct netif_tx_front_ring, 24);
ABI_OFF(struct netif_tx_front_ring, req_prod_pvt, 0);
ABI_OFF(struct netif_tx_front_ring, rsp_cons, 4);
ABI_OFF(struct netif_tx_front_ring, nr_ents, 8);
ABI_OFF(struct netif_tx_front_ring, sring, 16);

/* struct netif_tx_back_ring */
ABI_SIZE(struct netif_tx_back_ring, 24);
ABI_OFF(struct netif_tx_back_ring, rsp_prod_pvt, 0);
ABI_OFF(struct netif_tx_back_ring, req_cons, 4);
ABI_OFF(struct netif_tx_back_ring, nr_ents, 8);
ABI_OFF(struct netif_tx_back_ring, sring, 16);

/* union netif_rx_sring_entry */
ABI_SIZE(union netif_rx_sring_entry, 8);
ABI_OFF(union netif_rx_sring_entry, req, 0);
ABI_OFF(union netif_rx_sring_entry, rsp, 0);

/* struct netif_rx_sring */
ABI_SIZE(struct netif_rx_sring, 72);
ABI_OFF(struct netif_rx_sring, req_prod, 0);
ABI_OFF(struct netif_rx_sring, req_event, 4);
ABI_OFF(struct netif_rx_sring, rsp_prod, 8);
ABI_OFF(struct netif_rx_sring, rsp_event, 12);
ABI_OFF(struct netif_rx_sring, pvt, 16);
ABI_OFF(struct netif_rx_sring, pvt.netif, 16);
ABI_OFF(struct netif_rx_sring, pvt.netif.smartpoll_active, 16);
ABI_OFF(struct netif_rx_sring, pvt.tapif_user, 16);
ABI_OFF(struct netif_rx_sring, pvt.tapif_user.msg, 16);
ABI_OFF(struct netif_rx_sring, pvt.pvt_pad, 16);
ABI_OFF(struct netif_rx_sring, __pad, 20);
ABI_OFF(struct netif_rx_sring, ring, 64);

/* struct netif_rx_front_ring */
ABI_SIZE(struct netif_rx_front_ring, 24);
ABI_OFF(struct netif_rx_front_ring, req_prod_pvt, 0);
ABI_OFF(struct netif_rx_front_ring, rsp_cons, 4);
ABI_OFF(struct netif_rx_front_ring, nr_ents, 8);
ABI_OFF(struct netif_rx_front_ring, sring, 16);

/* struct netif_rx_back_ring */
ABI_SIZE(struct netif_rx_back_ring, 24);
ABI_OFF(struct netif_rx_back_ring, rsp_prod_pvt, 0);
ABI_OFF(struct netif_rx_back_ring, req_cons, 4);
ABI_OFF(struct netif_rx_back_ring, nr_ents, 8);
ABI_OFF(struct netif_rx_back_ring, sring, 16);

/* struct blkif_request_segment */
ABI_SIZE(struct blkif_request_segment, 8);
ABI_OFF(struct blkif_request_segment, gref, 0);
ABI_OFF(struct blkif_request_segment, first_sect, 4);
ABI_OFF(struct blkif_request_segment, last_sect, 5);

/* struct blkif_request */
ABI_SIZE(struct blkif_request, 112);
ABI_OFF(struct blkif_request, operation, 0);
ABI_OFF(struct blkif_request, nr_segments, 1);
ABI_OFF(struct blkif_request, handle, 2);
ABI_OFF(struct blkif_request, id, 8);
ABI_OFF(struct blkif_request, sector_number, 16);
ABI_OFF(struct blkif_request, seg, 24);

/* struct blkif_request_discard */
ABI_SIZE(struct blkif_request_discard, 32);
ABI_OFF(struct blkif_request_discard, operation, 0);
ABI_OFF(struct blkif_request_discard, flag, 1);
ABI_OFF(struct blkif_request_discard, handle, 2);
ABI_OFF(struct blkif_request_discard, id, 8);
ABI_OFF(struct blkif_request_discard, sector_number, 16);
ABI_OFF(struct blkif_request_discard, nr_sectors, 24);

/* struct blkif_request_indirect */
ABI_SIZE(struct blkif_request_indirect, 64);
ABI_OFF(struct blkif_request_indirect, operation, 0);
ABI_OFF(struct blkif_request_indirect, indirect_op, 1);
ABI_OFF(struct blkif_request_indirect, nr_segments, 2);
ABI_OFF(struct blkif_request_indirect, id, 8);
ABI_OFF(struct blkif_request_indirect, sector_number, 16);
ABI_OFF(struct blkif_request_indirect, handle, 24);
ABI_OFF(struct blkif_request_indirect, indirect_grefs, 28);

/* struct blkif_response */
ABI_SIZE(struct blkif_response, 16);
ABI_OFF(struct blkif_response, id, 0);
ABI_OFF(struct blkif_response, operation, 8);
ABI_OFF(struct blkif_response, status, 10);

/* union blkif_sring_entry */
ABI_SIZE(union blkif_sring_entry, 112);
ABI_OFF(union blkif_sring_entry, req, 0);
ABI_OFF(union blkif_sring_entry, rsp, 0);

/* struct blkif_sring */
ABI_SIZE(struct blkif_sring, 176);
ABI_OFF(struct blkif_sring, req_prod, 0);
ABI_OFF(struct blkif_sring, req_event, 4);
ABI_OFF(struct blkif_sring, rsp_prod, 8);
ABI_OFF(struct blkif_sring, rsp_event, 12);
ABI_OFF(struct blkif_sring, pvt, 16);
ABI_OFF(struct blkif_sring, pvt.netif, 16);
ABI_OFF(struct blkif_sring, pvt.netif.smartpoll_active, 16);
ABI_OFF(struct blkif_sring, pvt.tapif_user, 16);
ABI_OFF(struct blkif_sring, pvt.tapif_user.msg, 16);
ABI_OFF(struct blkif_sring, pvt.pvt_pad, 16);
ABI_OFF(struct blkif_sring, __pad, 20);
ABI_OFF(struct blkif_sring, ring, 64);

/* struct blkif_front_ring */
ABI_SIZE(struct blkif_front_ring, 24);
ABI_OFF(struct blkif_front_ring, req_prod_pvt, 0);
ABI_OFF(struct blkif_front_ring, rsp_cons, 4);
ABI_OFF(struct blkif_front_ring, nr_ents, 8);
ABI_OFF(struct blkif_front_ring, sring, 16);

/* struct blkif_back_ring */
ABI_SIZE(struct blkif_back_ring, 24);
ABI_OFF(struct blkif_back_ring, rsp_prod_pvt, 0);
ABI_OFF(struct blkif_back_ring, req_cons, 4);
ABI_OFF(struct blkif_back_ring, nr_ents, 8);
ABI_OFF(struct blkif_back_ring, sring, 16);

/* ---- Constants ---- */

/* arch-x86/cpuid.h */
ABI_VAL(XEN_CPUID_FIRST_LEAF, 0x40000000);
ABI_VAL(XEN_CPUID_SIGNATURE_EBX, 0x566e6558);
ABI_VAL(XEN_CPUID_SIGNATURE_ECX, 0x65584d4d);
ABI_VAL(XEN_CPUID_SIGNATURE_EDX, 0x4d4d566e);
ABI_VAL(_XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD, 0);
ABI_VAL(XEN_CPUID_FEAT1_MMU_PT_UPDATE_PRESERVE_AD, 1);
ABI_VAL(XEN_HVM_CPUID_APIC_ACCESS_VIRT, 1);
ABI_VAL(XEN_HVM_CPUID_X2APIC_VIRT, 2);
ABI_VAL(XEN_HVM_CPUID_IOMMU_MAPPINGS, 4);
ABI_VAL(XEN_HVM_CPUID_VCPU_ID_PRESENT, 8);
ABI_VAL(XEN_HVM_CPUID_DOMID_PRESENT, 16);
ABI_VAL(XEN_HVM_CPUID_EXT_DEST_ID, 32);
ABI_VAL(XEN_HVM_CPUID_UPCALL_VECTOR, 64);
ABI_VAL(XEN_CPUID_MACHINE_ADDRESS_WIDTH_MASK, 255);
ABI_VAL(XEN_CPUID_MAX_NUM_LEAVES, 5);

/* arch-x86/xen-x86_64.h */
ABI_VAL(FLAT_RING3_CS32, 57379);
ABI_VAL(FLAT_RING3_CS64, 57395);
ABI_VAL(FLAT_RING3_DS32, 57387);
ABI_VAL(FLAT_RING3_DS64, 0);
ABI_VAL(FLAT_RING3_SS32, 57387);
ABI_VAL(FLAT_RING3_SS64, 57387);
ABI_VAL(FLAT_KERNEL_DS64, 0);
ABI_VAL(FLAT_KERNEL_DS32, 57387);
ABI_VAL(FLAT_KERNEL_DS, 0);
ABI_VAL(FLAT_KERNEL_CS64, 57395);
ABI_VAL(FLAT_KERNEL_CS32, 57379);
ABI_VAL(FLAT_KERNEL_CS, 57395);
ABI_VAL(FLAT_KERNEL_SS64, 57387);
ABI_VAL(FLAT_KERNEL_SS32, 57387);
ABI_VAL(FLAT_KERNEL_SS, 57387);
ABI_VAL(FLAT_USER_DS64, 0);
ABI_VAL(FLAT_USER_DS32, 57387);
ABI_VAL(FLAT_USER_DS, 0);
ABI_VAL(FLAT_USER_CS64, 57395);
ABI_VAL(FLAT_USER_CS32, 57379);
ABI_VAL(FLAT_USER_CS, 57395);
ABI_VAL(FLAT_USER_SS64, 57387);
ABI_VAL(FLAT_USER_SS32, 57387);
ABI_VAL(FLAT_USER_SS, 57387);
ABI_VAL(__HYPERVISOR_VIRT_START, 0xffff800000000000ULL);
ABI_VAL(__HYPERVISOR_VIRT_END, 0xffff880000000000ULL);
ABI_VAL(__MACH2PHYS_VIRT_START, 0xffff800000000000ULL);
ABI_VAL(__MACH2PHYS_VIRT_END, 0xffff804000000000ULL);
ABI_VAL(HYPERVISOR_VIRT_START, 0xffff800000000000ULL);
ABI_VAL(HYPERVISOR_VIRT_END, 0xffff880000000000ULL);
ABI_VAL(MACH2PHYS_VIRT_START, 0xffff800000000000ULL);
ABI_VAL(MACH2PHYS_VIRT_END, 0xffff804000000000ULL);
ABI_VAL(MACH2PHYS_NR_ENTRIES, 0x800000000ULL);
ABI_VAL(SEGBASE_FS, 0);
ABI_VAL(SEGBASE_GS_USER, 1);
ABI_VAL(SEGBASE_GS_KERNEL, 2);
ABI_VAL(SEGBASE_GS_USER_SEL, 3);
ABI_VAL(_VGCF_in_syscall, 8);
ABI_VAL(VGCF_in_syscall, 256);
ABI_VAL(VGCF_IN_SYSCALL, 256);

/* arch-x86/xen.h */
ABI_VAL(XEN_HAVE_PV_GUEST_ENTRY, 1);
ABI_VAL(XEN_HAVE_PV_UPCALL_MASK, 1);
ABI_VAL(FIRST_RESERVED_GDT_PAGE, 14);
ABI_VAL(FIRST_RESERVED_GDT_BYTE, 57344);
ABI_VAL(FIRST_RESERVED_GDT_ENTRY, 7168);
ABI_VAL(XEN_LEGACY_MAX_VCPUS, 32);
ABI_VAL(VGCF_I387_VALID, 1);
ABI_VAL(VGCF_IN_KERNEL, 4);
ABI_VAL(_VGCF_i387_valid, 0);
ABI_VAL(VGCF_i387_valid, 1);
ABI_VAL(_VGCF_in_kernel, 2);
ABI_VAL(VGCF_in_kernel, 4);
ABI_VAL(_VGCF_failsafe_disables_events, 3);
ABI_VAL(VGCF_failsafe_disables_events, 8);
ABI_VAL(_VGCF_syscall_disables_events, 4);
ABI_VAL(VGCF_syscall_disables_events, 16);
ABI_VAL(_VGCF_online, 5);
ABI_VAL(VGCF_online, 32);
ABI_VAL(_XEN_X86_EMU_LAPIC, 0);
ABI_VAL(XEN_X86_EMU_LAPIC, 1);
ABI_VAL(_XEN_X86_EMU_HPET, 1);
ABI_VAL(XEN_X86_EMU_HPET, 2);
ABI_VAL(_XEN_X86_EMU_PM, 2);
ABI_VAL(XEN_X86_EMU_PM, 4);
ABI_VAL(_XEN_X86_EMU_RTC, 3);
ABI_VAL(XEN_X86_EMU_RTC, 8);
ABI_VAL(_XEN_X86_EMU_IOAPIC, 4);
ABI_VAL(XEN_X86_EMU_IOAPIC, 16);
ABI_VAL(_XEN_X86_EMU_PIC, 5);
ABI_VAL(XEN_X86_EMU_PIC, 32);
ABI_VAL(_XEN_X86_EMU_VGA, 6);
ABI_VAL(XEN_X86_EMU_VGA, 64);
ABI_VAL(_XEN_X86_EMU_IOMMU, 7);
ABI_VAL(XEN_X86_EMU_IOMMU, 128);
ABI_VAL(_XEN_X86_EMU_PIT, 8);
ABI_VAL(XEN_X86_EMU_PIT, 256);
ABI_VAL(_XEN_X86_EMU_USE_PIRQ, 9);
ABI_VAL(XEN_X86_EMU_USE_PIRQ, 512);
ABI_VAL(_XEN_X86_EMU_VPCI, 10);
ABI_VAL(XEN_X86_EMU_VPCI, 1024);
ABI_VAL(XEN_X86_EMU_ALL, 2047);
ABI_VAL(XEN_X86_MSR_RELAXED, 1);
ABI_VAL(XEN_X86_MISC_FLAGS_MAX, 1);
ABI_VAL(XEN_CPUID_NO_SUBLEAF, 0xffffffff);
ABI_VAL(XEN_HVM_DEBUGCONS_IOPORT, 233);

/* callback.h */
ABI_VAL(CALLBACKTYPE_event, 0);
ABI_VAL(CALLBACKTYPE_failsafe, 1);
ABI_VAL(CALLBACKTYPE_syscall, 2);
ABI_VAL(CALLBACKTYPE_sysenter_deprecated, 3);
ABI_VAL(CALLBACKTYPE_nmi, 4);
ABI_VAL(CALLBACKTYPE_sysenter, 5);
ABI_VAL(CALLBACKTYPE_syscall32, 7);
ABI_VAL(_CALLBACKF_mask_events, 0);
ABI_VAL(CALLBACKF_mask_events, 1);
ABI_VAL(CALLBACKOP_register, 0);
ABI_VAL(CALLBACKOP_unregister, 1);

/* elfnote.h */
ABI_VAL(XEN_ELFNOTE_INFO, 0);
ABI_VAL(XEN_ELFNOTE_ENTRY, 1);
ABI_VAL(XEN_ELFNOTE_HYPERCALL_PAGE, 2);
ABI_VAL(XEN_ELFNOTE_VIRT_BASE, 3);
ABI_VAL(XEN_ELFNOTE_PADDR_OFFSET, 4);
ABI_VAL(XEN_ELFNOTE_XEN_VERSION, 5);
ABI_VAL(XEN_ELFNOTE_GUEST_OS, 6);
ABI_VAL(XEN_ELFNOTE_GUEST_VERSION, 7);
ABI_VAL(XEN_ELFNOTE_LOADER, 8);
ABI_VAL(XEN_ELFNOTE_PAE_MODE, 9);
ABI_VAL(XEN_ELFNOTE_FEATURES, 10);
ABI_VAL(XEN_ELFNOTE_BSD_SYMTAB, 11);
ABI_VAL(XEN_ELFNOTE_HV_START_LOW, 12);
ABI_VAL(XEN_ELFNOTE_L1_MFN_VALID, 13);
ABI_VAL(XEN_ELFNOTE_SUSPEND_CANCEL, 14);
ABI_VAL(XEN_ELFNOTE_INIT_P2M, 15);
ABI_VAL(XEN_ELFNOTE_MOD_START_PFN, 16);
ABI_VAL(XEN_ELFNOTE_SUPPORTED_FEATURES, 17);
ABI_VAL(XEN_ELFNOTE_PHYS32_ENTRY, 18);
ABI_VAL(XEN_ELFNOTE_MAX, 18);
ABI_VAL(XEN_ELFNOTE_CRASH_INFO, 0x1000001);
ABI_VAL(XEN_ELFNOTE_CRASH_REGS, 0x1000002);
ABI_VAL(XEN_ELFNOTE_DUMPCORE_NONE, 0x2000000);
ABI_VAL(XEN_ELFNOTE_DUMPCORE_HEADER, 0x2000001);
ABI_VAL(XEN_ELFNOTE_DUMPCORE_XEN_VERSION, 0x2000002);
ABI_VAL(XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION, 0x2000003);

/* errno.h */
ABI_VAL(XEN_EPERM, 1);
ABI_VAL(XEN_ENOENT, 2);
ABI_VAL(XEN_ESRCH, 3);
ABI_VAL(XEN_EIO, 5);
ABI_VAL(XEN_ENXIO, 6);
ABI_VAL(XEN_E2BIG, 7);
ABI_VAL(XEN_ENOEXEC, 8);
ABI_VAL(XEN_EBADF, 9);
ABI_VAL(XEN_ECHILD, 10);
ABI_VAL(XEN_EAGAIN, 11);
ABI_VAL(XEN_EWOULDBLOCK, 11);
ABI_VAL(XEN_ENOMEM, 12);
ABI_VAL(XEN_EACCES, 13);
ABI_VAL(XEN_EFAULT, 14);
ABI_VAL(XEN_EBUSY, 16);
ABI_VAL(XEN_EEXIST, 17);
ABI_VAL(XEN_EXDEV, 18);
ABI_VAL(XEN_ENODEV, 19);
ABI_VAL(XEN_ENOTDIR, 20);
ABI_VAL(XEN_EISDIR, 21);
ABI_VAL(XEN_EINVAL, 22);
ABI_VAL(XEN_ENFILE, 23);
ABI_VAL(XEN_EMFILE, 24);
ABI_VAL(XEN_ENOSPC, 28);
ABI_VAL(XEN_EROFS, 30);
ABI_VAL(XEN_EMLINK, 31);
ABI_VAL(XEN_EDOM, 33);
ABI_VAL(XEN_ERANGE, 34);
ABI_VAL(XEN_EDEADLK, 35);
ABI_VAL(XEN_EDEADLOCK, 35);
ABI_VAL(XEN_ENAMETOOLONG, 36);
ABI_VAL(XEN_ENOLCK, 37);
ABI_VAL(XEN_ENOSYS, 38);
ABI_VAL(XEN_ENOTEMPTY, 39);
ABI_VAL(XEN_ENODATA, 61);
ABI_VAL(XEN_ETIME, 62);
ABI_VAL(XEN_EBADMSG, 74);
ABI_VAL(XEN_EOVERFLOW, 75);
ABI_VAL(XEN_EILSEQ, 84);
ABI_VAL(XEN_ENOTSOCK, 88);
ABI_VAL(XEN_EMSGSIZE, 90);
ABI_VAL(XEN_EOPNOTSUPP, 95);
ABI_VAL(XEN_EADDRINUSE, 98);
ABI_VAL(XEN_EADDRNOTAVAIL, 99);
ABI_VAL(XEN_ENOBUFS, 105);
ABI_VAL(XEN_EISCONN, 106);
ABI_VAL(XEN_ENOTCONN, 107);
ABI_VAL(XEN_ETIMEDOUT, 110);
ABI_VAL(XEN_ECONNREFUSED, 111);

/* event_channel.h */
ABI_VAL(EVTCHNOP_bind_interdomain, 0);
ABI_VAL(EVTCHNOP_bind_virq, 1);
ABI_VAL(EVTCHNOP_bind_pirq, 2);
ABI_VAL(EVTCHNOP_close, 3);
ABI_VAL(EVTCHNOP_send, 4);
ABI_VAL(EVTCHNOP_status, 5);
ABI_VAL(EVTCHNOP_alloc_unbound, 6);
ABI_VAL(EVTCHNOP_bind_ipi, 7);
ABI_VAL(EVTCHNOP_bind_vcpu, 8);
ABI_VAL(EVTCHNOP_unmask, 9);
ABI_VAL(EVTCHNOP_reset, 10);
ABI_VAL(EVTCHNOP_init_control, 11);
ABI_VAL(EVTCHNOP_expand_array, 12);
ABI_VAL(EVTCHNOP_set_priority, 13);
ABI_VAL(BIND_PIRQ__WILL_SHARE, 1);
ABI_VAL(EVTCHNSTAT_closed, 0);
ABI_VAL(EVTCHNSTAT_unbound, 1);
ABI_VAL(EVTCHNSTAT_interdomain, 2);
ABI_VAL(EVTCHNSTAT_pirq, 3);
ABI_VAL(EVTCHNSTAT_virq, 4);
ABI_VAL(EVTCHNSTAT_ipi, 5);
ABI_VAL(EVTCHN_2L_NR_CHANNELS, 4096);
ABI_VAL(EVTCHN_FIFO_PRIORITY_MAX, 0);
ABI_VAL(EVTCHN_FIFO_PRIORITY_DEFAULT, 7);
ABI_VAL(EVTCHN_FIFO_PRIORITY_MIN, 15);
ABI_VAL(EVTCHN_FIFO_MAX_QUEUES, 16);
ABI_VAL(EVTCHN_FIFO_PENDING, 31);
ABI_VAL(EVTCHN_FIFO_MASKED, 30);
ABI_VAL(EVTCHN_FIFO_LINKED, 29);
ABI_VAL(EVTCHN_FIFO_BUSY, 28);
ABI_VAL(EVTCHN_FIFO_LINK_BITS, 17);
ABI_VAL(EVTCHN_FIFO_LINK_MASK, 0x1ffff);
ABI_VAL(EVTCHN_FIFO_NR_CHANNELS, 0x20000);

/* features.h */
ABI_VAL(XENFEAT_writable_page_tables, 0);
ABI_VAL(XENFEAT_writable_descriptor_tables, 1);
ABI_VAL(XENFEAT_auto_translated_physmap, 2);
ABI_VAL(XENFEAT_supervisor_mode_kernel, 3);
ABI_VAL(XENFEAT_pae_pgdir_above_4gb, 4);
ABI_VAL(XENFEAT_mmu_pt_update_preserve_ad, 5);
ABI_VAL(XENFEAT_highmem_assist, 6);
ABI_VAL(XENFEAT_gnttab_map_avail_bits, 7);
ABI_VAL(XENFEAT_hvm_callback_vector, 8);
ABI_VAL(XENFEAT_hvm_safe_pvclock, 9);
ABI_VAL(XENFEAT_hvm_pirqs, 10);
ABI_VAL(XENFEAT_dom0, 11);
ABI_VAL(XENFEAT_memory_op_vnode_supported, 13);
ABI_VAL(XENFEAT_ARM_SMCCC_supported, 14);
ABI_VAL(XENFEAT_linux_rsdp_unrestricted, 15);
ABI_VAL(XENFEAT_not_direct_mapped, 16);
ABI_VAL(XENFEAT_direct_mapped, 17);
ABI_VAL(XENFEAT_NR_SUBMAPS, 1);

/* grant_table.h */
ABI_VAL(GNTTAB_NR_RESERVED_ENTRIES, 8);
ABI_VAL(GNTTAB_RESERVED_CONSOLE, 0);
ABI_VAL(GNTTAB_RESERVED_XENSTORE, 1);
ABI_VAL(GTF_invalid, 0);
ABI_VAL(GTF_permit_access, 1);
ABI_VAL(GTF_accept_transfer, 2);
ABI_VAL(GTF_transitive, 3);
ABI_VAL(GTF_type_mask, 3);
ABI_VAL(_GTF_readonly, 2);
ABI_VAL(GTF_readonly, 4);
ABI_VAL(_GTF_reading, 3);
ABI_VAL(GTF_reading, 8);
ABI_VAL(_GTF_writing, 4);
ABI_VAL(GTF_writing, 16);
ABI_VAL(_GTF_PWT, 5);
ABI_VAL(GTF_PWT, 32);
ABI_VAL(_GTF_PCD, 6);
ABI_VAL(GTF_PCD, 64);
ABI_VAL(_GTF_PAT, 7);
ABI_VAL(GTF_PAT, 128);
ABI_VAL(_GTF_sub_page, 8);
ABI_VAL(GTF_sub_page, 256);
ABI_VAL(_GTF_transfer_committed, 2);
ABI_VAL(GTF_transfer_committed, 4);
ABI_VAL(_GTF_transfer_completed, 3);
ABI_VAL(GTF_transfer_completed, 8);
ABI_VAL(GNTTABOP_map_grant_ref, 0);
ABI_VAL(GNTTABOP_unmap_grant_ref, 1);
ABI_VAL(GNTTABOP_setup_table, 2);
ABI_VAL(GNTTABOP_dump_table, 3);
ABI_VAL(GNTTABOP_transfer, 4);
ABI_VAL(GNTTABOP_copy, 5);
ABI_VAL(GNTTABOP_query_size, 6);
ABI_VAL(GNTTABOP_unmap_and_replace, 7);
ABI_VAL(GNTTABOP_set_version, 8);
ABI_VAL(GNTTABOP_get_status_frames, 9);
ABI_VAL(GNTTABOP_get_version, 10);
ABI_VAL(GNTTABOP_swap_grant_ref, 11);
ABI_VAL(GNTTABOP_cache_flush, 12);
ABI_VAL(_GNTCOPY_source_gref, 0);
ABI_VAL(GNTCOPY_source_gref, 1);
ABI_VAL(_GNTCOPY_dest_gref, 1);
ABI_VAL(GNTCOPY_dest_gref, 2);
ABI_VAL(GNTTAB_CACHE_CLEAN, 1);
ABI_VAL(GNTTAB_CACHE_INVAL, 2);
ABI_VAL(GNTTAB_CACHE_SOURCE_GREF, 0x80000000);
ABI_VAL(_GNTMAP_device_map, 0);
ABI_VAL(GNTMAP_device_map, 1);
ABI_VAL(_GNTMAP_host_map, 1);
ABI_VAL(GNTMAP_host_map, 2);
ABI_VAL(_GNTMAP_readonly, 2);
ABI_VAL(GNTMAP_readonly, 4);
ABI_VAL(_GNTMAP_application_map, 3);
ABI_VAL(GNTMAP_application_map, 8);
ABI_VAL(_GNTMAP_contains_pte, 4);
ABI_VAL(GNTMAP_contains_pte, 16);
ABI_VAL(_GNTMAP_guest_avail0, 16);
ABI_VAL(GNTMAP_guest_avail_mask, 0xffff0000);
ABI_VAL(GNTST_okay, 0);
ABI_VAL(GNTST_general_error, -1);
ABI_VAL(GNTST_bad_domain, -2);
ABI_VAL(GNTST_bad_gntref, -3);
ABI_VAL(GNTST_bad_handle, -4);
ABI_VAL(GNTST_bad_virt_addr, -5);
ABI_VAL(GNTST_bad_dev_addr, -6);
ABI_VAL(GNTST_no_device_space, -7);
ABI_VAL(GNTST_permission_denied, -8);
ABI_VAL(GNTST_bad_page, -9);
ABI_VAL(GNTST_bad_copy_arg, -10);
ABI_VAL(GNTST_address_too_big, -11);
ABI_VAL(GNTST_eagain, -12);
ABI_VAL(GNTST_no_space, -13);

/* hvm/hvm_op.h */
ABI_VAL(HVMOP_set_param, 0);
ABI_VAL(HVMOP_get_param, 1);
ABI_VAL(HVMOP_flush_tlbs, 5);
ABI_VAL(HVMOP_pagetable_dying, 9);
ABI_VAL(HVMOP_get_time, 10);
ABI_VAL(HVMOP_xentrace, 11);
ABI_VAL(HVMOP_set_mem_access, 12);
ABI_VAL(HVMOP_get_mem_access, 13);
ABI_VAL(HVMOP_get_mem_type, 15);
ABI_VAL(HVMOP_set_evtchn_upcall_vector, 23);
ABI_VAL(HVMOP_guest_request_vm_event, 24);
ABI_VAL(HVMOP_altp2m, 25);
ABI_VAL(HVMOP_ALTP2M_INTERFACE_VERSION, 1);
ABI_VAL(HVMOP_altp2m_get_domain_state, 1);
ABI_VAL(HVMOP_altp2m_set_domain_state, 2);
ABI_VAL(HVMOP_altp2m_vcpu_enable_notify, 3);
ABI_VAL(HVMOP_altp2m_create_p2m, 4);
ABI_VAL(HVMOP_altp2m_destroy_p2m, 5);
ABI_VAL(HVMOP_altp2m_switch_p2m, 6);
ABI_VAL(HVMOP_altp2m_set_mem_access, 7);
ABI_VAL(HVMOP_altp2m_change_gfn, 8);
ABI_VAL(HVMOP_altp2m_set_mem_access_multi, 9);
ABI_VAL(HVMOP_altp2m_set_suppress_ve, 10);
ABI_VAL(HVMOP_altp2m_get_suppress_ve, 11);
ABI_VAL(HVMOP_altp2m_get_mem_access, 12);
ABI_VAL(HVMOP_altp2m_vcpu_disable_notify, 13);
ABI_VAL(HVMOP_altp2m_get_p2m_idx, 14);
ABI_VAL(HVMOP_altp2m_set_suppress_ve_multi, 15);
ABI_VAL(HVMOP_altp2m_set_visibility, 16);
ABI_VAL(HVM_IOREQSRV_BUFIOREQ_OFF, 0);
ABI_VAL(HVM_IOREQSRV_BUFIOREQ_LEGACY, 1);
ABI_VAL(HVM_IOREQSRV_BUFIOREQ_ATOMIC, 2);

/* hvm/params.h */
ABI_VAL(HVM_PARAM_CALLBACK_IRQ, 0);
ABI_VAL(HVM_PARAM_CALLBACK_IRQ_TYPE_MASK, 0xff00000000000000ULL);
ABI_VAL(HVM_PARAM_CALLBACK_TYPE_GSI, 0);
ABI_VAL(HVM_PARAM_CALLBACK_TYPE_PCI_INTX, 1);
ABI_VAL(HVM_PARAM_CALLBACK_TYPE_VECTOR, 2);
ABI_VAL(HVM_PARAM_STORE_PFN, 1);
ABI_VAL(HVM_PARAM_STORE_EVTCHN, 2);
ABI_VAL(HVM_PARAM_PAE_ENABLED, 4);
ABI_VAL(HVM_PARAM_IOREQ_PFN, 5);
ABI_VAL(HVM_PARAM_BUFIOREQ_PFN, 6);
ABI_VAL(HVM_PARAM_VIRIDIAN, 9);
ABI_VAL(_HVMPV_base_freq, 0);
ABI_VAL(HVMPV_base_freq, 1);
ABI_VAL(_HVMPV_no_freq, 1);
ABI_VAL(HVMPV_no_freq, 2);
ABI_VAL(_HVMPV_time_ref_count, 2);
ABI_VAL(HVMPV_time_ref_count, 4);
ABI_VAL(_HVMPV_reference_tsc, 3);
ABI_VAL(HVMPV_reference_tsc, 8);
ABI_VAL(_HVMPV_hcall_remote_tlb_flush, 4);
ABI_VAL(HVMPV_hcall_remote_tlb_flush, 16);
ABI_VAL(_HVMPV_apic_assist, 5);
ABI_VAL(HVMPV_apic_assist, 32);
ABI_VAL(_HVMPV_crash_ctl, 6);
ABI_VAL(HVMPV_crash_ctl, 64);
ABI_VAL(_HVMPV_synic, 7);
ABI_VAL(HVMPV_synic, 128);
ABI_VAL(_HVMPV_stimer, 8);
ABI_VAL(HVMPV_stimer, 256);
ABI_VAL(_HVMPV_hcall_ipi, 9);
ABI_VAL(HVMPV_hcall_ipi, 512);
ABI_VAL(_HVMPV_ex_processor_masks, 10);
ABI_VAL(HVMPV_ex_processor_masks, 1024);
ABI_VAL(_HVMPV_no_vp_limit, 11);
ABI_VAL(HVMPV_no_vp_limit, 2048);
ABI_VAL(_HVMPV_cpu_hotplug, 12);
ABI_VAL(HVMPV_cpu_hotplug, 4096);
ABI_VAL(HVMPV_feature_mask, 8191);
ABI_VAL(HVM_PARAM_TIMER_MODE, 10);
ABI_VAL(HVMPTM_delay_for_missed_ticks, 0);
ABI_VAL(HVMPTM_no_delay_for_missed_ticks, 1);
ABI_VAL(HVMPTM_no_missed_ticks_pending, 2);
ABI_VAL(HVMPTM_one_missed_tick_pending, 3);
ABI_VAL(HVM_PARAM_HPET_ENABLED, 11);
ABI_VAL(HVM_PARAM_IDENT_PT, 12);
ABI_VAL(HVM_PARAM_DM_DOMAIN, 13);
ABI_VAL(HVM_PARAM_ACPI_S_STATE, 14);
ABI_VAL(HVM_PARAM_VM86_TSS, 15);
ABI_VAL(HVM_PARAM_VPT_ALIGN, 16);
ABI_VAL(HVM_PARAM_CONSOLE_PFN, 17);
ABI_VAL(HVM_PARAM_CONSOLE_EVTCHN, 18);
ABI_VAL(HVM_PARAM_ACPI_IOPORTS_LOCATION, 19);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_CR0, 20);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_CR3, 21);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_CR4, 22);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_INT3, 23);
ABI_VAL(HVM_PARAM_NESTEDHVM, 24);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_SINGLE_STEP, 25);
ABI_VAL(HVM_PARAM_BUFIOREQ_EVTCHN, 26);
ABI_VAL(HVM_PARAM_PAGING_RING_PFN, 27);
ABI_VAL(HVM_PARAM_MONITOR_RING_PFN, 28);
ABI_VAL(HVM_PARAM_SHARING_RING_PFN, 29);
ABI_VAL(HVM_PARAM_MEMORY_EVENT_MSR, 30);
ABI_VAL(HVM_PARAM_TRIPLE_FAULT_REASON, 31);
ABI_VAL(HVM_PARAM_IOREQ_SERVER_PFN, 32);
ABI_VAL(HVM_PARAM_NR_IOREQ_SERVER_PAGES, 33);
ABI_VAL(HVM_PARAM_VM_GENERATION_ID_ADDR, 34);
ABI_VAL(HVM_PARAM_ALTP2M, 35);
ABI_VAL(XEN_ALTP2M_disabled, 0);
ABI_VAL(XEN_ALTP2M_mixed, 1);
ABI_VAL(XEN_ALTP2M_external, 2);
ABI_VAL(XEN_ALTP2M_limited, 3);
ABI_VAL(HVM_PARAM_X87_FIP_WIDTH, 36);
ABI_VAL(HVM_PARAM_VM86_TSS_SIZED, 37);
ABI_VAL(HVM_PARAM_MCA_CAP, 38);
ABI_VAL(XEN_HVM_MCA_CAP_LMCE, 1);
ABI_VAL(XEN_HVM_MCA_CAP_MASK, 1);
ABI_VAL(HVM_NR_PARAMS, 39);

/* io/blkif.h */
ABI_VAL(BLKIF_OP_READ, 0);
ABI_VAL(BLKIF_OP_WRITE, 1);
ABI_VAL(BLKIF_OP_WRITE_BARRIER, 2);
ABI_VAL(BLKIF_OP_FLUSH_DISKCACHE, 3);
ABI_VAL(BLKIF_OP_RESERVED_1, 4);
ABI_VAL(BLKIF_OP_DISCARD, 5);
ABI_VAL(BLKIF_OP_INDIRECT, 6);
ABI_VAL(BLKIF_MAX_SEGMENTS_PER_REQUEST, 11);
ABI_VAL(BLKIF_MAX_INDIRECT_PAGES_PER_REQUEST, 8);
ABI_VAL(BLKIF_DISCARD_SECURE, 1);
ABI_VAL(BLKIF_RSP_EOPNOTSUPP, -2);
ABI_VAL(BLKIF_RSP_ERROR, -1);
ABI_VAL(BLKIF_RSP_OKAY, 0);
ABI_VAL(VDISK_CDROM, 1);
ABI_VAL(VDISK_REMOVABLE, 2);
ABI_VAL(VDISK_READONLY, 4);

/* io/netif.h */
ABI_VAL(XEN_NETIF_NR_SLOTS_MIN, 18);
ABI_VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV4, 0);
ABI_VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV4, 1);
ABI_VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP, 1);
ABI_VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV4_TCP, 2);
ABI_VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV6, 2);
ABI_VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV6, 4);
ABI_VAL(_XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP, 3);
ABI_VAL(XEN_NETIF_CTRL_HASH_TYPE_IPV6_TCP, 8);
ABI_VAL(XEN_NETIF_CTRL_HASH_ALGORITHM_NONE, 0);
ABI_VAL(XEN_NETIF_CTRL_HASH_ALGORITHM_TOEPLITZ, 1);
ABI_VAL(XEN_NETIF_CTRL_TYPE_INVALID, 0);
ABI_VAL(XEN_NETIF_CTRL_TYPE_GET_HASH_FLAGS, 1);
ABI_VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_FLAGS, 2);
ABI_VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_KEY, 3);
ABI_VAL(XEN_NETIF_CTRL_TYPE_GET_HASH_MAPPING_SIZE, 4);
ABI_VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING_SIZE, 5);
ABI_VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_MAPPING, 6);
ABI_VAL(XEN_NETIF_CTRL_TYPE_SET_HASH_ALGORITHM, 7);
ABI_VAL(XEN_NETIF_CTRL_TYPE_GET_GREF_MAPPING_SIZE, 8);
ABI_VAL(XEN_NETIF_CTRL_TYPE_ADD_GREF_MAPPING, 9);
ABI_VAL(XEN_NETIF_CTRL_TYPE_DEL_GREF_MAPPING, 10);
ABI_VAL(XEN_NETIF_CTRL_STATUS_SUCCESS, 0);
ABI_VAL(XEN_NETIF_CTRL_STATUS_NOT_SUPPORTED, 1);
ABI_VAL(XEN_NETIF_CTRL_STATUS_INVALID_PARAMETER, 2);
ABI_VAL(XEN_NETIF_CTRL_STATUS_BUFFER_OVERFLOW, 3);
ABI_VAL(_XEN_NETIF_CTRLF_GREF_readonly, 0);
ABI_VAL(XEN_NETIF_CTRLF_GREF_readonly, 1);
ABI_VAL(_NETTXF_csum_blank, 0);
ABI_VAL(NETTXF_csum_blank, 1);
ABI_VAL(_NETTXF_data_validated, 1);
ABI_VAL(NETTXF_data_validated, 2);
ABI_VAL(_NETTXF_more_data, 2);
ABI_VAL(NETTXF_more_data, 4);
ABI_VAL(_NETTXF_extra_info, 3);
ABI_VAL(NETTXF_extra_info, 8);
ABI_VAL(XEN_NETIF_MAX_TX_SIZE, 65535);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_NONE, 0);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_GSO, 1);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_MCAST_ADD, 2);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_MCAST_DEL, 3);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_HASH, 4);
ABI_VAL(XEN_NETIF_EXTRA_TYPE_MAX, 5);
ABI_VAL(_XEN_NETIF_EXTRA_FLAG_MORE, 0);
ABI_VAL(XEN_NETIF_EXTRA_FLAG_MORE, 1);
ABI_VAL(XEN_NETIF_GSO_TYPE_NONE, 0);
ABI_VAL(XEN_NETIF_GSO_TYPE_TCPV4, 1);
ABI_VAL(XEN_NETIF_GSO_TYPE_TCPV6, 2);
ABI_VAL(_NETRXF_data_validated, 0);
ABI_VAL(NETRXF_data_validated, 1);
ABI_VAL(_NETRXF_csum_blank, 1);
ABI_VAL(NETRXF_csum_blank, 2);
ABI_VAL(_NETRXF_more_data, 2);
ABI_VAL(NETRXF_more_data, 4);
ABI_VAL(_NETRXF_extra_info, 3);
ABI_VAL(NETRXF_extra_info, 8);
ABI_VAL(_NETRXF_gso_prefix, 4);
ABI_VAL(NETRXF_gso_prefix, 16);
ABI_VAL(NETIF_RSP_DROPPED, -2);
ABI_VAL(NETIF_RSP_ERROR, -1);
ABI_VAL(NETIF_RSP_OKAY, 0);
ABI_VAL(NETIF_RSP_NULL, 1);

/* io/xs_wire.h */
ABI_VAL(XS_DEBUG, 0);
ABI_VAL(XENSTORE_RING_SIZE, 1024);
ABI_VAL(XENSTORE_PAYLOAD_MAX, 4096);
ABI_VAL(XENSTORE_ABS_PATH_MAX, 3072);
ABI_VAL(XENSTORE_REL_PATH_MAX, 2048);
ABI_VAL(XENSTORE_SERVER_FEATURE_RECONNECTION, 1);
ABI_VAL(XENSTORE_SERVER_FEATURE_ERROR, 2);
ABI_VAL(XENSTORE_CONNECTED, 0);
ABI_VAL(XENSTORE_RECONNECT, 1);
ABI_VAL(XENSTORE_ERROR_NONE, 0);
ABI_VAL(XENSTORE_ERROR_COMM, 1);
ABI_VAL(XENSTORE_ERROR_RINGIDX, 2);
ABI_VAL(XENSTORE_ERROR_PROTO, 3);

/* memory.h */
ABI_VAL(XENMEM_increase_reservation, 0);
ABI_VAL(XENMEM_decrease_reservation, 1);
ABI_VAL(XENMEM_populate_physmap, 6);
ABI_VAL(XENMEMF_populate_on_demand, 0x10000);
ABI_VAL(XENMEMF_exact_node_request, 0x20000);
ABI_VAL(XENMEMF_vnode, 0x40000);
ABI_VAL(XENMEM_exchange, 11);
ABI_VAL(XENMEM_maximum_ram_page, 2);
ABI_VAL(XENMEM_current_reservation, 3);
ABI_VAL(XENMEM_maximum_reservation, 4);
ABI_VAL(XENMEM_maximum_gpfn, 14);
ABI_VAL(XENMEM_machphys_mfn_list, 5);
ABI_VAL(XENMEM_machphys_compat_mfn_list, 25);
ABI_VAL(XENMEM_machphys_mapping, 12);
ABI_VAL(XENMAPSPACE_shared_info, 0);
ABI_VAL(XENMAPSPACE_grant_table, 1);
ABI_VAL(XENMAPSPACE_gmfn, 2);
ABI_VAL(XENMAPSPACE_gmfn_range, 3);
ABI_VAL(XENMAPSPACE_gmfn_foreign, 4);
ABI_VAL(XENMAPSPACE_dev_mmio, 5);
ABI_VAL(XENMEM_add_to_physmap, 7);
ABI_VAL(XENMAPIDX_grant_table_status, 0x80000000);
ABI_VAL(XENMEM_add_to_physmap_batch, 23);
ABI_VAL(XENMEM_remove_from_physmap, 15);
ABI_VAL(XENMEM_memory_map, 9);
ABI_VAL(XENMEM_machine_memory_map, 10);
ABI_VAL(XENMEM_set_memory_map, 13);
ABI_VAL(XENMEM_set_pod_target, 16);
ABI_VAL(XENMEM_get_pod_target, 17);
ABI_VAL(XENMEM_get_sharing_freed_pages, 18);
ABI_VAL(XENMEM_get_sharing_shared_pages, 19);
ABI_VAL(XENMEM_paging_op, 20);
ABI_VAL(XENMEM_access_op, 21);
ABI_VAL(XENMEM_sharing_op, 22);
ABI_VAL(XENMEM_claim_pages, 24);
ABI_VAL(XENMEM_get_vnumainfo, 26);
ABI_VAL(XENMEM_reserved_device_memory_map, 27);
ABI_VAL(XENMEM_RDM_ALL, 1);
ABI_VAL(XENMEM_acquire_resource, 28);
ABI_VAL(XENMEM_resource_ioreq_server, 0);
ABI_VAL(XENMEM_resource_grant_table, 1);
ABI_VAL(XENMEM_resource_vmtrace_buf, 2);
ABI_VAL(XENMEM_resource_grant_table_id_shared, 0);
ABI_VAL(XENMEM_resource_grant_table_id_status, 1);
ABI_VAL(XENMEM_resource_ioreq_server_frame_bufioreq, 0);

/* nmi.h */
ABI_VAL(_XEN_NMIREASON_io_error, 0);
ABI_VAL(XEN_NMIREASON_io_error, 1);
ABI_VAL(_XEN_NMIREASON_pci_serr, 1);
ABI_VAL(XEN_NMIREASON_pci_serr, 2);
ABI_VAL(_XEN_NMIREASON_unknown, 2);
ABI_VAL(XEN_NMIREASON_unknown, 4);
ABI_VAL(XENNMI_register_callback, 0);
ABI_VAL(XENNMI_unregister_callback, 1);

/* physdev.h */
ABI_VAL(PHYSDEVOP_eoi, 12);
ABI_VAL(PHYSDEVOP_pirq_eoi_gmfn_v1, 17);
ABI_VAL(PHYSDEVOP_pirq_eoi_gmfn_v2, 28);
ABI_VAL(PHYSDEVOP_pirq_eoi_gmfn, 28);
ABI_VAL(PHYSDEVOP_irq_status_query, 5);
ABI_VAL(_XENIRQSTAT_needs_eoi, 0);
ABI_VAL(XENIRQSTAT_needs_eoi, 1);
ABI_VAL(_XENIRQSTAT_shared, 1);
ABI_VAL(XENIRQSTAT_shared, 2);
ABI_VAL(PHYSDEVOP_set_iopl, 6);
ABI_VAL(PHYSDEVOP_set_iobitmap, 7);
ABI_VAL(PHYSDEVOP_apic_read, 8);
ABI_VAL(PHYSDEVOP_apic_write, 9);
ABI_VAL(PHYSDEVOP_alloc_irq_vector, 10);
ABI_VAL(PHYSDEVOP_free_irq_vector, 11);
ABI_VAL(MAP_PIRQ_TYPE_MSI, 0);
ABI_VAL(MAP_PIRQ_TYPE_GSI, 1);
ABI_VAL(MAP_PIRQ_TYPE_UNKNOWN, 2);
ABI_VAL(MAP_PIRQ_TYPE_MSI_SEG, 3);
ABI_VAL(MAP_PIRQ_TYPE_MULTI_MSI, 4);
ABI_VAL(PHYSDEVOP_map_pirq, 13);
ABI_VAL(PHYSDEVOP_unmap_pirq, 14);
ABI_VAL(PHYSDEVOP_manage_pci_add, 15);
ABI_VAL(PHYSDEVOP_manage_pci_remove, 16);
ABI_VAL(PHYSDEVOP_restore_msi, 19);
ABI_VAL(PHYSDEVOP_manage_pci_add_ext, 20);
ABI_VAL(PHYSDEVOP_setup_gsi, 21);
ABI_VAL(PHYSDEVOP_get_free_pirq, 23);
ABI_VAL(XEN_PCI_MMCFG_RESERVED, 1);
ABI_VAL(PHYSDEVOP_pci_mmcfg_reserved, 24);
ABI_VAL(XEN_PCI_DEV_EXTFN, 1);
ABI_VAL(XEN_PCI_DEV_VIRTFN, 2);
ABI_VAL(XEN_PCI_DEV_PXM, 4);
ABI_VAL(PHYSDEVOP_pci_device_add, 25);
ABI_VAL(PHYSDEVOP_pci_device_remove, 26);
ABI_VAL(PHYSDEVOP_restore_msi_ext, 27);
ABI_VAL(PHYSDEVOP_prepare_msix, 30);
ABI_VAL(PHYSDEVOP_release_msix, 31);
ABI_VAL(PHYSDEVOP_DBGP_RESET_PREPARE, 1);
ABI_VAL(PHYSDEVOP_DBGP_RESET_DONE, 2);
ABI_VAL(PHYSDEVOP_DBGP_BUS_UNKNOWN, 0);
ABI_VAL(PHYSDEVOP_DBGP_BUS_PCI, 1);
ABI_VAL(PHYSDEVOP_dbgp_op, 29);
ABI_VAL(PHYSDEVOP_IRQ_UNMASK_NOTIFY, 4);

/* platform.h */
ABI_VAL(XENPF_INTERFACE_VERSION, 0x3000001);
ABI_VAL(XENPF_settime32, 17);
ABI_VAL(XENPF_settime64, 62);
ABI_VAL(XENPF_settime, 62);
ABI_VAL(XENPF_add_memtype, 31);
ABI_VAL(XENPF_del_memtype, 32);
ABI_VAL(XENPF_read_memtype, 33);
ABI_VAL(XENPF_microcode_update, 35);
ABI_VAL(XENPF_platform_quirk, 39);
ABI_VAL(QUIRK_NOIRQBALANCING, 1);
ABI_VAL(QUIRK_IOAPIC_BAD_REGSEL, 2);
ABI_VAL(QUIRK_IOAPIC_GOOD_REGSEL, 3);
ABI_VAL(XENPF_efi_runtime_call, 49);
ABI_VAL(XEN_EFI_get_time, 1);
ABI_VAL(XEN_EFI_set_time, 2);
ABI_VAL(XEN_EFI_get_wakeup_time, 3);
ABI_VAL(XEN_EFI_set_wakeup_time, 4);
ABI_VAL(XEN_EFI_get_next_high_monotonic_count, 5);
ABI_VAL(XEN_EFI_get_variable, 6);
ABI_VAL(XEN_EFI_set_variable, 7);
ABI_VAL(XEN_EFI_get_next_variable_name, 8);
ABI_VAL(XEN_EFI_query_variable_info, 9);
ABI_VAL(XEN_EFI_query_capsule_capabilities, 10);
ABI_VAL(XEN_EFI_update_capsule, 11);
ABI_VAL(XEN_EFI_GET_TIME_SET_CLEARS_NS, 1);
ABI_VAL(XEN_EFI_GET_WAKEUP_TIME_ENABLED, 1);
ABI_VAL(XEN_EFI_GET_WAKEUP_TIME_PENDING, 2);
ABI_VAL(XEN_EFI_SET_WAKEUP_TIME_ENABLE, 1);
ABI_VAL(XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY, 2);
ABI_VAL(XEN_EFI_VARIABLE_NON_VOLATILE, 1);
ABI_VAL(XEN_EFI_VARIABLE_BOOTSERVICE_ACCESS, 2);
ABI_VAL(XEN_EFI_VARIABLE_RUNTIME_ACCESS, 4);
ABI_VAL(XEN_EFI_VARINFO_BOOT_SNAPSHOT, 1);
ABI_VAL(XENPF_firmware_info, 50);
ABI_VAL(XEN_FW_DISK_INFO, 1);
ABI_VAL(XEN_FW_DISK_MBR_SIGNATURE, 2);
ABI_VAL(XEN_FW_VBEDDC_INFO, 3);
ABI_VAL(XEN_FW_EFI_INFO, 4);
ABI_VAL(XEN_FW_EFI_VERSION, 0);
ABI_VAL(XEN_FW_EFI_CONFIG_TABLE, 1);
ABI_VAL(XEN_FW_EFI_VENDOR, 2);
ABI_VAL(XEN_FW_EFI_MEM_INFO, 3);
ABI_VAL(XEN_FW_EFI_RT_VERSION, 4);
ABI_VAL(XEN_FW_EFI_PCI_ROM, 5);
ABI_VAL(XEN_FW_EFI_APPLE_PROPERTIES, 6);
ABI_VAL(XEN_FW_KBD_SHIFT_FLAGS, 5);
ABI_VAL(XENPF_enter_acpi_sleep, 51);
ABI_VAL(XENPF_ACPI_SLEEP_EXTENDED, 1);
ABI_VAL(XENPF_change_freq, 52);
ABI_VAL(XENPF_getidletime, 53);
ABI_VAL(XENPF_set_processor_pminfo, 54);
ABI_VAL(XEN_PROCESSOR_PM_CX, 1);
ABI_VAL(XEN_PROCESSOR_PM_PX, 2);
ABI_VAL(XEN_PROCESSOR_PM_TX, 4);
ABI_VAL(XEN_PM_CX, 0);
ABI_VAL(XEN_PM_PX, 1);
ABI_VAL(XEN_PM_TX, 2);
ABI_VAL(XEN_PM_PDC, 3);
ABI_VAL(XEN_PX_PCT, 1);
ABI_VAL(XEN_PX_PSS, 2);
ABI_VAL(XEN_PX_PPC, 4);
ABI_VAL(XEN_PX_PSD, 8);
ABI_VAL(XEN_CPUPERF_SHARED_TYPE_HW, 1);
ABI_VAL(XEN_CPUPERF_SHARED_TYPE_ALL, 2);
ABI_VAL(XEN_CPUPERF_SHARED_TYPE_ANY, 3);
ABI_VAL(XENPF_get_cpuinfo, 55);
ABI_VAL(XEN_PCPU_FLAGS_ONLINE, 1);
ABI_VAL(XEN_PCPU_FLAGS_INVALID, 2);
ABI_VAL(XENPF_get_cpu_version, 48);
ABI_VAL(XENPF_cpu_online, 56);
ABI_VAL(XENPF_cpu_offline, 57);
ABI_VAL(XENPF_cpu_hotadd, 58);
ABI_VAL(XENPF_mem_hotadd, 59);
ABI_VAL(XENPF_core_parking, 60);
ABI_VAL(XEN_CORE_PARKING_SET, 1);
ABI_VAL(XEN_CORE_PARKING_GET, 2);
ABI_VAL(XENPF_resource_op, 61);
ABI_VAL(XEN_RESOURCE_OP_MSR_READ, 0);
ABI_VAL(XEN_RESOURCE_OP_MSR_WRITE, 1);
ABI_VAL(XENPF_get_symbol, 63);

/* sched.h */
ABI_VAL(SCHEDOP_yield, 0);
ABI_VAL(SCHEDOP_block, 1);
ABI_VAL(SCHEDOP_shutdown, 2);
ABI_VAL(SCHEDOP_poll, 3);
ABI_VAL(SCHEDOP_remote_shutdown, 4);
ABI_VAL(SCHEDOP_shutdown_code, 5);
ABI_VAL(SCHEDOP_watchdog, 6);
ABI_VAL(SCHEDOP_pin_override, 7);
ABI_VAL(SHUTDOWN_poweroff, 0);
ABI_VAL(SHUTDOWN_reboot, 1);
ABI_VAL(SHUTDOWN_suspend, 2);
ABI_VAL(SHUTDOWN_crash, 3);
ABI_VAL(SHUTDOWN_watchdog, 4);
ABI_VAL(SHUTDOWN_soft_reset, 5);
ABI_VAL(SHUTDOWN_MAX, 5);

/* vcpu.h */
ABI_VAL(VCPUOP_initialise, 0);
ABI_VAL(VCPUOP_up, 1);
ABI_VAL(VCPUOP_down, 2);
ABI_VAL(VCPUOP_is_up, 3);
ABI_VAL(VCPUOP_get_runstate_info, 4);
ABI_VAL(XEN_RUNSTATE_UPDATE, 0x8000000000000000ULL);
ABI_VAL(RUNSTATE_running, 0);
ABI_VAL(RUNSTATE_runnable, 1);
ABI_VAL(RUNSTATE_blocked, 2);
ABI_VAL(RUNSTATE_offline, 3);
ABI_VAL(VCPUOP_register_runstate_memory_area, 5);
ABI_VAL(VCPUOP_set_periodic_timer, 6);
ABI_VAL(VCPUOP_stop_periodic_timer, 7);
ABI_VAL(VCPUOP_set_singleshot_timer, 8);
ABI_VAL(VCPUOP_stop_singleshot_timer, 9);
ABI_VAL(_VCPU_SSHOTTMR_future, 0);
ABI_VAL(VCPU_SSHOTTMR_future, 1);
ABI_VAL(VCPUOP_register_vcpu_info, 10);
ABI_VAL(VCPUOP_send_nmi, 11);
ABI_VAL(VCPUOP_get_physid, 12);
ABI_VAL(VCPUOP_register_vcpu_time_memory_area, 13);

/* version.h */
ABI_VAL(XENVER_version, 0);
ABI_VAL(XENVER_extraversion, 1);
ABI_VAL(XEN_EXTRAVERSION_LEN, 16);
ABI_VAL(XENVER_compile_info, 2);
ABI_VAL(XENVER_capabilities, 3);
ABI_VAL(XEN_CAPABILITIES_INFO_LEN, 1024);
ABI_VAL(XENVER_changeset, 4);
ABI_VAL(XEN_CHANGESET_INFO_LEN, 64);
ABI_VAL(XENVER_platform_parameters, 5);
ABI_VAL(XENVER_get_features, 6);
ABI_VAL(XENVER_pagesize, 7);
ABI_VAL(XENVER_guest_handle, 8);
ABI_VAL(XENVER_commandline, 9);
ABI_VAL(XENVER_build_id, 10);

/* xen.h */
ABI_VAL(__XEN_LATEST_INTERFACE_VERSION__, 0x40e00);
ABI_VAL(__HYPERVISOR_set_trap_table, 0);
ABI_VAL(__HYPERVISOR_mmu_update, 1);
ABI_VAL(__HYPERVISOR_set_gdt, 2);
ABI_VAL(__HYPERVISOR_stack_switch, 3);
ABI_VAL(__HYPERVISOR_set_callbacks, 4);
ABI_VAL(__HYPERVISOR_fpu_taskswitch, 5);
ABI_VAL(__HYPERVISOR_sched_op_compat, 6);
ABI_VAL(__HYPERVISOR_platform_op, 7);
ABI_VAL(__HYPERVISOR_set_debugreg, 8);
ABI_VAL(__HYPERVISOR_get_debugreg, 9);
ABI_VAL(__HYPERVISOR_update_descriptor, 10);
ABI_VAL(__HYPERVISOR_memory_op, 12);
ABI_VAL(__HYPERVISOR_multicall, 13);
ABI_VAL(__HYPERVISOR_update_va_mapping, 14);
ABI_VAL(__HYPERVISOR_set_timer_op, 15);
ABI_VAL(__HYPERVISOR_event_channel_op_compat, 16);
ABI_VAL(__HYPERVISOR_xen_version, 17);
ABI_VAL(__HYPERVISOR_console_io, 18);
ABI_VAL(__HYPERVISOR_physdev_op_compat, 19);
ABI_VAL(__HYPERVISOR_grant_table_op, 20);
ABI_VAL(__HYPERVISOR_vm_assist, 21);
ABI_VAL(__HYPERVISOR_update_va_mapping_otherdomain, 22);
ABI_VAL(__HYPERVISOR_iret, 23);
ABI_VAL(__HYPERVISOR_vcpu_op, 24);
ABI_VAL(__HYPERVISOR_set_segment_base, 25);
ABI_VAL(__HYPERVISOR_mmuext_op, 26);
ABI_VAL(__HYPERVISOR_xsm_op, 27);
ABI_VAL(__HYPERVISOR_nmi_op, 28);
ABI_VAL(__HYPERVISOR_sched_op, 29);
ABI_VAL(__HYPERVISOR_callback_op, 30);
ABI_VAL(__HYPERVISOR_xenoprof_op, 31);
ABI_VAL(__HYPERVISOR_event_channel_op, 32);
ABI_VAL(__HYPERVISOR_physdev_op, 33);
ABI_VAL(__HYPERVISOR_hvm_op, 34);
ABI_VAL(__HYPERVISOR_sysctl, 35);
ABI_VAL(__HYPERVISOR_domctl, 36);
ABI_VAL(__HYPERVISOR_kexec_op, 37);
ABI_VAL(__HYPERVISOR_tmem_op, 38);
ABI_VAL(__HYPERVISOR_argo_op, 39);
ABI_VAL(__HYPERVISOR_xenpmu_op, 40);
ABI_VAL(__HYPERVISOR_dm_op, 41);
ABI_VAL(__HYPERVISOR_hypfs_op, 42);
ABI_VAL(__HYPERVISOR_arch_0, 48);
ABI_VAL(__HYPERVISOR_arch_1, 49);
ABI_VAL(__HYPERVISOR_arch_2, 50);
ABI_VAL(__HYPERVISOR_arch_3, 51);
ABI_VAL(__HYPERVISOR_arch_4, 52);
ABI_VAL(__HYPERVISOR_arch_5, 53);
ABI_VAL(__HYPERVISOR_arch_6, 54);
ABI_VAL(__HYPERVISOR_arch_7, 55);
ABI_VAL(VIRQ_TIMER, 0);
ABI_VAL(VIRQ_DEBUG, 1);
ABI_VAL(VIRQ_CONSOLE, 2);
ABI_VAL(VIRQ_DOM_EXC, 3);
ABI_VAL(VIRQ_TBUF, 4);
ABI_VAL(VIRQ_DEBUGGER, 6);
ABI_VAL(VIRQ_XENOPROF, 7);
ABI_VAL(VIRQ_CON_RING, 8);
ABI_VAL(VIRQ_PCPU_STATE, 9);
ABI_VAL(VIRQ_MEM_EVENT, 10);
ABI_VAL(VIRQ_ARGO, 11);
ABI_VAL(VIRQ_ENOMEM, 12);
ABI_VAL(VIRQ_XENPMU, 13);
ABI_VAL(VIRQ_ARCH_0, 16);
ABI_VAL(VIRQ_ARCH_1, 17);
ABI_VAL(VIRQ_ARCH_2, 18);
ABI_VAL(VIRQ_ARCH_3, 19);
ABI_VAL(VIRQ_ARCH_4, 20);
ABI_VAL(VIRQ_ARCH_5, 21);
ABI_VAL(VIRQ_ARCH_6, 22);
ABI_VAL(VIRQ_ARCH_7, 23);
ABI_VAL(NR_VIRQS, 24);
ABI_VAL(MMU_NORMAL_PT_UPDATE, 0);
ABI_VAL(MMU_MACHPHYS_UPDATE, 1);
ABI_VAL(MMU_PT_UPDATE_PRESERVE_AD, 2);
ABI_VAL(MMU_PT_UPDATE_NO_TRANSLATE, 3);
ABI_VAL(MMUEXT_PIN_L1_TABLE, 0);
ABI_VAL(MMUEXT_PIN_L2_TABLE, 1);
ABI_VAL(MMUEXT_PIN_L3_TABLE, 2);
ABI_VAL(MMUEXT_PIN_L4_TABLE, 3);
ABI_VAL(MMUEXT_UNPIN_TABLE, 4);
ABI_VAL(MMUEXT_NEW_BASEPTR, 5);
ABI_VAL(MMUEXT_TLB_FLUSH_LOCAL, 6);
ABI_VAL(MMUEXT_INVLPG_LOCAL, 7);
ABI_VAL(MMUEXT_TLB_FLUSH_MULTI, 8);
ABI_VAL(MMUEXT_INVLPG_MULTI, 9);
ABI_VAL(MMUEXT_TLB_FLUSH_ALL, 10);
ABI_VAL(MMUEXT_INVLPG_ALL, 11);
ABI_VAL(MMUEXT_FLUSH_CACHE, 12);
ABI_VAL(MMUEXT_SET_LDT, 13);
ABI_VAL(MMUEXT_NEW_USER_BASEPTR, 15);
ABI_VAL(MMUEXT_CLEAR_PAGE, 16);
ABI_VAL(MMUEXT_COPY_PAGE, 17);
ABI_VAL(MMUEXT_FLUSH_CACHE_GLOBAL, 18);
ABI_VAL(MMUEXT_MARK_SUPER, 19);
ABI_VAL(MMUEXT_UNMARK_SUPER, 20);
ABI_VAL(UVMF_NONE, 0);
ABI_VAL(UVMF_TLB_FLUSH, 1);
ABI_VAL(UVMF_INVLPG, 2);
ABI_VAL(UVMF_FLUSHTYPE_MASK, 3);
ABI_VAL(UVMF_MULTI, 0);
ABI_VAL(UVMF_LOCAL, 0);
ABI_VAL(UVMF_ALL, 4);
ABI_VAL(CONSOLEIO_write, 0);
ABI_VAL(CONSOLEIO_read, 1);
ABI_VAL(VMASST_CMD_enable, 0);
ABI_VAL(VMASST_CMD_disable, 1);
ABI_VAL(VMASST_TYPE_4gb_segments, 0);
ABI_VAL(VMASST_TYPE_4gb_segments_notify, 1);
ABI_VAL(VMASST_TYPE_writable_pagetables, 2);
ABI_VAL(VMASST_TYPE_pae_extended_cr3, 3);
ABI_VAL(VMASST_TYPE_architectural_iopl, 4);
ABI_VAL(VMASST_TYPE_runstate_update_flag, 5);
ABI_VAL(VMASST_TYPE_m2p_strict, 32);
ABI_VAL(DOMID_FIRST_RESERVED, 32752);
ABI_VAL(DOMID_SELF, 32752);
ABI_VAL(DOMID_IO, 32753);
ABI_VAL(DOMID_XEN, 32754);
ABI_VAL(DOMID_COW, 32755);
ABI_VAL(DOMID_INVALID, 32756);
ABI_VAL(DOMID_IDLE, 32767);
ABI_VAL(DOMID_MASK, 32767);
ABI_VAL(XEN_PVCLOCK_TSC_STABLE_BIT, 1);
ABI_VAL(XEN_PVCLOCK_GUEST_STOPPED, 2);
ABI_VAL(MAX_GUEST_CMDLINE, 1024);
ABI_VAL(SIF_PRIVILEGED, 1);
ABI_VAL(SIF_INITDOMAIN, 2);
ABI_VAL(SIF_MULTIBOOT_MOD, 4);
ABI_VAL(SIF_MOD_START_PFN, 8);
ABI_VAL(SIF_VIRT_P2M_4TOOLS, 16);
ABI_VAL(SIF_PM_MASK, 65280);
ABI_VAL(XEN_VGATYPE_TEXT_MODE_3, 3);
ABI_VAL(XEN_VGATYPE_VESA_LFB, 35);
ABI_VAL(XEN_VGATYPE_EFI_LFB, 112);

/* enum */
ABI_VAL(XS_CONTROL, 0);
ABI_VAL(XS_DIRECTORY, 1);
ABI_VAL(XS_READ, 2);
ABI_VAL(XS_GET_PERMS, 3);
ABI_VAL(XS_WATCH, 4);
ABI_VAL(XS_UNWATCH, 5);
ABI_VAL(XS_TRANSACTION_START, 6);
ABI_VAL(XS_TRANSACTION_END, 7);
ABI_VAL(XS_INTRODUCE, 8);
ABI_VAL(XS_RELEASE, 9);
ABI_VAL(XS_GET_DOMAIN_PATH, 10);
ABI_VAL(XS_WRITE, 11);
ABI_VAL(XS_MKDIR, 12);
ABI_VAL(XS_RM, 13);
ABI_VAL(XS_SET_PERMS, 14);
ABI_VAL(XS_WATCH_EVENT, 15);
ABI_VAL(XS_ERROR, 16);
ABI_VAL(XS_IS_DOMAIN_INTRODUCED, 17);
ABI_VAL(XS_RESUME, 18);
ABI_VAL(XS_SET_TARGET, 19);
ABI_VAL(XS_RESET_WATCHES, 21);
ABI_VAL(XS_DIRECTORY_PART, 22);
ABI_VAL(XS_TYPE_COUNT, 23);
ABI_VAL(XS_INVALID, 65535);
ABI_VAL(XS_WATCH_PATH, 0);
ABI_VAL(XS_WATCH_TOKEN, 1);
ABI_VAL(HVMMEM_ram_rw, 0);
ABI_VAL(HVMMEM_ram_ro, 1);
ABI_VAL(HVMMEM_mmio_dm, 2);
ABI_VAL(HVMMEM_unused, 3);
ABI_VAL(HVMMEM_ioreq_server, 4);

/* Values that Xen hides behind __XEN__ or old interface versions. */
ABI_VAL(XEN_EINTR, 4);
ABI_VAL(XEN_ERESTART, 85);
ABI_VAL(HVMOP_set_pci_intx_level, 2);
ABI_VAL(HVMOP_set_isa_irq_level, 3);
ABI_VAL(HVMOP_set_pci_link_route, 4);

/* Give the translation unit something to define. */
int abi_check_passed = 1;

/* ---- domctl / sysctl (interface version 0x15), the parts implemented ---- */
ABI_SIZE(struct xen_domctl, 144);
ABI_OFF(struct xen_domctl, interface_version, 4);
ABI_OFF(struct xen_domctl, domain, 8);
ABI_OFF(struct xen_domctl, u, 16);
ABI_SIZE(struct xen_domctl_getdomaininfo, 112);
ABI_OFF(struct xen_domctl_getdomaininfo, flags, 4);
ABI_OFF(struct xen_domctl_getdomaininfo, tot_pages, 8);
ABI_OFF(struct xen_domctl_getdomaininfo, max_pages, 16);
ABI_OFF(struct xen_domctl_getdomaininfo, shared_info_frame, 48);
ABI_OFF(struct xen_domctl_getdomaininfo, cpu_time, 56);
ABI_OFF(struct xen_domctl_getdomaininfo, nr_online_vcpus, 64);
ABI_OFF(struct xen_domctl_getdomaininfo, max_vcpu_id, 68);
ABI_OFF(struct xen_domctl_getdomaininfo, handle, 76);
ABI_OFF(struct xen_domctl_getdomaininfo, cpupool, 92);
ABI_OFF(struct xen_domctl_getdomaininfo, gpaddr_bits, 96);
ABI_OFF(struct xen_domctl_getdomaininfo, arch_config, 104);
ABI_SIZE(struct xen_domctl_getvcpuinfo, 24);
ABI_OFF(struct xen_domctl_getvcpuinfo, online, 4);
ABI_OFF(struct xen_domctl_getvcpuinfo, cpu_time, 8);
ABI_OFF(struct xen_domctl_getvcpuinfo, cpu, 16);
ABI_SIZE(struct xen_domctl_scheduler_op, 24);
ABI_OFF(struct xen_domctl_scheduler_op, u, 8);
ABI_SIZE(struct xen_domctl_sched_credit, 4);
ABI_SIZE(struct xen_domctl_max_mem, 8);
ABI_SIZE(struct xen_domctl_vcpucontext, 16);
ABI_OFF(struct xen_domctl_vcpucontext, ctxt, 8);
ABI_SIZE(struct xen_domctl_hypercall_init, 8);
ABI_VAL(XEN_DOMCTL_setvcpucontext, 12);
ABI_VAL(XEN_DOMCTL_getvcpucontext, 13);
ABI_VAL(XEN_DOMCTL_hypercall_init, 22);
ABI_SIZE(struct xen_sysctl, 136);
ABI_OFF(struct xen_sysctl, u, 8);
ABI_SIZE(struct xen_sysctl_physinfo, 112);
ABI_OFF(struct xen_sysctl_physinfo, total_pages, 40);
ABI_OFF(struct xen_sysctl_physinfo, free_pages, 48);
ABI_OFF(struct xen_sysctl_physinfo, max_mfn, 72);
ABI_OFF(struct xen_sysctl_physinfo, hw_cap, 80);
ABI_OFF(struct xen_sysctl_physinfo, cpu_khz, 24);
ABI_SIZE(struct xen_sysctl_getdomaininfolist, 24);
ABI_OFF(struct xen_sysctl_getdomaininfolist, max_domains, 4);
ABI_OFF(struct xen_sysctl_getdomaininfolist, buffer, 8);
ABI_VAL(XEN_DOMCTL_INTERFACE_VERSION, 0x15);
ABI_VAL(XEN_SYSCTL_INTERFACE_VERSION, 0x15);
ABI_VAL(XEN_DOMCTL_setnodeaffinity, 68);
ABI_VAL(XEN_DOMCTL_getnodeaffinity, 69);
ABI_SIZE(struct xen_domctl_createdomain, 64);
ABI_OFF(struct xen_domctl_createdomain, handle, 4);
ABI_OFF(struct xen_domctl_createdomain, flags, 20);
ABI_OFF(struct xen_domctl_createdomain, grant_opts, 44);
ABI_OFF(struct xen_domctl_createdomain, cpupool_id, 52);
ABI_OFF(struct xen_domctl_createdomain, arch, 56);
ABI_SIZE(struct xen_domctl_setdomainhandle, 16);
ABI_SIZE(struct xen_domctl_settimeoffset, 8);
ABI_SIZE(struct xen_domctl_address_size, 4);
ABI_SIZE(struct xen_domctl_nodeaffinity, 16);
ABI_SIZE(struct xen_domctl_vcpuaffinity, 40);
ABI_OFF(struct xen_domctl_vcpuaffinity, cpumap_hard, 8);
ABI_OFF(struct xen_domctl_vcpuaffinity, cpumap_soft, 24);
ABI_SIZE(struct xenctl_bitmap, 16);
ABI_OFF(struct xenctl_bitmap, nr_bits, 8);
ABI_SIZE(struct xen_domctl_irq_permission, 8);
ABI_SIZE(struct xen_domctl_iomem_permission, 24);
ABI_OFF(struct xen_domctl_iomem_permission, allow_access, 16);
ABI_SIZE(struct xen_domctl_ioport_permission, 12);
ABI_OFF(struct xen_domctl_ioport_permission, allow_access, 8);
ABI_SIZE(struct xen_sysctl_readconsole, 24);
ABI_OFF(struct xen_sysctl_readconsole, index, 4);
ABI_OFF(struct xen_sysctl_readconsole, buffer, 8);
ABI_OFF(struct xen_sysctl_readconsole, count, 16);
ABI_SIZE(struct xen_sysctl_getcpuinfo, 24);
ABI_OFF(struct xen_sysctl_getcpuinfo, info, 8);
ABI_OFF(struct xen_sysctl_getcpuinfo, nr_cpus, 16);
ABI_SIZE(struct xen_sysctl_cpuinfo, 8);
ABI_SIZE(struct xen_sysctl_cputopoinfo, 16);
ABI_OFF(struct xen_sysctl_cputopoinfo, cputopo, 8);
ABI_SIZE(struct xen_sysctl_cputopo, 12);
ABI_SIZE(struct xen_sysctl_numainfo, 24);
ABI_OFF(struct xen_sysctl_numainfo, meminfo, 8);
ABI_OFF(struct xen_sysctl_numainfo, distance, 16);
ABI_SIZE(struct xen_sysctl_meminfo, 16);
ABI_VAL(XEN_SYSCTL_PHYSCAP_MAX, 1U << 9);
ABI_OFF(struct xen_sysctl_getdomaininfolist, num_domains, 16);
ABI_VAL(XEN_SYSCTL_PHYSCAP_pv, 2);
ABI_VAL(XEN_SYSCTL_PHYSCAP_hvm, 1);
ABI_VAL(XEN_SYSCTL_PHYSCAP_directio, 4);
ABI_VAL(XEN_SYSCTL_PHYSCAP_hap, 8);
ABI_VAL(XEN_SYSCTL_PHYSCAP_shadow, 16);
ABI_VAL(XEN_SYSCTL_PHYSCAP_iommu_hap_pt_share, 32);
ABI_VAL(XEN_SYSCTL_PHYSCAP_vmtrace, 64);
ABI_VAL(XEN_SYSCTL_PHYSCAP_vpmu, 128);
ABI_VAL(XEN_SYSCTL_PHYSCAP_gnttab_v1, 256);
ABI_VAL(XEN_SYSCTL_PHYSCAP_gnttab_v2, 512);
ABI_VAL(__HYPERVISOR_domctl, 36);
ABI_VAL(__HYPERVISOR_sysctl, 35);
ABI_SIZE(struct xen_domctl_createdomain, 64);
ABI_OFF(struct xen_domctl_createdomain, flags, 20);
ABI_OFF(struct xen_domctl_createdomain, max_vcpus, 28);
ABI_OFF(struct xen_domctl_createdomain, max_grant_frames, 36);
ABI_OFF(struct xen_domctl_createdomain, grant_opts, 44);
ABI_OFF(struct xen_domctl_createdomain, cpupool_id, 52);
ABI_OFF(struct xen_domctl_createdomain, arch, 56);
ABI_VAL(XEN_DOMCTL_CDF_vpmu, 128);
ABI_VAL(XEN_DOMCTL_CDF_xs_domain, 16);
ABI_SIZE(struct xen_domctl_max_vcpus, 4);
