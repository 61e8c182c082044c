/*
 * vsnprintf and friends: the formatted-output engine behind printk.
 *
 * Supported: %d %i %u %x %X %o %c %s %p %%, flags '-' '0' '+' ' ' '#',
 * field width and precision (also '*'), length modifiers hh h l ll z t j.
 * %pS prints a code address as symbol+offset/size.  Output is always
 * terminated when size > 0; the return value is the length the full
 * output would have had, as C requires.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

#define F_LEFT   0x01
#define F_ZERO   0x02
#define F_PLUS   0x04
#define F_SPACE  0x08
#define F_ALT    0x10
#define F_UPPER  0x20
#define F_SIGNED 0x40

struct out {
    char *buf;
    size_t size;
    size_t len;    /* characters produced so far, stored or not */
};

struct spec {
    unsigned int flags;
    int width;
    int prec;      /* -1: none given */
    unsigned int base;
};

static void put(struct out *o, char c)
{
    if ( o->len + 1 < o->size )
        o->buf[o->len] = c;
    o->len++;
}

static void pad(struct out *o, char c, int n)
{
    while ( n-- > 0 )
        put(o, c);
}

static void put_str(struct out *o, const char *s, const struct spec *sp)
{
    int len;

    if ( !s )
        s = "(NULL)";
    len = strnlen(s, sp->prec < 0 ? (size_t)-1 : (size_t)sp->prec);
    if ( !(sp->flags & F_LEFT) )
        pad(o, ' ', sp->width - len);
    for ( int i = 0; i < len; i++ )
        put(o, s[i]);
    if ( sp->flags & F_LEFT )
        pad(o, ' ', sp->width - len);
}

static void put_num(struct out *o, unsigned long long v, bool neg,
                    const struct spec *sp)
{
    const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF"
                                               : "0123456789abcdef";
    char tmp[24], sign = 0;
    const char *prefix = "";
    int n = 0, zeros, total;

    do {
        tmp[n++] = digits[v % sp->base];
        v /= sp->base;
    } while ( v );

    if ( neg )
        sign = '-';
    else if ( sp->flags & F_PLUS )
        sign = '+';
    else if ( sp->flags & F_SPACE )
        sign = ' ';
    if ( (sp->flags & F_ALT) && sp->base == 16 )
        prefix = (sp->flags & F_UPPER) ? "0X" : "0x";
    else if ( (sp->flags & F_ALT) && sp->base == 8 && tmp[n - 1] != '0' )
        prefix = "0";

    zeros = sp->prec > n ? sp->prec - n : 0;
    total = n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
    if ( (sp->flags & (F_ZERO | F_LEFT)) == F_ZERO && sp->prec < 0 &&
         sp->width > total )
    {
        zeros += sp->width - total;
        total = sp->width;
    }

    if ( !(sp->flags & F_LEFT) )
        pad(o, ' ', sp->width - total);
    if ( sign )
        put(o, sign);
    for ( ; *prefix; prefix++ )
        put(o, *prefix);
    pad(o, '0', zeros);
    while ( n )
        put(o, tmp[--n]);
    if ( sp->flags & F_LEFT )
        pad(o, ' ', sp->width - total);
}

static void put_symbol(struct out *o, unsigned long addr, const struct spec *sp)
{
    char buf[160];

    symbols_format(buf, sizeof(buf), addr);
    put_str(o, buf, sp);
}

static const char *parse_flags(const char *f, struct spec *sp)
{
    for ( ; ; f++ )
    {
        switch ( *f )
        {
        case '-': sp->flags |= F_LEFT; break;
        case '0': sp->flags |= F_ZERO; break;
        case '+': sp->flags |= F_PLUS; break;
        case ' ': sp->flags |= F_SPACE; break;
        case '#': sp->flags |= F_ALT; break;
        default: return f;
        }
    }
}

static const char *parse_int(const char *f, int *v, va_list *ap)
{
    if ( *f == '*' )
    {
        *v = va_arg(*ap, int);
        return f + 1;
    }
    for ( *v = 0; *f >= '0' && *f <= '9'; f++ )
        *v = *v * 10 + (*f - '0');
    return f;
}

/* Length modifier -> size of the argument in bytes (0 for int). */
static const char *parse_length(const char *f, int *size)
{
    *size = 0;
    if ( f[0] == 'h' )
        *size = (f[1] == 'h') ? (f++, 1) : 2;
    else if ( f[0] == 'l' )
        *size = (f[1] == 'l') ? (f++, 8) : 8;
    else if ( f[0] == 'z' || f[0] == 't' || f[0] == 'j' )
        *size = 8;
    else
        return f;
    return f + 1;
}

static unsigned long long fetch_arg(va_list *ap, int size, bool is_signed)
{
    if ( size == 8 )
        return va_arg(*ap, unsigned long long);
    if ( is_signed )
    {
        int v = va_arg(*ap, int);

        return size == 1 ? (long long)(signed char)v :
               size == 2 ? (long long)(short)v : (long long)v;
    }
    else
    {
        unsigned int v = va_arg(*ap, unsigned int);

        return size == 1 ? (unsigned char)v : size == 2 ? (unsigned short)v : v;
    }
}

static void format_int(struct out *o, char conv, int size, struct spec *sp,
                       va_list *ap)
{
    unsigned long long v;
    bool neg = false;

    sp->base = (conv == 'x' || conv == 'X') ? 16 : (conv == 'o') ? 8 : 10;
    if ( conv == 'X' )
        sp->flags |= F_UPPER;
    if ( conv == 'd' || conv == 'i' )
    {
        long long s = (long long)fetch_arg(ap, size, true);

        neg = s < 0;
        v = neg ? -(unsigned long long)s : (unsigned long long)s;
    }
    else
    {
        v = fetch_arg(ap, size, false);
        sp->flags &= ~(F_PLUS | F_SPACE);
    }
    put_num(o, v, neg, sp);
}

static const char *format_one(struct out *o, const char *f, va_list *ap)
{
    struct spec sp = { .prec = -1 };
    int size;

    f = parse_flags(f, &sp);
    f = parse_int(f, &sp.width, ap);
    if ( sp.width < 0 )
    {
        sp.flags |= F_LEFT;
        sp.width = -sp.width;
    }
    if ( *f == '.' )
    {
        f = parse_int(f + 1, &sp.prec, ap);
        if ( sp.prec < 0 )
            sp.prec = -1;
    }
    f = parse_length(f, &size);

    switch ( *f )
    {
    case 'c':
        put(o, (char)va_arg(*ap, int));
        break;
    case 's':
        put_str(o, va_arg(*ap, const char *), &sp);
        break;
    case 'p':
        if ( f[1] == 'S' || f[1] == 's' )
        {
            put_symbol(o, (unsigned long)va_arg(*ap, void *), &sp);
            return f + 2;
        }
        sp.flags |= F_ALT | F_ZERO;
        sp.base = 16;
        if ( !sp.width )
            sp.width = 18;
        put_num(o, (unsigned long)va_arg(*ap, void *), false, &sp);
        break;
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o':
        format_int(o, *f, size, &sp, ap);
        break;
    case '%':
        put(o, '%');
        break;
    case '\0':
        return f;
    default:
        /* Unknown conversion: print it literally so the bug is visible. */
        put(o, '%');
        put(o, *f);
        break;
    }
    return f + 1;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    struct out o = { buf, size, 0 };
    va_list ap;

    va_copy(ap, args);
    while ( *fmt )
    {
        if ( *fmt != '%' )
            put(&o, *fmt++);
        else
            fmt = format_one(&o, fmt + 1, &ap);
    }
    va_end(ap);
    if ( size )
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

/* Like vsnprintf, but returns what was actually stored. */
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
    int n = vsnprintf(buf, size, fmt, args);

    if ( !size )
        return 0;
    return (size_t)n < size ? n : (int)size - 1;
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vscnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
