/*
 * Numbers in the domain XML: decimal counts, memory units, UUIDs.
 * Every conversion refuses to wrap around rather than silently giving a
 * smaller guest than was asked for.
 */
#include <ctype.h>
#include <string.h>
#include "config-int.h"

/* A decimal count, surrounded by optional white space (the schema's
 * datatypes collapse it) and with an optional '+'.  0, or -1 when it is
 * not a number or does not fit 64 bits. */
int xl_parse_u64(const char *s, uint64_t *v)
{
    uint64_t acc = 0;

    while ( isspace((unsigned char)*s) )
        s++;
    if ( *s == '+' )
        s++;
    if ( !isdigit((unsigned char)*s) )
        return -1;
    for ( ; isdigit((unsigned char)*s); s++ )
        if ( __builtin_mul_overflow(acc, 10, &acc) ||
             __builtin_add_overflow(acc, (uint64_t)(*s - '0'), &acc) )
            return -1;
    while ( isspace((unsigned char)*s) )
        s++;
    if ( *s )
        return -1;
    *v = acc;
    return 0;
}

struct unit {
    const char *name;
    uint64_t bytes;
};

/* libvirt's table: the decimal units are powers of 1000, the bare letters
 * and the "i" forms are powers of 1024. */
static const struct unit units[] = {
    { "b", 1 }, { "bytes", 1 },
    { "KB", 1000ULL }, { "k", 1ULL << 10 }, { "KiB", 1ULL << 10 },
    { "MB", 1000000ULL }, { "M", 1ULL << 20 }, { "MiB", 1ULL << 20 },
    { "GB", 1000000000ULL }, { "G", 1ULL << 30 }, { "GiB", 1ULL << 30 },
    { "TB", 1000000000000ULL }, { "T", 1ULL << 40 }, { "TiB", 1ULL << 40 },
};

/* VALUE in UNIT (NULL: KiB, libvirt's default) as KiB, rounded up as
 * libvirt does.  -1 for an unknown unit, -2 for more than 2^64 - 1 bytes. */
int xl_size_to_kib(uint64_t value, const char *unit, uint64_t *kib)
{
    uint64_t bytes;
    size_t i;

    if ( !unit )
        unit = "KiB";
    for ( i = 0; i < sizeof(units) / sizeof(units[0]); i++ )
        if ( !strcmp(unit, units[i].name) )
            break;
    if ( i == sizeof(units) / sizeof(units[0]) )
        return -1;
    if ( __builtin_mul_overflow(value, units[i].bytes, &bytes) )
        return -2;
    /* Round up without computing bytes + 1023, which could wrap. */
    *kib = bytes / 1024 + (bytes % 1024 != 0);
    return 0;
}

static int hexval(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    c = (char)tolower((unsigned char)c);
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* 32 hex digits, dashes anywhere between pairs ignored (the schema has
 * already pinned down where they may be).  0 or -1. */
int xl_parse_uuid(const char *s, uint8_t uuid[16])
{
    uint8_t tmp[16];
    int n = 0;

    while ( isspace((unsigned char)*s) )
        s++;
    while ( n < 32 && *s )
    {
        int h = hexval(*s);

        if ( h < 0 )
        {
            if ( *s != '-' || n % 2 )
                return -1;
            s++;
            continue;
        }
        tmp[n / 2] = (uint8_t)(n % 2 ? (tmp[n / 2] << 4) | h : h);
        n++;
        s++;
    }
    while ( isspace((unsigned char)*s) )
        s++;
    if ( n != 32 || *s )
        return -1;
    memcpy(uuid, tmp, sizeof(tmp));
    return 0;
}
