/*
 * Decoding the instructions the PV privileged-op emulator handles (see
 * emul-decode.h for the interface).  64-bit code only: legacy prefixes in
 * any order, then an optional REX byte that counts only when it directly
 * precedes the opcode, then a one- or two-byte opcode and, for CR/DR
 * moves, a ModRM byte whose mod field is ignored (always a register).
 */
#include "emul-decode.h"

/* Cursor over the untrusted bytes: every read is checked. */
struct cursor {
    const uint8_t *buf;
    unsigned int avail;
    unsigned int pos;
};

/* Fetch the next byte, or report why it cannot be had. */
static enum insn_decode_rc next_byte(struct cursor *c, uint8_t *b)
{
    if ( c->pos >= INSN_MAX_LEN )
        return INSN_TOO_LONG;
    if ( c->pos >= c->avail )
        return INSN_TRUNCATED;
    *b = c->buf[c->pos++];
    return INSN_OK;
}

struct prefixes {
    bool opsize;        /* 0x66 */
    bool addrsize;      /* 0x67 */
    bool lock;          /* 0xf0 */
    bool rep;           /* 0xf2 / 0xf3 */
    enum insn_seg seg;
    uint8_t rex;        /* 0 if none, else 0x40-0x4f */
};

/* Fold one legacy prefix byte into p; false if b is not a prefix. */
static bool legacy_prefix(uint8_t b, struct prefixes *p)
{
    switch ( b )
    {
    case 0x66: p->opsize = true; break;
    case 0x67: p->addrsize = true; break;
    case 0xf0: p->lock = true; break;
    case 0xf2: case 0xf3: p->rep = true; break;
    case 0x26: p->seg = INSN_SEG_ES; break;
    case 0x2e: p->seg = INSN_SEG_CS; break;
    case 0x36: p->seg = INSN_SEG_SS; break;
    case 0x3e: p->seg = INSN_SEG_DS; break;
    case 0x64: p->seg = INSN_SEG_FS; break;
    case 0x65: p->seg = INSN_SEG_GS; break;
    default: return false;
    }
    return true;
}

/*
 * Consume prefixes; *op gets the first opcode byte.  A REX byte followed
 * by a legacy prefix is ignored, as the CPU does.
 */
static enum insn_decode_rc read_prefixes(struct cursor *c, struct prefixes *p,
                                         uint8_t *op)
{
    enum insn_decode_rc rc;
    uint8_t b;

    for ( ; ; )
    {
        if ( (rc = next_byte(c, &b)) != INSN_OK )
            return rc;
        if ( (b & 0xf0) == 0x40 )
        {
            p->rex = b;
            continue;
        }
        if ( !legacy_prefix(b, p) )
            break;
        p->rex = 0;
    }
    *op = b;
    return INSN_OK;
}

/* 0f 20-23: mov to/from CRn/DRn.  ModRM reg names the control register. */
static enum insn_decode_rc decode_mov_ctrl(struct cursor *c, uint8_t op2,
                                           const struct prefixes *p,
                                           struct pv_insn *insn)
{
    static const enum insn_kind kinds[4] = {
        INSN_MOV_FROM_CR, INSN_MOV_FROM_DR, INSN_MOV_TO_CR, INSN_MOV_TO_DR,
    };
    enum insn_decode_rc rc;
    uint8_t modrm;

    if ( (rc = next_byte(c, &modrm)) != INSN_OK )
        return rc;
    insn->kind = kinds[op2 - 0x20];
    insn->ctrl = ((modrm >> 3) & 7) | ((p->rex & 0x4) ? 8 : 0);
    insn->gpr = (modrm & 7) | ((p->rex & 0x1) ? 8 : 0);
    insn->op_bytes = 8;
    return INSN_OK;
}

static enum insn_decode_rc decode_0f(struct cursor *c, const struct prefixes *p,
                                     struct pv_insn *insn)
{
    enum insn_decode_rc rc;
    uint8_t op2;

    if ( (rc = next_byte(c, &op2)) != INSN_OK )
        return rc;
    switch ( op2 )
    {
    case 0x06: insn->kind = INSN_CLTS; return INSN_OK;
    /* f3 0f 09 is wbnoinvd: flushing with invalidation is a superset. */
    case 0x09: insn->kind = INSN_WBINVD; return INSN_OK;
    case 0x30: insn->kind = INSN_WRMSR; return INSN_OK;
    case 0x32: insn->kind = INSN_RDMSR; return INSN_OK;
    case 0xa2: insn->kind = INSN_CPUID; return INSN_OK;
    case 0x20: case 0x21: case 0x22: case 0x23:
        return decode_mov_ctrl(c, op2, p, insn);
    }
    return INSN_UNKNOWN;
}

/* The I/O opcodes: in/out with imm8 or %dx, and ins/outs. */
static enum insn_decode_rc decode_io(struct cursor *c, uint8_t op,
                                     const struct prefixes *p,
                                     struct pv_insn *insn)
{
    enum insn_decode_rc rc;

    /* Even opcodes move a byte; odd ones a word or dword (REX.W: dword). */
    insn->op_bytes = (op & 1) ? (p->opsize ? 2 : 4) : 1;
    insn->port_in_dx = true;
    switch ( op & ~1 )
    {
    case 0x6c: insn->kind = INSN_INS; return INSN_OK;
    case 0x6e: insn->kind = INSN_OUTS; return INSN_OK;
    case 0xec: insn->kind = INSN_IN; return INSN_OK;
    case 0xee: insn->kind = INSN_OUT; return INSN_OK;
    }
    insn->kind = (op & 2) ? INSN_OUT : INSN_IN;     /* e4-e7 */
    insn->port_in_dx = false;
    rc = next_byte(c, &insn->port);
    return rc;
}

static enum insn_decode_rc decode_opcode(struct cursor *c, uint8_t op,
                                         const struct prefixes *p,
                                         struct pv_insn *insn)
{
    switch ( op )
    {
    case 0x0f:
        return decode_0f(c, p, insn);
    case 0x6c ... 0x6f:
    case 0xe4 ... 0xe7:
    case 0xec ... 0xef:
        return decode_io(c, op, p, insn);
    case 0xfa:
        insn->kind = INSN_CLI;
        return INSN_OK;
    case 0xfb:
        insn->kind = INSN_STI;
        return INSN_OK;
    }
    return INSN_UNKNOWN;
}

enum insn_decode_rc pv_insn_decode(const uint8_t *buf, unsigned int avail,
                                   struct pv_insn *insn)
{
    struct cursor c = { .buf = buf, .avail = avail, .pos = 0 };
    struct prefixes p = { .seg = INSN_SEG_NONE };
    enum insn_decode_rc rc;
    uint8_t op;

    *insn = (struct pv_insn){ .seg = INSN_SEG_NONE };
    if ( (rc = read_prefixes(&c, &p, &op)) != INSN_OK )
        return rc;
    if ( (rc = decode_opcode(&c, op, &p, insn)) != INSN_OK )
        return rc;
    /* None of these accepts LOCK: the CPU raises #UD, not #GP, for it. */
    if ( p.lock )
        return INSN_UNKNOWN;
    insn->len = c.pos;
    insn->addr_bytes = p.addrsize ? 4 : 8;
    insn->rep = p.rep;
    insn->seg = p.seg;
    return INSN_OK;
}

bool pv_insn_is_forced_cpuid(const uint8_t *buf, unsigned int avail)
{
    static const uint8_t seq[FORCED_CPUID_LEN] = {
        0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2,
    };
    unsigned int i;

    if ( avail < FORCED_CPUID_LEN )
        return false;
    for ( i = 0; i < FORCED_CPUID_LEN; i++ )
        if ( buf[i] != seq[i] )
            return false;
    return true;
}
