/*
 * Finding the S5 (soft-off) sleep type values without an AML interpreter.
 *
 * The values live in the DSDT (or an SSDT) as
 *     Name (_S5, Package () { SLP_TYPa, SLP_TYPb, ... })
 * which AML encodes as NameOp (0x08), an optional root prefix '\', the
 * name "_S5_", PackageOp (0x12), a PkgLength, NumElements and the elements
 * as integer constants (ZeroOp, OneOp, BytePrefix/WordPrefix/DWordPrefix
 * + value, OnesOp).  This scanner looks for exactly that byte pattern, with
 * every read checked against the table (and package) end.
 *
 * Limits: a _S5 computed by a Method, one whose elements are names or
 * expressions rather than constants, or a scope-qualified path other than
 * "\_S5_" is not recognised (power-off then reports it and falls back).
 * If several definitions exist (e.g. under If blocks), the first wins.
 * A one-element package is the ACPI 1.0 form: SLP_TYPa in bits 0-7 and
 * SLP_TYPb in bits 8-15 of that one integer.
 */
#include <xen/lib.h>
#include "acpi-internal.h"

#define AML_ZERO_OP    0x00
#define AML_ONE_OP     0x01
#define AML_NAME_OP    0x08
#define AML_BYTE_PFX   0x0a
#define AML_WORD_PFX   0x0b
#define AML_DWORD_PFX  0x0c
#define AML_QWORD_PFX  0x0e
#define AML_PACKAGE_OP 0x12
#define AML_ROOT_CHAR  0x5c
#define AML_ONES_OP    0xff

struct aml_cursor {
    const uint8_t *p, *end;
};

static bool take_byte(struct aml_cursor *c, uint8_t *b)
{
    if ( c->p >= c->end )
        return false;
    *b = *c->p++;
    return true;
}

/* Little-endian integer of n bytes. */
static bool take_le(struct aml_cursor *c, unsigned int n, uint64_t *v)
{
    if ( (size_t)(c->end - c->p) < n )
        return false;
    *v = 0;
    for ( unsigned int i = 0; i < n; i++ )
        *v |= (uint64_t)c->p[i] << (8 * i);
    c->p += n;
    return true;
}

/* PkgLength: bits 7:6 of the lead byte give 0-3 follow-on bytes. */
static bool take_pkg_length(struct aml_cursor *c, size_t *len)
{
    uint8_t lead, extra;
    uint64_t rest = 0;

    if ( !take_byte(c, &lead) )
        return false;
    extra = lead >> 6;
    if ( !extra )
    {
        *len = lead & 0x3f;
        return true;
    }
    if ( !take_le(c, extra, &rest) )
        return false;
    *len = (lead & 0x0f) | (rest << 4);
    return true;
}

static bool take_integer(struct aml_cursor *c, uint64_t *v)
{
    uint8_t op;

    if ( !take_byte(c, &op) )
        return false;
    switch ( op )
    {
    case AML_ZERO_OP: *v = 0; return true;
    case AML_ONE_OP: *v = 1; return true;
    case AML_ONES_OP: *v = ~0UL; return true;
    case AML_BYTE_PFX: return take_le(c, 1, v);
    case AML_WORD_PFX: return take_le(c, 2, v);
    case AML_DWORD_PFX: return take_le(c, 4, v);
    case AML_QWORD_PFX: return take_le(c, 8, v);
    }
    return false;
}

/* Parse "PackageOp PkgLength NumElements elements" at c. */
static bool parse_s5_package(struct aml_cursor *c, uint8_t *typa, uint8_t *typb)
{
    const uint8_t *pkg_start;
    size_t len;
    uint8_t op, count;
    uint64_t a, b = 0;

    if ( !take_byte(c, &op) || op != AML_PACKAGE_OP )
        return false;
    pkg_start = c->p;
    if ( !take_pkg_length(c, &len) || len > (size_t)(c->end - pkg_start) )
        return false;
    c->end = pkg_start + len;         /* PkgLength counts itself */
    if ( !take_byte(c, &count) || !count || !take_integer(c, &a) )
        return false;
    if ( count >= 2 && !take_integer(c, &b) )
        return false;
    if ( count == 1 )
        b = a >> 8;                   /* ACPI 1.0 single-integer form */
    *typa = a & 7;
    *typb = b & 7;
    return true;
}

/* Is the "_S5_" at body[i] the name of a NameOp? */
static bool is_name_decl(const uint8_t *body, size_t i)
{
    if ( i >= 1 && body[i - 1] == AML_NAME_OP )
        return true;
    return i >= 2 && body[i - 1] == AML_ROOT_CHAR && body[i - 2] == AML_NAME_OP;
}

bool acpi_aml_find_s5(const struct acpi_table_header *t, uint8_t *typa,
                      uint8_t *typb)
{
    const uint8_t *body = (const uint8_t *)(t + 1);
    size_t len = t->length - sizeof(*t);

    for ( size_t i = 0; i + 4 <= len; i++ )
    {
        struct aml_cursor c = { body + i + 4, body + len };

        if ( memcmp(body + i, "_S5_", 4) || !is_name_decl(body, i) )
            continue;
        if ( parse_s5_package(&c, typa, typb) )
            return true;
        printk(XENLOG_WARNING "ACPI: %.4s: \\_S5 at offset %#lx not a constant package\n",
               t->signature, (unsigned long)(i + sizeof(*t)));
    }
    return false;
}
