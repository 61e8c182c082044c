/*
 * gunzip.c - one gzip member (RFC 1952) holding a deflate stream
 * (RFC 1951), decoded from memory into a buffer of fixed size.
 *
 * libxenguest inflates a gzip initrd before placing it (with zlib); we
 * do the same with this small decoder so the layout and contents match.
 * The input is untrusted: every read is bounded by the input's length,
 * every write by the output's capacity, every back-reference by what was
 * already written; the CRC-32 and length in the trailer must match.  Any
 * problem returns -1 (the caller then passes the file on as it is, which
 * is what libxenguest does when zlib fails).
 */
#include <string.h>
#include "guest-private.h"

#define MAX_BITS        15              /* longest Huffman code */
#define NR_LITLEN       288             /* literal/length alphabet */
#define NR_DIST         32              /* distance alphabet */

struct inflate {
    const uint8_t *in;
    size_t in_len, pos;                 /* next byte to load */
    uint32_t bits;                      /* bit buffer, LSB first */
    unsigned int nbits;
    uint8_t *out;
    size_t cap, len;
    bool bad;                           /* ran off the input */
};

/* A canonical Huffman code: how many codes of each length, and the
 * symbols sorted by (length, value). */
struct huff {
    uint16_t count[MAX_BITS + 1];
    uint16_t symbol[NR_LITLEN];
};

static unsigned int getbits(struct inflate *s, unsigned int n)
{
    unsigned int v;

    while ( s->nbits < n )
    {
        if ( s->pos >= s->in_len )
        {
            s->bad = true;
            return 0;
        }
        s->bits |= (uint32_t)s->in[s->pos++] << s->nbits;
        s->nbits += 8;
    }
    v = s->bits & ((1u << n) - 1);
    s->bits >>= n;
    s->nbits -= n;
    return v;
}

/*
 * Build h from n code lengths.  -1 if they over-subscribe, or leave
 * codes unassigned (zlib's rule, so that we refuse what Xen's zlib
 * refuses: only a single one-bit code, or no code at all outside the
 * code-length code, may be incomplete).
 */
static int build(struct huff *h, const uint8_t *lengths, unsigned int n,
                 bool code_lengths)
{
    uint16_t offs[MAX_BITS + 2];
    unsigned int max = 0;
    int left = 1;

    memset(h->count, 0, sizeof(h->count));
    for ( unsigned int i = 0; i < n; i++ )
    {
        h->count[lengths[i]]++;
        if ( lengths[i] > max )
            max = lengths[i];
    }
    for ( unsigned int len = 1; len <= MAX_BITS; len++ )
    {
        left = 2 * left - h->count[len];
        if ( left < 0 )
            return -1;
    }
    if ( left > 0 && (code_lengths || max > 1) )
        return -1;
    offs[1] = 0;
    for ( unsigned int len = 1; len <= MAX_BITS; len++ )
        offs[len + 1] = offs[len] + h->count[len];
    for ( unsigned int i = 0; i < n; i++ )
        if ( lengths[i] )
            h->symbol[offs[lengths[i]]++] = i;
    return 0;
}

/* Next symbol of code h, reading one bit at a time (codes are sent
 * most significant bit first); -1 for a code that is not assigned. */
static int decode(struct inflate *s, const struct huff *h)
{
    int code = 0, first = 0, index = 0;

    for ( unsigned int len = 1; len <= MAX_BITS; len++ )
    {
        code |= getbits(s, 1);
        if ( s->bad )
            return -1;
        if ( code - first < h->count[len] )
            return h->symbol[index + code - first];
        index += h->count[len];
        first = (first + h->count[len]) << 1;
        code <<= 1;
    }
    return -1;
}

static const uint16_t len_base[29] = {
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
    35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258 };
static const uint8_t len_extra[29] = {
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
    3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0 };
static const uint16_t dist_base[30] = {
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
    257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
    8193, 12289, 16385, 24577 };
static const uint8_t dist_extra[30] = {
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
    7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13 };

/* The symbols of one compressed block, up to its end-of-block. */
static int codes(struct inflate *s, const struct huff *lit,
                 const struct huff *dist)
{
    for ( ;; )
    {
        int sym = decode(s, lit);

        if ( sym < 0 )
            return -1;
        if ( sym < 256 )
        {
            if ( s->len >= s->cap )
                return -1;
            s->out[s->len++] = sym;
            continue;
        }
        if ( sym == 256 )
            return 0;
        sym -= 257;
        if ( sym >= 29 )
            return -1;
        size_t n = len_base[sym] + getbits(s, len_extra[sym]);
        int d = decode(s, dist);
        if ( d < 0 || d >= 30 )
            return -1;
        size_t back = dist_base[d] + getbits(s, dist_extra[d]);
        if ( s->bad || back > s->len || n > s->cap - s->len )
            return -1;
        /* Byte by byte: a copy may overlap what it produces. */
        for ( size_t i = 0; i < n; i++, s->len++ )
            s->out[s->len] = s->out[s->len - back];
    }
}

static int stored(struct inflate *s)
{
    size_t n;

    s->bits = 0;                        /* to the next byte boundary */
    s->nbits = 0;
    if ( s->in_len - s->pos < 4 )
        return -1;
    n = s->in[s->pos] | (s->in[s->pos + 1] << 8);
    if ( (n ^ 0xffff) != (size_t)(s->in[s->pos + 2] | (s->in[s->pos + 3] << 8)) )
        return -1;
    s->pos += 4;
    if ( n > s->in_len - s->pos || n > s->cap - s->len )
        return -1;
    memcpy(s->out + s->len, s->in + s->pos, n);
    s->pos += n;
    s->len += n;
    return 0;
}

static int fixed(struct inflate *s)
{
    static struct huff lit, dist;
    static bool ready;
    uint8_t l[NR_LITLEN];

    if ( !ready )
    {
        memset(l, 8, 144);
        memset(l + 144, 9, 112);
        memset(l + 256, 7, 24);
        memset(l + 280, 8, 8);
        build(&lit, l, NR_LITLEN, false);
        memset(l, 5, NR_DIST);
        build(&dist, l, NR_DIST, false);
        ready = true;
    }
    return codes(s, &lit, &dist);
}

static int dynamic(struct inflate *s)
{
    static const uint8_t order[19] = {
        16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15 };
    unsigned int nlen = getbits(s, 5) + 257, ndist = getbits(s, 5) + 1;
    unsigned int ncode = getbits(s, 4) + 4, i = 0;
    uint8_t l[NR_LITLEN + NR_DIST];
    struct huff lit, dist;

    if ( s->bad || nlen > 286 || ndist > 30 )
        return -1;
    memset(l, 0, sizeof(l));
    for ( unsigned int j = 0; j < ncode; j++ )
        l[order[j]] = getbits(s, 3);
    if ( s->bad || build(&lit, l, 19, true) )
        return -1;
    while ( i < nlen + ndist )
    {
        int sym = decode(s, &lit);
        unsigned int rep, val = 0;

        if ( sym < 0 )
            return -1;
        if ( sym < 16 )
        {
            l[i++] = sym;
            continue;
        }
        if ( sym == 16 )
        {
            if ( i == 0 )
                return -1;
            val = l[i - 1];
            rep = 3 + getbits(s, 2);
        }
        else
            rep = sym == 17 ? 3 + getbits(s, 3) : 11 + getbits(s, 7);
        if ( s->bad || rep > nlen + ndist - i )
            return -1;
        while ( rep-- )
            l[i++] = val;
    }
    if ( l[256] == 0 || build(&lit, l, nlen, false) ||
         build(&dist, l + nlen, ndist, false) )
        return -1;
    return codes(s, &lit, &dist);
}

static int inflate(struct inflate *s)
{
    unsigned int last;

    do {
        last = getbits(s, 1);
        unsigned int type = getbits(s, 2);
        int rc;

        if ( s->bad )
            return -1;
        switch ( type )
        {
        case 0: rc = stored(s); break;
        case 1: rc = fixed(s); break;
        case 2: rc = dynamic(s); break;
        default: return -1;
        }
        if ( rc || s->bad )
            return -1;
    } while ( !last );
    return 0;
}

static uint32_t crc32(const uint8_t *p, size_t n)
{
    static uint32_t table[256];
    uint32_t c = ~0u;

    if ( !table[1] )
        for ( uint32_t i = 0; i < 256; i++ )
        {
            uint32_t v = i;

            for ( int k = 0; k < 8; k++ )
                v = (v >> 1) ^ (0xedb88320u & -(v & 1));
            table[i] = v;
        }
    for ( size_t i = 0; i < n; i++ )
        c = table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

/* Skip the gzip header; the offset of the deflate data, or 0. */
static size_t header(const uint8_t *in, size_t len)
{
    size_t pos = 10;
    uint8_t flg;

    if ( len < 18 || in[0] != 0x1f || in[1] != 0x8b || in[2] != 8 )
        return 0;
    flg = in[3];
    if ( flg & 0xe0 )
        return 0;
    if ( flg & 4 )                      /* FEXTRA */
    {
        if ( len - pos < 2 )
            return 0;
        pos += 2 + (in[pos] | (in[pos + 1] << 8));
    }
    for ( int f = 8; f <= 16; f <<= 1 ) /* FNAME, FCOMMENT: NUL ended */
        if ( flg & f )
        {
            const uint8_t *z = pos < len ? memchr(in + pos, 0, len - pos) : NULL;

            if ( !z )
                return 0;
            pos = z - in + 1;
        }
    if ( flg & 2 )                      /* FHCRC */
        pos += 2;
    return pos < len ? pos : 0;
}

static uint32_t le32(const uint8_t *p)
{
    return p[0] | (p[1] << 8) | (p[2] << 16) | ((uint32_t)p[3] << 24);
}

int gb_gunzip(const uint8_t *in, size_t in_len, uint8_t *out, size_t cap,
              size_t *out_len)
{
    struct inflate s = { .in = in, .in_len = in_len, .out = out, .cap = cap };

    s.pos = header(in, in_len);
    if ( !s.pos || inflate(&s) )
        return -1;
    s.pos -= s.nbits / 8;               /* give back whole unread bytes */
    if ( in_len - s.pos < 8 || le32(in + s.pos) != crc32(out, s.len) ||
         le32(in + s.pos + 4) != (uint32_t)s.len )
        return -1;
    *out_len = s.len;
    return 0;
}
