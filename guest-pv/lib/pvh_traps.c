/*
 * pvh_traps.c - exceptions in a PVH kernel: the native IDT, vectors
 * 0-31 (pvh_entry.S) plus one interrupt vector a test may claim, and the
 * C side of the exceptions, which resumes at an exception-table
 * fixup (PROBE_FAULT and friends) or reports the exception and crashes
 * the domain.
 */
#include <pvtest.h>
#include <pv/pvh.h>

struct idt_gate {
    uint16_t off_lo, sel;
    uint8_t ist, type;
    uint16_t off_mid;
    uint32_t off_hi, zero;
} __packed;

static struct idt_gate idt[256] __aligned(16);
extern const char pvh_stubs[], pvh_irq_stub[];
void (*pvh_irq_fn)(void);
volatile unsigned long pvh_last_dr6;

#define GATE_INTR_P 0x8e                /* present, DPL 0, interrupt gate */
#define PVH_CS      0x08                /* pvh_head.S's 64-bit code */

static void set_gate(unsigned int v, unsigned long a)
{
    idt[v] = (struct idt_gate){ .off_lo = a, .sel = PVH_CS,
                                .type = GATE_INTR_P, .off_mid = a >> 16,
                                .off_hi = a >> 32 };
}

void pvh_set_irq_handler(unsigned int vector, void (*fn)(void))
{
    pvh_irq_fn = fn;
    if ( (vector >= 32 && vector < 256) || vector == X86_EXC_NMI )
        set_gate(vector, (unsigned long)pvh_irq_stub);
}

void pvh_traps_init(void)
{
    struct { uint16_t limit; uint64_t base; } __packed idtr = {
        sizeof(idt) - 1, (unsigned long)idt };

    for ( unsigned int v = 0; v < 32; v++ )
        set_gate(v, (unsigned long)pvh_stubs + 16 * v);
    __asm__ __volatile__ ("lidt %0" :: "m" (idtr));
}

void pvh_trap(struct pvh_frame *f)
{
    unsigned long fixup = extable_lookup(f->rip);

    /* A single step ends with the trap that reports it.  DR6's status
     * bits stick until software clears them: keep them for the test and
     * leave DR6 clean for the next #DB. */
    if ( f->vector == X86_EXC_DB )
    {
        unsigned long dr6;

        __asm__ __volatile__ ("mov %%dr6, %0" : "=r" (dr6));
        pvh_last_dr6 = dr6;
        __asm__ __volatile__ ("mov %0, %%dr6" :: "r" (0xffff0ff0UL));
        f->rflags &= ~X86_EFLAGS_TF;
    }
    if ( fixup )
    {
        if ( f->vector == X86_EXC_PF )
        {
            unsigned long cr2;

            __asm__ __volatile__ ("mov %%cr2, %0" : "=r" (cr2));
            exinfo_last_cr2 = cr2;
        }
        exinfo_last = EXINFO(f->vector, f->error_code);
        f->rip = fixup;
        return;
    }
    printf("pvtest: unhandled %s[%04lx] at %#lx\n", trap_name(f->vector),
           (unsigned long)f->error_code, (unsigned long)f->rip);
    xtest_crash("unhandled exception %lu at %#lx", (unsigned long)f->vector,
                (unsigned long)f->rip);
}
