/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_platform_op(op): host-platform control for the hardware
 * domain: wall-clock time, MTRRs, microcode, firmware (BIOS/EFI) data,
 * ACPI sleep and processor power management, physical CPU hotplug and
 * hypervisor symbols.  One struct xen_platform_op carries every command.
 */

#ifndef PUBLIC_PLATFORM_H
#define PUBLIC_PLATFORM_H

#include "xen.h"

/* Must be put in xen_platform_op.interface_version. */
#define XENPF_INTERFACE_VERSION 0x03000001

#ifndef __ASSEMBLY__

/*
 * Set the wall clock: 'secs'/'nsecs' since 1970 is the time at which
 * system time was 'system_time' ns.
 */
#define XENPF_settime32         17
struct xenpf_settime32
{
    uint32_t secs;              /* IN */
    uint32_t nsecs;             /* IN */
    uint64_t system_time;       /* IN */
};
typedef struct xenpf_settime32 xenpf_settime32_t;

#define XENPF_settime64         62
struct xenpf_settime64
{
    uint64_t secs;              /* IN */
    uint32_t nsecs;             /* IN */
    uint32_t mbz;               /* IN: must be zero */
    uint64_t system_time;       /* IN */
};
typedef struct xenpf_settime64 xenpf_settime64_t;

/* The current interface's "settime" is the 64-bit one. */
#define XENPF_settime           XENPF_settime64
#define xenpf_settime           xenpf_settime64
typedef struct xenpf_settime xenpf_settime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_settime_t);

/* Add a variable-range MTRR; returns a handle and the register used. */
#define XENPF_add_memtype       31
struct xenpf_add_memtype
{
    xen_pfn_t mfn;              /* IN: first frame */
    uint64_t nr_mfns;           /* IN: frame count */
    uint32_t type;              /* IN: MTRR memory type */
    uint32_t handle;            /* OUT */
    uint32_t reg;               /* OUT: MTRR index */
};
typedef struct xenpf_add_memtype xenpf_add_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_add_memtype_t);

/* Remove an MTRR set up by add_memtype. */
#define XENPF_del_memtype       32
struct xenpf_del_memtype
{
    uint32_t handle;            /* IN */
    uint32_t reg;               /* IN */
};
typedef struct xenpf_del_memtype xenpf_del_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_del_memtype_t);

/* Read one MTRR. */
#define XENPF_read_memtype      33
struct xenpf_read_memtype
{
    uint32_t reg;               /* IN: MTRR index */
    xen_pfn_t mfn;              /* OUT */
    uint64_t nr_mfns;           /* OUT */
    uint32_t type;              /* OUT */
};
typedef struct xenpf_read_memtype xenpf_read_memtype_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_read_memtype_t);

/* Load a CPU microcode blob on every physical CPU. */
#define XENPF_microcode_update  35
struct xenpf_microcode_update
{
    XEN_GUEST_HANDLE(const_void) data;  /* IN: the blob */
    uint32_t length;                    /* IN: its size */
};
typedef struct xenpf_microcode_update xenpf_microcode_update_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_microcode_update_t);

/* Apply a platform quirk. */
#define XENPF_platform_quirk    39
#define QUIRK_NOIRQBALANCING        1
#define QUIRK_IOAPIC_BAD_REGSEL     2
#define QUIRK_IOAPIC_GOOD_REGSEL    3
struct xenpf_platform_quirk
{
    uint32_t quirk_id;          /* IN: QUIRK_* */
};
typedef struct xenpf_platform_quirk xenpf_platform_quirk_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_platform_quirk_t);

/* Invoke an EFI runtime service through the hypervisor. */
#define XENPF_efi_runtime_call  49
#define XEN_EFI_get_time                        1
#define XEN_EFI_set_time                        2
#define XEN_EFI_get_wakeup_time                 3
#define XEN_EFI_set_wakeup_time                 4
#define XEN_EFI_get_next_high_monotonic_count   5
#define XEN_EFI_get_variable                    6
#define XEN_EFI_set_variable                    7
#define XEN_EFI_get_next_variable_name          8
#define XEN_EFI_query_variable_info             9
#define XEN_EFI_query_capsule_capabilities      10
#define XEN_EFI_update_capsule                  11

/* EFI_TIME */
struct xenpf_efi_time
{
    uint16_t year;
    uint8_t month;
    uint8_t day;
    uint8_t hour;
    uint8_t min;
    uint8_t sec;
    uint32_t ns;
    int16_t tz;                 /* minutes from UTC */
    uint8_t daylight;
};

/* EFI_GUID */
struct xenpf_efi_guid
{
    uint32_t data1;
    uint16_t data2;
    uint16_t data3;
    uint8_t data4[8];
};

struct xenpf_efi_runtime_call
{
    uint32_t function;          /* IN: XEN_EFI_* */
    uint32_t misc;              /* IN/OUT: per-function flag bits below */
    xen_ulong_t status;         /* OUT: EFI_STATUS */
    union
    {
#define XEN_EFI_GET_TIME_SET_CLEARS_NS  0x00000001
        struct
        {
            struct xenpf_efi_time time;
            uint32_t resolution;
            uint32_t accuracy;
        } get_time;                             /* OUT */

        struct xenpf_efi_time set_time;         /* IN */

#define XEN_EFI_GET_WAKEUP_TIME_ENABLED     0x00000001
#define XEN_EFI_GET_WAKEUP_TIME_PENDING     0x00000002
        struct xenpf_efi_time get_wakeup_time;  /* OUT */

#define XEN_EFI_SET_WAKEUP_TIME_ENABLE      0x00000001
#define XEN_EFI_SET_WAKEUP_TIME_ENABLE_ONLY 0x00000002
        struct xenpf_efi_time set_wakeup_time;  /* IN */

#define XEN_EFI_VARIABLE_NON_VOLATILE       0x00000001
#define XEN_EFI_VARIABLE_BOOTSERVICE_ACCESS 0x00000002
#define XEN_EFI_VARIABLE_RUNTIME_ACCESS     0x00000004
        struct
        {
            XEN_GUEST_HANDLE(void) name;        /* IN: UCS-2, NUL ended */
            xen_ulong_t size;                   /* IN/OUT: data size */
            XEN_GUEST_HANDLE(void) data;        /* IN or OUT */
            struct xenpf_efi_guid vendor_guid;  /* IN */
        } get_variable, set_variable;

        struct
        {
            xen_ulong_t size;                   /* IN/OUT: name buffer */
            XEN_GUEST_HANDLE(void) name;        /* IN/OUT */
            struct xenpf_efi_guid vendor_guid;  /* IN/OUT */
        } get_next_variable_name;

#define XEN_EFI_VARINFO_BOOT_SNAPSHOT       0x00000001
        struct
        {
            uint32_t attr;                      /* IN */
            uint64_t max_store_size;            /* OUT */
            uint64_t remain_store_size;         /* OUT */
            uint64_t max_size;                  /* OUT */
        } query_variable_info;

        struct
        {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* IN */
            xen_ulong_t capsule_count;          /* IN */
            uint64_t max_capsule_size;          /* OUT */
            uint32_t reset_type;                /* OUT */
        } query_capsule_capabilities;

        struct
        {
            XEN_GUEST_HANDLE(void) capsule_header_array; /* IN */
            xen_ulong_t capsule_count;          /* IN */
            uint64_t sg_list;                   /* IN: machine address */
        } update_capsule;
    } u;
};
typedef struct xenpf_efi_runtime_call xenpf_efi_runtime_call_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_efi_runtime_call_t);

/* Fetch firmware data gathered by the hypervisor at boot. */
#define XENPF_firmware_info     50
#define XEN_FW_DISK_INFO            1   /* EDD disk info, by index */
#define XEN_FW_DISK_MBR_SIGNATURE   2   /* MBR signatures, by index */
#define XEN_FW_VBEDDC_INFO          3   /* VBE DDC (EDID) */
#define XEN_FW_EFI_INFO             4   /* EFI data; index = XEN_FW_EFI_* */
#define XEN_FW_EFI_VERSION          0
#define XEN_FW_EFI_CONFIG_TABLE     1
#define XEN_FW_EFI_VENDOR           2
#define XEN_FW_EFI_MEM_INFO         3
#define XEN_FW_EFI_RT_VERSION       4
#define XEN_FW_EFI_PCI_ROM          5
#define XEN_FW_EFI_APPLE_PROPERTIES 6
#define XEN_FW_KBD_SHIFT_FLAGS      5   /* BIOS keyboard shift state */

struct xenpf_firmware_info
{
    uint32_t type;              /* IN: XEN_FW_* */
    uint32_t index;             /* IN: which entry */
    union
    {
        struct
        {
            uint8_t device;                 /* BIOS drive number */
            uint8_t version;                /* EDD version */
            uint16_t interface_support;
            uint16_t legacy_max_cylinder;
            uint8_t legacy_max_head;
            uint8_t legacy_sectors_per_track;
            XEN_GUEST_HANDLE(void) edd_params; /* IN: buffer for params */
        } disk_info;                        /* OUT */
        struct
        {
            uint8_t device;
            uint32_t mbr_signature;
        } disk_mbr_signature;               /* OUT */
        struct
        {
            uint8_t capabilities;
            uint8_t edid_transfer_time;
            XEN_GUEST_HANDLE(uint8) edid;   /* IN: 128-byte buffer */
        } vbeddc_info;                      /* OUT */

        union xenpf_efi_info
        {
            uint32_t version;
            struct
            {
                uint64_t addr;              /* config table address */
                uint32_t nent;              /* entries */
            } cfg;
            struct
            {
                uint32_t revision;
                uint32_t bufsz;             /* IN/OUT */
                XEN_GUEST_HANDLE(void) name; /* IN: buffer, UCS-2 */
            } vendor;
            struct
            {
                uint64_t addr;              /* IN/OUT */
                uint64_t size;
                uint64_t attr;
                uint32_t type;
            } mem;
            struct
            {
                uint16_t segment;           /* IN */
                uint8_t bus;                /* IN */
                uint8_t devfn;              /* IN */
                uint16_t vendor;            /* IN */
                uint16_t devid;             /* IN */
                uint64_t address;           /* OUT */
                xen_ulong_t size;           /* OUT */
            } pci_rom;
            struct
            {
                uint64_t address;           /* OUT */
                xen_ulong_t size;           /* OUT */
            } apple_properties;
        } efi_info;                         /* OUT */

        uint8_t kbd_shift_flags;            /* OUT */
    } u;
};
typedef struct xenpf_firmware_info xenpf_firmware_info_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_firmware_info_t);

/* Enter ACPI S-state: the values dom0 would write to PM1a/b control. */
#define XENPF_enter_acpi_sleep  51
struct xenpf_enter_acpi_sleep
{
    uint16_t val_a;             /* IN: PM1a_CNT (or SLEEP_CONTROL) value */
    uint16_t val_b;             /* IN: PM1b_CNT value */
    uint32_t sleep_state;       /* IN: S-state number */
#define XENPF_ACPI_SLEEP_EXTENDED 0x00000001 /* use extended sleep regs */
    uint32_t flags;             /* IN */
};
typedef struct xenpf_enter_acpi_sleep xenpf_enter_acpi_sleep_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_enter_acpi_sleep_t);

/* Change a physical CPU's frequency. */
#define XENPF_change_freq       52
struct xenpf_change_freq
{
    uint32_t flags;             /* IN: must be zero */
    uint32_t cpu;               /* IN: physical CPU */
    uint64_t freq;              /* IN: Hz */
};
typedef struct xenpf_change_freq xenpf_change_freq_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_change_freq_t);

/* Idle time (ns) of each physical CPU in a map. */
#define XENPF_getidletime       53
struct xenpf_getidletime
{
    XEN_GUEST_HANDLE(uint8) cpumap_bitmap; /* IN/OUT: CPUs asked/answered */
    uint32_t cpumap_nr_cpus;    /* IN: bits in the map */
    XEN_GUEST_HANDLE(uint64) idletime; /* OUT: per CPU */
    uint64_t now;               /* OUT: system time of the sample */
};
typedef struct xenpf_getidletime xenpf_getidletime_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_getidletime_t);

/* Hand ACPI processor power data (_CST/_PSS/_PDC...) to the hypervisor. */
#define XENPF_set_processor_pminfo 54

/* ability bits */
#define XEN_PROCESSOR_PM_CX     1
#define XEN_PROCESSOR_PM_PX     2
#define XEN_PROCESSOR_PM_TX     4

/* xenpf_set_processor_pminfo.type */
#define XEN_PM_CX               0
#define XEN_PM_PX               1
#define XEN_PM_TX               2
#define XEN_PM_PDC              3

/* xen_processor_performance.flags: which parts are supplied */
#define XEN_PX_PCT              1
#define XEN_PX_PSS              2
#define XEN_PX_PPC              4
#define XEN_PX_PSD              8

/* ACPI generic address structure, widened. */
struct xen_power_register
{
    uint32_t space_id;
    uint32_t bit_width;
    uint32_t bit_offset;
    uint32_t access_size;
    uint64_t address;
};

/* C-state dependency (_CSD) entry. */
struct xen_processor_csd
{
    uint32_t domain;            /* dependency domain */
    uint32_t coord_type;        /* coordination type */
    uint32_t num;               /* processors in the domain */
};
typedef struct xen_processor_csd xen_processor_csd_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_csd_t);

/* One C-state (_CST entry). */
struct xen_processor_cx
{
    struct xen_power_register reg;  /* how to enter it */
    uint8_t type;               /* C1, C2, ... */
    uint32_t latency;           /* us */
    uint32_t power;             /* mW */
    uint32_t dpcnt;             /* entries in dp */
    XEN_GUEST_HANDLE(xen_processor_csd_t) dp;
};
typedef struct xen_processor_cx xen_processor_cx_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_cx_t);

struct xen_processor_flags
{
    uint32_t bm_control:1;
    uint32_t bm_check:1;
    uint32_t has_cst:1;
    uint32_t power_setup_done:1;
    uint32_t bm_rld_set:1;
};

struct xen_processor_power
{
    uint32_t count;             /* number of C-states */
    struct xen_processor_flags flags;
    XEN_GUEST_HANDLE(xen_processor_cx_t) states;
};

/* _PCT register description. */
struct xen_pct_register
{
    uint8_t descriptor;
    uint16_t length;
    uint8_t space_id;
    uint8_t bit_width;
    uint8_t bit_offset;
    uint8_t reserved;
    uint64_t address;
};

/* One P-state (_PSS entry). */
struct xen_processor_px
{
    uint64_t core_frequency;    /* MHz */
    uint64_t power;             /* mW */
    uint64_t transition_latency; /* us */
    uint64_t bus_master_latency; /* us */
    uint64_t control;           /* value to write to the control register */
    uint64_t status;            /* value read back when in this state */
};
typedef struct xen_processor_px xen_processor_px_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_px_t);

/* _PSD package. */
struct xen_psd_package
{
    uint64_t num_entries;
    uint64_t revision;
    uint64_t domain;
    uint64_t coord_type;
    uint64_t num_processors;
};

struct xen_processor_performance
{
    uint32_t flags;             /* XEN_PX_* */
    uint32_t platform_limit;    /* _PPC */
    struct xen_pct_register control_register;
    struct xen_pct_register status_register;
    uint32_t state_count;       /* entries in states */
    XEN_GUEST_HANDLE(xen_processor_px_t) states;
    struct xen_psd_package domain_info;
#define XEN_CPUPERF_SHARED_TYPE_HW  1
#define XEN_CPUPERF_SHARED_TYPE_ALL 2
#define XEN_CPUPERF_SHARED_TYPE_ANY 3
    uint32_t shared_type;       /* XEN_CPUPERF_SHARED_TYPE_* */
};
typedef struct xen_processor_performance xen_processor_performance_t;
DEFINE_XEN_GUEST_HANDLE(xen_processor_performance_t);

struct xenpf_set_processor_pminfo
{
    uint32_t id;                /* IN: ACPI processor id */
    uint32_t type;              /* IN: XEN_PM_* */
    union
    {
        struct xen_processor_power power;       /* XEN_PM_CX */
        struct xen_processor_performance perf;  /* XEN_PM_PX */
        XEN_GUEST_HANDLE(uint32) pdc;           /* XEN_PM_PDC: IN/OUT */
    } u;
};
typedef struct xenpf_set_processor_pminfo xenpf_set_processor_pminfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_set_processor_pminfo_t);

/* Describe one physical CPU. */
#define XENPF_get_cpuinfo       55
struct xenpf_pcpuinfo
{
    uint32_t xen_cpuid;         /* IN: physical CPU number */
    uint32_t max_present;       /* OUT: highest present CPU number */
#define XEN_PCPU_FLAGS_ONLINE   1
#define XEN_PCPU_FLAGS_INVALID  2   /* no such CPU */
    uint32_t flags;             /* OUT: XEN_PCPU_FLAGS_* */
    uint32_t apic_id;           /* OUT */
    uint32_t acpi_id;           /* OUT */
};
typedef struct xenpf_pcpuinfo xenpf_pcpuinfo_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpuinfo_t);

/* CPUID identity of one physical CPU. */
#define XENPF_get_cpu_version   48
struct xenpf_pcpu_version
{
    uint32_t xen_cpuid;         /* IN */
    uint32_t max_present;       /* OUT */
    char vendor_id[12];         /* OUT: CPUID vendor string */
    uint32_t family;            /* OUT */
    uint32_t model;             /* OUT */
    uint32_t stepping;          /* OUT */
};
typedef struct xenpf_pcpu_version xenpf_pcpu_version_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_pcpu_version_t);

/* Bring a physical CPU online / offline. */
#define XENPF_cpu_online        56
#define XENPF_cpu_offline       57
struct xenpf_cpu_ol
{
    uint32_t cpuid;             /* IN: physical CPU number */
};
typedef struct xenpf_cpu_ol xenpf_cpu_ol_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_cpu_ol_t);

/* A physical CPU was hot-added (ACPI). */
#define XENPF_cpu_hotadd        58
struct xenpf_cpu_hotadd
{
    uint32_t apic_id;           /* IN */
    uint32_t acpi_id;           /* IN */
    uint32_t pxm;               /* IN: proximity domain */
};
typedef struct xenpf_cpu_hotadd xenpf_cpu_hotadd_t;

/* A memory range was hot-added (ACPI). */
#define XENPF_mem_hotadd        59
struct xenpf_mem_hotadd
{
    uint64_t spfn;              /* IN: first frame */
    uint64_t epfn;              /* IN: frame after the last */
    uint32_t pxm;               /* IN */
    uint32_t flags;             /* IN */
};
typedef struct xenpf_mem_hotadd xenpf_mem_hotadd_t;

/* Set or read how many physical CPUs should be parked (idle). */
#define XENPF_core_parking      60
#define XEN_CORE_PARKING_SET    1
#define XEN_CORE_PARKING_GET    2
struct xenpf_core_parking
{
    uint32_t type;              /* IN: XEN_CORE_PARKING_* */
    uint32_t idle_nums;         /* IN (set) / OUT (get) */
};
typedef struct xenpf_core_parking xenpf_core_parking_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_core_parking_t);

/* Batched MSR access on a given physical CPU. */
#define XENPF_resource_op       61
#define XEN_RESOURCE_OP_MSR_READ    0
#define XEN_RESOURCE_OP_MSR_WRITE   1
struct xenpf_resource_entry
{
    union
    {
        uint32_t cmd;           /* IN: XEN_RESOURCE_OP_* */
        int32_t ret;            /* OUT: result */
    } u;
    uint32_t rsvd;              /* IN: must be zero */
    uint64_t idx;               /* IN: MSR index */
    uint64_t val;               /* IN (write) / OUT (read) */
};
typedef struct xenpf_resource_entry xenpf_resource_entry_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_entry_t);

struct xenpf_resource_op
{
    uint32_t nr_entries;        /* IN */
    uint32_t cpu;               /* IN: physical CPU to run on */
    XEN_GUEST_HANDLE(xenpf_resource_entry_t) entries; /* IN/OUT */
};
typedef struct xenpf_resource_op xenpf_resource_op_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_resource_op_t);

/* Iterate over the hypervisor's symbol table. */
#define XENPF_get_symbol        63
struct xenpf_symdata
{
    uint32_t namelen;           /* IN: buffer size / OUT: name length */
    uint32_t symnum;            /* IN: index / OUT: next index */
    XEN_GUEST_HANDLE(char) name; /* OUT */
    uint64_t address;           /* OUT */
    char type;                  /* OUT: nm-style type letter */
};
typedef struct xenpf_symdata xenpf_symdata_t;
DEFINE_XEN_GUEST_HANDLE(xenpf_symdata_t);

/* The argument of HYPERVISOR_platform_op. */
struct xen_platform_op
{
    uint32_t cmd;               /* IN: XENPF_* */
    uint32_t interface_version; /* IN: XENPF_INTERFACE_VERSION */
    union
    {
        xenpf_settime_t settime;
        xenpf_settime32_t settime32;
        xenpf_settime64_t settime64;
        xenpf_add_memtype_t add_memtype;
        xenpf_del_memtype_t del_memtype;
        xenpf_read_memtype_t read_memtype;
        xenpf_microcode_update_t microcode;
        xenpf_platform_quirk_t platform_quirk;
        xenpf_efi_runtime_call_t efi_runtime_call;
        xenpf_firmware_info_t firmware_info;
        xenpf_enter_acpi_sleep_t enter_acpi_sleep;
        xenpf_change_freq_t change_freq;
        xenpf_getidletime_t getidletime;
        xenpf_set_processor_pminfo_t set_pminfo;
        xenpf_pcpuinfo_t pcpu_info;
        xenpf_pcpu_version_t pcpu_version;
        xenpf_cpu_ol_t cpu_ol;
        xenpf_cpu_hotadd_t cpu_add;
        xenpf_mem_hotadd_t mem_add;
        xenpf_core_parking_t core_parking;
        xenpf_resource_op_t resource_op;
        xenpf_symdata_t symdata;
        uint8_t pad[128];       /* fixes the union at 128 bytes */
    } u;
};
typedef struct xen_platform_op xen_platform_op_t;
DEFINE_XEN_GUEST_HANDLE(xen_platform_op_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_PLATFORM_H */
