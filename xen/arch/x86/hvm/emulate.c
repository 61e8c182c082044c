/*
 * MMIO instruction emulation for HVM guests (asm/hvm/emulate.h).
 *
 * A nested page fault on an emulated device page (the local APIC's)
 * says where, not what: the instruction is fetched from the guest (its
 * own page tables, hvm/guest_access.c) and decoded here.  Only the forms
 * kernels use to touch device registers are understood: MOV between a
 * register and memory (88, 89, 8A, 8B), MOV of an immediate to memory
 * (C6, C7), MOVZX and MOVSX from memory (0F B6, 0F B7, 0F BE, 0F BF) and
 * MOVSXD (63, 64-bit code), with operand-size and REX prefixes and
 * segment overrides (ignored: the fault gave the address), in 64-bit or
 * 32-bit code: what Linux's readX()/writeX() compile to.  Anything else
 * - other opcodes, LOCK or REP, 16-bit code or addressing - is refused,
 * and the caller crashes the domain.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/emulate.h>

struct insn {
    unsigned int len;           /* bytes decoded so far */
    unsigned int op_bytes;      /* 1, 2, 4 or 8 */
    unsigned int reg;           /* ModRM.reg (with REX.R) */
    bool opsz16, write, widen, sext, imm;
    unsigned int rex;
    uint32_t imm_val;
};

static uint64_t *gpr(struct cpu_user_regs *r, unsigned int n)
{
    switch ( n )
    {
    case 0: return &r->rax;   case 1: return &r->rcx;
    case 2: return &r->rdx;   case 3: return &r->rbx;
    case 4: return &r->rsp;   case 5: return &r->rbp;
    case 6: return &r->rsi;   case 7: return &r->rdi;
    case 8: return &r->r8;    case 9: return &r->r9;
    case 10: return &r->r10;  case 11: return &r->r11;
    case 12: return &r->r12;  case 13: return &r->r13;
    case 14: return &r->r14;  default: return &r->r15;
    }
}

/* Bytes of ModRM, SIB and displacement (32-bit addressing). */
static int modrm_len(const uint8_t *p, unsigned int avail)
{
    unsigned int mod = p[0] >> 6, rm = p[0] & 7, n = 1;

    if ( mod == 3 )
        return -EINVAL;                 /* register operand: not MMIO */
    if ( rm == 4 )
    {
        if ( avail < 2 )
            return -EFAULT;
        n++;
        if ( mod == 0 && (p[1] & 7) == 5 )
            n += 4;                     /* SIB with disp32, no base */
    }
    if ( mod == 0 && rm == 5 )
        n += 4;                         /* disp32 or rip-relative */
    else if ( mod == 1 )
        n += 1;
    else if ( mod == 2 )
        n += 4;
    return n;
}

static int decode(const uint8_t *b, unsigned int avail, bool long_mode,
                  struct insn *in)
{
    unsigned int i = 0, rex = 0, opsz16 = 0, op;
    int n;

    for ( ; i < avail; i++ )
    {
        uint8_t c = b[i];

        if ( c == 0x66 )
            opsz16 = 1;
        else if ( c == 0x2e || c == 0x36 || c == 0x3e || c == 0x26 ||
                  c == 0x64 || c == 0x65 )
            continue;
        else if ( c == 0x67 || c == 0xf0 || c == 0xf2 || c == 0xf3 )
            return -EOPNOTSUPP;         /* other addressing, lock, rep */
        else
            break;
    }
    if ( long_mode && i < avail && (b[i] & 0xf0) == 0x40 )
        rex = b[i++];
    if ( i + 2 > avail )
        return -EFAULT;
    in->rex = rex;
    in->opsz16 = opsz16;
    op = b[i++];
    if ( op == 0x0f )
    {
        op = 0x100 | b[i++];
        if ( i + 1 > avail )
            return -EFAULT;
    }
    in->op_bytes = (rex & 8) ? 8 : opsz16 ? 2 : 4;
    switch ( op )
    {
    case 0x88: in->op_bytes = 1; /* fall through */
    case 0x89: in->write = true; break;
    case 0x8a: in->op_bytes = 1; /* fall through */
    case 0x8b: break;
    case 0xc6: in->op_bytes = 1; /* fall through */
    case 0xc7: in->write = in->imm = true; break;
    case 0x1b6: in->widen = true; in->op_bytes = 1; break;
    case 0x1b7: in->widen = true; in->op_bytes = 2; break;
    case 0x1be: in->widen = in->sext = true; in->op_bytes = 1; break;
    case 0x1bf: in->widen = in->sext = true; in->op_bytes = 2; break;
    case 0x63:
        /* MOVSXD in 64-bit code (ARPL elsewhere); without REX.W a plain
         * 32-bit load. */
        if ( !long_mode )
            return -EOPNOTSUPP;
        in->widen = in->sext = rex & 8;
        in->op_bytes = 4;
        break;
    default: return -EOPNOTSUPP;
    }
    if ( in->imm && ((b[i] >> 3) & 7) )
        return -EOPNOTSUPP;             /* C6/C7 /0 only */
    in->reg = ((b[i] >> 3) & 7) | ((rex & 4) ? 8 : 0);
    if ( (n = modrm_len(b + i, avail - i)) < 0 )
        return n;
    i += n;
    if ( i > avail )
        return -EFAULT;                 /* displacement not fetched */
    if ( in->imm )
    {
        unsigned int isz = in->op_bytes == 8 ? 4 : in->op_bytes;

        if ( i + isz > avail )
            return -EFAULT;
        in->imm_val = 0;
        memcpy(&in->imm_val, b + i, isz);   /* imm32 for 8 bytes */
        i += isz;
    }
    in->len = i;
    return 0;
}

/* val, op_bytes wide, sign-extended to 64 bits. */
static uint64_t sign_extend(uint64_t val, unsigned int bytes)
{
    unsigned int shift = 64 - bytes * 8;

    return bytes == 8 ? val : (uint64_t)((int64_t)(val << shift) >> shift);
}

/* The register operand's value, as an op_bytes-wide source. */
static uint64_t src_value(struct cpu_user_regs *r, const struct insn *in)
{
    uint64_t v;

    if ( in->imm )
        return in->op_bytes == 8 ? (uint64_t)(int64_t)(int32_t)in->imm_val
                                 : in->imm_val;
    /* Without REX, byte registers 4-7 are AH, CH, DH, BH. */
    if ( in->op_bytes == 1 && !in->rex && in->reg >= 4 && in->reg < 8 )
        return (*gpr(r, in->reg - 4) >> 8) & 0xff;
    v = *gpr(r, in->reg);
    return in->op_bytes == 8 ? v : v & ((1UL << (in->op_bytes * 8)) - 1);
}

static void load_reg(struct cpu_user_regs *r, const struct insn *in,
                     uint64_t val)
{
    uint64_t *p;
    /* MOVZX/MOVSX write the operand size (their source width is
     * op_bytes). */
    unsigned int dst = !in->widen ? in->op_bytes :
                       (in->rex & 8) ? 8 : in->opsz16 ? 2 : 4;

    if ( in->op_bytes == 1 && !in->widen && !in->rex &&
         in->reg >= 4 && in->reg < 8 )
    {
        p = gpr(r, in->reg - 4);
        *p = (*p & ~0xff00UL) | ((val & 0xff) << 8);
        return;
    }
    if ( in->sext )
        val = sign_extend(val, in->op_bytes);
    p = gpr(r, in->reg);
    switch ( dst )
    {
    case 1: *p = (*p & ~0xffUL) | (val & 0xff); break;
    case 2: *p = (*p & ~0xffffUL) | (val & 0xffff); break;
    case 4: *p = (uint32_t)val; break;  /* zero-extends, as the CPU */
    default: *p = val; break;
    }
}

int hvm_emulate_mmio(struct vcpu *v, struct cpu_user_regs *regs,
                     uint64_t gpa, const struct hvm_mmio_ops *ops)
{
    struct hvm_seg cs;
    uint8_t buf[15];
    unsigned int got;
    bool lm = hvm_vendor->long_mode(v);
    struct insn in = { 0 };
    uint64_t val;
    int rc;

    hvm_vendor->get_cs(v, &cs);
    if ( !lm && !(cs.attr & (1u << 10)) )
        return -EOPNOTSUPP;             /* 16-bit code */
    got = sizeof(buf) - hvm_copy_from_guest(v, buf,
              (void *)(unsigned long)((lm ? 0 : cs.base) + regs->rip),
              sizeof(buf));
    if ( !got )
        return -EFAULT;
    if ( (rc = decode(buf, got, lm, &in)) )
        return rc;
    if ( in.write )
        ops->write(v, gpa, in.op_bytes, src_value(regs, &in));
    else
    {
        ops->read(v, gpa, in.op_bytes, &val);
        /* Only the bytes read: MOVZX widens them, it must not see more. */
        if ( in.op_bytes < 8 )
            val &= (1UL << (in.op_bytes * 8)) - 1;
        load_reg(regs, &in, val);
    }
    regs->rip += in.len;
    if ( !lm )
        regs->rip = (uint32_t)regs->rip;
    return 0;
}
