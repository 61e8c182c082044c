/*
 * lzma2.c - LZMA2 chunk framing.
 *
 * Offers xz_lzma2_decode() (see xz_private.h).  An LZMA2 stream is a
 * sequence of chunks, each introduced by a control byte:
 *   0x00         end of the LZMA2 data
 *   0x01         stored chunk, dictionary reset first
 *   0x02         stored chunk
 *   0x03..0x7f   invalid
 *   0x80..0xff   LZMA chunk; bits 0-4 are bits 16-20 of (size - 1) and
 *                bits 5-6 say what to reset before it: 0 nothing, 1 the
 *                coder state, 2 state + new properties byte, 3 all that
 *                plus the dictionary.
 * A stored chunk has a 16-bit big-endian (size - 1); an LZMA chunk has the
 * low 16 bits of (uncompressed size - 1), a 16-bit (compressed size - 1),
 * and for reset levels 2 and 3 the lc/lp/pb properties byte.
 */
#include "xz_private.h"

struct lzma2_ctx
{
    struct xz_lzma_dec *lz;
    const uint8_t *in;
    size_t in_len;
    size_t in_pos;
    uint8_t *out;
    size_t out_pos;
    size_t out_cap;
    size_t dict_start;      /* output offset of the last dictionary reset */
    uint32_t dict_size;
    bool need_dict_reset;   /* the first chunk must reset the dictionary */
    bool need_props;        /* after a dictionary reset, LZMA needs props */
};

/* Filter property byte: 0..39 encode 2 or 3 times a power of two. */
static bool dict_size_from_props(uint8_t props, uint32_t *size)
{
    if ( props > 40 )
        return false;
    if ( props == 40 )
        *size = 0xffffffffu;
    else
        *size = (2u | (props & 1u)) << (props / 2 + 11);
    return true;
}

static unsigned int get_be16(const uint8_t *p)
{
    return ((unsigned int)p[0] << 8) | p[1];
}

/* Raw bytes copied to the output; they also join the dictionary. */
static int stored_chunk(struct lzma2_ctx *c)
{
    size_t size;

    if ( c->in_len - c->in_pos < 2 )
        return XZ_EINVAL;
    size = (size_t)get_be16(c->in + c->in_pos) + 1;
    c->in_pos += 2;

    if ( size > c->in_len - c->in_pos )
        return XZ_EINVAL;
    if ( size > c->out_cap - c->out_pos )
        return XZ_ENOSPC;

    __builtin_memcpy(c->out + c->out_pos, c->in + c->in_pos, size);
    c->in_pos += size;
    c->out_pos += size;
    return 0;
}

/* Apply the reset level from bits 5-6 of an LZMA chunk's control byte. */
static int lzma_chunk_resets(struct lzma2_ctx *c, unsigned int level)
{
    if ( level >= 2 )
    {
        if ( c->in_pos >= c->in_len ||
             !xz_lzma_set_props(c->lz, c->in[c->in_pos]) )
            return XZ_EINVAL;
        c->in_pos++;
        c->need_props = false;
    }
    else if ( c->need_props )
        return XZ_EINVAL;

    if ( level >= 1 )
        xz_lzma_reset(c->lz);
    return 0;
}

static int lzma_chunk(struct lzma2_ctx *c, unsigned int control)
{
    size_t usize, csize;
    int ret;

    if ( c->in_len - c->in_pos < 4 )
        return XZ_EINVAL;
    usize = ((size_t)(control & 0x1f) << 16) +
            get_be16(c->in + c->in_pos) + 1;
    csize = (size_t)get_be16(c->in + c->in_pos + 2) + 1;
    c->in_pos += 4;

    ret = lzma_chunk_resets(c, (control >> 5) & 3);
    if ( ret )
        return ret;

    if ( csize > c->in_len - c->in_pos )
        return XZ_EINVAL;
    if ( usize > c->out_cap - c->out_pos )
        return XZ_ENOSPC;

    ret = xz_lzma_chunk(c->lz, c->in + c->in_pos, csize, c->out,
                        c->out_pos, c->out_pos + usize,
                        c->dict_start, c->dict_size);
    if ( ret )
        return ret;
    c->in_pos += csize;
    c->out_pos += usize;
    return 0;
}

/* One chunk after its control byte; dictionary resets happen here. */
static int one_chunk(struct lzma2_ctx *c, unsigned int control)
{
    if ( control >= 0xe0 || control == 0x01 )
    {
        c->dict_start = c->out_pos;
        c->need_dict_reset = false;
        c->need_props = true;
    }
    else if ( c->need_dict_reset )
        return XZ_EINVAL;

    if ( control >= 0x80 )
        return lzma_chunk(c, control);
    if ( control <= 0x02 )
        return stored_chunk(c);
    return XZ_EINVAL;
}

int xz_lzma2_decode(struct xz_lzma_dec *lz, uint8_t dict_props,
                    const uint8_t *in, size_t in_len, size_t *in_used,
                    uint8_t *out, size_t out_pos, size_t out_cap,
                    size_t *out_end)
{
    struct lzma2_ctx c = {
        .lz = lz, .in = in, .in_len = in_len, .in_pos = 0,
        .out = out, .out_pos = out_pos, .out_cap = out_cap,
        .dict_start = out_pos,
        .need_dict_reset = true, .need_props = true,
    };

    if ( out_pos > out_cap || !dict_size_from_props(dict_props, &c.dict_size) )
        return XZ_EINVAL;

    /* Each pass consumes at least the control byte: no endless loop. */
    for ( ; ; )
    {
        unsigned int control;
        int ret;

        if ( c.in_pos >= c.in_len )
            return XZ_EINVAL;
        control = c.in[c.in_pos++];
        if ( control == 0x00 )
            break;

        ret = one_chunk(&c, control);
        if ( ret )
            return ret;
    }

    *in_used = c.in_pos;
    *out_end = c.out_pos;
    return 0;
}
