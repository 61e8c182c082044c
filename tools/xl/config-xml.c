/*
 * Reading a domain XML file: size limit, libxml2 parse with everything
 * that reaches outside the file switched off, RELAX NG validation.
 */
#define _GNU_SOURCE     /* asprintf */
#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include "config-int.h"

/* libxml2 reports through this; warnings are not reasons to refuse. */
static void xml_error(void *ctx, xmlErrorPtr x)
{
    struct xl_err *e = ctx;
    long line = x->line;

    if ( x->level == XML_ERR_WARNING )
        return;
    if ( line <= 0 && x->node )
        line = xmlGetLineNo(x->node);
    xl_errf(e, line, "%s", x->message ? x->message : "unknown XML error");
}

/*
 * libxml2's RELAX NG errors inside <interleave> are poor on their own:
 * the first often names the parent ("expecting <memory>, got nothing")
 * while the element that broke the match comes in a later one.  So all
 * messages are gathered, and the place reported is the last element
 * libxml2 complained about, which is where matching gave up.
 */
struct rng_report {
    char msgs[384];
    long line;
    char elem[64];
};

static void rng_error(void *ctx, xmlErrorPtr x)
{
    struct rng_report *r = ctx;
    const char *msg = x->message ? x->message : "invalid";
    size_t used = strlen(r->msgs), mlen = strcspn(msg, "\n");
    xmlNodePtr n = x->node;

    if ( n && n->type == XML_ELEMENT_NODE )
    {
        r->line = xmlGetLineNo(n);
        snprintf(r->elem, sizeof(r->elem), "%s", (const char *)n->name);
    }
    if ( memmem(r->msgs, used, msg, mlen) )
        return;     /* the same complaint again adds nothing */
    snprintf(r->msgs + used, sizeof(r->msgs) - used, "%s%.*s",
             used ? "; " : "", (int)mlen, msg);
}

static long count_lines(const char *buf, size_t len)
{
    long n = 1;

    for ( size_t i = 0; i < len; i++ )
        n += buf[i] == '\n';
    return n;
}

/* The whole file in memory, refusing more than XL_CONFIG_MAX_BYTES so a
 * runaway file costs neither memory nor parse time. */
static char *read_limited(const char *path, size_t *lenp, struct xl_err *e)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    size_t len;

    if ( !f )
    {
        xl_errf(e, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    buf = malloc(XL_CONFIG_MAX_BYTES + 1);
    if ( !buf )
    {
        fclose(f);
        xl_errf(e, 0, "out of memory");
        return NULL;
    }
    len = fread(buf, 1, XL_CONFIG_MAX_BYTES + 1, f);
    if ( ferror(f) )
        xl_errf(e, 0, "read error");
    else if ( len > XL_CONFIG_MAX_BYTES )
        xl_errf(e, count_lines(buf, XL_CONFIG_MAX_BYTES),
                "file is larger than %d bytes, the limit",
                XL_CONFIG_MAX_BYTES);
    fclose(f);
    if ( e->set )
    {
        free(buf);
        return NULL;
    }
    *lenp = len;
    return buf;
}

/* A DOCTYPE is where entities (external files, expansion bombs) come
 * from; a domain description never needs one, so any is an error. */
static void refuse_doctype(void *ctx, const xmlChar *name,
                           const xmlChar *ext_id, const xmlChar *sys_id)
{
    xmlParserCtxtPtr p = ctx;
    struct xl_err *e = p->_private;

    (void)name; (void)ext_id; (void)sys_id;
    xl_errf(e, p->input ? p->input->line : 0,
            "a DOCTYPE is not allowed (no DTDs or entities)");
    xmlStopParser(p);
}

/* Second line of defence: nothing may be loaded while the file parses. */
static xmlParserInputPtr no_loading(const char *url, const char *id,
                                    xmlParserCtxtPtr p)
{
    (void)url; (void)id; (void)p;
    return NULL;
}

static xmlDocPtr parse_buffer(const char *buf, size_t len, const char *path,
                              struct xl_err *e)
{
    xmlExternalEntityLoader old = xmlGetExternalEntityLoader();
    xmlParserCtxtPtr p = xmlNewParserCtxt();
    xmlDocPtr doc;

    if ( !p )
    {
        xl_errf(e, 0, "out of memory");
        return NULL;
    }
    p->_private = e;
    p->sax->internalSubset = refuse_doctype;
    xmlSetExternalEntityLoader(no_loading);
    /* No NOENT/DTDLOAD/XINCLUDE: nothing outside BUF is ever read.
     * BIG_LINES: otherwise every line past 65535 is reported as 65535. */
    doc = xmlCtxtReadMemory(p, buf, (int)len, path, NULL,
                            XML_PARSE_NONET | XML_PARSE_NOCDATA |
                            XML_PARSE_BIG_LINES);
    xmlSetExternalEntityLoader(old);
    xmlFreeParserCtxt(p);
    if ( doc && e->set )
    {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if ( !doc )
        xl_errf(e, 0, "not a well-formed XML document");
    return doc;
}

/* domain.rng in the directory this program was started from. */
static char *default_schema(void)
{
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
    char *out;

    if ( n <= 0 )
        return NULL;
    exe[n] = '\0';
    if ( asprintf(&out, "%s/domain.rng", dirname(exe)) < 0 )
        return NULL;
    return out;
}

/* Errors inside the schema are reported against the schema file. */
static xmlRelaxNGPtr load_schema(const char *schema, struct xl_err *e)
{
    const char *cfg = e->file;
    xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewParserCtxt(schema);
    xmlRelaxNGPtr rng = NULL;

    e->file = schema;
    if ( pc )
    {
        xmlRelaxNGSetParserStructuredErrors(pc, xml_error, e);
        rng = xmlRelaxNGParse(pc);
        xmlRelaxNGFreeParserCtxt(pc);
    }
    if ( !rng )
        xl_errf(e, 0, "cannot load the RELAX NG schema");
    e->file = cfg;
    return rng;
}

static int validate(xmlDocPtr doc, const char *schema, struct xl_err *e)
{
    char *def = schema ? NULL : default_schema();
    xmlRelaxNGPtr rng;
    xmlRelaxNGValidCtxtPtr vc;
    struct rng_report r = { .line = 0 };
    int rc = -1;

    if ( !schema && !def )
    {
        xl_errf(e, 0, "cannot find domain.rng next to the program");
        return -1;
    }
    rng = load_schema(schema ? schema : def, e);
    free(def);
    if ( !rng )
        return -1;
    vc = xmlRelaxNGNewValidCtxt(rng);
    if ( vc )
    {
        xmlRelaxNGSetValidStructuredErrors(vc, rng_error, &r);
        rc = xmlRelaxNGValidateDoc(vc, doc) == 0 ? 0 : -1;
        xmlRelaxNGFreeValidCtxt(vc);
    }
    xmlRelaxNGFree(rng);
    if ( rc && r.elem[0] )
        xl_errf(e, r.line, "does not match the schema at <%s>: %s",
                r.elem, r.msgs);
    else if ( rc )
        xl_errf(e, 0, "does not match the schema: %s", r.msgs);
    return rc;
}

xmlDocPtr xl_config_parse(const char *path, const char *schema,
                          struct xl_err *e)
{
    size_t len;
    char *buf = read_limited(path, &len, e);
    xmlDocPtr doc;

    if ( !buf )
        return NULL;
    xmlSetStructuredErrorFunc(e, xml_error);
    doc = parse_buffer(buf, len, path, e);
    free(buf);
    if ( doc && validate(doc, schema, e) )
    {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlSetStructuredErrorFunc(NULL, NULL);
    return doc;
}
