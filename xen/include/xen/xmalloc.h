/*
 * xmalloc: the hypervisor's small-object allocator (common/xmalloc.c).
 *
 * xmalloc_bytes() returns memory aligned to at least 16 bytes (in fact to
 * the power of two the size rounds up to, up to a page); xmalloc_aligned()
 * takes an explicit power-of-two alignment of at most PAGE_SIZE.  Memory is
 * uninitialised unless an xz* variant is used.  All of them return NULL when
 * out of memory; a zero-byte request still returns a distinct, freeable
 * object.  xfree(NULL) does nothing.  Safe to call from any CPU, but not
 * from interrupt context (the lock is not irq-safe).
 *
 * The typed macros take alignment from the type and check the array size
 * multiplication for overflow (returning NULL).
 */
#ifndef XEN_XMALLOC_H
#define XEN_XMALLOC_H

#include <xen/types.h>

void *xmalloc_bytes(size_t size);
void *xzalloc_bytes(size_t size);
void *xmalloc_aligned(size_t size, size_t align);
void *xzalloc_aligned(size_t size, size_t align);
void xfree(void *p);

static inline void *_xmalloc_array(size_t size, size_t align, size_t num)
{
    if ( size && num > SIZE_MAX / size )
        return NULL;
    return xmalloc_aligned(size * num, align);
}

static inline void *_xzalloc_array(size_t size, size_t align, size_t num)
{
    if ( size && num > SIZE_MAX / size )
        return NULL;
    return xzalloc_aligned(size * num, align);
}

#define xmalloc(type) \
    ((type *)xmalloc_aligned(sizeof(type), __alignof__(type)))
#define xzalloc(type) \
    ((type *)xzalloc_aligned(sizeof(type), __alignof__(type)))
#define xmalloc_array(type, n) \
    ((type *)_xmalloc_array(sizeof(type), __alignof__(type), (n)))
#define xzalloc_array(type, n) \
    ((type *)_xzalloc_array(sizeof(type), __alignof__(type), (n)))

#endif /* XEN_XMALLOC_H */
