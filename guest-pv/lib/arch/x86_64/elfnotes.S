/*
 * elfnotes.S - the "Xen" ELF notes describing this kernel to the builder.
 *
 * The linker script gathers them into a PT_NOTE segment.  The builder
 * of Xen 4.17 refuses to run a kernel as dom0 unless SUPPORTED_FEATURES
 * has the XENFEAT_dom0 bit.  Built twice: normally with the
 * HYPERCALL_PAGE note, and with -DPV_NO_HYPERCALL_PAGE for images that,
 * like Linux 6.1, make hypercalls with `syscall` only; and with -DPV_PVH
 * for PVH kernels, which are entered at PHYS32_ENTRY (pvh_head.S) and
 * have their hypercall page written through an MSR instead.
 */
#include <public/elfnote.h>
#include <public/features.h>
#include <pv/kernel.h>

/* One note: name "Xen", given type, payload emitted by the caller. */
.macro note_begin type
    .balign 4
    .long   2f - 1f             /* namesz */
    .long   4f - 3f             /* descsz */
    .long   \type
1:  .asciz  "Xen"
2:  .balign 4
3:
.endm

.macro note_end
4:  .balign 4
.endm

.macro note_str type, text
    note_begin \type
    .asciz  "\text"
    note_end
.endm

.macro note_quad type, value
    note_begin \type
    .quad   \value
    note_end
.endm

    .section .note.Xen, "a", @note

    note_str  XEN_ELFNOTE_GUEST_OS,      "pvtest"
    note_str  XEN_ELFNOTE_GUEST_VERSION, "1"
    note_str  XEN_ELFNOTE_XEN_VERSION,   "xen-3.0"
    note_str  XEN_ELFNOTE_LOADER,        "generic"
    note_quad XEN_ELFNOTE_VIRT_BASE,     PV_VIRT_BASE
    note_quad XEN_ELFNOTE_PADDR_OFFSET,  0
#ifdef PV_PVH
    note_quad XEN_ELFNOTE_PHYS32_ENTRY,  pvh_start32-PV_VIRT_BASE
#else
    note_quad XEN_ELFNOTE_ENTRY,         _start
#endif
#if !defined(PV_NO_HYPERCALL_PAGE) && !defined(PV_PVH)
    note_quad XEN_ELFNOTE_HYPERCALL_PAGE, hypercall_page
#endif
    note_str  XEN_ELFNOTE_FEATURES,      ""
    note_str  XEN_ELFNOTE_PAE_MODE,      "yes"

    note_begin XEN_ELFNOTE_SUPPORTED_FEATURES
    .long   (1 << XENFEAT_dom0)
    note_end
