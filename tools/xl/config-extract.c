/*
 * From a schema-valid document to struct xl_domain_config.  The schema
 * has fixed the shape, but every lookup still checks, so a schema edited
 * out of step with this file gives an error and not a crash.
 */
#include <string.h>
#include <libxml/tree.h>
#include "config-int.h"

static xmlNodePtr child(xmlNodePtr parent, const char *name)
{
    for ( xmlNodePtr n = parent ? parent->children : NULL; n; n = n->next )
        if ( n->type == XML_ELEMENT_NODE &&
             !strcmp((const char *)n->name, name) )
            return n;
    return NULL;
}

/* Copy the text of N into BUF of MAX + 1 bytes; -1 if it is too long. */
static int copy_text(xmlNodePtr n, char *buf, size_t max, struct xl_err *e)
{
    xmlChar *s = xmlNodeGetContent(n);
    size_t len = s ? strlen((const char *)s) : 0;
    int rc = 0;

    if ( len > max )
    {
        xl_errf(e, xmlGetLineNo(n), "<%s> is %zu bytes long, at most %zu "
                "are allowed", (const char *)n->name, len, max);
        rc = -1;
    }
    else
    {
        memcpy(buf, s ? (const char *)s : "", len);
        buf[len] = '\0';
    }
    xmlFree(s);
    return rc;
}

static xmlNodePtr need(xmlNodePtr parent, const char *name, struct xl_err *e)
{
    xmlNodePtr n = child(parent, name);

    if ( !n )
        xl_errf(e, parent ? xmlGetLineNo(parent) : 0,
                "<%s> is missing", name);
    return n;
}

/* <memory> or <currentMemory>: count times unit, in KiB. */
static int get_size(xmlNodePtr n, uint64_t *kib, struct xl_err *e)
{
    xmlChar *s = xmlNodeGetContent(n);
    xmlChar *unit = xmlGetProp(n, BAD_CAST "unit");
    const char *u = unit ? (const char *)unit : "KiB";
    uint64_t v;
    int rc = -1;

    if ( !s || xl_parse_u64((const char *)s, &v) )
        xl_errf(e, xmlGetLineNo(n), "<%s> is not a whole number below 2^64",
                (const char *)n->name);
    else if ( (rc = xl_size_to_kib(v, u, kib)) == -1 )
        xl_errf(e, xmlGetLineNo(n), "<%s> has unknown unit '%s'",
                (const char *)n->name, u);
    else if ( rc )
        xl_errf(e, xmlGetLineNo(n), "<%s> %llu %s is more than 2^64 bytes",
                (const char *)n->name, (unsigned long long)v, u);
    xmlFree(s);
    xmlFree(unit);
    return rc;
}

static int get_vcpus(xmlNodePtr n, unsigned int *vcpus, struct xl_err *e)
{
    xmlChar *s = xmlNodeGetContent(n);
    uint64_t v;
    int rc = 0;

    if ( !s )
        v = 0;
    else if ( xl_parse_u64((const char *)s, &v) )
    {
        /* The schema lets any size through; only a non-number is wrong
         * here, a huge count is named by the range check later. */
        v = UINT64_MAX;
        rc = strspn((const char *)s, " \t\r\n+0123456789") ==
             strlen((const char *)s) ? 0 : -1;
    }
    if ( rc )
        xl_errf(e, xmlGetLineNo(n), "<vcpu> is not a whole number");
    *vcpus = v > UINT32_MAX ? UINT32_MAX : (unsigned int)v;
    xmlFree(s);
    return rc;
}

static const char *const action_names[] = {
    [XL_ACTION_DESTROY] = "destroy",
    [XL_ACTION_RESTART] = "restart",
    [XL_ACTION_PRESERVE] = "preserve",
    [XL_ACTION_RENAME_RESTART] = "rename-restart",
    [XL_ACTION_COREDUMP_DESTROY] = "coredump-destroy",
    [XL_ACTION_COREDUMP_RESTART] = "coredump-restart",
};

const char *xl_action_name(enum xl_action a)
{
    return (unsigned int)a < sizeof(action_names) / sizeof(action_names[0])
        ? action_names[a] : "?";
}

/* An absent element keeps the default the caller put in *a. */
static int get_action(xmlNodePtr dom, const char *name, enum xl_action *a,
                      struct xl_err *e)
{
    xmlNodePtr n = child(dom, name);
    xmlChar *s;
    int rc = -1;

    if ( !n )
        return 0;
    s = xmlNodeGetContent(n);
    for ( size_t i = 0; s && i < sizeof(action_names) / sizeof(action_names[0]); i++ )
        if ( !strcmp((const char *)s, action_names[i]) )
        {
            *a = (enum xl_action)i;
            rc = 0;
        }
    if ( rc )
        xl_errf(e, xmlGetLineNo(n), "<%s> has an unknown action", name);
    xmlFree(s);
    return rc;
}

static int get_uuid(xmlNodePtr dom, struct xl_domain_config *c,
                    struct xl_err *e)
{
    xmlNodePtr n = child(dom, "uuid");
    xmlChar *s;
    int rc;

    if ( !n )
        return 0;
    s = xmlNodeGetContent(n);
    rc = s ? xl_parse_uuid((const char *)s, c->uuid) : -1;
    if ( rc )
        xl_errf(e, xmlGetLineNo(n), "<uuid> is not 32 hex digits");
    c->has_uuid = !rc;
    xmlFree(s);
    return rc;
}

/* The guest's kind from <type>'s text: "linux" (PV) or "xenpvh". */
static int get_type(xmlNodePtr os, struct xl_domain_config *c,
                    struct xl_err *e)
{
    xmlNodePtr n = need(os, "type", e);
    xmlChar *s = n ? xmlNodeGetContent(n) : NULL;
    int rc = -1;

    if ( s && !strcmp((const char *)s, "linux") )
        rc = 0;
    else if ( s && !strcmp((const char *)s, "xenpvh") )
    {
        c->pvh = true;
        rc = 0;
    }
    else if ( n )
        xl_errf(e, xmlGetLineNo(n), "<type> is neither linux (PV) nor "
                "xenpvh (PVH)");
    xmlFree(s);
    return rc;
}

static int get_os(xmlNodePtr dom, struct xl_domain_config *c,
                  struct xl_err *e)
{
    xmlNodePtr os = need(dom, "os", e), n;

    if ( !os || get_type(os, c, e) || !(n = need(os, "kernel", e)) ||
         copy_text(n, c->kernel, XL_PATH_MAX, e) )
        return -1;
    if ( (n = child(os, "initrd")) && copy_text(n, c->initrd, XL_PATH_MAX, e) )
        return -1;
    if ( (n = child(os, "cmdline")) &&
         copy_text(n, c->cmdline, XL_CMDLINE_MAX, e) )
        return -1;
    return 0;
}

static int get_memory(xmlNodePtr dom, struct xl_domain_config *c,
                      struct xl_err *e)
{
    xmlNodePtr n = need(dom, "memory", e);

    if ( !n || get_size(n, &c->memory_kib, e) )
        return -1;
    /* libvirt: without <currentMemory> the guest gets all of <memory>. */
    c->current_memory_kib = c->memory_kib;
    n = child(dom, "currentMemory");
    return n ? get_size(n, &c->current_memory_kib, e) : 0;
}

int xl_config_extract(xmlDocPtr doc, struct xl_domain_config *c,
                      struct xl_err *e)
{
    xmlNodePtr dom = xmlDocGetRootElement(doc), n;

    memset(c, 0, sizeof(*c));
    /* The defaults of both libvirt and xl.cfg. */
    c->on_poweroff = XL_ACTION_DESTROY;
    c->on_reboot = XL_ACTION_RESTART;
    c->on_crash = XL_ACTION_DESTROY;

    if ( !dom || strcmp((const char *)dom->name, "domain") )
    {
        xl_errf(e, dom ? xmlGetLineNo(dom) : 0, "root is not <domain>");
        return -1;
    }
    if ( !(n = need(dom, "name", e)) || copy_text(n, c->name, XL_NAME_MAX, e) ||
         get_uuid(dom, c, e) || get_memory(dom, c, e) ||
         !(n = need(dom, "vcpu", e)) || get_vcpus(n, &c->vcpus, e) ||
         get_os(dom, c, e) ||
         get_action(dom, "on_poweroff", &c->on_poweroff, e) ||
         get_action(dom, "on_reboot", &c->on_reboot, e) ||
         get_action(dom, "on_crash", &c->on_crash, e) )
        return -1;
    c->console = child(child(dom, "devices"), "console") != NULL;
    return 0;
}
