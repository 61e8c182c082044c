/*
 * 16550-compatible UART driver interface (drivers/char/ns16550.c).
 */
#ifndef XEN_SERIAL_H
#define XEN_SERIAL_H

#include <xen/types.h>

struct serial_cfg {
    uint16_t io_base;
    uint32_t baud;          /* 0: keep what firmware set */
    uint8_t data_bits;      /* 5..8 */
    char parity;            /* 'n', 'o', 'e', 'm', 's' */
    uint8_t stop_bits;      /* 1 or 2 */
};

/*
 * Parse "<baud>[,<data><parity><stop>][,<io-base>]" (as in com1=115200,8n1)
 * into cfg; returns 0 or -EINVAL, leaving defaults in unparsed fields.
 */
int serial_parse_options(const char *s, struct serial_cfg *cfg);
void serial_init(const struct serial_cfg *cfg);
void serial_putc(const struct serial_cfg *cfg, char c);
/* -1 when no character is waiting. */
int serial_getc(const struct serial_cfg *cfg);

#endif /* XEN_SERIAL_H */
