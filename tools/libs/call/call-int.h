/* SPDX-License-Identifier: MIT */
#ifndef XT_CALL_INT_H
#define XT_CALL_INT_H
#include <xt/call.h>

struct xt_call {
    int privcmd;        /* /dev/xen/privcmd */
    int bufdev;         /* /dev/xen/hypercall, or -1 */
};

#endif
