/*
 * hvinfo.c - identify the hypervisor (see pv/hvinfo.h for the rules).
 */
#include <pvtest.h>

static struct hv_info info;
static bool info_valid;

/* Scan the hypervisor CPUID ranges for Xen's signature. */
static void find_cpuid_signature(struct hv_info *hv)
{
    uint32_t base;
    struct cpuid_regs r;

    for ( base = 0x40000000; base < 0x40010000; base += 0x100 )
    {
        if ( probe_cpuid_pv(base, 0, &r) != EXINFO_NONE )
            return;         /* no forced emulation: give up quietly */
        memcpy(&hv->cpuid_signature[0], &r.b, 4);
        memcpy(&hv->cpuid_signature[4], &r.c, 4);
        memcpy(&hv->cpuid_signature[8], &r.d, 4);
        hv->cpuid_signature[12] = '\0';
        if ( !strcmp(hv->cpuid_signature, "XenVMMXenVMM") )
        {
            hv->cpuid_base = base;
            return;
        }
    }
    hv->cpuid_signature[0] = '\0';
}

static enum hv_kind decide_kind(const struct hv_info *hv)
{
    char word[8];

    if ( kernel_cmdline_value("pvtest.hv", word, sizeof(word)) )
    {
        if ( !strcmp(word, "xen") )
            return HV_XEN;
        if ( !strcmp(word, "ours") )
            return HV_OURS;
    }
    if ( hv->extraversion[0] == '.' &&
         hv->extraversion[1] >= '0' && hv->extraversion[1] <= '9' )
        return HV_XEN;
    return HV_OURS;
}

const struct hv_info *hv_info(void)
{
    long ver;

    if ( info_valid )
        return &info;

    ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    if ( ver > 0 )
    {
        info.major = (unsigned long)ver >> 16;
        info.minor = ver & 0xffff;
    }
    if ( HYPERVISOR_xen_version(XENVER_extraversion, info.extraversion) < 0 )
        info.extraversion[0] = '\0';
    info.extraversion[sizeof(info.extraversion) - 1] = '\0';
    find_cpuid_signature(&info);
    info.kind = decide_kind(&info);
    info_valid = true;
    return &info;
}

enum hv_kind hv_kind(void)
{
    return hv_info()->kind;
}

const char *hv_kind_name(enum hv_kind kind)
{
    switch ( kind )
    {
    case HV_XEN:  return "Xen";
    case HV_OURS: return "our hypervisor";
    default:      return "unknown hypervisor";
    }
}
