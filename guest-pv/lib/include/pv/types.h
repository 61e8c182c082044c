/*
 * types.h - basic types for the freestanding PV test library.
 *
 * Only the compiler's own freestanding headers are used (-nostdinc with
 * -isystem pointing at gcc's include directory).
 */
#ifndef PV_TYPES_H
#define PV_TYPES_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pv/compiler.h>

#define PAGE_SHIFT  12
#define PAGE_SIZE   (1UL << PAGE_SHIFT)
#define PAGE_MASK   (~(PAGE_SIZE - 1))

#endif /* PV_TYPES_H */
