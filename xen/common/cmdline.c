/*
 * The command-line parser behind param.h: splits the line into options,
 * finds each one's table entry and stores its typed value.  It depends only
 * on string helpers and printk, so host unit tests compile this file as is.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/errno.h>

#define MAX_OPT_LEN 256

int parse_bool(const char *s, const char *end)
{
    static const char *const yes[] = { "1", "yes", "on", "true", "enable" };
    static const char *const no[] = { "0", "no", "off", "false", "disable" };
    size_t len = end ? (size_t)(end - s) : strlen(s);
    unsigned int i;

    for ( i = 0; i < ARRAY_SIZE(yes); i++ )
    {
        if ( strlen(yes[i]) == len && !strncmp(s, yes[i], len) )
            return 1;
        if ( strlen(no[i]) == len && !strncmp(s, no[i], len) )
            return 0;
    }
    return -1;
}

static const struct kernel_param *find_param(const char *name,
                                             const struct kernel_param *start,
                                             const struct kernel_param *end)
{
    const struct kernel_param *p;

    for ( p = start; p < end; p++ )
        if ( !strcmp(p->name, name) )
            return p;
    return NULL;
}

/* Store v into an unsigned variable of p->len bytes, if it fits. */
static int store_uint(const struct kernel_param *p, unsigned long long v)
{
    if ( p->len < sizeof(v) && (v >> (8 * p->len)) )
        return -ERANGE;
    switch ( p->len )
    {
    case sizeof(uint8_t):  *(uint8_t *)p->par.var = v;  return 0;
    case sizeof(uint16_t): *(uint16_t *)p->par.var = v; return 0;
    case sizeof(uint32_t): *(uint32_t *)p->par.var = v; return 0;
    case sizeof(uint64_t): *(uint64_t *)p->par.var = v; return 0;
    }
    return -EINVAL;
}

static int apply_number(const struct kernel_param *p, const char *val)
{
    const char *end;
    unsigned long long v;

    if ( !val || !*val )
        return -EINVAL;
    if ( p->type == PARAM_SIZE )
        v = parse_size_and_unit(val, &end);
    else
        v = simple_strtoul(val, &end, 0);
    if ( *end )
        return -EINVAL;
    return store_uint(p, v);
}

/* val is NULL for a bare "name"; negate is set for "no-name". */
static int apply_param(const struct kernel_param *p, const char *val, bool negate)
{
    int b;

    switch ( p->type )
    {
    case PARAM_BOOL:
        b = val ? parse_bool(val, NULL) : 1;
        if ( b < 0 || (negate && val) )
            return -EINVAL;
        *(bool *)p->par.var = negate ? !b : b;
        return 0;
    case PARAM_UINT:
    case PARAM_SIZE:
        return negate ? -EINVAL : apply_number(p, val);
    case PARAM_STRING:
        if ( negate || !val )
            return -EINVAL;
        if ( strlcpy(p->par.var, val, p->len) >= p->len )
            return -E2BIG;
        return 0;
    case PARAM_CUSTOM:
        /* Custom handlers see "no-x" as "x=0", like Xen's. */
        return p->par.func(negate ? (val ? NULL : "0") : (val ? val : ""));
    }
    return -EINVAL;
}

/* Handle one "name[=value]" option held in a writable buffer. */
static unsigned int parse_one(char *opt, const struct kernel_param *start,
                              const struct kernel_param *end)
{
    char *eq = strchr(opt, '=');
    const char *val = NULL;
    const struct kernel_param *p;
    bool negate = false;
    int rc;

    if ( eq )
    {
        *eq = '\0';
        val = eq + 1;
    }
    p = find_param(opt, start, end);
    if ( !p && !strncmp(opt, "no-", 3) )
    {
        p = find_param(opt + 3, start, end);
        negate = p != NULL;
    }
    if ( !p )
    {
        printk(XENLOG_WARNING "cmdline: unknown option '%s' ignored\n", opt);
        return 1;
    }
    rc = apply_param(p, val, negate);
    if ( rc )
    {
        printk(XENLOG_WARNING "cmdline: bad value for '%s'%s%s (error %d), ignored\n",
               p->name, val ? ": " : "", val ? val : "", rc);
        return 1;
    }
    return 0;
}

/* Options are separated by blanks; a value cannot contain one. */
static size_t option_len(const char *s)
{
    size_t n = 0;

    while ( s[n] && s[n] != ' ' && s[n] != '\t' )
        n++;
    return n;
}

unsigned int parse_params(const char *cmdline, const struct kernel_param *start,
                          const struct kernel_param *end)
{
    char opt[MAX_OPT_LEN];
    unsigned int bad = 0;

    while ( cmdline && *cmdline )
    {
        size_t len;

        while ( *cmdline == ' ' || *cmdline == '\t' )
            cmdline++;
        len = option_len(cmdline);
        if ( !len )
            break;
        if ( len >= sizeof(opt) )
        {
            printk(XENLOG_WARNING "cmdline: option '%.32s...' too long, ignored\n",
                   cmdline);
            bad++;
        }
        else
        {
            memcpy(opt, cmdline, len);
            opt[len] = '\0';
            bad += parse_one(opt, start, end);
        }
        cmdline += len;
    }
    return bad;
}
