/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_vcpu_op(cmd, vcpuid, arg): bring vCPUs up and down, per-vCPU
 * timers, runstate accounting, and relocating vcpu_info / time records.
 */

#ifndef PUBLIC_VCPU_H
#define PUBLIC_VCPU_H

#include "xen.h"

/*
 * arg: vcpu_guest_context.  Set the initial state of a vCPU that has never
 * run.  It stays down until VCPUOP_up.
 */
#define VCPUOP_initialise           0

/* arg unused: start an initialised vCPU. */
#define VCPUOP_up                   1

/* arg unused: stop a vCPU (state kept; VCPUOP_up resumes it). */
#define VCPUOP_down                 2

/* arg unused: returns 1 if the vCPU is up, 0 if down. */
#define VCPUOP_is_up                3

/* arg: vcpu_runstate_info (OUT). */
#define VCPUOP_get_runstate_info    4

#ifndef __ASSEMBLY__
/* Time a vCPU has spent in each scheduling state. */
struct vcpu_runstate_info
{
    int32_t state;              /* current RUNSTATE_* */
    /*
     * System time (ns) when 'state' was entered.  With the
     * runstate_update_flag assist, bit 63 is set while the record is
     * being rewritten.
     */
    uint64_t state_entry_time;
#define XEN_RUNSTATE_UPDATE (xen_mk_ullong(1) << 63)
    uint64_t time[4];           /* ns spent in each RUNSTATE_* so far */
};
typedef struct vcpu_runstate_info vcpu_runstate_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_runstate_info_t);
#endif

#define RUNSTATE_running    0   /* on a physical CPU */
#define RUNSTATE_runnable   1   /* wants to run, waiting for a CPU */
#define RUNSTATE_blocked    2   /* waiting for an event */
#define RUNSTATE_offline    3   /* down or paused */

/*
 * arg: vcpu_register_runstate_memory_area.  Ask the hypervisor to keep a
 * vcpu_runstate_info at a guest virtual address up to date (written
 * whenever the vCPU is descheduled and when it is scheduled again).
 */
#define VCPUOP_register_runstate_memory_area 5

#ifndef __ASSEMBLY__
struct vcpu_register_runstate_memory_area
{
    union
    {
        XEN_GUEST_HANDLE(vcpu_runstate_info_t) h;
        struct vcpu_runstate_info *v;
        uint64_t p;
    } addr;                     /* IN: guest virtual address */
};
typedef struct vcpu_register_runstate_memory_area
    vcpu_register_runstate_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_runstate_memory_area_t);
#endif

/* arg: vcpu_set_periodic_timer / unused.  Periodic VIRQ_TIMER. */
#define VCPUOP_set_periodic_timer   6
#define VCPUOP_stop_periodic_timer  7

#ifndef __ASSEMBLY__
struct vcpu_set_periodic_timer
{
    uint64_t period_ns;         /* IN: period */
};
typedef struct vcpu_set_periodic_timer vcpu_set_periodic_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_periodic_timer_t);
#endif

/* arg: vcpu_set_singleshot_timer / unused.  One-shot VIRQ_TIMER. */
#define VCPUOP_set_singleshot_timer 8
#define VCPUOP_stop_singleshot_timer 9

#ifndef __ASSEMBLY__
struct vcpu_set_singleshot_timer
{
    uint64_t timeout_abs_ns;    /* IN: absolute system time to fire at */
    uint32_t flags;             /* IN: VCPU_SSHOTTMR_* */
};
typedef struct vcpu_set_singleshot_timer vcpu_set_singleshot_timer_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_set_singleshot_timer_t);
#endif

/* Fail with -XEN_ETIME instead of firing at once if already in the past. */
#define _VCPU_SSHOTTMR_future       (0)
#define VCPU_SSHOTTMR_future        (1U << _VCPU_SSHOTTMR_future)

/*
 * arg: vcpu_register_vcpu_info.  Move this vCPU's vcpu_info out of
 * shared_info into a guest page (needed for vCPUs >= 32).  One-way: it
 * cannot be moved again or back.
 */
#define VCPUOP_register_vcpu_info   10

#ifndef __ASSEMBLY__
struct vcpu_register_vcpu_info
{
    uint64_t mfn;               /* IN: frame that will hold the vcpu_info */
    uint32_t offset;            /* IN: byte offset within that frame */
    uint32_t rsvd;              /* IN: must be 0 */
};
typedef struct vcpu_register_vcpu_info vcpu_register_vcpu_info_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_vcpu_info_t);
#endif

/* arg unused: inject a virtual NMI into the vCPU. */
#define VCPUOP_send_nmi             11

/* arg: vcpu_get_physid.  Physical APIC/ACPI ids (privileged). */
#define VCPUOP_get_physid           12

#ifndef __ASSEMBLY__
struct vcpu_get_physid
{
    uint64_t phys_id;           /* OUT: low 32 APIC id, high 32 ACPI id */
};
typedef struct vcpu_get_physid vcpu_get_physid_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_get_physid_t);
#endif
#define xen_vcpu_physid_to_x86_apicid(physid) ((uint32_t)(physid))
#define xen_vcpu_physid_to_x86_acpiid(physid) ((uint32_t)((physid) >> 32))

/*
 * arg: vcpu_register_time_memory_area.  Keep an extra copy of the vCPU's
 * vcpu_time_info at a guest virtual address (e.g. for a user-space vDSO).
 */
#define VCPUOP_register_vcpu_time_memory_area 13

#ifndef __ASSEMBLY__
DEFINE_XEN_GUEST_HANDLE(vcpu_time_info_t);
struct vcpu_register_time_memory_area
{
    union
    {
        XEN_GUEST_HANDLE(vcpu_time_info_t) h;
        struct vcpu_time_info *v;
        uint64_t p;
    } addr;                     /* IN: guest virtual address */
};
typedef struct vcpu_register_time_memory_area vcpu_register_time_memory_area_t;
DEFINE_XEN_GUEST_HANDLE(vcpu_register_time_memory_area_t);
#endif

#endif /* PUBLIC_VCPU_H */
