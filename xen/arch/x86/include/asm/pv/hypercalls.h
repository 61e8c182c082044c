/*
 * x86 PV hypercall handlers (same calling convention as xen/hypercall.h).
 */
#ifndef ASM_X86_PV_HYPERCALLS_H
#define ASM_X86_PV_HYPERCALLS_H

#include <xen/hypercall.h>

/* Run hypercall `op` with args (used by the dispatcher and multicall). */
long pv_call_hypercall(unsigned long op, const unsigned long args[5]);

/* HVMOP_* (hvm/hvm_op.c): a PV toolstack sets and reads the parameters
 * of the HVM domains it builds, as on Xen, whose PV table has it too. */
long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5);
long do_set_trap_table(unsigned long traps, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5);
long do_stack_switch(unsigned long ss, unsigned long esp, unsigned long a3,
                     unsigned long a4, unsigned long a5);
long do_set_callbacks(unsigned long event, unsigned long failsafe,
                      unsigned long syscall, unsigned long a4, unsigned long a5);
long do_fpu_taskswitch(unsigned long set, unsigned long a2, unsigned long a3,
                       unsigned long a4, unsigned long a5);
long do_set_debugreg(unsigned long reg, unsigned long value, unsigned long a3,
                     unsigned long a4, unsigned long a5);
long do_get_debugreg(unsigned long reg, unsigned long a2, unsigned long a3,
                     unsigned long a4, unsigned long a5);
long do_iret(unsigned long a1, unsigned long a2, unsigned long a3,
             unsigned long a4, unsigned long a5);
long do_set_segment_base(unsigned long which, unsigned long base,
                         unsigned long a3, unsigned long a4, unsigned long a5);
long do_vm_assist(unsigned long cmd, unsigned long type, unsigned long a3,
                  unsigned long a4, unsigned long a5);
/*
 * The batch loop shared by mmu_update and mmuext_op: copy each item in,
 * run it under pv_mm_lock, stop at the first error, keep the running
 * count in the guest's *pdone and continue long batches (the 'count' of
 * a continued batch carries PREEMPTED_FLAG).
 */
#define PREEMPTED_FLAG (1U << 31)
struct vcpu;
struct mm_batch {
    unsigned int op;                   /* __HYPERVISOR_* for continuations */
    unsigned int item_size;            /* at most 32 bytes */
    /* fd: the foreign domain the caller named (NULL: itself). */
    int (*run)(struct vcpu *v, const void *item, struct domain *fd);
    /* With a foreign domain named, the items change that domain's page
     * tables (mmuext pins), not the caller's: hold its mm lock instead
     * (a CPU holds one domain's at most). */
    bool lock_foreign;
};
long pv_mm_batch(const struct mm_batch *b, unsigned long items,
                 unsigned long count, unsigned long pdone,
                 unsigned long foreigndom);

long do_mmu_update(unsigned long ureqs, unsigned long count, unsigned long pdone,
                   unsigned long foreigndom, unsigned long a5);
long do_set_gdt(unsigned long frame_list, unsigned long entries,
                unsigned long a3, unsigned long a4, unsigned long a5);
long do_update_descriptor(unsigned long maddr, unsigned long desc,
                          unsigned long a3, unsigned long a4, unsigned long a5);
long do_mmuext_op(unsigned long uops, unsigned long count, unsigned long pdone,
                  unsigned long foreigndom, unsigned long a5);
long do_update_va_mapping(unsigned long va, unsigned long val,
                          unsigned long flags, unsigned long a4,
                          unsigned long a5);
long do_update_va_mapping_otherdomain(unsigned long va, unsigned long val,
                                      unsigned long flags, unsigned long domid,
                                      unsigned long a5);
long do_physdev_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                   unsigned long a4, unsigned long a5);
long do_platform_op(unsigned long arg, unsigned long a2, unsigned long a3,
                    unsigned long a4, unsigned long a5);
long do_mca(unsigned long arg, unsigned long a2, unsigned long a3,
            unsigned long a4, unsigned long a5);
long do_callback_op(unsigned long cmd, unsigned long arg, unsigned long a3,
                    unsigned long a4, unsigned long a5);

#endif /* ASM_X86_PV_HYPERCALLS_H */
