/*
 * The rules the RELAX NG schema cannot express: relations between
 * values, limits of this implementation, and xl's rules for names.
 */
#include <ctype.h>
#include <string.h>
#include <libxml/tree.h>
#include "config-int.h"

/* Line of the first element NAME under the root (or the root's line). */
static long line_of(xmlDocPtr doc, const char *name)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);

    for ( xmlNodePtr n = root ? root->children : NULL; n; n = n->next )
        if ( n->type == XML_ELEMENT_NODE &&
             !strcmp((const char *)n->name, name) )
            return xmlGetLineNo(n);
    return root ? xmlGetLineNo(root) : 0;
}

/*
 * Names end up as xenstore values and as arguments on xl's command line:
 * letters, digits, '.', '_' and '-' only; not all digits (xl would read
 * it as a domain id); not starting with '-' (it would read as an option);
 * and not "Domain-0", which is dom0's.
 */
static const char *name_problem(const char *name)
{
    size_t digits = 0, len = strlen(name);

    if ( len == 0 )
        return "is empty";
    for ( const char *p = name; *p; p++ )
    {
        if ( !isalnum((unsigned char)*p) && !strchr("._-", *p) )
            return "may hold only letters, digits, '.', '_' and '-'";
        digits += isdigit((unsigned char)*p) != 0;
    }
    if ( digits == len )
        return "is all digits, which xl would take for a domain id";
    if ( name[0] == '-' )
        return "starts with '-'";
    if ( !strcmp(name, "Domain-0") )
        return "is reserved for dom0";
    return NULL;
}

int xl_config_check(xmlDocPtr doc, const struct xl_domain_config *c,
                    struct xl_err *e)
{
    const char *why = name_problem(c->name);

    if ( why )
        xl_errf(e, line_of(doc, "name"), "<name> \"%s\" %s", c->name, why);
    else if ( c->vcpus == UINT32_MAX )     /* saturated by the parser */
        xl_errf(e, line_of(doc, "vcpu"), "<vcpu> is far more than %d",
                XL_VCPUS_MAX);
    else if ( c->vcpus < 1 || c->vcpus > XL_VCPUS_MAX )
        xl_errf(e, line_of(doc, "vcpu"), "<vcpu> is %u, not between 1 and %d",
                c->vcpus, XL_VCPUS_MAX);
    else if ( c->memory_kib < XL_MEMORY_MIN_KIB )
        xl_errf(e, line_of(doc, "memory"), "<memory> is %llu KiB, less than "
                "the minimum of %d KiB", (unsigned long long)c->memory_kib,
                XL_MEMORY_MIN_KIB);
    else if ( c->current_memory_kib > c->memory_kib )
        xl_errf(e, line_of(doc, "currentMemory"), "<currentMemory> (%llu KiB) "
                "is more than <memory> (%llu KiB)",
                (unsigned long long)c->current_memory_kib,
                (unsigned long long)c->memory_kib);
    return e->set ? -1 : 0;
}
