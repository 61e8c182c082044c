/*
 * xz.h - single-call .xz decompressor for the PV domain builder.
 *
 * Decodes a complete .xz image that is already in memory into a flat
 * output buffer.  Supported: the LZMA2 filter, optionally preceded by the
 * x86 BCJ filter; check types none, CRC32 and CRC64 (verified) and SHA-256
 * (its size is honoured but the digest is NOT verified); any number of
 * blocks; stream padding; concatenated streams.  Everything else (other
 * filters, other check types, the legacy .lzma format) is rejected.
 *
 * Interface:
 *   xz_decode_buffer()        whole input must be .xz streams + padding;
 *                             uses a static decoder state (NOT reentrant).
 *   xz_decode_buffer_with()   same, with a caller-provided state.
 *   xz_decode_stream_with()   decode only the first stream and report how
 *                             much input it used; bytes after it are left
 *                             alone (e.g. the size word Linux appends to
 *                             its compressed payload).
 *
 * The input is untrusted: corrupt data yields an error, never an access
 * outside the given buffers.  On error the output buffer holds garbage.
 */
#ifndef XZ_XZ_H
#define XZ_XZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

/*
 * Return values (negated errno numbers, same values as Linux and Xen).
 *   XZ_OK       success
 *   XZ_EIO      a block's check value (CRC32/CRC64) does not match the data
 *   XZ_EINVAL   corrupt input, or a valid feature this decoder lacks
 *   XZ_ENOSPC   the output buffer is too small for the decoded data
 */
#define XZ_OK       0
#define XZ_EIO      (-5)
#define XZ_EINVAL   (-22)
#define XZ_ENOSPC   (-28)

/*
 * LZMA probability model.  Every probability is an 11-bit fixed point
 * number kept in a uint16_t.  The sizes follow the LZMA algorithm: 12
 * coder states, up to 16 position states (pb <= 4), 4 distance-slot
 * contexts with 64 slots each, 114 probabilities (plus one unused slot
 * at index 0) for the bit-tree coded low bits of distances 4..127, 16
 * for the lowest four bits of longer distances, and 0x300 per literal
 * context (lc + lp <= 4 gives at most 16 literal contexts in LZMA2).
 */
#define XZ_LZMA_STATES          12
#define XZ_LZMA_POS_STATES_MAX  16
#define XZ_LZMA_LIT_CTX_MAX     16
#define XZ_LZMA_LIT_SIZE        0x300

struct xz_lzma_len_model
{
    uint16_t choice;
    uint16_t choice2;
    uint16_t low[XZ_LZMA_POS_STATES_MAX][8];
    uint16_t mid[XZ_LZMA_POS_STATES_MAX][8];
    uint16_t high[256];
};

struct xz_lzma_model
{
    uint16_t is_match[XZ_LZMA_STATES][XZ_LZMA_POS_STATES_MAX];
    uint16_t is_rep[XZ_LZMA_STATES];
    uint16_t is_rep0[XZ_LZMA_STATES];
    uint16_t is_rep1[XZ_LZMA_STATES];
    uint16_t is_rep2[XZ_LZMA_STATES];
    uint16_t is_rep0_long[XZ_LZMA_STATES][XZ_LZMA_POS_STATES_MAX];
    uint16_t dist_slot[4][64];
    uint16_t dist_special[115];
    uint16_t dist_align[16];
    struct xz_lzma_len_model match_len;
    struct xz_lzma_len_model rep_len;
    uint16_t literal[XZ_LZMA_LIT_CTX_MAX][XZ_LZMA_LIT_SIZE];
};

/* LZMA coder state that survives from one LZMA2 chunk to the next. */
struct xz_lzma_dec
{
    struct xz_lzma_model model;
    uint32_t rep[4];        /* the four most recent match distances */
    uint32_t state;         /* 0..11: kind of the last few symbols */
    uint32_t lc;            /* literal context bits */
    uint32_t lp_mask;       /* (1 << lp) - 1 */
    uint32_t pb_mask;       /* (1 << pb) - 1 */
};

/*
 * Decoder state: about 28 KiB, mostly the probability model.  Callers
 * may keep it anywhere (static, heap); it needs no initialisation and
 * holds nothing between calls.
 */
struct xz_dec_state
{
    struct xz_lzma_dec lzma;
};

int xz_decode_buffer(const void *in, size_t in_len,
                     void *out, size_t out_cap, size_t *out_len);

int xz_decode_buffer_with(struct xz_dec_state *st,
                          const void *in, size_t in_len,
                          void *out, size_t out_cap, size_t *out_len);

int xz_decode_stream_with(struct xz_dec_state *st,
                          const void *in, size_t in_len, size_t *in_used,
                          void *out, size_t out_cap, size_t *out_len);

#endif /* XZ_XZ_H */
