/*
 * Host unit test for the PV privileged-instruction decoder
 * (xen/arch/x86/pv/emul-decode.c, compiled unchanged): every instruction
 * form the emulator handles, prefixes and REX placement, exact lengths,
 * truncated and over-long byte sequences, and the forced-CPUID prefix.
 * Also feeds random bytes to check that decoding never reads past the
 * bytes it was given (run under ASan by run-emul.sh).
 *
 * Prints "PASS: emul <name>" or "FAIL: emul <name>: <why>" per case and a
 * closing "N passed, N failed" line; exits non-zero on any failure.
 */
#include "emul-decode.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned int failures, passes;
static const char *current_case;
static bool case_failed;

#define EXPECT(c) do {                                                    \
    if ( !(c) && !case_failed )                                           \
    {                                                                     \
        printf("FAIL: emul %s: line %d: %s\n", current_case, __LINE__, #c); \
        case_failed = true;                                               \
    }                                                                     \
} while ( 0 )

/* Decode bytes given as a string literal ("\x0f\x32"), exactly sized. */
#define DECODE(insn, s) decode_exact((insn), (const uint8_t *)(s), sizeof(s) - 1)

/* Copy into a heap block of exactly n bytes so ASan sees any over-read. */
static enum insn_decode_rc decode_exact(struct pv_insn *insn,
                                        const uint8_t *bytes, unsigned int n)
{
    uint8_t *copy = malloc(n ? n : 1);
    enum insn_decode_rc rc;

    memcpy(copy, bytes, n);
    rc = pv_insn_decode(copy, n, insn);
    free(copy);
    return rc;
}

static void test_simple_0f(void)
{
    struct pv_insn i;

    EXPECT(DECODE(&i, "\x0f\xa2") == INSN_OK && i.kind == INSN_CPUID && i.len == 2);
    EXPECT(DECODE(&i, "\x0f\x32") == INSN_OK && i.kind == INSN_RDMSR && i.len == 2);
    EXPECT(DECODE(&i, "\x0f\x30") == INSN_OK && i.kind == INSN_WRMSR && i.len == 2);
    EXPECT(DECODE(&i, "\x0f\x06") == INSN_OK && i.kind == INSN_CLTS && i.len == 2);
    EXPECT(DECODE(&i, "\x0f\x09") == INSN_OK && i.kind == INSN_WBINVD && i.len == 2);
    /* wbnoinvd (f3 0f 09) is handled as wbinvd. */
    EXPECT(DECODE(&i, "\xf3\x0f\x09") == INSN_OK && i.kind == INSN_WBINVD && i.len == 3);
    EXPECT(DECODE(&i, "\xfa") == INSN_OK && i.kind == INSN_CLI && i.len == 1);
    EXPECT(DECODE(&i, "\xfb") == INSN_OK && i.kind == INSN_STI && i.len == 1);
}

static void test_mov_cr(void)
{
    struct pv_insn i;

    /* mov %cr0, %rax: 0f 20 c0 */
    EXPECT(DECODE(&i, "\x0f\x20\xc0") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_FROM_CR && i.ctrl == 0 && i.gpr == 0 && i.len == 3);
    /* mov %cr4, %rdx: 0f 20 e2 */
    EXPECT(DECODE(&i, "\x0f\x20\xe2") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_FROM_CR && i.ctrl == 4 && i.gpr == 2);
    /* mov %r9, %cr3: 41 0f 22 d9 (REX.B extends the GPR) */
    EXPECT(DECODE(&i, "\x41\x0f\x22\xd9") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_TO_CR && i.ctrl == 3 && i.gpr == 9 && i.len == 4);
    /* mov %cr8, %rax: 44 0f 20 c0 (REX.R extends the control register) */
    EXPECT(DECODE(&i, "\x44\x0f\x20\xc0") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_FROM_CR && i.ctrl == 8 && i.gpr == 0);
    /* The mod field is ignored: 0f 20 00 is still a register move. */
    EXPECT(DECODE(&i, "\x0f\x20\x00") == INSN_OK && i.len == 3 && i.gpr == 0);
    /* mov %dr7, %rcx: 0f 21 f9; mov %rsi, %dr6: 0f 23 f6 */
    EXPECT(DECODE(&i, "\x0f\x21\xf9") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_FROM_DR && i.ctrl == 7 && i.gpr == 1);
    EXPECT(DECODE(&i, "\x0f\x23\xf6") == INSN_OK);
    EXPECT(i.kind == INSN_MOV_TO_DR && i.ctrl == 6 && i.gpr == 6);
}

static void test_port_io(void)
{
    struct pv_insn i;

    EXPECT(DECODE(&i, "\xe4\x21") == INSN_OK);
    EXPECT(i.kind == INSN_IN && !i.port_in_dx && i.port == 0x21 &&
           i.op_bytes == 1 && i.len == 2);
    EXPECT(DECODE(&i, "\xe7\x80") == INSN_OK);
    EXPECT(i.kind == INSN_OUT && i.port == 0x80 && i.op_bytes == 4);
    EXPECT(DECODE(&i, "\x66\xe5\x40") == INSN_OK);
    EXPECT(i.kind == INSN_IN && i.op_bytes == 2 && i.len == 3);
    EXPECT(DECODE(&i, "\xec") == INSN_OK);
    EXPECT(i.kind == INSN_IN && i.port_in_dx && i.op_bytes == 1 && i.len == 1);
    EXPECT(DECODE(&i, "\xef") == INSN_OK && i.kind == INSN_OUT && i.op_bytes == 4);
    /* REX.W does not widen port I/O past 32 bits. */
    EXPECT(DECODE(&i, "\x48\xed") == INSN_OK && i.op_bytes == 4 && i.len == 2);
}

static void test_string_io(void)
{
    struct pv_insn i;

    EXPECT(DECODE(&i, "\xf3\x6c") == INSN_OK);
    EXPECT(i.kind == INSN_INS && i.rep && i.op_bytes == 1 && i.addr_bytes == 8);
    EXPECT(DECODE(&i, "\x66\xf3\x6f") == INSN_OK);
    EXPECT(i.kind == INSN_OUTS && i.rep && i.op_bytes == 2 && i.len == 3);
    EXPECT(DECODE(&i, "\x67\x64\x6e") == INSN_OK);
    EXPECT(i.kind == INSN_OUTS && !i.rep && i.addr_bytes == 4 &&
           i.seg == INSN_SEG_FS);
    /* The last segment override wins. */
    EXPECT(DECODE(&i, "\x65\x2e\x6f") == INSN_OK && i.seg == INSN_SEG_CS);
}

static void test_prefix_rules(void)
{
    struct pv_insn i;

    /* A REX followed by a legacy prefix is dropped: 48 66 ed is a word in. */
    EXPECT(DECODE(&i, "\x48\x66\xed") == INSN_OK && i.op_bytes == 2);
    /* A REX that is dropped does not extend the control register. */
    EXPECT(DECODE(&i, "\x44\x66\x0f\x20\xc0") == INSN_OK && i.ctrl == 0);
    /* LOCK makes every one of these #UD on hardware: not ours. */
    EXPECT(DECODE(&i, "\xf0\x0f\x32") == INSN_UNKNOWN);
    EXPECT(DECODE(&i, "\xf0\x0f\x20\xc0") == INSN_UNKNOWN);
    /* Exactly 15 bytes is fine; 16 is not. */
    EXPECT(DECODE(&i, "\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66"
                      "\x66\x0f\x32") == INSN_OK && i.len == 15);
    EXPECT(DECODE(&i, "\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66"
                      "\x66\x66\x0f\x32") == INSN_TOO_LONG);
    EXPECT(DECODE(&i, "\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66\x66"
                      "\x66\x66\x66\x66\x66\x66\x66\x66") == INSN_TOO_LONG);
}

static void test_truncated(void)
{
    struct pv_insn i;

    EXPECT(DECODE(&i, "") == INSN_TRUNCATED);
    EXPECT(DECODE(&i, "\x0f") == INSN_TRUNCATED);
    EXPECT(DECODE(&i, "\x66\x48") == INSN_TRUNCATED);
    EXPECT(DECODE(&i, "\x0f\x22") == INSN_TRUNCATED);
    EXPECT(DECODE(&i, "\xe6") == INSN_TRUNCATED);
}

static void test_unknown(void)
{
    struct pv_insn i;

    EXPECT(DECODE(&i, "\xf4") == INSN_UNKNOWN);          /* hlt */
    EXPECT(DECODE(&i, "\x0f\x0b") == INSN_UNKNOWN);      /* ud2 */
    EXPECT(DECODE(&i, "\x0f\x01\xd1") == INSN_UNKNOWN);  /* xsetbv */
    EXPECT(DECODE(&i, "\x0f\x31") == INSN_UNKNOWN);      /* rdtsc */
    EXPECT(DECODE(&i, "\xcd\x80") == INSN_UNKNOWN);      /* int $0x80 */
    EXPECT(DECODE(&i, "\x90") == INSN_UNKNOWN);
}

static void test_forced_cpuid(void)
{
    static const uint8_t good[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x0f, 0xa2, 0x90 };
    static const uint8_t nop[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x90, 0x90 };
    static const uint8_t pfx[] = { 0x0f, 0x0b, 'x', 'e', 'n', 0x66, 0x0f, 0xa2 };

    EXPECT(pv_insn_is_forced_cpuid(good, sizeof(good)));
    EXPECT(pv_insn_is_forced_cpuid(good, FORCED_CPUID_LEN));
    EXPECT(!pv_insn_is_forced_cpuid(good, FORCED_CPUID_LEN - 1));
    EXPECT(!pv_insn_is_forced_cpuid(nop, sizeof(nop)));
    /* Xen 4.17 accepts only a bare cpuid after the prefix. */
    EXPECT(!pv_insn_is_forced_cpuid(pfx, sizeof(pfx)));
}

/* Random bytes at every length: no over-read (ASan), sane lengths. */
static void test_random(void)
{
    struct pv_insn i;
    uint8_t bytes[INSN_MAX_LEN + 1];
    unsigned int n, k, round;

    srand(12345);
    for ( round = 0; round < 200000; round++ )
    {
        n = rand() % (sizeof(bytes) + 1);
        for ( k = 0; k < n; k++ )
        {
            /* Bias towards prefixes and the opcodes we decode. */
            static const uint8_t pick[] = { 0x66, 0x67, 0xf0, 0xf3, 0x48,
                                            0x41, 0x0f, 0x20, 0x22, 0xe4,
                                            0xec, 0x6c, 0x65 };
            bytes[k] = (rand() & 1) ? pick[rand() % sizeof(pick)] : rand();
        }
        if ( decode_exact(&i, bytes, n) == INSN_OK )
        {
            EXPECT(i.len >= 1 && i.len <= n && i.len <= INSN_MAX_LEN);
            EXPECT(i.ctrl < 16 && i.gpr < 16);
        }
    }
}

static const struct {
    const char *name;
    void (*fn)(void);
} cases[] = {
    { "decode_simple_0f", test_simple_0f },
    { "decode_mov_cr_dr", test_mov_cr },
    { "decode_port_io", test_port_io },
    { "decode_string_io", test_string_io },
    { "decode_prefix_rules", test_prefix_rules },
    { "decode_truncated", test_truncated },
    { "decode_unknown", test_unknown },
    { "decode_forced_cpuid", test_forced_cpuid },
    { "decode_random_bytes", test_random },
};

int main(void)
{
    unsigned int k;

    for ( k = 0; k < sizeof(cases) / sizeof(cases[0]); k++ )
    {
        current_case = cases[k].name;
        case_failed = false;
        cases[k].fn();
        if ( case_failed )
            failures++;
        else
        {
            passes++;
            printf("PASS: emul %s\n", current_case);
        }
    }
    printf("emul: %u passed, %u failed\n", passes, failures);
    return failures ? 1 : 0;
}
