/*
 * Polled driver for 16550-compatible UARTs on I/O ports: line setup from
 * the "comN=" option and byte-at-a-time transmit and receive.  Interrupts
 * stay off; the console is for diagnostics, and polling cannot lose the
 * last words of a crash.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/serial.h>
#include <asm/io.h>

#define UART_RBR   0   /* receive buffer (read) */
#define UART_THR   0   /* transmit holding (write) */
#define UART_DLL   0   /* divisor latch low (DLAB=1) */
#define UART_IER   1
#define UART_DLM   1   /* divisor latch high (DLAB=1) */
#define UART_FCR   2
#define UART_LCR   3
#define UART_MCR   4
#define UART_LSR   5

#define LCR_DLAB   0x80
#define LSR_DR     0x01
#define LSR_THRE   0x20
#define MCR_DTR    0x01
#define MCR_RTS    0x02
#define FCR_ENABLE 0x07   /* enable and clear both FIFOs */

#define UART_CLOCK_HZ 1843200

static uint8_t lcr_value(const struct serial_cfg *cfg)
{
    uint8_t lcr = cfg->data_bits - 5;

    if ( cfg->stop_bits == 2 )
        lcr |= 0x04;
    switch ( cfg->parity )
    {
    case 'o': lcr |= 0x08; break;
    case 'e': lcr |= 0x18; break;
    case 'm': lcr |= 0x28; break;
    case 's': lcr |= 0x38; break;
    }
    return lcr;
}

void serial_init(const struct serial_cfg *cfg)
{
    uint16_t base = cfg->io_base;

    outb(0, base + UART_IER);
    if ( cfg->baud )
    {
        unsigned int div = UART_CLOCK_HZ / 16 / cfg->baud;

        outb(LCR_DLAB, base + UART_LCR);
        outb(div & 0xff, base + UART_DLL);
        outb(div >> 8, base + UART_DLM);
    }
    outb(lcr_value(cfg), base + UART_LCR);
    outb(FCR_ENABLE, base + UART_FCR);
    outb(MCR_DTR | MCR_RTS, base + UART_MCR);
}

void serial_putc(const struct serial_cfg *cfg, char c)
{
    unsigned int spins = 1000000;

    /* Bounded wait: a missing UART must not hang the console forever. */
    while ( !(inb(cfg->io_base + UART_LSR) & LSR_THRE) && --spins )
        ;
    outb(c, cfg->io_base + UART_THR);
}

int serial_getc(const struct serial_cfg *cfg)
{
    if ( !(inb(cfg->io_base + UART_LSR) & LSR_DR) )
        return -1;
    return inb(cfg->io_base + UART_RBR);
}

static int parse_line_format(const char *s, const char **end,
                             struct serial_cfg *cfg)
{
    if ( s[0] < '5' || s[0] > '8' )
        return -EINVAL;
    cfg->data_bits = s[0] - '0';
    if ( !strchr("noems", s[1]) || !s[1] )
        return -EINVAL;
    cfg->parity = s[1];
    if ( s[2] != '1' && s[2] != '2' )
        return -EINVAL;
    cfg->stop_bits = s[2] - '0';
    *end = s + 3;
    return 0;
}

int serial_parse_options(const char *s, struct serial_cfg *cfg)
{
    if ( !strncmp(s, "auto", 4) )
    {
        cfg->baud = 0;
        s += 4;
    }
    else if ( *s >= '0' && *s <= '9' )
    {
        cfg->baud = simple_strtoul(s, &s, 10);
        if ( !cfg->baud )
            return -EINVAL;
    }
    if ( *s == ',' && s[1] != ',' && s[1] )
    {
        if ( parse_line_format(s + 1, &s, cfg) )
            return -EINVAL;
    }
    if ( *s == ',' && s[1] == ',' )
        s++;
    if ( *s == ',' )
    {
        cfg->io_base = simple_strtoul(s + 1, &s, 0);
        if ( !cfg->io_base )
            return -EINVAL;
    }
    return *s ? -EINVAL : 0;
}
