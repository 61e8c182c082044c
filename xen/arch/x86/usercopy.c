/*
 * Copies between the hypervisor and guest virtual memory.  The copy loop
 * has an exception-table fixup, so a guest page that is unmapped (or
 * read-only, for writes) ends the copy early instead of faulting the
 * hypervisor; the caller learns how many bytes were left.
 */
#include <xen/lib.h>
#include <xen/guest_access.h>
#include <asm/config.h>
#include <asm/asm-defns.h>
#include <asm/processor.h>
#include <asm/pv/mm.h>

bool pv_guest_range_ok(const void *p, unsigned long n)
{
    unsigned long s = (unsigned long)p, last = s + n - 1;

    if ( !n )
        return true;
    /* By the last byte, not the end: a range may end at the top of memory. */
    if ( last < s )
        return false;                         /* wraps around */
    /* Non-canonical addresses and the hypervisor's own range are off limits. */
    if ( s < HYPERVISOR_AREA_START && last >= 0x0000800000000000UL )
        return false;
    return last < 0x0000800000000000UL || s >= HYPERVISOR_AREA_END;
}

/* rep movsb with a fixup: returns the count left when a fault stopped it.
 * The only window in which the hypervisor may touch guest pages (SMAP). */
static unsigned long copy_with_fixup(void *to, const void *from, unsigned long n)
{
    stac();
    __asm__ volatile ( "1: rep movsb\n"
                       "2:\n"
                       _ASM_EXTABLE(1b, 2b)
                       : "+D" (to), "+S" (from), "+c" (n) :: "memory" );
    clac();
    return n;
}

unsigned long pv_copy_to_guest(void *to, const void *from, unsigned long n)
{
    return copy_with_fixup(to, from, n);
}

unsigned long pv_copy_from_guest(void *to, const void *from, unsigned long n)
{
    unsigned long left = copy_with_fixup(to, from, n);

    /* Never hand back stale hypervisor data in the uncopied tail. */
    if ( left )
        memset((char *)to + (n - left), 0, left);
    return left;
}
