/*
 * hypercall-direct.c - hypercalls with a bare `syscall`, no hypercall page.
 *
 * Linked without XEN_ELFNOTE_HYPERCALL_PAGE (NOPAGE_TESTS in the
 * Makefile), like Linux 6.1: the builder must accept such a dom0 and
 * leave our page untouched, and every hypercall, HYPERVISOR_iret
 * included, must work through `syscall`.
 */
#include "hypercall-suite.h"

const char test_title[] = "hypercall-direct: hypercalls via syscall only";

void test_main(void)
{
    check(!hypercall_page_filled(),
          "the hypervisor wrote to hypercall_page without a note naming it");
    check(hypercall_get_mode() == HYPERCALL_VIA_SYSCALL,
          "the library did not fall back to syscall");
    hypercall_set_mode(HYPERCALL_VIA_SYSCALL);
    hypercall_suite();
}
