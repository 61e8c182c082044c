/*
 * Basic scalar types used throughout the hypervisor.  Fixed-width types come
 * from the compiler's freestanding <stdint.h>; the short Linux-style aliases
 * exist because register and descriptor code reads better with them.
 */
#ifndef XEN_TYPES_H
#define XEN_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t  u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t   s8;
typedef int16_t  s16;
typedef int32_t  s32;
typedef int64_t  s64;

typedef unsigned long paddr_t;   /* a machine (host-physical) address */
typedef unsigned long vaddr_t;   /* a hypervisor virtual address */
typedef int64_t s_time_t;        /* system time in nanoseconds since boot */

#define PRIpaddr "016lx"

#endif /* XEN_TYPES_H */
