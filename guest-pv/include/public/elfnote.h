/* SPDX-License-Identifier: MIT */
/*
 * ELF note types a PV kernel image uses to describe itself to the domain
 * builder.  The notes live in a PT_NOTE segment with owner name "Xen".
 * Each comment gives the type of the note's payload.
 */

#ifndef PUBLIC_ELFNOTE_H
#define PUBLIC_ELFNOTE_H

#define XEN_ELFNOTE_INFO                0   /* unused (empty) */
#define XEN_ELFNOTE_ENTRY               1   /* integer: virtual entry point */
#define XEN_ELFNOTE_HYPERCALL_PAGE      2   /* integer: va of hypercall page */
#define XEN_ELFNOTE_VIRT_BASE           3   /* integer: va where image is based */
#define XEN_ELFNOTE_PADDR_OFFSET        4   /* integer: va - paddr of segments */
#define XEN_ELFNOTE_XEN_VERSION         5   /* string: required "xen-3.0" */
#define XEN_ELFNOTE_GUEST_OS            6   /* string: e.g. "linux" */
#define XEN_ELFNOTE_GUEST_VERSION       7   /* string: kernel version */
#define XEN_ELFNOTE_LOADER              8   /* string: "generic" */
#define XEN_ELFNOTE_PAE_MODE            9   /* string: "yes"/"no"/"bimodal" */
#define XEN_ELFNOTE_FEATURES            10  /* string: '|' list of XENFEAT names; '!' = required */
#define XEN_ELFNOTE_BSD_SYMTAB          11  /* string: "yes" to load symbols */
#define XEN_ELFNOTE_HV_START_LOW        12  /* integer: 32-bit only */
#define XEN_ELFNOTE_L1_MFN_VALID        13  /* integer pair: PTE mask, value */
#define XEN_ELFNOTE_SUSPEND_CANCEL      14  /* integer: supports cancelled suspend */
#define XEN_ELFNOTE_INIT_P2M            15  /* integer: va for the P2M list */
#define XEN_ELFNOTE_MOD_START_PFN       16  /* integer: accepts SIF_MOD_START_PFN */
#define XEN_ELFNOTE_SUPPORTED_FEATURES  17  /* 32-bit bitmap of XENFEAT_* */
#define XEN_ELFNOTE_PHYS32_ENTRY        18  /* integer: PVH 32-bit entry */

/* Highest "ordinary" note type. */
#define XEN_ELFNOTE_MAX                 XEN_ELFNOTE_PHYS32_ENTRY

/* Notes written into crash dumps (kexec / xendump). */
#define XEN_ELFNOTE_CRASH_INFO          0x1000001
#define XEN_ELFNOTE_CRASH_REGS          0x1000002

/* Notes in a domain core dump ("Xen" owner). */
#define XEN_ELFNOTE_DUMPCORE_NONE           0x2000000
#define XEN_ELFNOTE_DUMPCORE_HEADER         0x2000001
#define XEN_ELFNOTE_DUMPCORE_XEN_VERSION    0x2000002
#define XEN_ELFNOTE_DUMPCORE_FORMAT_VERSION 0x2000003

#endif /* PUBLIC_ELFNOTE_H */
