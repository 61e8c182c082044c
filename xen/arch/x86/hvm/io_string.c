/*
 * String port I/O of HVM guests: INS and OUTS, with or without REP
 * (asm/hvm/io.h).
 *
 * The exit names the port, the element size and the direction; the rest
 * - a REP prefix, the address size (0x67), OUTS's segment override - is
 * read from the instruction's prefixes, fetched at rip through the
 * guest's tables.  Each element goes through the port bus (hvm/portio.c)
 * and the guest's memory, which is reached by guest-virtual address as
 * the CPU would reach it (hvm_translate(): a missing or refusing entry is
 * the #PF the CPU raises, with CR2; a non-canonical address #GP(0)).
 * Memory the p2m does not back answers as for any other access (the
 * APIC page, or all ones and dropped writes).  rSI/rDI move by the
 * element size, down with RFLAGS.DF; rCX counts down under REP; both in
 * the address size.  A fault leaves them at the element that faulted, as
 * the CPU leaves them.  A REP is done at most BATCH elements per exit;
 * rip stays on the instruction until it is complete, so the guest
 * executes it again for the rest (and interrupts get in between).  Under
 * a single step (RFLAGS.TF) each iteration is one exit and ends in the
 * #DB the CPU raises after each iteration.
 *
 * Not done (the domain is crashed): 32-bit and PAE paging (the walker
 * does not follow them), memory the p2m maps but that is not the guest's
 * RAM (grants, passed-through MMIO), LOCK.  Segment limits and
 * permissions outside 64-bit code are not checked.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/msr-index.h>
#include <asm/processor-flags.h>
#include <asm/hvm/hvm.h>
#include <asm/hvm/io.h>
#include <asm/hvm/emulate.h>

#define BATCH 1024

enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS };

struct str_insn {
    unsigned int len;       /* instruction length */
    unsigned int asize;     /* address size: 2, 4 or 8 */
    int seg;                /* OUTS's source segment */
    bool rep;
    bool string;            /* INS/OUTS (else a REP-prefixed IN/OUT) */
};

static int decode(const uint8_t *b, unsigned int avail, unsigned int csize,
                  struct str_insn *si)
{
    static const int segs[] = {
        [0x26] = SEG_ES + 1, [0x2e] = SEG_CS + 1, [0x36] = SEG_SS + 1,
        [0x3e] = SEG_DS + 1, [0x64] = SEG_FS + 1, [0x65] = SEG_GS + 1,
    };
    unsigned int i;

    si->asize = csize;
    si->seg = SEG_DS;
    si->rep = false;
    for ( i = 0; i < avail; i++ )
    {
        uint8_t c = b[i];

        if ( c == 0x67 )
            si->asize = csize == 8 ? 4 : csize == 4 ? 2 : 4;
        else if ( c == 0xf2 || c == 0xf3 )
            si->rep = true;
        else if ( c < ARRAY_SIZE(segs) && segs[c] )
            si->seg = segs[c] - 1;
        else if ( c == 0x66 || (csize == 8 && (c & 0xf0) == 0x40) )
            continue;                   /* size from the exit; REX */
        else
            break;
    }
    if ( i >= avail )
        return -EFAULT;
    si->len = i + 1;
    switch ( b[i] )
    {
    case 0x6c: case 0x6d: case 0x6e: case 0x6f:
        si->string = true;
        return 0;
    case 0xe4: case 0xe5: case 0xe6: case 0xe7:
        si->len++;                      /* imm8 port */
        /* fall through */
    case 0xec: case 0xed: case 0xee: case 0xef:
        si->string = false;
        return 0;
    default:
        return -EOPNOTSUPP;             /* LOCK, or not what exited */
    }
}

/* The base of segment seg (in 64-bit code only FS and GS have one). */
static uint64_t seg_base(struct vcpu *v, int seg, bool lm)
{
    struct hvm_boot_state s;
    uint64_t base = 0;

    if ( lm )
    {
        if ( seg == SEG_FS || seg == SEG_GS )
            hvm_vendor->msr_read(v, seg == SEG_FS ? MSR_FS_BASE : MSR_GS_BASE,
                                 &base);
        return base;
    }
    hvm_vendor->vcpu_get_state(v, &s);
    switch ( seg )
    {
    case SEG_ES: return s.es.base;
    case SEG_CS: return s.cs.base;
    case SEG_SS: return s.ss.base;
    case SEG_FS: return s.fs.base;
    case SEG_GS: return s.gs.base;
    default:     return s.ds.base;
    }
}

/* Register r moved by delta in the address size: 16 bits keep the rest,
 * 32 bits zero the upper half (as any 32-bit register write). */
static void advance(uint64_t *r, int64_t delta, unsigned int asize)
{
    if ( asize == 8 )
        *r += delta;
    else if ( asize == 4 )
        *r = (uint32_t)(*r + delta);
    else
        *r = (*r & ~0xffffUL) | ((*r + delta) & 0xffff);
}

/* Where the size bytes at la live: up to two pieces (a page boundary). */
struct piece { uint64_t gpa; unsigned int len; };

/* 0; 1 with a #PF or #GP injected; -errno to crash. */
static int locate(struct vcpu *v, unsigned long la, unsigned int size,
                  bool write, bool lm, struct piece p[2])
{
    for ( unsigned int i = 0, done = 0; i < 2; i++ )
    {
        unsigned long a = la + done;
        uint32_t pfec;
        int rc;

        p[i].len = min(size - done, (unsigned int)(PAGE_SIZE - (a & ~PAGE_MASK)));
        if ( !p[i].len )
            break;
        if ( lm && ((long)a >> 47) != 0 && ((long)a >> 47) != -1 )
        {
            hvm_vendor->inject_exception(v, 13, 0);
            return 1;
        }
        rc = hvm_translate(v, a, write, &p[i].gpa, &pfec);
        if ( rc == -EFAULT )
        {
            hvm_vendor->set_cr2(v, a);
            hvm_vendor->inject_exception(v, 14, pfec);
            return 1;
        }
        if ( rc )
            return rc;
        done += p[i].len;
    }
    return 0;
}

/* Move one piece between buf and guest-physical memory. */
static int move(struct vcpu *v, const struct piece *p, uint8_t *buf,
                bool to_guest)
{
    uint8_t *ram = hvm_gpa_map(v->domain, p->gpa);
    const struct hvm_mmio_ops *ops;
    uint64_t val;

    if ( ram )
    {
        if ( to_guest )
            memcpy(ram, buf, p->len);
        else
            memcpy(buf, ram, p->len);
        return 0;
    }
    if ( !(ops = hvm_mmio_claimant(v, p->gpa)) )
        return -EOPNOTSUPP;
    /* Bytewise: a device sees what the split access gives it. */
    for ( unsigned int i = 0; i < p->len; i++ )
    {
        if ( to_guest )
            ops->write(v, p->gpa + i, 1, buf[i]);
        else
        {
            ops->read(v, p->gpa + i, 1, &val);
            buf[i] = val;
        }
    }
    return 0;
}

/* One element: 0; 1 with a fault injected; -errno to crash. */
static int element(struct vcpu *v, const struct hvm_exit *e,
                   unsigned long la, bool lm)
{
    struct piece p[2] = { { 0 } };
    uint8_t buf[4];
    uint32_t val;
    int rc;

    /* The memory is checked before the port is touched. */
    if ( (rc = locate(v, la, e->io_size, e->io_in, lm, p)) )
        return rc;
    if ( e->io_in )
    {
        val = hvm_port_in(v, e->io_port, e->io_size);
        memcpy(buf, &val, e->io_size);
        if ( !(rc = move(v, &p[0], buf, true)) && p[1].len )
            rc = move(v, &p[1], buf + p[0].len, true);
        return rc;
    }
    if ( (rc = move(v, &p[0], buf, false)) ||
         (p[1].len && (rc = move(v, &p[1], buf + p[0].len, false))) )
        return rc;
    val = 0;
    memcpy(&val, buf, e->io_size);
    hvm_port_out(v, e->io_port, e->io_size, val);
    return 0;
}

/* The instruction at rip, in the code size of its segment. */
static int fetch_decode(struct vcpu *v, const struct cpu_user_regs *regs,
                        bool lm, struct str_insn *si)
{
    struct hvm_seg cs;
    uint8_t buf[15];
    unsigned int got, csize;

    hvm_vendor->get_cs(v, &cs);
    csize = lm ? 8 : (cs.attr & (1u << 10)) ? 4 : 2;
    got = sizeof(buf) - hvm_copy_from_guest(v, buf,
              (void *)(unsigned long)(lm ? regs->rip
                                         : (uint32_t)(cs.base + regs->rip)),
              sizeof(buf));
    return got ? decode(buf, got, csize, si) : -EFAULT;
}

const char *hvm_io_string(struct vcpu *v, struct cpu_user_regs *regs,
                          const struct hvm_exit *e)
{
    bool lm = hvm_vendor->long_mode(v);
    uint64_t amask, count, base, *idx;
    int64_t step;
    struct str_insn si;
    unsigned int n, batch;
    int rc = 0;

    if ( fetch_decode(v, regs, lm, &si) )
        return "a string port instruction that cannot be fetched or decoded";
    if ( !si.string )
    {
        hvm_port_io(v, regs, e);        /* REP on a plain IN/OUT: ignored */
        goto done;
    }
    amask = si.asize == 8 ? ~0UL : si.asize == 4 ? 0xffffffffUL : 0xffffUL;
    idx = e->io_in ? &regs->rdi : &regs->rsi;
    base = seg_base(v, e->io_in ? SEG_ES : si.seg, lm);
    step = (regs->rflags & X86_EFLAGS_DF) ? -(int64_t)e->io_size
                                          : e->io_size;
    count = si.rep ? regs->rcx & amask : 1;
    /* Single-stepped, the CPU traps after every iteration. */
    batch = (regs->rflags & X86_EFLAGS_TF) ? 1 : BATCH;
    for ( n = 0; n < count && n < batch; n++ )
    {
        uint64_t la = base + (*idx & amask);

        if ( (rc = element(v, e, lm ? la : (uint32_t)la, lm)) )
            break;
        advance(idx, step, si.asize);
        if ( si.rep )
            advance(&regs->rcx, -1, si.asize);
    }
    if ( rc < 0 )
        return "string port I/O to memory the emulator cannot reach";
    if ( rc )
        return NULL;                    /* a fault */
    if ( n < count )
    {
        /* More to do, rip stays; a completed step traps here (the
         * instruction's last one traps in hvm_resume(): rip moved). */
        if ( batch == 1 )
            hvm_vendor->single_step(v);
        return NULL;
    }
 done:
    regs->rip += si.len;
    if ( !lm )
        regs->rip = (uint32_t)regs->rip;
    return NULL;
}
