/* SPDX-License-Identifier: MIT */
/*
 * Building a PV or PVH domain from a loaded config, in libxl's order:
 * createdomain (handle = uuid, Xen's default grant limits, 1023 event
 * channels), the xenstore tree, max_mem (target + 1 MiB, libxl's
 * LIBXL_MAXMEM_CONSTANT), the store and console ports for dom0, the
 * build (libxtguest over the real hypervisor), the rest of the tree and
 * INTRODUCE, then unpause.  Any failure after createdomain destroys the
 * domain and removes its nodes again.  A PVH domain is created as libxl
 * creates one (HVM with HAP, the local APIC its only emulated device)
 * and built by xt_guest_build_pvh(); the rest is shared.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <xt/guest.h>
#include "dom.h"
#include "xl.h"

#define MAXMEM_SLACK_KIB 1024
#define MAX_IMAGE_BYTES  (512u << 20)

struct images {
    void *kernel, *initrd;
    size_t kernel_len, initrd_len;
};

static void *slurp(const char *path, size_t *len)
{
    struct stat st;
    char *buf = NULL;
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
        st.st_size <= 0 || (uint64_t)st.st_size > MAX_IMAGE_BYTES) {
        fprintf(stderr, "xl: cannot use %s: %s\n", path,
                fd < 0 ? strerror(errno) : "not a regular file of "
                "1 byte to 512 MiB");
        goto out;
    }
    buf = malloc((size_t)st.st_size);
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

        if (n <= 0) {
            fprintf(stderr, "xl: reading %s: %s\n", path,
                    n < 0 ? strerror(errno) : "file shrank");
            free(buf);
            buf = NULL;
            break;
        }
        got += (size_t)n;
    }
    *len = got;
out:
    if (fd >= 0)
        close(fd);
    return buf;
}

static void random_uuid(uint8_t u[16])
{
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

    if (fd < 0 || read(fd, u, 16) != 16) {
        unsigned int i;

        srand((unsigned int)getpid() ^ (unsigned int)time(NULL));
        for (i = 0; i < 16; i++)
            u[i] = (uint8_t)rand();
    }
    if (fd >= 0)
        close(fd);
    u[6] = (u[6] & 0x0f) | 0x40;        /* RFC 4122 version 4 */
    u[8] = (u[8] & 0x3f) | 0x80;
}

static void uuid_string(const uint8_t u[16], char out[37])
{
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
             "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
             u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

/* libxl picks the highest grant version the host offers. */
static uint32_t grant_version(void)
{
    struct xen_sysctl_physinfo pi;

    if (xt_physinfo(xl_call(), &pi) < 0)
        return 1;
    if (pi.capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v2)
        return 2;
    return (pi.capabilities & XEN_SYSCTL_PHYSCAP_gnttab_v1) ? 1 : 0;
}

static int make_domain(const struct xl_domain_config *cfg, uint8_t uuid[16],
                       uint32_t *domid)
{
    struct xen_domctl_createdomain c;
    domid_t id = 0;
    int r;

    memset(&c, 0, sizeof(c));
    memcpy(c.handle, uuid, 16);
    c.max_vcpus = cfg->vcpus;
    c.max_evtchn_port = 1023;
    c.max_grant_frames = -1;            /* the hypervisor's defaults */
    c.max_maptrack_frames = -1;
    c.grant_opts = XEN_DOMCTL_GRANT_version(grant_version());
    if (cfg->pvh) {
        c.flags = XEN_DOMCTL_CDF_hvm | XEN_DOMCTL_CDF_hap;
        c.arch.emulation_flags = XEN_X86_EMU_LAPIC;
    }
    r = xt_domain_create(xl_call(), &id, &c);
    if (r < 0)
        fprintf(stderr, "libxl: error: domain creation fail: %s\n",
                strerror(-r));
    *domid = id;
    return r;
}

/* Everything between createdomain and unpause; "what" names the step. */
static int build(const struct xl_domain_config *cfg, struct images *im,
                 struct xl_dom_state *st, const char **what)
{
    static struct xt_guest_result res;
    struct xt_guest_params p;
    struct xt_guest_xt x = { xl_call(), (domid_t)st->domid };
    struct xt_guest_ops ops;
    xt_dominfo_t info;
    int r;

    *what = "xenstore tree";
    if ((r = xl_xs_make(cfg, st)) < 0)
        return r;
    *what = "max_mem";
    if ((r = xt_domain_max_mem(xl_call(), x.domid, cfg->current_memory_kib +
                               MAXMEM_SLACK_KIB)) < 0)
        return r;
    *what = "event channels";
    if ((r = xt_evtchn_alloc_unbound(xl_call(), x.domid, 0)) < 0)
        return r;
    st->store_port = (uint32_t)r;
    if ((r = xt_evtchn_alloc_unbound(xl_call(), x.domid, 0)) < 0)
        return r;
    st->console_port = (uint32_t)r;
    *what = "getdomaininfo";
    if ((r = xt_domain_getinfo(xl_call(), x.domid, &info)) < 0)
        return r;
    memset(&p, 0, sizeof(p));
    p.kernel = im->kernel;
    p.kernel_len = im->kernel_len;
    p.initrd = im->initrd;
    p.initrd_len = im->initrd_len;
    p.cmdline = cfg->cmdline;
    p.nr_pages = cfg->current_memory_kib / 4;
    p.nr_vcpus = cfg->vcpus;
    p.domid = x.domid;
    p.store_evtchn = st->store_port;
    p.console_evtchn = st->console_port;
    p.shared_info_mfn = info.shared_info_frame;
    xt_guest_ops_xt(&ops, &x);
    memset(&res, 0, sizeof(res));
    *what = "domain builder";
    r = cfg->pvh ? xt_guest_build_pvh(&p, &x, &res)
                 : xt_guest_build(&p, &ops, &res);
    if (r < 0) {
        fprintf(stderr, "xl: building the domain: %s\n", res.error);
        return r;
    }
    st->store_mfn = res.store_mfn;
    st->console_mfn = res.console_mfn;
    *what = "xenstore (introduce)";
    return xl_xs_post(cfg, st);
}

static int load_images(const struct xl_domain_config *cfg, struct images *im)
{
    memset(im, 0, sizeof(*im));
    im->kernel = slurp(cfg->kernel, &im->kernel_len);
    if (!im->kernel)
        return -1;
    if (cfg->initrd[0] && !(im->initrd = slurp(cfg->initrd, &im->initrd_len))) {
        free(im->kernel);
        return -1;
    }
    return 0;
}

int xl_dom_create(const struct xl_domain_config *cfg, int paused,
                  uint32_t *domid)
{
    struct xl_dom_state st;
    struct images im;
    const char *what = "";
    uint8_t uuid[16];
    uint32_t other;
    int r;

    if (xl_name_to_domid(cfg->name, &other) == 0) {
        fprintf(stderr, "libxl: error: Domain with name \"%s\" already "
                "exists (domid %u)\n", cfg->name, other);
        return -EEXIST;
    }
    if (!xl_store()) {
        fprintf(stderr, "xl: cannot connect to xenstored\n");
        return -ENOTCONN;
    }
    if (load_images(cfg, &im) < 0)
        return -EINVAL;
    if (cfg->has_uuid)
        memcpy(uuid, cfg->uuid, 16);
    else
        random_uuid(uuid);
    memset(&st, 0, sizeof(st));
    uuid_string(uuid, st.uuid);
    r = make_domain(cfg, uuid, &st.domid);
    if (r >= 0) {
        r = build(cfg, &im, &st, &what);
        if (r >= 0 && !paused && (r = xt_domain_unpause(xl_call(),
                                   (domid_t)st.domid)) < 0)
            what = "unpause";
        if (r < 0) {
            fprintf(stderr, "libxl: error: Domain %u: %s failed: %s; "
                    "destroying it\n", st.domid, what, strerror(-r));
            xl_dom_destroy(st.domid);
        }
    }
    free(im.kernel);
    free(im.initrd);
    *domid = st.domid;
    return r;
}
