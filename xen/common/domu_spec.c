/*
 * The "domU=" option (format in xen/domu_spec.h): parsing only, so host
 * unit tests compile this file as is.  Building the domains is the
 * architecture's business (x86: arch/x86/boot_domains.c).
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/param.h>
#include <xen/domu_spec.h>

struct domu_spec boot_domus[MAX_BOOT_DOMUS];
unsigned int nr_boot_domus;

/* Limits that keep a typo from asking for something absurd. */
#define DOMU_MIN_MEM   (4UL << 20)
#define DOMU_MAX_VCPUS 128
#define WEIGHT_MAX     65535

/* Length of the "key=value" item at s (up to ',' or the end). */
static size_t item_len(const char *s)
{
    size_t n = 0;

    while ( s[n] && s[n] != ',' )
        n++;
    return n;
}

static bool key_is(const char *item, size_t len, const char *key,
                   const char **val)
{
    size_t k = strlen(key);

    if ( len <= k || strncmp(item, key, k) || item[k] != '=' )
        return false;
    *val = item + k + 1;
    return true;
}

/* A decimal number filling exactly [s, end). */
static int number(const char *s, const char *end, unsigned long max,
                  unsigned int *out)
{
    const char *e;
    unsigned long v;

    if ( s == end || *s < '0' || *s > '9' )
        return -EINVAL;
    v = simple_strtoul(s, &e, 10);
    if ( e != end || v > max )
        return -EINVAL;
    *out = v;
    return 0;
}

static int parse_item(const char *item, size_t len, struct domu_spec *s,
                      const char **why)
{
    const char *val, *end = item + len, *e;

    if ( key_is(item, len, "name", &val) )
    {
        *why = "name= is empty or longer than 31 characters";
        if ( val == end || (size_t)(end - val) >= sizeof(s->name) )
            return -EINVAL;
        memcpy(s->name, val, end - val);
        s->name[end - val] = '\0';
        return 0;
    }
    if ( key_is(item, len, "mem", &val) )
    {
        *why = "mem= is not a size of at least 4M";
        if ( *val < '0' || *val > '9' )
            return -EINVAL;
        s->mem_bytes = parse_size_and_unit(val, &e);
        return e == end && s->mem_bytes >= DOMU_MIN_MEM ? 0 : -EINVAL;
    }
    if ( key_is(item, len, "vcpus", &val) )
    {
        *why = "vcpus= is not a number from 1 to 128";
        return number(val, end, DOMU_MAX_VCPUS, &s->vcpus) || !s->vcpus
               ? -EINVAL : 0;
    }
    if ( key_is(item, len, "weight", &val) )
    {
        *why = "weight= is not a number from 1 to 65535";
        return number(val, end, WEIGHT_MAX, &s->weight) || !s->weight
               ? -EINVAL : 0;
    }
    if ( key_is(item, len, "cap", &val) )
    {
        *why = "cap= is not a percentage from 0 to 12800";
        return number(val, end, 100 * DOMU_MAX_VCPUS, &s->cap);
    }
    if ( key_is(item, len, "type", &val) )
    {
        *why = "type= is neither pv nor pvh";
        if ( (size_t)(end - val) == 3 && !strncmp(val, "pvh", 3) )
            s->pvh = true;
        else if ( (size_t)(end - val) == 2 && !strncmp(val, "pv", 2) )
            s->pvh = false;
        else
            return -EINVAL;
        return 0;
    }
    *why = "unknown key (expected name, mem, vcpus, weight, cap or type)";
    return -EINVAL;
}

int domu_spec_parse(const char *val, struct domu_spec *s, const char **why)
{
    const char *p = val;
    int rc;

    memset(s, 0, sizeof(*s));
    s->vcpus = 1;
    while ( *p )
    {
        size_t len = item_len(p);

        if ( (rc = parse_item(p, len, s, why)) != 0 )
            return rc;
        p += len;
        if ( *p == ',' )
            p++;
    }
    *why = "name= and mem= are required";
    return s->name[0] && s->mem_bytes ? 0 : -EINVAL;
}

static int parse_domu(const char *val)
{
    struct domu_spec s;
    const char *why;

    if ( nr_boot_domus == MAX_BOOT_DOMUS )
    {
        printk(XENLOG_ERR "domU=: more than %u boot-time domains\n",
               MAX_BOOT_DOMUS);
        return -E2BIG;
    }
    if ( domu_spec_parse(val, &s, &why) )
    {
        printk(XENLOG_ERR "domU=%s: %s\n", val, why);
        return -EINVAL;
    }
    boot_domus[nr_boot_domus++] = s;
    return 0;
}
custom_param("domU", parse_domu);
