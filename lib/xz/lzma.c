/*
 * lzma.c - the LZMA decoder proper: range decoder, probability model,
 * literal / match / repeated-match symbols.
 *
 * Offers xz_lzma_set_props(), xz_lzma_reset() and xz_lzma_chunk() (see
 * xz_private.h).  LZMA2 framing lives in lzma2.c; this file only turns
 * the compressed bytes of one chunk into output bytes.
 *
 * The whole output lives in one flat buffer, so that buffer doubles as the
 * LZ dictionary: a match copies bytes that were written earlier into the
 * same buffer.  Bounds: every match must start at or after the last
 * dictionary reset and within dict_size bytes, and must end within the
 * chunk; the range decoder never reads past the chunk's compressed bytes
 * (reads beyond it yield zeros and are caught after the symbol).
 */
#include "xz_private.h"

/* Probabilities are 11-bit: 2048 means "certain"; start undecided. */
#define PROB_BITS       11
#define PROB_INIT       (1u << (PROB_BITS - 1))
#define PROB_ADAPT      5           /* adaptation speed (shift) */
#define RC_TOP          (1u << 24)  /* renormalise below this range */

#define LITERAL_STATES  7           /* states 0..6 follow a literal */
#define MATCH_LEN_MIN   2
#define END_MARKER      0xffffffffu /* distance meaning "end of data" */

struct rc
{
    const uint8_t *in;
    size_t pos;
    size_t end;
    uint32_t range;
    uint32_t code;
};

/* The output buffer seen as the LZ dictionary of the current chunk. */
struct window
{
    uint8_t *buf;
    size_t pos;         /* next byte to produce */
    size_t end;         /* end of this chunk's output */
    size_t start;       /* last dictionary reset: matches stop here */
    uint32_t dict_size; /* encoder's window: no distance may reach past */
};

/* ---- range decoder ---------------------------------------------------- */

/*
 * Keep range >= 2^24 by shifting in one input byte.  Past the end of the
 * chunk we shift in zeros but still advance pos, so the caller can detect
 * the overrun once per symbol instead of once per bit.
 */
static inline void rc_normalize(struct rc *rc)
{
    if ( rc->range < RC_TOP )
    {
        uint32_t byte = rc->pos < rc->end ? rc->in[rc->pos] : 0;

        rc->range <<= 8;
        rc->code = (rc->code << 8) | byte;
        rc->pos++;
    }
}

/* Decode one bit with an adaptive probability and update that model. */
static inline uint32_t rc_bit(struct rc *rc, uint16_t *prob)
{
    uint32_t p = *prob;
    uint32_t bound = (rc->range >> PROB_BITS) * p;
    uint32_t bit;

    if ( rc->code < bound )
    {
        rc->range = bound;
        *prob = (uint16_t)(p + (((1u << PROB_BITS) - p) >> PROB_ADAPT));
        bit = 0;
    }
    else
    {
        rc->range -= bound;
        rc->code -= bound;
        *prob = (uint16_t)(p - (p >> PROB_ADAPT));
        bit = 1;
    }
    rc_normalize(rc);
    return bit;
}

/* A most-significant-bit-first tree of 'bits' levels; probs[1..2^bits). */
static inline uint32_t rc_tree(struct rc *rc, uint16_t *probs,
                               unsigned int bits)
{
    uint32_t node = 1;

    do
        node = (node << 1) | rc_bit(rc, &probs[node]);
    while ( node < (1u << bits) );

    return node - (1u << bits);
}

/* Same tree shape, but the first decoded bit is the least significant. */
static inline uint32_t rc_tree_reverse(struct rc *rc, uint16_t *probs,
                                       unsigned int bits)
{
    uint32_t node = 1, value = 0;
    unsigned int i;

    for ( i = 0; i < bits; i++ )
    {
        uint32_t bit = rc_bit(rc, &probs[node]);

        node = (node << 1) | bit;
        value |= bit << i;
    }
    return value;
}

/* Bits with a fixed 50% probability (the middle bits of long distances). */
static inline uint32_t rc_direct(struct rc *rc, unsigned int bits)
{
    uint32_t value = 0;

    while ( bits-- )
    {
        uint32_t bit;

        rc->range >>= 1;
        bit = rc->code >= rc->range;
        if ( bit )
            rc->code -= rc->range;
        value = (value << 1) | bit;
        rc_normalize(rc);
    }
    return value;
}

/* ---- model setup ------------------------------------------------------ */

bool xz_lzma_set_props(struct xz_lzma_dec *lz, uint8_t props)
{
    unsigned int lc, lp, pb;

    /* props = (pb * 5 + lp) * 9 + lc, with lc <= 8 and lp, pb <= 4. */
    if ( props >= 9 * 5 * 5 )
        return false;
    lc = props % 9;
    lp = (props / 9) % 5;
    pb = props / (9 * 5);

    /* LZMA2 caps the literal context so the model has a fixed maximum. */
    if ( lc + lp > 4 )
        return false;

    lz->lc = lc;
    lz->lp_mask = (1u << lp) - 1;
    lz->pb_mask = (1u << pb) - 1;
    return true;
}

void xz_lzma_reset(struct xz_lzma_dec *lz)
{
    /*
     * The model is nothing but uint16_t arrays, so it can be walked as one
     * array.  Only the literal contexts that lc/lp can select need setting:
     * with lc = 3, lp = 0 that skips half of the model.
     */
    uint16_t *p = (uint16_t *)&lz->model;
    size_t used_lit = (size_t)(lz->lp_mask + 1) << lz->lc;
    size_t n = (offsetof(struct xz_lzma_model, literal) +
                used_lit * sizeof(lz->model.literal[0])) / sizeof(uint16_t);
    size_t i;

    for ( i = 0; i < n; i++ )
        p[i] = PROB_INIT;

    lz->state = 0;
    lz->rep[0] = lz->rep[1] = lz->rep[2] = lz->rep[3] = 0;
}

/* ---- symbols ---------------------------------------------------------- */

/*
 * Copy len bytes from dist + 1 bytes back.  This is where corrupt data is
 * stopped: the source must lie after the dictionary reset and inside the
 * dictionary size, the destination inside the chunk.
 */
static inline int copy_match(struct window *w, uint32_t dist, uint32_t len)
{
    uint8_t *dst, *src;
    uint32_t i;

    if ( dist >= w->pos - w->start || dist >= w->dict_size )
        return XZ_EINVAL;
    if ( len > w->end - w->pos )
        return XZ_EINVAL;

    dst = w->buf + w->pos;
    src = dst - dist - 1;
    w->pos += len;

    if ( (size_t)dist + 1 >= len )
        __builtin_memcpy(dst, src, len);
    else
        /* Overlapping: each byte may be one this very copy produced. */
        for ( i = 0; i < len; i++ )
            dst[i] = src[i];
    return 0;
}

/* 0..15 for short lengths, 16..271 for long ones (before adding 2). */
static inline uint32_t decode_len(struct rc *rc, struct xz_lzma_len_model *l,
                                  uint32_t pos_state)
{
    if ( !rc_bit(rc, &l->choice) )
        return rc_tree(rc, l->low[pos_state], 3);
    if ( !rc_bit(rc, &l->choice2) )
        return 8 + rc_tree(rc, l->mid[pos_state], 3);
    return 16 + rc_tree(rc, l->high, 8);
}

/*
 * A distance is coded as a 6-bit slot (context: the match length, capped
 * at 3) giving its top two bits and bit count; the remaining bits come from
 * small reverse trees (short distances) or from direct bits plus a 4-bit
 * reverse tree for the lowest bits (long distances).
 */
static inline uint32_t decode_dist(struct rc *rc, struct xz_lzma_model *m,
                                   uint32_t len)
{
    uint32_t slot = rc_tree(rc, m->dist_slot[len < 3 ? len : 3], 6);
    unsigned int extra;
    uint32_t dist;

    if ( slot < 4 )
        return slot;

    extra = (slot >> 1) - 1;
    dist = (2 | (slot & 1)) << extra;
    if ( slot < 14 )
        /* Each slot's tree sits at dist - slot; see dist_special in xz.h. */
        return dist + rc_tree_reverse(rc, m->dist_special + (dist - slot),
                                      extra);

    dist += rc_direct(rc, extra - 4) << 4;
    return dist + rc_tree_reverse(rc, m->dist_align, 4);
}

/*
 * A literal's probabilities depend on the previous byte's top lc bits and
 * the low lp bits of the position.  Right after a match the byte that
 * would have continued the match steers the first bits ("matched
 * literal") until a decoded bit differs from it.
 */
static inline uint32_t decode_matched(struct rc *rc, uint16_t *probs,
                                      uint32_t match_byte)
{
    uint32_t sym = 1;

    while ( sym < 0x100 )
    {
        uint32_t mbit = (match_byte >> 7) & 1;
        uint32_t bit;

        match_byte <<= 1;
        bit = rc_bit(rc, &probs[0x100 + (mbit << 8) + sym]);
        sym = (sym << 1) | bit;
        if ( bit != mbit )
            break;
    }
    /* Once they differ, the rest is an ordinary literal tree. */
    while ( sym < 0x100 )
        sym = (sym << 1) | rc_bit(rc, &probs[sym]);

    return sym & 0xff;
}

static inline int decode_literal(struct xz_lzma_dec *lz, struct rc *rc,
                                 struct window *w)
{
    static const uint8_t next_state[XZ_LZMA_STATES] =
        { 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 4, 5 };
    size_t done = w->pos - w->start;
    uint32_t prev = done ? w->buf[w->pos - 1] : 0;
    uint32_t ctx = ((uint32_t)(done & lz->lp_mask) << lz->lc) +
                   (prev >> (8 - lz->lc));
    uint16_t *probs = lz->model.literal[ctx];
    uint32_t sym;

    if ( lz->state < LITERAL_STATES )
        sym = rc_tree(rc, probs, 8);
    else
    {
        /* rep0 was checked when its match was decoded; stay defensive. */
        if ( lz->rep[0] >= done )
            return XZ_EINVAL;
        sym = decode_matched(rc, probs, w->buf[w->pos - lz->rep[0] - 1]);
    }

    w->buf[w->pos++] = (uint8_t)sym;
    lz->state = next_state[lz->state];
    return 0;
}

/* A match with a newly coded distance. */
static inline int decode_match(struct xz_lzma_dec *lz, struct rc *rc,
                               struct window *w, uint32_t pos_state)
{
    uint32_t len, dist;

    lz->rep[3] = lz->rep[2];
    lz->rep[2] = lz->rep[1];
    lz->rep[1] = lz->rep[0];

    len = decode_len(rc, &lz->model.match_len, pos_state);
    lz->state = lz->state < LITERAL_STATES ? 7 : 10;

    dist = decode_dist(rc, &lz->model, len);
    /* LZMA2 chunks carry exact sizes, so an end marker is corruption. */
    if ( dist == END_MARKER )
        return XZ_EINVAL;
    lz->rep[0] = dist;

    return copy_match(w, dist, len + MATCH_LEN_MIN);
}

/* Pick one of the four remembered distances and move it to the front. */
static inline void select_rep(struct xz_lzma_dec *lz, struct rc *rc)
{
    struct xz_lzma_model *m = &lz->model;
    uint32_t dist;

    if ( !rc_bit(rc, &m->is_rep1[lz->state]) )
        dist = lz->rep[1];
    else
    {
        if ( !rc_bit(rc, &m->is_rep2[lz->state]) )
            dist = lz->rep[2];
        else
        {
            dist = lz->rep[3];
            lz->rep[3] = lz->rep[2];
        }
        lz->rep[2] = lz->rep[1];
    }
    lz->rep[1] = lz->rep[0];
    lz->rep[0] = dist;
}

/* A match reusing a recent distance, or a single byte from rep0. */
static inline int decode_rep(struct xz_lzma_dec *lz, struct rc *rc,
                             struct window *w, uint32_t pos_state)
{
    struct xz_lzma_model *m = &lz->model;
    uint32_t len;

    if ( !rc_bit(rc, &m->is_rep0[lz->state]) )
    {
        if ( !rc_bit(rc, &m->is_rep0_long[lz->state][pos_state]) )
        {
            lz->state = lz->state < LITERAL_STATES ? 9 : 11;
            return copy_match(w, lz->rep[0], 1);
        }
    }
    else
        select_rep(lz, rc);

    len = decode_len(rc, &m->rep_len, pos_state);
    lz->state = lz->state < LITERAL_STATES ? 8 : 11;
    return copy_match(w, lz->rep[0], len + MATCH_LEN_MIN);
}

static inline int decode_symbol(struct xz_lzma_dec *lz, struct rc *rc,
                                struct window *w)
{
    struct xz_lzma_model *m = &lz->model;
    uint32_t pos_state = (uint32_t)(w->pos - w->start) & lz->pb_mask;

    if ( !rc_bit(rc, &m->is_match[lz->state][pos_state]) )
        return decode_literal(lz, rc, w);
    if ( !rc_bit(rc, &m->is_rep[lz->state]) )
        return decode_match(lz, rc, w, pos_state);
    return decode_rep(lz, rc, w, pos_state);
}

/* ---- one chunk -------------------------------------------------------- */

int xz_lzma_chunk(struct xz_lzma_dec *lz, const uint8_t *in, size_t in_len,
                  uint8_t *out, size_t pos, size_t out_end,
                  size_t dict_start, uint32_t dict_size)
{
    struct rc rc;
    struct window w;

    /* Range coder start: a zero byte, then the initial 32-bit code. */
    if ( in_len < 5 || in[0] != 0 )
        return XZ_EINVAL;
    rc.in = in;
    rc.pos = 5;
    rc.end = in_len;
    rc.range = 0xffffffffu;
    rc.code = ((uint32_t)in[1] << 24) | ((uint32_t)in[2] << 16) |
              ((uint32_t)in[3] << 8) | in[4];

    w.buf = out;
    w.pos = pos;
    w.end = out_end;
    w.start = dict_start;
    w.dict_size = dict_size;

    /* Every symbol yields at least one byte, so this loop terminates. */
    while ( w.pos < w.end )
        if ( decode_symbol(lz, &rc, &w) != 0 || rc.pos > rc.end )
            return XZ_EINVAL;

    /*
     * A chunk ends on a symbol boundary with the encoder's flush fully
     * consumed, which leaves the code at zero.
     */
    if ( rc.pos != rc.end || rc.code != 0 )
        return XZ_EINVAL;
    return 0;
}
