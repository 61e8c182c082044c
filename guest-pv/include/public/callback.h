/* SPDX-License-Identifier: MIT */
/*
 * HYPERVISOR_callback_op(cmd, arg): register the guest entry points the
 * hypervisor "calls back" into (event upcall, failsafe, syscall, NMI...).
 */

#ifndef PUBLIC_CALLBACK_H
#define PUBLIC_CALLBACK_H

#include "xen.h"

/* Callback types. */
#define CALLBACKTYPE_event                  0 /* event-channel upcall */
#define CALLBACKTYPE_failsafe               1 /* bad segment on return to guest */
#define CALLBACKTYPE_syscall                2 /* 64-bit SYSCALL from user mode */
#define CALLBACKTYPE_sysenter_deprecated    3 /* old number, do not use */
#define CALLBACKTYPE_nmi                    4 /* virtual NMI */
#define CALLBACKTYPE_sysenter               5 /* SYSENTER from 32-bit user mode */
/* 6 is unused */
#define CALLBACKTYPE_syscall32              7 /* SYSCALL from 32-bit user mode */

/* Flag: deliver with events masked (like an interrupt gate). */
#define _CALLBACKF_mask_events              0
#define CALLBACKF_mask_events               (1U << _CALLBACKF_mask_events)

/* Sub-commands. */
#define CALLBACKOP_register     0   /* arg: callback_register */
#define CALLBACKOP_unregister   1   /* arg: callback_unregister */

#ifndef __ASSEMBLY__

/* Install a callback. */
struct callback_register
{
    uint16_t type;              /* IN: CALLBACKTYPE_* */
    uint16_t flags;             /* IN: CALLBACKF_* */
    xen_callback_t address;     /* IN: entry point */
};
typedef struct callback_register callback_register_t;
DEFINE_XEN_GUEST_HANDLE(callback_register_t);

/* Remove a callback (not allowed for every type, e.g. not 'event'). */
struct callback_unregister
{
    uint16_t type;              /* IN: CALLBACKTYPE_* */
    uint16_t _unused;
};
typedef struct callback_unregister callback_unregister_t;
DEFINE_XEN_GUEST_HANDLE(callback_unregister_t);

#endif /* !__ASSEMBLY__ */

#endif /* PUBLIC_CALLBACK_H */
