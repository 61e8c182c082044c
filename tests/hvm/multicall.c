/*
 * multicall.c - HYPERVISOR_multicall from a PVH guest: each entry runs
 * through the HVM hypercall table and gets its own result; the batch
 * returns 0 even when entries fail.  An iret entry is one more call the
 * HVM table does not have (-ENOSYS in its entry) and the batch goes on,
 * as on Xen 4.17 (a PV iret ends a batch: tests/pv/multicall).  A
 * multicall inside the batch is an error in its entry; a batch the
 * guest's page tables do not map is -EFAULT; a long batch comes back
 * with every result (a continuation may run it in pieces).
 */
#include <pvtest.h>
#include <pv/pvh.h>
#include <public/errno.h>
#include <public/version.h>

const char test_title[] = "multicall: batches from a PVH guest";

#define LONG_BATCH  256
#define UNMAPPED    0x00007fff00000000UL

static struct multicall_entry batch[LONG_BATCH];

static void entry(struct multicall_entry *e, unsigned long op,
                  unsigned long a0, unsigned long a1, unsigned long a2)
{
    *e = (struct multicall_entry){ .op = op, .result = 0xdeadbeefUL,
                                   .args = { a0, a1, a2 } };
}

static long multicall(struct multicall_entry *b, unsigned long n)
{
    return hypercall2(__HYPERVISOR_multicall, b, n);
}

void test_main(void)
{
    long ver = HYPERVISOR_xen_version(XENVER_version, NULL);
    struct multicall_entry inner[1];

    entry(&inner[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    entry(&batch[0], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    entry(&batch[1], __HYPERVISOR_iret, 0, 0, 0);
    entry(&batch[2], 60, 0, 0, 0);                     /* nothing there */
    entry(&batch[3], __HYPERVISOR_multicall, (unsigned long)inner, 1, 0);
    entry(&batch[4], __HYPERVISOR_xen_version, 0x7fff, 0, 0);
    entry(&batch[5], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    if ( !check_eq(multicall(batch, 6), 0, "multicall of 6 entries") )
        return;
    check_eq(batch[0].result, ver, "entry 0: xen_version");
    check_eq(batch[1].result, -XEN_ENOSYS, "entry 1: iret (no HVM call)");
    check_eq(batch[2].result, -XEN_ENOSYS, "entry 2: unused number");
    check((long)batch[3].result < 0, "entry 3: nested multicall rc %ld",
          (long)batch[3].result);
    check_eq(inner[0].result, 0xdeadbeefUL, "the nested batch did not run");
    check_eq(batch[4].result, -XEN_ENOSYS, "entry 4: unknown sub-op");
    check_eq(batch[5].result, ver, "entry 5: after the iret, still run");

    check_eq(multicall((void *)UNMAPPED, 1), -XEN_EFAULT, "unmapped batch");
    check_eq(multicall(batch, 0), 0, "empty batch");

    for ( unsigned int i = 0; i < LONG_BATCH; i++ )
        entry(&batch[i], __HYPERVISOR_xen_version, XENVER_version, 0, 0);
    check_eq(multicall(batch, LONG_BATCH), 0, "long batch");
    for ( unsigned int i = 0; i < LONG_BATCH; i++ )
        if ( !check_eq(batch[i].result, ver, "long batch entry result") )
            break;
}
