/*
 * vcpu-context-dr.c - the debug registers in a VCPUOP_initialise
 * context take effect, as on Xen 4.17, within what set_debugreg allows.
 *
 * Four vCPUs are started, each with one debug register and DR7 set in its
 * context, and read their own registers back.  A guest address in DR0 or
 * DR3 is loaded, with DR7 as given (bit 10 reads as 1); a hypervisor
 * address is not (DR0 stays 0, the rest of the context is taken: the call
 * succeeds, as on Xen); a DR7 with bits above 31 leaves DR7 at reset.
 *
 * pvtest-smp: 2
 * pvtest-hv: dom0_max_vcpus=5
 */
#include <pvtest.h>
#include <public/errno.h>
#include <pv/vcpu.h>

const char test_title[] = "vcpu-context-dr: debug registers of a new vCPU's context";

#define NR 5
static char stacks[NR][8192] __attribute__((aligned(16)));
static volatile unsigned long seen[NR][8];
static volatile bool ran[NR];

static void __noreturn second(unsigned int id)
{
    for ( unsigned int i = 0; i < 8; i++ )
        if ( i != 4 && i != 5 )
            seen[id][i] = HYPERVISOR_get_debugreg(i);
    ran[id] = true;
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* Start vCPU id with one debug register and DR7 set in its context. */
static long start(unsigned int id, unsigned int reg, unsigned long val,
                  unsigned long dr7)
{
    struct vcpu_guest_context c;
    long rc;

    pv_vcpu_context(&c, id, second, stacks[id], sizeof(stacks[id]));
    c.debugreg[reg] = val;
    c.debugreg[7] = dr7;
    if ( (rc = HYPERVISOR_vcpu_op(VCPUOP_initialise, id, &c)) != 0 )
        return rc;
    rc = HYPERVISOR_vcpu_op(VCPUOP_up, id, NULL);
    for ( unsigned int i = 0; i < 10000 && !rc && !ran[id]; i++ )
        HYPERVISOR_sched_op(SCHEDOP_yield, NULL);
    return rc;
}

void test_main(void)
{
    static const struct {
        unsigned int reg;
        unsigned long val, dr7, want_val, want_dr7;
    } t[] = {
        { 0, 0x1000, 0x1, 0x1000, 0x401 },
        { 0, 0xffff830000000000UL, 0x1, 0, 0x401 },
        { 7, 1UL << 32, 1UL << 32, 0x400, 0x400 },
        { 3, 0x7ffffffff000UL, 0x80, 0x7ffffffff000UL, 0x480 },
    };

    for ( unsigned int k = 0; k < ARRAY_SIZE(t); k++ )
    {
        unsigned int id = k + 1;
        long rc = start(id, t[k].reg, t[k].val, t[k].dr7);

        if ( !check(rc == 0, "starting a vCPU with DR%u %#lx, DR7 %#lx: %ld",
                    t[k].reg, t[k].val, t[k].dr7, rc) )
            continue;
        check(ran[id], "vCPU %u did not run", id);
        check(seen[id][t[k].reg] == t[k].want_val,
              "vCPU %u sees DR%u %#lx, expected %#lx", id, t[k].reg,
              seen[id][t[k].reg], t[k].want_val);
        check(seen[id][7] == t[k].want_dr7, "vCPU %u sees DR7 %#lx, expected"
              " %#lx", id, seen[id][7], t[k].want_dr7);
        check(seen[id][6] == 0xffff0ff0, "vCPU %u sees DR6 %#lx", id,
              seen[id][6]);
    }
}
