/*
 * Copying to and from guest memory.
 *
 * A guest pointer is a virtual address in the current guest's address
 * space (the hypervisor runs on the guest's page tables while it serves
 * the guest).  Every copy checks that the range lies outside the
 * hypervisor's reserved area and survives faults: an unmapped or
 * read-only guest page makes the copy stop short, never crash.
 *
 * Arch contract (x86: arch/x86/usercopy.c):
 *   unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n);
 *   unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n);
 *     Return the number of bytes NOT copied (0 on success).
 *   bool guest_range_ok(const void *p, unsigned long n);
 *     True if [p, p+n) is entirely guest-accessible address space.
 */
#ifndef XEN_GUEST_ACCESS_H
#define XEN_GUEST_ACCESS_H

#include <xen/types.h>
#include <xen/errno.h>

unsigned long raw_copy_to_guest(void *to, const void *from, unsigned long n);
unsigned long raw_copy_from_guest(void *to, const void *from, unsigned long n);
bool guest_range_ok(const void *p, unsigned long n);

/* 0 on success, -EFAULT if any byte could not be copied. */
static inline int copy_to_guest_ptr(void *to, const void *from, unsigned long n)
{
    if ( !guest_range_ok(to, n) )
        return -EFAULT;
    return raw_copy_to_guest(to, from, n) ? -EFAULT : 0;
}

static inline int copy_from_guest_ptr(void *to, const void *from, unsigned long n)
{
    if ( !guest_range_ok(from, n) )
        return -EFAULT;
    return raw_copy_from_guest(to, from, n) ? -EFAULT : 0;
}

/* Handles (XEN_GUEST_HANDLE(type)) carry a typed pointer in .p. */
#define guest_handle_is_null(h) ((h).p == NULL)
#define guest_handle_add_offset(h, n) ((h).p += (n))
#define copy_from_guest_offset(dst, h, off, nr) \
    copy_from_guest_ptr(dst, (h).p + (off), sizeof(*(h).p) * (nr))
#define copy_to_guest_offset(h, off, src, nr) \
    copy_to_guest_ptr((h).p + (off), src, sizeof(*(h).p) * (nr))
#define copy_from_guest(dst, h, nr) copy_from_guest_offset(dst, h, 0, nr)
#define copy_to_guest(h, src, nr) copy_to_guest_offset(h, 0, src, nr)
/* Copy one field of a structure back (e.g. an OUT member). */
#define copy_field_to_guest(h, src, field) \
    copy_to_guest_ptr(&(h).p->field, &(src)->field, sizeof((src)->field))

#endif /* XEN_GUEST_ACCESS_H */
