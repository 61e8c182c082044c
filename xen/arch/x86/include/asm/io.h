/*
 * Port I/O.
 */
#ifndef ASM_X86_IO_H
#define ASM_X86_IO_H

#include <xen/types.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;

    __asm__ volatile ( "inb %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint16_t inw(uint16_t port)
{
    uint16_t v;

    __asm__ volatile ( "inw %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline uint32_t inl(uint16_t port)
{
    uint32_t v;

    __asm__ volatile ( "inl %1, %0" : "=a" (v) : "Nd" (port) );
    return v;
}

static inline void outb(uint8_t v, uint16_t port)
{
    __asm__ volatile ( "outb %0, %1" :: "a" (v), "Nd" (port) );
}

static inline void outw(uint16_t v, uint16_t port)
{
    __asm__ volatile ( "outw %0, %1" :: "a" (v), "Nd" (port) );
}

static inline void outl(uint32_t v, uint16_t port)
{
    __asm__ volatile ( "outl %0, %1" :: "a" (v), "Nd" (port) );
}

/* A port access of 1, 2 or 4 bytes (any other size counts as 4): for
 * code that forwards a guest's IN/OUT of the size it asked for. */
static inline uint32_t port_in(uint16_t port, unsigned int bytes)
{
    return bytes == 1 ? inb(port) : bytes == 2 ? inw(port) : inl(port);
}

static inline void port_out(uint16_t port, unsigned int bytes, uint32_t v)
{
    if ( bytes == 1 )
        outb(v, port);
    else if ( bytes == 2 )
        outw(v, port);
    else
        outl(v, port);
}

/* MMIO accessors: volatile so each is exactly one access. */
static inline uint32_t readl(const volatile void *a)
{
    return *(const volatile uint32_t *)a;
}

static inline void writel(uint32_t v, volatile void *a)
{
    *(volatile uint32_t *)a = v;
}

static inline uint64_t readq(const volatile void *a)
{
    return *(const volatile uint64_t *)a;
}

static inline void writeq(uint64_t v, volatile void *a)
{
    *(volatile uint64_t *)a = v;
}

#endif /* ASM_X86_IO_H */
