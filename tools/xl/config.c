/*
 * xl_config_load_schema: the order of the stages and the all-or-nothing
 * promise (the caller's struct changes only on success).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "config-int.h"

void xl_errf(struct xl_err *e, long line, const char *fmt, ...)
{
    va_list ap;
    int n;

    if ( e->set || !e->len )
        return;
    e->set = true;
    n = line > 0 ? snprintf(e->buf, e->len, "%s:%ld: ", e->file, line)
                 : snprintf(e->buf, e->len, "%s: ", e->file);
    if ( n < 0 || (size_t)n >= e->len )
        return;
    va_start(ap, fmt);
    vsnprintf(e->buf + n, e->len - n, fmt, ap);
    va_end(ap);
    /* One line, whatever libxml2 or the file put in the message. */
    for ( char *p = e->buf; *p; p++ )
        if ( (unsigned char)*p < ' ' || *p == 0x7f )
            *p = ' ';
    for ( n = strlen(e->buf); n > 0 && e->buf[n - 1] == ' '; n-- )
        e->buf[n - 1] = '\0';
}

int xl_config_load_schema(const char *path, const char *schema,
                          struct xl_domain_config *out,
                          char *err, size_t errlen)
{
    struct xl_err e = { .file = path, .buf = err, .len = errlen };
    struct xl_domain_config *c = malloc(sizeof(*c));  /* ~9 KiB */
    xmlDocPtr doc;
    int rc = -1;

    if ( errlen )
        err[0] = '\0';
    if ( !c )
    {
        xl_errf(&e, 0, "out of memory");
        return -1;
    }
    doc = xl_config_parse(path, schema, &e);
    if ( doc && !xl_config_extract(doc, c, &e) && !xl_config_check(doc, c, &e) )
    {
        memcpy(out, c, sizeof(*c));
        rc = 0;
    }
    xmlFreeDoc(doc);
    free(c);
    return rc;
}
