/*
 * hypercall_page.S - the page the hypervisor fills with hypercall stubs.
 *
 * Its address is announced with XEN_ELFNOTE_HYPERCALL_PAGE.  It lives in
 * the text segment because it is executed; it starts out as zeroes so
 * the library can tell at run time whether the hypervisor wrote to it.
 */
    .section .text.hypercall_page, "ax", @progbits
    .balign 4096
    .globl hypercall_page
hypercall_page:
    .fill   4096, 1, 0
