/*
 * vsnprintf.c - our own printf engine.
 *
 * Output goes through a small "sink" that counts every character but
 * stores only what fits, so the return value is the full length as C99
 * requires.  Conversions: d i u x X o p s c %.  Flags: - 0 # + space.
 * Width and precision (number or '*').  Lengths: hh h l ll z t j.
 */
#include <pv/printf.h>
#include <pv/string.h>

struct sink
{
    char *buf;
    size_t size;
    size_t len;
};

struct spec
{
    bool left;          /* '-' */
    bool zero;          /* '0' */
    bool alt;           /* '#' */
    bool plus;          /* '+' */
    bool space;         /* ' ' */
    int width;
    int precision;      /* -1 if none */
    int length;         /* 0, 'H' (hh), 'h', 'l', 'L' (ll / z / t / j) */
};

static void put(struct sink *s, char c)
{
    if ( s->len + 1 < s->size )
        s->buf[s->len] = c;
    s->len++;
}

static void pad(struct sink *s, char c, int n)
{
    while ( n-- > 0 )
        put(s, c);
}

static void put_str(struct sink *s, const struct spec *sp, const char *str)
{
    int len;

    if ( !str )
        str = "(null)";
    len = (int)strnlen(str, sp->precision >= 0 ? (size_t)sp->precision
                                               : (size_t)-1);
    if ( !sp->left )
        pad(s, ' ', sp->width - len);
    for ( int i = 0; i < len; i++ )
        put(s, str[i]);
    if ( sp->left )
        pad(s, ' ', sp->width - len);
}

/* Format an unsigned magnitude with sign/prefix, padding and precision. */
static void put_num(struct sink *s, const struct spec *sp,
                    unsigned long long v, bool neg, unsigned int base,
                    bool upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    char tmp[24];
    int n = 0, zeros, total;
    const char *prefix = "";

    do
    {
        tmp[n++] = digits[v % base];
        v /= base;
    } while ( v );

    if ( neg )
        prefix = "-";
    else if ( sp->plus )
        prefix = "+";
    else if ( sp->space )
        prefix = " ";
    if ( sp->alt && base == 16 )
        prefix = upper ? "0X" : "0x";
    if ( sp->alt && base == 8 && tmp[n - 1] != '0' )
        prefix = "0";

    zeros = sp->precision > n ? sp->precision - n : 0;
    total = (int)strlen(prefix) + zeros + n;
    if ( sp->zero && !sp->left && sp->precision < 0 && sp->width > total )
    {
        zeros += sp->width - total;
        total = sp->width;
    }

    if ( !sp->left )
        pad(s, ' ', sp->width - total);
    for ( ; *prefix; prefix++ )
        put(s, *prefix);
    pad(s, '0', zeros);
    while ( n )
        put(s, tmp[--n]);
    if ( sp->left )
        pad(s, ' ', sp->width - total);
}

/* Parse flags, width, precision and length; returns the conversion. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
    memset(sp, 0, sizeof(*sp));
    sp->precision = -1;

    for ( ;; fmt++ )
    {
        if ( *fmt == '-' )
            sp->left = true;
        else if ( *fmt == '0' )
            sp->zero = true;
        else if ( *fmt == '#' )
            sp->alt = true;
        else if ( *fmt == '+' )
            sp->plus = true;
        else if ( *fmt == ' ' )
            sp->space = true;
        else
            break;
    }

    if ( *fmt == '*' )
    {
        sp->width = va_arg(*ap, int);
        if ( sp->width < 0 )
        {
            sp->left = true;
            sp->width = -sp->width;
        }
        fmt++;
    }
    else
        while ( *fmt >= '0' && *fmt <= '9' )
            sp->width = sp->width * 10 + (*fmt++ - '0');

    if ( *fmt == '.' )
    {
        fmt++;
        sp->precision = 0;
        if ( *fmt == '*' )
        {
            sp->precision = va_arg(*ap, int);
            fmt++;
        }
        else
            while ( *fmt >= '0' && *fmt <= '9' )
                sp->precision = sp->precision * 10 + (*fmt++ - '0');
    }

    if ( fmt[0] == 'h' && fmt[1] == 'h' )
        sp->length = 'H', fmt += 2;
    else if ( fmt[0] == 'l' && fmt[1] == 'l' )
        sp->length = 'L', fmt += 2;
    else if ( *fmt == 'h' || *fmt == 'l' )
        sp->length = *fmt++;
    else if ( *fmt == 'z' || *fmt == 't' || *fmt == 'j' )
        sp->length = 'L', fmt++;

    return fmt;
}

static unsigned long long get_unsigned(const struct spec *sp, va_list *ap)
{
    switch ( sp->length )
    {
    case 'H': return (unsigned char)va_arg(*ap, unsigned int);
    case 'h': return (unsigned short)va_arg(*ap, unsigned int);
    case 'l': return va_arg(*ap, unsigned long);
    case 'L': return va_arg(*ap, unsigned long long);
    default:  return va_arg(*ap, unsigned int);
    }
}

static long long get_signed(const struct spec *sp, va_list *ap)
{
    switch ( sp->length )
    {
    case 'H': return (signed char)va_arg(*ap, int);
    case 'h': return (short)va_arg(*ap, int);
    case 'l': return va_arg(*ap, long);
    case 'L': return va_arg(*ap, long long);
    default:  return va_arg(*ap, int);
    }
}

static void convert(struct sink *s, char conv, struct spec *sp, va_list *ap)
{
    long long sv;
    char c;

    switch ( conv )
    {
    case 'd':
    case 'i':
        sv = get_signed(sp, ap);
        put_num(s, sp, sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv,
                sv < 0, 10, false);
        break;
    case 'u':
        put_num(s, sp, get_unsigned(sp, ap), false, 10, false);
        break;
    case 'x':
    case 'X':
        put_num(s, sp, get_unsigned(sp, ap), false, 16, conv == 'X');
        break;
    case 'o':
        put_num(s, sp, get_unsigned(sp, ap), false, 8, false);
        break;
    case 'p':
        sp->alt = true;
        put_num(s, sp, (unsigned long)va_arg(*ap, void *), false, 16, false);
        break;
    case 's':
        put_str(s, sp, va_arg(*ap, const char *));
        break;
    case 'c':
        c = (char)va_arg(*ap, int);
        if ( !sp->left )
            pad(s, ' ', sp->width - 1);
        put(s, c);
        if ( sp->left )
            pad(s, ' ', sp->width - 1);
        break;
    case '%':
        put(s, '%');
        break;
    default:
        /* Unknown conversion: show it rather than guess. */
        put(s, '%');
        put(s, conv);
        break;
    }
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct sink s = { .buf = buf, .size = size, .len = 0 };
    struct spec sp;
    va_list args;

    va_copy(args, ap);
    while ( *fmt )
    {
        if ( *fmt != '%' )
        {
            put(&s, *fmt++);
            continue;
        }
        fmt = parse_spec(fmt + 1, &sp, &args);
        if ( !*fmt )
            break;
        convert(&s, *fmt++, &sp, &args);
    }
    va_end(args);

    if ( size )
        buf[s.len < size ? s.len : size - 1] = '\0';
    return (int)s.len;
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
