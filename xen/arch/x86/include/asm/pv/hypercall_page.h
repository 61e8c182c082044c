/*
 * The hypercall transfer page a 64-bit PV kernel may ask for
 * (XEN_ELFNOTE_HYPERCALL_PAGE, or the hypercall MSR of later builders).
 */
#ifndef ASM_X86_PV_HYPERCALL_PAGE_H
#define ASM_X86_PV_HYPERCALL_PAGE_H

/*
 * Fill the 4 KiB page at va (a hypervisor mapping of the guest's frame)
 * with one 32-byte stub per hypercall number: the guest calls
 * hypercall_page + 32 * nr.
 */
void pv_write_hypercall_page(void *va);

#endif /* ASM_X86_PV_HYPERCALL_PAGE_H */
