/*
 * The domains built at boot: dom0 from the first boot module (its initrd
 * the second, if any), and the "domU=" domains (xen/domu_spec.h) from the
 * last boot modules.  The domUs are built first so that dom0's default
 * size ("all but a little", dom0_mem=) is taken from what they leave.
 */
#include <xen/lib.h>
#include <xen/param.h>
#include <xen/errno.h>
#include <xen/bootinfo.h>
#include <xen/domu_spec.h>
#include <xen/sched.h>
#include <xen/string.h>
#include <xen/domctl.h>
#include <xen/vcpu.h>
#include <asm/pv/dom0_build.h>
#include <asm/hvm/hvm.h>

/* "dom0_max_vcpus=<n>": how many vCPUs dom0 gets (all but vCPU 0 start
 * down; the kernel brings them up).  0, the default, is one per online
 * physical CPU, as in Xen. */
static unsigned int opt_dom0_max_vcpus;
integer_param("dom0_max_vcpus", opt_dom0_max_vcpus);

/* "dom0=pvh": build dom0 as a PVH (HVM) domain instead of PV; the only
 * word of Xen's dom0= option understood here (docs/hvm.md). */
static bool opt_dom0_pvh;

static int parse_dom0(const char *s)
{
    if ( !strcmp(s, "pvh") )
        opt_dom0_pvh = true;
    else if ( !strcmp(s, "pv") )
        opt_dom0_pvh = false;
    else
        return -EINVAL;
    return 0;
}
custom_param("dom0", parse_dom0);

static void build_domu(unsigned int i, const struct boot_module *m)
{
    const struct domu_spec *s = &boot_domus[i];
    struct domain *d;
    int rc;

    d = domain_create(i + 1, s->vcpus, false, &rc);
    if ( !d )
    {
        printk(XENLOG_ERR "domU %s: cannot create domain %u (%d)\n",
               s->name, i + 1, rc);
        return;
    }
    strlcpy(d->name, s->name, sizeof(d->name));
    /* No console backend exists at boot: the hypervisor's console is
     * where such a domain's output can go. */
    d->is_console = true;
    sched_set_params(d, s->weight, s->cap);
    if ( s->pvh )
        rc = domu_construct_pvh(d, m, m->cmdline, s->mem_bytes >> PAGE_SHIFT);
    else
        rc = domu_construct_pv(d, m, m->cmdline, s->mem_bytes >> PAGE_SHIFT);
    if ( rc )
    {
        printk(XENLOG_ERR "domU %s: not built (%d); the others go on\n",
               s->name, rc);
        domain_destroy(d);
        return;
    }
    /* Its vCPU 0 has its context: the wallclock is set then, as Xen
     * does when a toolstack gives vCPU 0 one. */
    domain_update_wallclock(d);
    printk("domU %s is domain %u: %lu MiB, %u vCPUs\n", s->name,
           d->domain_id, s->mem_bytes >> 20, s->vcpus);
}

void create_boot_domains(const struct boot_info *bi)
{
    unsigned int k = nr_boot_domus, first_domu, i;
    const struct boot_module *initrd;
    struct domain *d;
    int rc;

    if ( bi->nr_modules < 1 + k )
    {
        printk(XENLOG_ERR "domU=: %u domains given but only %u boot modules"
               " besides dom0's kernel; no domU is built\n",
               k, bi->nr_modules ? bi->nr_modules - 1 : 0);
        k = 0;
    }
    first_domu = bi->nr_modules - k;
    for ( i = 0; i < k; i++ )
        build_domu(i, &bi->mods[first_domu + i]);

    initrd = first_domu > 1 ? &bi->mods[1] : NULL;
    if ( !opt_dom0_max_vcpus )
        opt_dom0_max_vcpus = min((unsigned int)num_online_cpus(),
                                 (unsigned int)MAX_VIRT_CPUS);
    if ( opt_dom0_max_vcpus > MAX_VIRT_CPUS )
    {
        printk(XENLOG_WARNING "dom0_max_vcpus=%u is above %u;"
               " dom0 gets 1\n", opt_dom0_max_vcpus, MAX_VIRT_CPUS);
        opt_dom0_max_vcpus = 1;
    }
    if ( !(d = domain_create(0, opt_dom0_max_vcpus, true, &rc)) )
        panic("Error creating domain 0 (rc = %d)", rc);
    arch_domain_default_config(d);
    if ( opt_dom0_pvh )
        rc = dom0_construct_pvh(d, &bi->mods[0], initrd, bi->mods[0].cmdline);
    else
        rc = dom0_construct_pv(d, &bi->mods[0], initrd, bi->mods[0].cmdline);
    if ( rc )
        panic("Could not construct domain 0 (rc = %d)", rc);
    /* As Xen's dom0 builder: the time of day is there from the start. */
    domain_update_wallclock(d);
}
