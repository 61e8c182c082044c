/*
 * compiler.h - small compiler helpers shared by the PV test library.
 *
 * Attribute shorthands, array/stringify helpers and alignment macros.
 * Nothing here depends on the hypervisor ABI.
 */
#ifndef PV_COMPILER_H
#define PV_COMPILER_H

#define __noreturn          __attribute__((__noreturn__))
#define __used              __attribute__((__used__))
#define __unused            __attribute__((__unused__))
#define __aligned(n)        __attribute__((__aligned__(n)))
#define __section(s)        __attribute__((__section__(s)))
#define __packed            __attribute__((__packed__))
#define __printf(f, a)      __attribute__((__format__(__printf__, f, a)))
#define __weak              __attribute__((__weak__))

#define likely(x)           __builtin_expect(!!(x), 1)
#define unlikely(x)         __builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)       (sizeof(a) / sizeof((a)[0]))

#define __STR(x)            #x
#define STR(x)              __STR(x)

#define ROUNDUP(x, a)       (((x) + (a) - 1) & ~((__typeof__(x))(a) - 1))
#define ROUNDDOWN(x, a)     ((x) & ~((__typeof__(x))(a) - 1))
#define IS_ALIGNED(x, a)    (((x) & ((__typeof__(x))(a) - 1)) == 0)

#define barrier()           __asm__ __volatile__ ("" ::: "memory")

/* Force exactly one access of the given width (no tearing or merging). */
#define ACCESS_ONCE(x)      (*(volatile __typeof__(x) *)&(x))

#endif /* PV_COMPILER_H */
