/*
 * block.c - one .xz block: header, filter chain, data, padding, check.
 *
 * Offers xz_block_decode(), xz_check_size() and xz_vli_decode() (see
 * xz_private.h).  Block layout:
 *   header size byte   real size = (byte + 1) * 4, 8..1024 bytes
 *   flags byte         bits 0-1: filter count - 1; bits 2-5: reserved (0);
 *                      bit 6: compressed size follows; bit 7: uncompressed
 *   [compressed size]  VLI
 *   [uncompressed size] VLI
 *   filter flags       per filter: ID (VLI), property size (VLI), props
 *   zero padding, then CRC32 of everything above
 *   compressed data, zero padding to a multiple of four, check field.
 * Only two filter chains are accepted: LZMA2 alone, or x86 BCJ then LZMA2.
 */
#include "xz_private.h"

#define FILTER_X86      0x04
#define FILTER_LZMA2    0x21

struct block_info
{
    size_t header_size;
    bool has_csize;
    bool has_usize;
    uint64_t csize;
    uint64_t usize;
    bool bcj;
    uint32_t bcj_start;
    uint8_t lzma2_props;
};

int xz_check_size(unsigned int check_type)
{
    switch ( check_type )
    {
    case XZ_CHECK_NONE:
        return 0;
    case XZ_CHECK_CRC32:
        return 4;
    case XZ_CHECK_CRC64:
        return 8;
    case XZ_CHECK_SHA256:
        return 32;
    default:
        return -1;
    }
}

bool xz_vli_decode(const uint8_t *in, size_t *pos, size_t limit,
                   uint64_t *value)
{
    uint64_t v = 0;
    unsigned int i;

    for ( i = 0; i < 9; i++ )
    {
        uint8_t b;

        if ( *pos >= limit )
            return false;
        b = in[(*pos)++];
        v |= (uint64_t)(b & 0x7f) << (7 * i);
        if ( !(b & 0x80) )
        {
            /* A zero final byte after others would be a longer encoding. */
            if ( b == 0 && i > 0 )
                return false;
            *value = v;
            return true;
        }
    }
    return false;
}

/* One filter's flags; filter number idx out of count. */
static int parse_filter(const uint8_t *h, size_t *pos, size_t end,
                        unsigned int idx, unsigned int count,
                        struct block_info *bi)
{
    uint64_t id, psize;
    bool last = idx + 1 == count;

    if ( !xz_vli_decode(h, pos, end, &id) ||
         !xz_vli_decode(h, pos, end, &psize) || psize > end - *pos )
        return XZ_EINVAL;

    if ( id == FILTER_LZMA2 && last && psize == 1 )
        bi->lzma2_props = h[*pos];
    else if ( id == FILTER_X86 && !last && idx == 0 && psize == 0 )
        bi->bcj = true;
    else if ( id == FILTER_X86 && !last && idx == 0 && psize == 4 )
    {
        bi->bcj = true;
        bi->bcj_start = xz_get_le32(h + *pos);
    }
    else
        return XZ_EINVAL;   /* unsupported filter or chain */

    *pos += (size_t)psize;
    return 0;
}

static int parse_block_header(const uint8_t *in, size_t in_len,
                              struct block_info *bi)
{
    size_t size = ((size_t)in[0] + 1) * 4, pos = 2, end;
    unsigned int flags, count, i;

    if ( size > in_len )
        return XZ_EINVAL;
    end = size - 4;
    if ( xz_crc32(in, end, 0) != xz_get_le32(in + end) )
        return XZ_EINVAL;

    flags = in[1];
    if ( flags & 0x3c )
        return XZ_EINVAL;
    count = (flags & 3) + 1;

    __builtin_memset(bi, 0, sizeof(*bi));
    bi->header_size = size;
    bi->has_csize = flags & 0x40;
    bi->has_usize = flags & 0x80;
    if ( bi->has_csize &&
         (!xz_vli_decode(in, &pos, end, &bi->csize) || bi->csize == 0) )
        return XZ_EINVAL;
    if ( bi->has_usize && !xz_vli_decode(in, &pos, end, &bi->usize) )
        return XZ_EINVAL;

    for ( i = 0; i < count; i++ )
        if ( parse_filter(in, &pos, end, i, count, bi) )
            return XZ_EINVAL;

    /* The rest of the header is padding and must be zero. */
    for ( ; pos < end; pos++ )
        if ( in[pos] != 0 )
            return XZ_EINVAL;
    return 0;
}

static int verify_check(unsigned int check_type, const uint8_t *data,
                        size_t len, const uint8_t *field)
{
    switch ( check_type )
    {
    case XZ_CHECK_CRC32:
        return xz_crc32(data, len, 0) == xz_get_le32(field) ? 0 : XZ_EIO;
    case XZ_CHECK_CRC64:
        return xz_crc64(data, len, 0) == xz_get_le64(field) ? 0 : XZ_EIO;
    default:
        /* None; or SHA-256, which this decoder does not verify. */
        return 0;
    }
}

/*
 * Run LZMA2 within the limits the header declares.  Output beyond a
 * declared uncompressed size that fits in the buffer is corruption, not a
 * lack of space.
 */
static int run_lzma2(struct xz_dec_state *st, const struct block_info *bi,
                     const uint8_t *data, size_t avail, size_t *used,
                     uint8_t *out, size_t start, size_t out_cap, size_t *end)
{
    size_t cap = out_cap;
    int ret;

    if ( bi->has_csize )
    {
        if ( bi->csize > avail )
            return XZ_EINVAL;
        avail = (size_t)bi->csize;
    }
    if ( bi->has_usize )
    {
        if ( bi->usize > out_cap - start )
            return XZ_ENOSPC;
        cap = start + (size_t)bi->usize;
    }

    ret = xz_lzma2_decode(&st->lzma, bi->lzma2_props, data, avail, used,
                          out, start, cap, end);
    if ( ret == XZ_ENOSPC && bi->has_usize )
        return XZ_EINVAL;
    if ( ret )
        return ret;

    if ( (bi->has_csize && *used != bi->csize) ||
         (bi->has_usize && *end - start != bi->usize) )
        return XZ_EINVAL;
    return 0;
}

int xz_block_decode(struct xz_dec_state *st, unsigned int check_type,
                    const uint8_t *in, size_t in_len, size_t *in_used,
                    uint8_t *out, size_t *out_pos, size_t out_cap,
                    uint64_t *unpadded, uint64_t *uncompressed)
{
    struct block_info bi;
    size_t used, end, pos;
    int csize = xz_check_size(check_type);
    int ret;

    if ( csize < 0 || parse_block_header(in, in_len, &bi) )
        return XZ_EINVAL;

    ret = run_lzma2(st, &bi, in + bi.header_size, in_len - bi.header_size,
                    &used, out, *out_pos, out_cap, &end);
    if ( ret )
        return ret;

    /* Block padding: zeros up to a multiple of four compressed bytes. */
    for ( pos = bi.header_size + used; (pos - bi.header_size) & 3; pos++ )
        if ( pos >= in_len || in[pos] != 0 )
            return XZ_EINVAL;
    if ( (size_t)csize > in_len - pos )
        return XZ_EINVAL;

    /* The check covers the final data, so undo BCJ first. */
    if ( bi.bcj )
        xz_bcj_x86_decode(out + *out_pos, end - *out_pos, bi.bcj_start);
    ret = verify_check(check_type, out + *out_pos, end - *out_pos, in + pos);
    if ( ret )
        return ret;

    /* The index lists sizes without the block padding. */
    *unpadded = bi.header_size + used + (size_t)csize;
    *uncompressed = end - *out_pos;
    *in_used = pos + (size_t)csize;
    *out_pos = end;
    return 0;
}
