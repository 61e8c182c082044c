/*
 * Pieces shared by the config loader's files; not for xl's other parts.
 */
#ifndef XL_CONFIG_INT_H
#define XL_CONFIG_INT_H

#include <libxml/tree.h>
#include "config.h"

/* Where error messages go.  Only the first error is kept: later ones are
 * usually consequences of it and would hide the real cause. */
struct xl_err {
    const char *file;
    char *buf;
    size_t len;
    bool set;
};

/* Record "file:line: message" (single line) unless an error is recorded. */
void xl_errf(struct xl_err *e, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* config-xml.c: read, parse and validate; NULL (error recorded) or a
 * document the caller frees with xmlFreeDoc. */
xmlDocPtr xl_config_parse(const char *path, const char *schema,
                          struct xl_err *e);

/* config-extract.c: fill *c from a validated document; 0 or -1. */
int xl_config_extract(xmlDocPtr doc, struct xl_domain_config *c,
                      struct xl_err *e);

/* config-check.c: rules the schema cannot state; 0 or -1. */
int xl_config_check(xmlDocPtr doc, const struct xl_domain_config *c,
                    struct xl_err *e);

/* config-units.c */
int xl_parse_u64(const char *s, uint64_t *v);
int xl_size_to_kib(uint64_t value, const char *unit, uint64_t *kib);
int xl_parse_uuid(const char *s, uint8_t uuid[16]);

#endif /* XL_CONFIG_INT_H */
