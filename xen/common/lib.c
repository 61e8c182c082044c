/*
 * Number parsing used by the command-line parser and drivers.
 */
#include <xen/lib.h>

static int digit_value(char c)
{
    if ( c >= '0' && c <= '9' )
        return c - '0';
    if ( c >= 'a' && c <= 'z' )
        return c - 'a' + 10;
    if ( c >= 'A' && c <= 'Z' )
        return c - 'A' + 10;
    return 99;
}

/* base 0 means: "0x" prefix -> 16, leading "0" -> 8, else 10. */
unsigned long simple_strtoul(const char *s, const char **end, unsigned int base)
{
    unsigned long v = 0;
    int d;

    if ( base == 0 )
    {
        base = 10;
        if ( s[0] == '0' )
        {
            base = 8;
            if ( (s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16 )
            {
                base = 16;
                s += 2;
            }
        }
    }
    else if ( base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
        s += 2;

    while ( (d = digit_value(*s)) < (int)base )
    {
        v = v * base + d;
        s++;
    }
    if ( end )
        *end = s;
    return v;
}

long simple_strtol(const char *s, const char **end, unsigned int base)
{
    if ( *s == '-' )
        return -(long)simple_strtoul(s + 1, end, base);
    return simple_strtoul(s, end, base);
}

unsigned long long parse_size_and_unit(const char *s, const char **end)
{
    unsigned long long v = simple_strtoul(s, &s, 0);

    switch ( *s )
    {
    case 'T': case 't': v <<= 10; /* fall through */
    case 'G': case 'g': v <<= 10; /* fall through */
    case 'M': case 'm': v <<= 10; /* fall through */
    case 'K': case 'k': v <<= 10;
        s++;
        break;
    case 'B': case 'b':
        s++;
        break;
    }
    if ( end )
        *end = s;
    return v;
}
