/*
 * hypercall.c - choosing how hypercalls are made (page or `syscall`).
 */
#include <pv/hypercall.h>

/* A byte so that entry.S can test it with a single cmpb. */
uint8_t hypercall_via_syscall;

void hypercall_set_mode(enum hypercall_mode mode)
{
    hypercall_via_syscall = (mode == HYPERCALL_VIA_SYSCALL);
}

enum hypercall_mode hypercall_get_mode(void)
{
    return hypercall_via_syscall ? HYPERCALL_VIA_SYSCALL : HYPERCALL_VIA_PAGE;
}

const char *hypercall_mode_name(enum hypercall_mode mode)
{
    return mode == HYPERCALL_VIA_SYSCALL ? "syscall" : "hypercall page";
}

/*
 * The page is all zeroes in the image; any stub the hypervisor writes
 * starts with a non-zero byte, so checking the first few slots is enough.
 */
bool hypercall_page_filled(void)
{
    unsigned int i;

    for ( i = 0; i < 64; i++ )
        if ( hypercall_page[i] != 0 )
            return true;
    return false;
}
