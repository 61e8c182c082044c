/*
 * stream.c - .xz streams: header, blocks, index, footer, stream padding;
 * and the public entry points declared in xz.h.
 *
 * Stream layout:
 *   header   6-byte magic FD '7' 'z' 'X' 'Z' 00, 2 flag bytes (00, check
 *            type in the low nibble), CRC32 of the flags
 *   blocks   zero or more, each starting with a non-zero size byte
 *   index    00, record count (VLI), per block (unpadded size, uncompressed
 *            size) as VLIs, zero padding to a multiple of four, CRC32
 *   footer   CRC32 of the next 6 bytes, backward size (index size / 4 - 1,
 *            32-bit), the same 2 flag bytes as the header, 'Y' 'Z'
 * Streams may be concatenated, separated and followed by stream padding:
 * zero bytes in multiples of four.
 */
#include "xz_private.h"

#define STREAM_HEADER_SIZE  12
#define STREAM_FOOTER_SIZE  12

static const uint8_t header_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

/*
 * What the blocks produced, to be compared with what the index lists.
 * Besides counts and sums, a CRC32 over the size pairs in order catches
 * records that are swapped or altered in compensating ways.
 */
struct index_tally
{
    uint64_t count;
    uint64_t unpadded;
    uint64_t uncompressed;
    uint32_t hash;
};

static void tally_add(struct index_tally *t, uint64_t unpadded,
                      uint64_t uncompressed)
{
    uint8_t rec[16];
    unsigned int i;

    for ( i = 0; i < 8; i++ )
    {
        rec[i] = (uint8_t)(unpadded >> (8 * i));
        rec[8 + i] = (uint8_t)(uncompressed >> (8 * i));
    }
    t->count++;
    t->unpadded += unpadded;
    t->uncompressed += uncompressed;
    t->hash = xz_crc32(rec, sizeof(rec), t->hash);
}

static bool tally_equal(const struct index_tally *a,
                        const struct index_tally *b)
{
    return a->count == b->count && a->unpadded == b->unpadded &&
           a->uncompressed == b->uncompressed && a->hash == b->hash;
}

static bool has_header_magic(const uint8_t *in)
{
    unsigned int i;

    for ( i = 0; i < sizeof(header_magic); i++ )
        if ( in[i] != header_magic[i] )
            return false;
    return true;
}

static int parse_stream_header(const uint8_t *in, size_t in_len,
                               unsigned int *check_type)
{
    if ( in_len < STREAM_HEADER_SIZE || !has_header_magic(in) )
        return XZ_EINVAL;
    if ( in[6] != 0 || (in[7] & 0xf0) ||
         xz_crc32(in + 6, 2, 0) != xz_get_le32(in + 8) )
        return XZ_EINVAL;
    if ( xz_check_size(in[7]) < 0 )
        return XZ_EINVAL;   /* a check type this decoder cannot handle */
    *check_type = in[7];
    return 0;
}

/* The index starts at in[0] (its 00 indicator); *size gets its length. */
static int parse_index(const uint8_t *in, size_t in_len,
                       const struct index_tally *blocks, size_t *size)
{
    struct index_tally listed = { 0, 0, 0, 0 };
    uint64_t count, i;
    size_t pos = 1;

    /* Checking the count first bounds the loop below. */
    if ( !xz_vli_decode(in, &pos, in_len, &count) || count != blocks->count )
        return XZ_EINVAL;

    for ( i = 0; i < count; i++ )
    {
        uint64_t unpadded, uncompressed;

        if ( !xz_vli_decode(in, &pos, in_len, &unpadded) ||
             !xz_vli_decode(in, &pos, in_len, &uncompressed) )
            return XZ_EINVAL;
        tally_add(&listed, unpadded, uncompressed);
    }
    if ( !tally_equal(&listed, blocks) )
        return XZ_EINVAL;

    for ( ; pos & 3; pos++ )
        if ( pos >= in_len || in[pos] != 0 )
            return XZ_EINVAL;
    if ( in_len - pos < 4 || xz_crc32(in, pos, 0) != xz_get_le32(in + pos) )
        return XZ_EINVAL;

    *size = pos + 4;
    return 0;
}

static int parse_stream_footer(const uint8_t *in, size_t in_len,
                               const uint8_t *header_flags, size_t index_size)
{
    uint64_t backward;

    if ( in_len < STREAM_FOOTER_SIZE || in[10] != 'Y' || in[11] != 'Z' )
        return XZ_EINVAL;
    if ( xz_crc32(in + 4, 6, 0) != xz_get_le32(in) )
        return XZ_EINVAL;
    if ( in[8] != header_flags[0] || in[9] != header_flags[1] )
        return XZ_EINVAL;

    backward = ((uint64_t)xz_get_le32(in + 4) + 1) * 4;
    if ( backward != index_size )
        return XZ_EINVAL;
    return 0;
}

/* Blocks up to the index indicator; *pos moves to that indicator. */
static int decode_blocks(struct xz_dec_state *st, unsigned int check_type,
                         const uint8_t *in, size_t in_len, size_t *pos,
                         uint8_t *out, size_t *out_pos, size_t out_cap,
                         struct index_tally *tally)
{
    /* Each block consumes at least its 8-byte header: bounded loop. */
    for ( ; ; )
    {
        uint64_t unpadded, uncompressed;
        size_t used;
        int ret;

        if ( *pos >= in_len )
            return XZ_EINVAL;
        if ( in[*pos] == 0 )
            return 0;

        ret = xz_block_decode(st, check_type, in + *pos, in_len - *pos,
                              &used, out, out_pos, out_cap,
                              &unpadded, &uncompressed);
        if ( ret )
            return ret;
        *pos += used;
        tally_add(tally, unpadded, uncompressed);
    }
}

/* One whole stream at in[0]; *in_used gets its length. */
static int decode_stream(struct xz_dec_state *st,
                         const uint8_t *in, size_t in_len, size_t *in_used,
                         uint8_t *out, size_t *out_pos, size_t out_cap)
{
    struct index_tally tally = { 0, 0, 0, 0 };
    unsigned int check_type;
    size_t pos = STREAM_HEADER_SIZE, index_size;
    int ret;

    ret = parse_stream_header(in, in_len, &check_type);
    if ( ret )
        return ret;

    ret = decode_blocks(st, check_type, in, in_len, &pos,
                        out, out_pos, out_cap, &tally);
    if ( ret )
        return ret;

    ret = parse_index(in + pos, in_len - pos, &tally, &index_size);
    if ( ret )
        return ret;
    pos += index_size;

    ret = parse_stream_footer(in + pos, in_len - pos, in + 6, index_size);
    if ( ret )
        return ret;

    *in_used = pos + STREAM_FOOTER_SIZE;
    return 0;
}

/* Zero bytes in groups of four; a partial or non-zero group is not it. */
static size_t skip_stream_padding(const uint8_t *in, size_t in_len)
{
    size_t pos = 0;

    while ( in_len - pos >= 4 && xz_get_le32(in + pos) == 0 )
        pos += 4;
    return pos;
}

int xz_decode_stream_with(struct xz_dec_state *st,
                          const void *in, size_t in_len, size_t *in_used,
                          void *out, size_t out_cap, size_t *out_len)
{
    uint8_t none;
    size_t out_pos = 0;
    int ret;

    if ( !st || !in || !in_used || !out_len || (!out && out_cap) )
        return XZ_EINVAL;
    if ( !out )
        out = &none;    /* keeps pointer arithmetic off NULL */

    ret = decode_stream(st, in, in_len, in_used, out, &out_pos, out_cap);
    if ( ret )
        return ret;
    *out_len = out_pos;
    return 0;
}

int xz_decode_buffer_with(struct xz_dec_state *st,
                          const void *in, size_t in_len,
                          void *out, size_t out_cap, size_t *out_len)
{
    const uint8_t *src = in;
    uint8_t none;
    size_t pos = 0, out_pos = 0;

    if ( !st || !in || !out_len || (!out && out_cap) )
        return XZ_EINVAL;
    if ( !out )
        out = &none;    /* keeps pointer arithmetic off NULL */

    /* A stream first, then any mix of streams and stream padding. */
    do
    {
        size_t used;
        int ret = decode_stream(st, src + pos, in_len - pos, &used,
                                out, &out_pos, out_cap);

        if ( ret )
            return ret;
        pos += used;
        pos += skip_stream_padding(src + pos, in_len - pos);
    } while ( pos < in_len );

    *out_len = out_pos;
    return 0;
}

/* Shared state for the convenience wrapper: callers must serialise. */
static struct xz_dec_state xz_static_state;

int xz_decode_buffer(const void *in, size_t in_len,
                     void *out, size_t out_cap, size_t *out_len)
{
    return xz_decode_buffer_with(&xz_static_state, in, in_len,
                                 out, out_cap, out_len);
}
