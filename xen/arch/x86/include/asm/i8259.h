/*
 * The legacy 8259A interrupt controllers (arch/x86/i8259.c).
 */
#ifndef ASM_X86_I8259_H
#define ASM_X86_I8259_H

/*
 * Reprogram both PICs to deliver at LEGACY_PIC_VECTOR_BASE..+15 (out of
 * the exception range, so a stray IRQ is recognisable) and mask every
 * line; the hypervisor uses the IO-APICs instead.
 */
void i8259_init(void);

#endif /* ASM_X86_I8259_H */
