/*
 * Host unit test for the hypervisor's command-line parser
 * (xen/common/cmdline.c, compiled unchanged): every option type, the
 * boolean spellings, "no-" negation, bad values and unknown options, and
 * that a bad option never disturbs the others.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/errno.h>
#include <xen/domu_spec.h>
#include <stdio.h>

/* The parser reports problems through printk: keep the last message. */
static char last_msg[512];
static unsigned int nr_msgs;

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(last_msg, sizeof(last_msg), fmt, ap);
    va_end(ap);
    nr_msgs++;
}

/* glibc has no strlcpy; the hypervisor's own lives in string.c, which
 * cannot be linked into a host program beside libc's memcpy. */
size_t strlcpy(char *dst, const char *src, size_t size)
{
    size_t len = strlen(src);

    if ( size )
    {
        size_t n = len < size - 1 ? len : size - 1;

        memcpy(dst, src, n);
        dst[n] = '\0';
    }
    return len;
}

static bool b_flag, b_other = true;
static unsigned int u_count;
static uint8_t u_small;
static unsigned long s_mem;
static char str_name[8];
static char custom_seen[64];
static int custom_calls;

static int custom_fn(const char *v)
{
    custom_calls++;
    if ( v && !strcmp(v, "reject") )
        return -EINVAL;
    snprintf(custom_seen, sizeof(custom_seen), "%s", v ? v : "(null)");
    return 0;
}

static const struct kernel_param table[] = {
    { "flag",   PARAM_BOOL,   sizeof(b_flag),  { .var = &b_flag } },
    { "other",  PARAM_BOOL,   sizeof(b_other), { .var = &b_other } },
    { "count",  PARAM_UINT,   sizeof(u_count), { .var = &u_count } },
    { "small",  PARAM_UINT,   sizeof(u_small), { .var = &u_small } },
    { "mem",    PARAM_SIZE,   sizeof(s_mem),   { .var = &s_mem } },
    { "name",   PARAM_STRING, sizeof(str_name), { .var = str_name } },
    { "custom", PARAM_CUSTOM, 0,               { .func = custom_fn } },
};

static unsigned int failures;

static void reset(void)
{
    b_flag = false;
    b_other = true;
    u_count = 0;
    u_small = 0;
    s_mem = 0;
    str_name[0] = '\0';
    custom_seen[0] = '\0';
    custom_calls = 0;
    nr_msgs = 0;
    last_msg[0] = '\0';
}

static unsigned int parse(const char *line)
{
    reset();
    return parse_params(line, table, table + ARRAY_SIZE(table));
}

#define CHECK(name, cond) do {                                          \
    if ( cond )                                                         \
        printf("PASS: cmdline %s\n", name);                             \
    else                                                                \
    {                                                                   \
        printf("FAIL: cmdline %s: %s (last message: %s)\n", name, #cond,\
               last_msg);                                               \
        failures++;                                                     \
    }                                                                   \
} while ( 0 )

/* The domU= option's values (xen/common/domu_spec.c). */
static void test_domu_spec(void)
{
    struct domu_spec sp;
    const char *why = NULL;

    CHECK("domU full spec",
          !domu_spec_parse("name=peer,mem=32M,vcpus=4,weight=512,cap=50",
                           &sp, &why) &&
          !strcmp(sp.name, "peer") && sp.mem_bytes == (32UL << 20) &&
          sp.vcpus == 4 && sp.weight == 512 && sp.cap == 50);
    CHECK("domU defaults: 1 vCPU, no weight or cap",
          !domu_spec_parse("mem=4M,name=a", &sp, &why) && sp.vcpus == 1 &&
          !sp.weight && !sp.cap);
    CHECK("domU without mem refused",
          domu_spec_parse("name=a", &sp, &why) == -EINVAL && strstr(why, "mem"));
    CHECK("domU with too little mem refused",
          domu_spec_parse("name=a,mem=1M", &sp, &why) == -EINVAL);
    CHECK("domU vcpus=0 refused",
          domu_spec_parse("name=a,mem=8M,vcpus=0", &sp, &why) == -EINVAL &&
          strstr(why, "vcpus"));
    CHECK("domU weight=70000 refused",
          domu_spec_parse("name=a,mem=8M,weight=70000", &sp, &why) == -EINVAL);
    CHECK("domU unknown key refused",
          domu_spec_parse("name=a,mem=8M,colour=red", &sp, &why) == -EINVAL &&
          strstr(why, "unknown"));
    CHECK("domU trailing junk in a number refused",
          domu_spec_parse("name=a,mem=8M,vcpus=2x", &sp, &why) == -EINVAL);
    CHECK("domU type=pvh",
          !domu_spec_parse("name=a,mem=8M,type=pvh", &sp, &why) && sp.pvh);
    CHECK("domU type=pv, and PV by default",
          !domu_spec_parse("name=a,mem=8M,type=pv", &sp, &why) && !sp.pvh &&
          !domu_spec_parse("name=a,mem=8M", &sp, &why) && !sp.pvh);
    CHECK("domU type=hvm refused",
          domu_spec_parse("name=a,mem=8M,type=hvm", &sp, &why) == -EINVAL &&
          strstr(why, "type") && !domu_spec_parse("name=a,mem=8M", &sp, &why));
    CHECK("domU type=pvhx refused",
          domu_spec_parse("name=a,mem=8M,type=pvhx", &sp, &why) == -EINVAL);
    CHECK("domU over-long name refused",
          domu_spec_parse("name=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa,mem=8M",
                          &sp, &why) == -EINVAL);
}

int main(void)
{
    unsigned int bad;

    bad = parse("flag count=42 mem=16M name=abc custom=x,y");
    CHECK("all types parse", !bad && b_flag && u_count == 42 &&
          s_mem == (16UL << 20) && !strcmp(str_name, "abc") &&
          !strcmp(custom_seen, "x,y"));

    bad = parse("no-other");
    CHECK("no- prefix clears a boolean", !bad && !b_other);

    bad = parse("flag=yes other=off");
    CHECK("boolean words", !bad && b_flag && !b_other);
    bad = parse("flag=1 other=false");
    CHECK("boolean digits and false", !bad && b_flag && !b_other);
    bad = parse("flag=maybe");
    CHECK("bad boolean rejected", bad == 1 && !b_flag && nr_msgs == 1);
    bad = parse("no-flag=1");
    CHECK("no- with a value rejected", bad == 1);

    bad = parse("count=0x10 mem=4096 ");
    CHECK("hex integer and plain size", !bad && u_count == 16 && s_mem == 4096);
    bad = parse("mem=2G");
    CHECK("size suffix G", !bad && s_mem == (2UL << 30));
    bad = parse("count=12abc");
    CHECK("trailing junk in integer rejected", bad == 1 && u_count == 0);
    bad = parse("count=");
    CHECK("empty integer rejected", bad == 1);
    bad = parse("small=300");
    CHECK("out-of-range integer rejected, value untouched", bad == 1 && u_small == 0);
    bad = parse("small=255");
    CHECK("u8 limit accepted", !bad && u_small == 255);

    bad = parse("name=toolongvalue");
    CHECK("over-long string rejected", bad == 1);
    bad = parse("name");
    CHECK("string without value rejected", bad == 1);

    bad = parse("bogus=1 flag unknown");
    CHECK("unknown options warned, others applied", bad == 2 && b_flag &&
          strstr(last_msg, "unknown") != NULL);

    bad = parse("custom");
    CHECK("custom without value gets empty string",
          !bad && custom_calls == 1 && !strcmp(custom_seen, ""));
    bad = parse("no-custom");
    CHECK("custom negated gets \"0\"", !bad && !strcmp(custom_seen, "0"));
    bad = parse("custom=reject flag");
    CHECK("custom rejection counted, rest applied", bad == 1 && b_flag);

    bad = parse("   ");
    CHECK("blank line", !bad && !nr_msgs);
    bad = parse("");
    CHECK("empty line", !bad);

    {
        char longopt[400];

        memset(longopt, 'a', sizeof(longopt) - 1);
        longopt[sizeof(longopt) - 1] = '\0';
        bad = parse(longopt);
        CHECK("over-long option rejected without overflow", bad == 1);
    }

    bad = parse("flag\tcount=7");
    CHECK("tab separates options", !bad && b_flag && u_count == 7);

    test_domu_spec();
    return failures ? 1 : 0;
}
