/*
 * hypercall-page.c - hypercalls through the hypercall page, then `syscall`.
 *
 * The image names hypercall_page in XEN_ELFNOTE_HYPERCALL_PAGE, so the
 * builder must have filled it.  The suite runs through the page and
 * again with a bare `syscall`, which a PV kernel may use at any time.
 */
#include "hypercall-suite.h"

const char test_title[] = "hypercall-page: the hypercall page, then syscall";

static void show_stub(unsigned int nr)
{
    const uint8_t *p = &hypercall_page[nr * 32];

    xtest_info("stub %2u: %02x %02x %02x %02x %02x %02x %02x %02x %02x %02x "
               "%02x %02x %02x %02x", nr, p[0], p[1], p[2], p[3], p[4], p[5],
               p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13]);
}

void test_main(void)
{
    if ( !check(hypercall_page_filled(), "the hypercall page is empty") )
        return;
    show_stub(__HYPERVISOR_xen_version);
    show_stub(__HYPERVISOR_iret);

    hypercall_set_mode(HYPERCALL_VIA_PAGE);
    hypercall_suite();
    hypercall_set_mode(HYPERCALL_VIA_SYSCALL);
    hypercall_suite();
}
