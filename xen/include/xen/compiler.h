/*
 * Compiler helpers: attributes, branch hints and the barriers that stop the
 * compiler (not the CPU) from reordering or caching memory accesses.
 */
#ifndef XEN_COMPILER_H
#define XEN_COMPILER_H

#define likely(x)       __builtin_expect(!!(x), 1)
#define unlikely(x)     __builtin_expect(!!(x), 0)

#define __packed        __attribute__((__packed__))
#define __aligned(a)    __attribute__((__aligned__(a)))
#define __section(s)    __attribute__((__section__(s)))
#define __used          __attribute__((__used__))
#define __unused        __attribute__((__unused__))
#define __noreturn      __attribute__((__noreturn__))
#define __noinline      __attribute__((__noinline__))
#ifndef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#endif
#define __printf(a, b)  __attribute__((__format__(__printf__, a, b)))
#define __must_check    __attribute__((__warn_unused_result__))

#define barrier()       __asm__ __volatile__ ("" ::: "memory")

/* Force exactly one access of the given width: no tearing, no caching. */
#define READ_ONCE(x)     (*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#define container_of(ptr, type, member) \
    ((type *)((char *)(ptr) - __builtin_offsetof(type, member)))

#endif /* XEN_COMPILER_H */
