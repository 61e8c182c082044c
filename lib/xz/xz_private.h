/*
 * xz_private.h - interfaces shared between the decoder's source files.
 *
 * Not for users of the decoder: include xz.h instead.  Layering, from the
 * bottom up:
 *   crc.c      CRC32 / CRC64
 *   lzma.c     LZMA symbol decoding of one chunk (range coder + model)
 *   lzma2.c    LZMA2 chunk framing on top of lzma.c
 *   bcj_x86.c  x86 branch converter, applied after a block is decoded
 *   block.c    block header, filter chain, padding, check
 *   stream.c   stream header/footer, index, stream padding, public API
 */
#ifndef XZ_PRIVATE_H
#define XZ_PRIVATE_H

#include "xz.h"

/* Little-endian loads, written bytewise so alignment never matters. */
static inline uint32_t xz_get_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) |
           ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t xz_get_le64(const uint8_t *p)
{
    return (uint64_t)xz_get_le32(p) | ((uint64_t)xz_get_le32(p + 4) << 32);
}

static inline void xz_put_le32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* crc.c: start with crc = 0; feed pieces by passing the previous result. */
uint32_t xz_crc32(const uint8_t *buf, size_t len, uint32_t crc);
uint64_t xz_crc64(const uint8_t *buf, size_t len, uint64_t crc);

/*
 * lzma.c
 *
 * xz_lzma_set_props(): accept an LZMA properties byte (lc/lp/pb) as used
 * by LZMA2 (lc + lp <= 4); returns false if invalid.
 * xz_lzma_reset(): fresh probabilities, state and distances.
 * xz_lzma_chunk(): decode one LZMA2 chunk: exactly in_len compressed
 * bytes must produce exactly the bytes out[*pos .. out_end), each match
 * reaching back no further than dict_start and dict_size.
 */
bool xz_lzma_set_props(struct xz_lzma_dec *lz, uint8_t props);
void xz_lzma_reset(struct xz_lzma_dec *lz);
int xz_lzma_chunk(struct xz_lzma_dec *lz, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t pos, size_t out_end,
                  size_t dict_start, uint32_t dict_size);

/*
 * lzma2.c: decode one LZMA2 stream from in[0 .. in_len) into
 * out[out_pos .. out_cap).  On success *in_used is the number of input
 * bytes up to and including the end marker, *out_end the new end of the
 * output.  dict_props is the one-byte LZMA2 filter property.
 */
int xz_lzma2_decode(struct xz_lzma_dec *lz, uint8_t dict_props,
                    const uint8_t *in, size_t in_len, size_t *in_used,
                    uint8_t *out, size_t out_pos, size_t out_cap,
                    size_t *out_end);

/* bcj_x86.c: undo the x86 branch conversion in place. */
void xz_bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start_offset);

/*
 * block.c: decode one block that starts at in[0] (its header size byte
 * is known to be non-zero).  in_len bounds the block from above.  Output
 * is appended at out[*out_pos]; *in_used and *out_pos are updated only
 * on success, and *unpadded / *uncompressed receive the sizes the index
 * must list for this block.
 */
int xz_block_decode(struct xz_dec_state *st, unsigned int check_type,
                    const uint8_t *in, size_t in_len, size_t *in_used,
                    uint8_t *out, size_t *out_pos, size_t out_cap,
                    uint64_t *unpadded, uint64_t *uncompressed);

/* Size in bytes of a check field, or -1 for unsupported check types. */
int xz_check_size(unsigned int check_type);

/*
 * Decode a variable-length integer (1..9 bytes, 7 bits each, shortest
 * form only) at in[*pos], never reading at or beyond in[limit].
 */
bool xz_vli_decode(const uint8_t *in, size_t *pos, size_t limit,
                   uint64_t *value);

/* .xz check type IDs. */
#define XZ_CHECK_NONE    0x00
#define XZ_CHECK_CRC32   0x01
#define XZ_CHECK_CRC64   0x04
#define XZ_CHECK_SHA256  0x0a

#endif /* XZ_PRIVATE_H */
