/*
 * bcj_x86.c - decoder for the x86 BCJ (branch/call/jump) filter.
 *
 * Offers xz_bcj_x86_decode() (see xz_private.h).  The encoder rewrote the
 * 32-bit operand of likely CALL (E8) and JMP (E9) rel32 instructions from
 * relative to absolute form, which makes repeated calls to one target
 * compress better; this undoes it in place, in one pass over a whole
 * block's output.
 *
 * Which E8/E9 bytes were converted follows fixed heuristics shared with
 * the encoder: the operand's top byte must be 0x00 or 0xFF (a near target),
 * and a 3-bit history of recent unconverted E8/E9 bytes within the last
 * three positions can veto a conversion or adjust it, because such bytes
 * may be the real opcode whose operand overlaps this one.  The last four
 * bytes of a block are never converted.
 */
#include "xz_private.h"

/*
 * Indexed by the history mask: bit j set means an E8/E9 byte that was left
 * unconverted sits j + 1 bytes before the current one.
 */
static const bool history_allows[8] =
    { true, true, true, false, true, false, false, false };
/* 1 + index of the highest set bit, i.e. how far back the oldest one is. */
static const uint8_t history_depth[8] = { 0, 1, 2, 2, 3, 3, 3, 3 };

static inline bool near_top_byte(uint8_t b)
{
    return b == 0x00 || b == 0xff;
}

/*
 * Turn an absolute target back into a displacement relative to next_ip.
 * With an unconverted opcode close before, the encoder may also have
 * inverted the low bits (those up to and including the byte that the
 * older opcode's operand would end on) when the result looked near; undo
 * that too.  The rule is usually stated as a loop, but one round is all
 * it can take: the caller only gets here when that byte of the stored
 * operand is neither 0x00 nor 0xFF, and after one inversion the same byte
 * of the result is the complement of the stored one, so the loop's test
 * fails.
 */
static uint32_t operand_to_relative(uint32_t stored, uint32_t next_ip,
                                    unsigned int history)
{
    uint32_t rel = stored - next_ip;

    if ( history != 0 )
    {
        unsigned int shift = 24 - 8 * history_depth[history];
        uint32_t low_mask = (1u << (shift + 8)) - 1;

        if ( near_top_byte((uint8_t)(rel >> shift)) )
            rel = (rel ^ low_mask) - next_ip;
    }

    /* Keep 25 bits and sign-extend from bit 24. */
    rel &= 0x01ffffffu;
    rel |= 0u - (rel & 0x01000000u);
    return rel;
}

/* Age the history by the distance to the previous E8/E9 byte. */
static inline unsigned int age_history(unsigned int history, size_t gap)
{
    if ( history == 0 || gap > 3 )
        return 0;
    return (history << (gap - 1)) & 7;
}

void xz_bcj_x86_decode(uint8_t *buf, size_t len, uint32_t start_offset)
{
    size_t i, last = 0;
    unsigned int history = 0;

    /* An opcode needs four operand bytes after it inside the buffer. */
    for ( i = 0; i + 4 < len; i++ )
    {
        uint32_t stored;

        if ( (buf[i] & 0xfe) != 0xe8 )
            continue;

        history = age_history(history, i - last);
        last = i;

        /* An older candidate whose operand looks near vetoes this one. */
        if ( history != 0 &&
             (!history_allows[history] ||
              near_top_byte(buf[i + 4 - history_depth[history]])) )
        {
            history = (history << 1) | 1;
            continue;
        }

        if ( !near_top_byte(buf[i + 4]) )
        {
            history = (history << 1) | 1;
            continue;
        }

        stored = xz_get_le32(buf + i + 1);
        xz_put_le32(buf + i + 1,
                    operand_to_relative(stored,
                                        start_offset + (uint32_t)i + 5,
                                        history));
        /* The operand bytes are data, not opcodes: skip them. */
        i += 4;
    }
}
