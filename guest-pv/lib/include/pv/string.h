/*
 * string.h - the few C string and memory routines the library provides.
 */
#ifndef PV_STRING_H
#define PV_STRING_H

#include <pv/types.h>

void *memset(void *s, int c, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
/* Copy at most size-1 characters and always terminate; returns strlen(src). */
size_t strlcpy(char *dst, const char *src, size_t size);
/* Parse an unsigned number (base 0 = auto: 0x.. hex, 0.. octal, else decimal). */
unsigned long strtoul(const char *s, const char **end, int base);

#endif /* PV_STRING_H */
