/*
 * Freestanding string and memory routines.  The compiler may emit calls to
 * memcpy/memset/memmove/memcmp itself, so these must exist with exactly the
 * C library's semantics.
 */
#include <xen/string.h>

/*
 * Bulk in 8-byte steps, then the tail in bytes.  Under emulation (QEMU
 * TCG) every iteration of a string instruction costs about the same
 * whatever its width, so quadwords move a page four times faster than
 * bytes; on hardware both are fast-string operations.
 */
void *memcpy(void *dst, const void *src, size_t n)
{
    void *ret = dst;
    size_t quads = n / 8, tail = n % 8;

    __asm__ volatile ( "rep movsq"
                       : "+D" (dst), "+S" (src), "+c" (quads) :: "memory" );
    __asm__ volatile ( "rep movsb"
                       : "+D" (dst), "+S" (src), "+c" (tail) :: "memory" );
    return ret;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d <= s || d >= s + n )
        return memcpy(dst, src, n);
    /* Overlap with the destination above: copy backwards. */
    while ( n-- )
        d[n] = s[n];
    return dst;
}

void *memset(void *s, int c, size_t n)
{
    void *ret = s;
    size_t quads = n / 8, tail = n % 8;
    unsigned long pattern = (unsigned char)c * 0x0101010101010101UL;

    __asm__ volatile ( "rep stosq"
                       : "+D" (s), "+c" (quads) : "a" (pattern) : "memory" );
    __asm__ volatile ( "rep stosb"
                       : "+D" (s), "+c" (tail) : "a" (pattern) : "memory" );
    return ret;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *p = a, *q = b;

    for ( ; n; n--, p++, q++ )
        if ( *p != *q )
            return *p - *q;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;
    return NULL;
}

size_t strlen(const char *s)
{
    const char *p = s;

    while ( *p )
        p++;
    return p - s;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            last = s;
        if ( !*s )
            return (char *)last;
    }
}

char *strstr(const char *hay, const char *needle)
{
    size_t n = strlen(needle);

    for ( ; *hay; hay++ )
        if ( !strncmp(hay, needle, n) )
            return (char *)hay;
    return n ? NULL : (char *)hay;
}

/* Copy with truncation; always terminates when size > 0. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

size_t strlcat(char *dst, const char *src, size_t size)
{
    size_t dlen = strnlen(dst, size);

    if ( dlen == size )
        return size + strlen(src);
    return dlen + strlcpy(dst + dlen, src, size - dlen);
}
