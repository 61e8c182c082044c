/*
 * Decoder for the few instructions a 64-bit PV guest needs emulated.
 *
 * A PV kernel runs at CPL 3, so its privileged instructions (rdmsr, mov
 * to/from CRn, port I/O without IOPL, ...) fault with #GP and reach the
 * hypervisor.  pv_insn_decode() looks at the bytes at the faulting RIP
 * and says which of the emulated instructions it is, with its operands
 * and exact length; everything else is INSN_UNKNOWN, and the caller
 * reflects the fault.  It is pure: no guest access, no hypervisor state,
 * so it also builds on the host for tests/unit/test_emul_decode.c.
 *
 * The bytes are untrusted.  Decoding never reads past `avail`, and an
 * instruction that would need more bytes than that reports
 * INSN_TRUNCATED (the caller fetched short because of a fault), or
 * INSN_TOO_LONG beyond the architectural 15-byte limit.
 */
#ifndef PV_EMUL_DECODE_H
#define PV_EMUL_DECODE_H

#include <xen/types.h>

#define INSN_MAX_LEN 15

enum insn_decode_rc {
    INSN_OK,
    INSN_TRUNCATED,     /* needs bytes beyond `avail` */
    INSN_TOO_LONG,      /* over INSN_MAX_LEN bytes (the CPU raises #GP) */
    INSN_UNKNOWN,       /* not an instruction the PV emulator handles */
};

enum insn_kind {
    INSN_CPUID,
    INSN_RDMSR,
    INSN_WRMSR,
    INSN_MOV_FROM_CR,   /* mov %crN, %gpr */
    INSN_MOV_TO_CR,     /* mov %gpr, %crN */
    INSN_MOV_FROM_DR,   /* mov %drN, %gpr */
    INSN_MOV_TO_DR,     /* mov %gpr, %drN */
    INSN_CLTS,
    INSN_WBINVD,
    INSN_CLI,
    INSN_STI,
    INSN_IN,            /* in  port, %al/%ax/%eax */
    INSN_OUT,           /* out %al/%ax/%eax, port */
    INSN_INS,           /* [rep] ins  port, %es:(%rdi) */
    INSN_OUTS,          /* [rep] outs %seg:(%rsi), port */
};

/* Segment named by an override prefix (only FS/GS matter in long mode). */
enum insn_seg {
    INSN_SEG_NONE,
    INSN_SEG_ES,
    INSN_SEG_CS,
    INSN_SEG_SS,
    INSN_SEG_DS,
    INSN_SEG_FS,
    INSN_SEG_GS,
};

struct pv_insn {
    enum insn_kind kind;
    unsigned int len;           /* bytes, prefixes included */
    unsigned int op_bytes;      /* I/O: 1, 2 or 4; CR/DR moves: 8 */
    unsigned int addr_bytes;    /* 8, or 4 with a 0x67 prefix */
    bool rep;                   /* 0xf3 or 0xf2 prefix (string I/O) */
    enum insn_seg seg;          /* segment override, INSN_SEG_NONE if none */
    bool port_in_dx;            /* I/O: port in %dx, else `port` */
    uint8_t port;               /* I/O: the immediate port */
    unsigned int ctrl;          /* CR/DR moves: register number 0-15 */
    unsigned int gpr;           /* CR/DR moves: GPR number 0-15 (rax=0) */
};

/*
 * Decode the instruction at buf[0 .. avail) as 64-bit code.  On INSN_OK
 * *insn is filled in; on any other result its contents are unspecified.
 */
enum insn_decode_rc pv_insn_decode(const uint8_t *buf, unsigned int avail,
                                   struct pv_insn *insn);

/* Length of the forced-emulation prefix ud2; .ascii "xen". */
#define FORCED_EMUL_PREFIX_LEN 5
/* The prefix followed by cpuid: 0f 0b 78 65 6e 0f a2. */
#define FORCED_CPUID_LEN       7

/* True if buf[0 .. avail) starts with exactly the forced-CPUID sequence. */
bool pv_insn_is_forced_cpuid(const uint8_t *buf, unsigned int avail);

#endif /* PV_EMUL_DECODE_H */
