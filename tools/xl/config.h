/*
 * xl domain configuration: a libvirt-style domain XML file, validated
 * against domain.rng and turned into a plain struct.  No hypervisor is
 * needed to load one, so this part is tested on the build host.
 */
#ifndef XL_CONFIG_H
#define XL_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Longest accepted values (bytes, without the terminating NUL). */
#define XL_NAME_MAX     64
#define XL_PATH_MAX     4095
#define XL_CMDLINE_MAX  1023    /* the guest's start_info cmd_line is 1024 */

#define XL_VCPUS_MAX    128
#define XL_MEMORY_MIN_KIB 4096  /* below 4 MiB no PV kernel gets going */

/* Larger files are refused before libxml2 sees them. */
#define XL_CONFIG_MAX_BYTES (1024 * 1024)

enum xl_action {
    XL_ACTION_DESTROY,
    XL_ACTION_RESTART,
    XL_ACTION_PRESERVE,
    XL_ACTION_RENAME_RESTART,
    XL_ACTION_COREDUMP_DESTROY,
    XL_ACTION_COREDUMP_RESTART,
};

struct xl_domain_config {
    char name[XL_NAME_MAX + 1];
    bool has_uuid;
    uint8_t uuid[16];
    uint64_t memory_kib;            /* <memory>, rounded up to a KiB */
    uint64_t current_memory_kib;    /* <currentMemory>, or memory_kib */
    unsigned int vcpus;
    bool pvh;                       /* <type>xenpvh</type>: PVH, else PV */
    char kernel[XL_PATH_MAX + 1];
    char initrd[XL_PATH_MAX + 1];   /* "" when absent */
    char cmdline[XL_CMDLINE_MAX + 1];
    enum xl_action on_poweroff, on_reboot, on_crash;
    bool console;                   /* <console type='pty'/> present */
};

/*
 * Load FILE, validating it with the schema at SCHEMA (NULL: domain.rng in
 * the directory of the running program).  Returns 0 with *out filled, or
 * -1 with *out untouched and one line "file:line: what is wrong" in err.
 */
int xl_config_load_schema(const char *path, const char *schema,
                          struct xl_domain_config *out,
                          char *err, size_t errlen);

static inline int xl_config_load(const char *path,
                                 struct xl_domain_config *out,
                                 char *err, size_t errlen)
{
    return xl_config_load_schema(path, NULL, out, err, errlen);
}

/* The libvirt spelling of an action ("rename-restart"). */
const char *xl_action_name(enum xl_action a);

#endif /* XL_CONFIG_H */
