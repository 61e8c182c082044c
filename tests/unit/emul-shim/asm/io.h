/*
 * Host stand-in for asm/io.h: port I/O reaches a fake port space and is
 * logged, so the test can see exactly which hardware accesses happened.
 */
#ifndef ASM_X86_IO_H
#define ASM_X86_IO_H

#include <xen/types.h>

uint32_t fake_port_in(unsigned int port, unsigned int bytes);
void fake_port_out(unsigned int port, unsigned int bytes, uint32_t val);

static inline uint8_t inb(uint16_t port) { return fake_port_in(port, 1); }
static inline uint16_t inw(uint16_t port) { return fake_port_in(port, 2); }
static inline uint32_t inl(uint16_t port) { return fake_port_in(port, 4); }
static inline void outb(uint8_t v, uint16_t port) { fake_port_out(port, 1, v); }
static inline void outw(uint16_t v, uint16_t port) { fake_port_out(port, 2, v); }
static inline void outl(uint32_t v, uint16_t port) { fake_port_out(port, 4, v); }
/* As the real header's sized forms: 1, 2, else 4 bytes. */
static inline uint32_t port_in(uint16_t port, unsigned int bytes)
{
    return fake_port_in(port, bytes == 1 || bytes == 2 ? bytes : 4);
}
static inline void port_out(uint16_t port, unsigned int bytes, uint32_t v)
{
    fake_port_out(port, bytes == 1 || bytes == 2 ? bytes : 4, v);
}

#endif /* ASM_X86_IO_H */
