/*
 * printf.c - printf to the console, formatted by vsnprintf.
 *
 * Lines longer than the buffer are cut (and marked with "...") rather
 * than allocated for: the library has no heap.
 */
#include <pv/printf.h>
#include <pv/console.h>

#define PRINTF_BUF 1024

int vprintf(const char *fmt, va_list ap)
{
    char buf[PRINTF_BUF];
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    size_t len = n < (int)sizeof(buf) ? (size_t)n : sizeof(buf) - 1;

    console_write(buf, len);
    if ( (size_t)n > len )
        console_write("...\n", 4);
    return n;
}

int printf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vprintf(fmt, ap);
    va_end(ap);
    return n;
}
