/*
 * Decoding the memory-writing instructions a PV kernel uses on its own
 * page tables (for pv/ro_page_fault.c).  Only the shape matters: which
 * operation, its width, its source (register or immediate) and its
 * length; the address written is already known from CR2.
 *
 * Forms: mov r,m (88/89), mov imm,m (c6/c7 /0), xchg r,m (86/87),
 * cmpxchg r,m (0f b0/b1), and/or r,m (20/21, 08/09), and/or imm,m
 * (80/81/83 /4 and /1), btr/bts r,m (0f b3/ab), btr/bts imm,m (0f ba /6,/5).
 * Like every decoder here it never reads past `avail` bytes.
 */
#include <xen/lib.h>
#include "ptwr.h"

struct cursor {
    const uint8_t *p;
    unsigned int left;
};

static bool take(struct cursor *c, unsigned int n)
{
    if ( c->left < n )
        return false;
    c->p += n;
    c->left -= n;
    return true;
}

/* Skip prefixes; note operand-size and REX.W/R. */
static void prefixes(struct cursor *c, struct ptwr_insn *in, unsigned int *rex)
{
    for ( ; c->left; take(c, 1) )
    {
        uint8_t b = *c->p;

        if ( b == 0x66 )
            in->bytes = 2;
        else if ( b != 0xf0 && b != 0x2e && b != 0x3e && b != 0x26 &&
                  b != 0x36 && b != 0x64 && b != 0x65 )
            break;
    }
    *rex = 0;
    if ( c->left && (*c->p & 0xf0) == 0x40 )
    {
        *rex = *c->p;
        take(c, 1);
    }
}

/* ModRM (memory forms only), SIB and displacement. */
static bool modrm(struct cursor *c, unsigned int rex, unsigned int *reg_field)
{
    uint8_t m, mod, rm;

    if ( !c->left )
        return false;
    m = *c->p;
    mod = m >> 6;
    rm = m & 7;
    *reg_field = ((m >> 3) & 7) | ((rex & 4) ? 8 : 0);
    if ( mod == 3 || !take(c, 1) )
        return false;                  /* a register operand: no write */
    if ( rm == 4 )
    {
        /* A SIB byte; with no base register it carries a disp32. */
        uint8_t sib;

        if ( !c->left )
            return false;
        sib = *c->p;
        take(c, 1);
        if ( mod == 0 && (sib & 7) == 5 && !take(c, 4) )
            return false;
    }
    if ( mod == 1 )
        return take(c, 1);
    if ( mod == 2 || (mod == 0 && rm == 5) )
        return take(c, 4);
    return true;
}

static bool imm(struct cursor *c, unsigned int n, struct ptwr_insn *in)
{
    int64_t v = 0;

    if ( c->left < n )
        return false;
    switch ( n )
    {
    case 1: v = (int8_t)c->p[0]; break;
    case 2: v = (int16_t)(c->p[0] | c->p[1] << 8); break;
    case 4: v = (int32_t)(c->p[0] | c->p[1] << 8 | c->p[2] << 16 |
                          (uint32_t)c->p[3] << 24); break;
    }
    in->imm = v;
    in->src_is_imm = true;
    return take(c, n);
}

static unsigned int imm_bytes(const struct ptwr_insn *in)
{
    return in->bytes == 8 ? 4 : in->bytes;
}

static bool group1(struct cursor *c, uint8_t op, unsigned int reg,
                   struct ptwr_insn *in)
{
    if ( (reg & 7) == 4 )
        in->op = PTWR_AND;
    else if ( (reg & 7) == 1 )
        in->op = PTWR_OR;
    else
        return false;
    return imm(c, op == 0x81 ? imm_bytes(in) : 1, in);
}

static bool twobyte(struct cursor *c, unsigned int rex, struct ptwr_insn *in)
{
    uint8_t op;
    unsigned int reg;

    if ( !c->left )
        return false;
    op = *c->p;
    take(c, 1);
    switch ( op )
    {
    case 0xb0: case 0xb1:
        in->op = PTWR_CMPXCHG;
        break;
    case 0xb3: in->op = PTWR_BTR; break;
    case 0xab: in->op = PTWR_BTS; break;
    case 0xba:
        if ( !modrm(c, rex, &reg) )
            return false;
        if ( (reg & 7) != 6 && (reg & 7) != 5 )
            return false;
        in->op = (reg & 7) == 6 ? PTWR_BTR : PTWR_BTS;
        return imm(c, 1, in);
    default:
        return false;
    }
    if ( op == 0xb0 )
        in->bytes = 1;
    if ( !modrm(c, rex, &reg) )
        return false;
    in->src_reg = reg;
    return true;
}

bool ptwr_decode(const uint8_t *buf, unsigned int avail, struct ptwr_insn *in)
{
    struct cursor c = { buf, avail };
    unsigned int rex, reg;
    uint8_t op;

    memset(in, 0, sizeof(*in));
    in->bytes = 4;
    prefixes(&c, in, &rex);
    if ( rex & 8 )
        in->bytes = 8;
    if ( !c.left )
        return false;
    op = *c.p;
    take(&c, 1);
    if ( op == 0x0f )
    {
        if ( !twobyte(&c, rex, in) )
            return false;
        goto done;
    }
    /* Byte forms are the even opcodes of each pair. */
    if ( op == 0x88 || op == 0x86 || op == 0x20 || op == 0x08 ||
         op == 0xc6 || op == 0x80 )
        in->bytes = 1;
    if ( !modrm(&c, rex, &reg) )
        return false;
    in->src_reg = reg;
    switch ( op )
    {
    case 0x88: case 0x89: in->op = PTWR_MOV; break;
    case 0x86: case 0x87: in->op = PTWR_XCHG; break;
    case 0x20: case 0x21: in->op = PTWR_AND; break;
    case 0x08: case 0x09: in->op = PTWR_OR; break;
    case 0xc6: case 0xc7:
        if ( reg & 7 )
            return false;
        in->op = PTWR_MOV;
        if ( !imm(&c, op == 0xc6 ? 1 : imm_bytes(in), in) )
            return false;
        break;
    case 0x80: case 0x81: case 0x83:
        if ( !group1(&c, op, reg, in) )
            return false;
        break;
    default:
        return false;
    }
 done:
    in->len = c.p - buf;
    return in->len <= 15;
}
