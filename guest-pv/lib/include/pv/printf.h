/*
 * printf.h - formatted output for PV test kernels.
 *
 * Supported conversions: %d %i %u %x %X %o %p %s %c %%, flags '-' '0' '#'
 * ' ' '+', a width (number or '*'), a precision for %s and integers, and
 * the length modifiers hh h l ll z t j.
 */
#ifndef PV_PRINTF_H
#define PV_PRINTF_H

#include <pv/types.h>

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Print to the console (see console.h).  Returns the characters printed. */
int vprintf(const char *fmt, va_list ap);
int printf(const char *fmt, ...) __printf(1, 2);

#endif /* PV_PRINTF_H */
