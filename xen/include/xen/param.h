/*
 * Typed hypervisor command-line options.
 *
 * Each option is a struct kernel_param placed in the .data.param section by
 * one of the *_param() macros next to the variable it sets, so no central
 * list exists to keep in sync.  Syntax, as in Xen:
 *   name              boolean true (or a custom option with no value)
 *   no-name           boolean false
 *   name=value        any type; booleans take 1/0, yes/no, on/off, true/false
 * Sizes accept K/M/G/T suffixes (unsuffixed: bytes).  Unknown options and
 * bad values are warned about and skipped, never fatal.
 */
#ifndef XEN_PARAM_H
#define XEN_PARAM_H

#include <xen/types.h>
#include <xen/compiler.h>

enum param_type {
    PARAM_BOOL,     /* bool */
    PARAM_UINT,     /* unsigned int/long, by len */
    PARAM_SIZE,     /* unsigned long, bytes */
    PARAM_STRING,   /* char array of len bytes */
    PARAM_CUSTOM,   /* int fn(const char *value): 0 or -EINVAL */
};

struct kernel_param {
    const char *name;
    enum param_type type;
    unsigned int len;
    union {
        void *var;
        int (*func)(const char *value);
    } par;
};

#define __param(v) static const struct kernel_param __used \
    __section(".data.param") __aligned(8) __param_##v

#define boolean_param(n, v) \
    __param(v) = { n, PARAM_BOOL, sizeof(v), { .var = &(v) } }
#define integer_param(n, v) \
    __param(v) = { n, PARAM_UINT, sizeof(v), { .var = &(v) } }
#define size_param(n, v) \
    __param(v) = { n, PARAM_SIZE, sizeof(v), { .var = &(v) } }
#define string_param(n, v) \
    __param(v) = { n, PARAM_STRING, sizeof(v), { .var = &(v) } }
#define custom_param(n, f) \
    __param(f) = { n, PARAM_CUSTOM, 0, { .func = (f) } }

/*
 * Apply every option in cmdline against the table [start, end).  Returns
 * the number of options that were unknown or had bad values (each already
 * reported through printk).
 */
unsigned int parse_params(const char *cmdline, const struct kernel_param *start,
                          const struct kernel_param *end);

/* The hypervisor's own table, from the linker script. */
extern const struct kernel_param __param_start[], __param_end[];

/* "1/yes/on/true/enable" -> 1, "0/no/off/false/disable" -> 0, else -1. */
int parse_bool(const char *s, const char *end);

#endif /* XEN_PARAM_H */
