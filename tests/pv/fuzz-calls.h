/*
 * fuzz-calls.h - one generator per hypercall (see fuzz.c).
 *
 * A generator fills in a struct fz_call (number, five arguments) and the
 * buffers its arguments point to; it does not issue the call, so the same
 * generators feed multicall entries.  Some set fz->restore bits for what
 * must be put right after the call (a trap table the fuzzer cannot live
 * with), and a few have a post hook that keeps the vCPU's page pool in
 * step with what the hypervisor did (top-level calls only).
 *
 * Limits that keep the fuzzer alive, and why, are next to each generator;
 * everything else is fair game.
 */
#ifndef FUZZ_CALLS_H
#define FUZZ_CALLS_H

#include "fuzz-gen.h"
#include <public/errno.h>
#include <public/grant_table.h>
#include <public/nmi.h>
#include <public/platform.h>
#include <public/arch-x86/xen-mca.h>

#define C(c, n, s) ((c)->nr = (n), (c)->name = (s))

static void fz_gen_any(struct fz *f, struct fz_call *c);

/* ---- the victim vCPU ---- */

#define VICTIM_NEVER    0           /* not initialised yet */
#define VICTIM_SANE     1           /* initialised by us, may go up */
#define VICTIM_TAINTED  2           /* a garbage context was accepted */
static volatile unsigned int victim_state;

/* ---- page tables ---- */

static uint64_t fz_pool_pte[FZ_FUZZERS][FZ_POOL];

/* A PTE address for mmu_update: one of our pool's, an empty slot of our
 * own tables (never one in use: it may map the kernel), or anything. */
static uint64_t fz_mmu_ptr(struct fz *f)
{
    unsigned int i = fz_below(f, fz_nr_pt), slot = fz_below(f, 512);
    const uint64_t *pt = (const uint64_t *)(start_info->pt_base + i * PAGE_SIZE);

    switch ( fz_below(f, 4) )
    {
    case 0: case 1:
        return fz_pool_pte[f->id][fz_below(f, FZ_POOL)];
    case 2:
        if ( !pt[slot] )
            return (fz_pt_mfn[i] << PAGE_SHIFT) + slot * 8;
        return fz_pool_pte[f->id][0];
    default:
    {
        unsigned long mfn = fz_mfn(f);

        /* Any entry of our own tables could map the kernel: not those. */
        for ( unsigned int k = 0; k < fz_nr_pt; k++ )
            if ( mfn == fz_pt_mfn[k] )
                return fz_pool_pte[f->id][0];
        return (mfn << PAGE_SHIFT) + fz_below(f, 4096);
    }
    }
}

static void g_mmu_update(struct fz *f, struct fz_call *c)
{
    unsigned int n = 1 + fz_below(f, 4);
    struct mmu_update *u;
    void *done;

    C(c, __HYPERVISOR_mmu_update, "mmu_update");
    c->a[0] = fz_ptr(f, n * sizeof(*u), (void **)&u);
    for ( unsigned int i = 0; u && i < n; i++ )
    {
        u[i].ptr = fz_mmu_ptr(f) | (fz_one_in(f, 4) ? fz_below(f, 4) : 0);
        if ( (u[i].ptr & 3) == MMU_MACHPHYS_UPDATE )
            u[i].ptr = (fz_mfn(f) << PAGE_SHIFT) | MMU_MACHPHYS_UPDATE;
        u[i].val = fz_one_in(f, 6) ? 0 : fz_pte(f);
    }
    c->a[1] = fz_one_in(f, 8) ? fz_count(f) : n;
    c->a[2] = fz_one_in(f, 2) ? 0 : fz_ptr(f, 4, &done);
    c->a[3] = fz_one_in(f, 4) ? fz_dom(f) : DOMID_SELF;
}

static void g_update_va_mapping(struct fz *f, struct fz_call *c)
{
    void *mask;

    C(c, __HYPERVISOR_update_va_mapping, "update_va_mapping");
    c->a[0] = fz_va(f);
    c->a[1] = fz_one_in(f, 8) ? 0 : fz_pte(f);
    c->a[2] = fz_below(f, 8);
    if ( fz_one_in(f, 8) )          /* UVMF_MULTI: a vCPU mask pointer */
        c->a[2] = (fz_ptr(f, 8, &mask) & ~7UL) | fz_below(f, 3);
}

static void g_update_va_mapping_other(struct fz *f, struct fz_call *c)
{
    g_update_va_mapping(f, c);
    C(c, __HYPERVISOR_update_va_mapping_otherdomain,
      "update_va_mapping_otherdomain");
    c->a[3] = fz_dom(f);
}

/* Page-table pins want a read-only page: sometimes make one of the pool
 * (content: zeros or a few PTE-like entries) before the call. */
static void fz_prepare_table(struct fz *f, unsigned int i)
{
    volatile uint64_t *p = (volatile uint64_t *)fz_pool_va(f->id, i);
    unsigned long mfn = f->pool_mfn[i];

    if ( mfn == FZ_GONE )
        return;
    /* Only through our own writable mapping of it: if the page cannot be
     * writable (it is a table now), the pool address may still map
     * whatever a random update_va_mapping put there, one of our live
     * page tables included, and the stores would go there. */
    if ( HYPERVISOR_update_va_mapping((unsigned long)p, (mfn << PAGE_SHIFT) |
                                      _PAGE_PRESENT | _PAGE_RW |
                                      _PAGE_ACCESSED | _PAGE_DIRTY,
                                      UVMF_INVLPG) )
        return;
    for ( unsigned int s = 0; s < 512; s++ )
        if ( !fz_poke64(&p[s], fz_one_in(f, 16) ? fz_pte(f) : 0) )
            break;
    HYPERVISOR_update_va_mapping((unsigned long)p, (mfn << PAGE_SHIFT) |
                                 _PAGE_PRESENT | _PAGE_ACCESSED, UVMF_INVLPG);
}

static void g_mmuext_op(struct fz *f, struct fz_call *c)
{
    unsigned int n = 1 + fz_below(f, 3);
    struct mmuext_op *op;
    void *p;

    C(c, __HYPERVISOR_mmuext_op, "mmuext_op");
    c->a[0] = fz_ptr(f, n * sizeof(*op), (void **)&op);
    for ( unsigned int i = 0; op && i < n; i++ )
    {
        unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                            : fz_below(f, 22);
        unsigned int idx;

        op[i].cmd = cmd;
        c->sub = cmd;
        op[i].arg1.mfn = fz_mfn(f);
        op[i].arg2.src_mfn = fz_mfn(f);
        switch ( cmd )
        {
        case MMUEXT_PIN_L1_TABLE ... MMUEXT_PIN_L4_TABLE:
            if ( fz_one_in(f, 3) )
            {
                op[i].arg1.mfn = fz_pool_frame(f, &idx);
                fz_prepare_table(f, idx);
            }
            break;
        case MMUEXT_NEW_BASEPTR:
            /* Never a table of our making: it would take the kernel away. */
            op[i].arg1.mfn = fz_one_in(f, 2) ? fz_pt_mfn[0]
                           : fz_one_in(f, 2) ? fz_pt_mfn[fz_below(f, fz_nr_pt)]
                           : fz_dom0.region_mfn[fz_below(f, FZ_REGION)] ^
                             (fz_one_in(f, 2) ? 0 : fz_below(f, 0x200));
            break;
        case MMUEXT_INVLPG_LOCAL: case MMUEXT_INVLPG_ALL:
            op[i].arg1.linear_addr = fz_one_in(f, 2) ? fz_va(f) : fz_any(f);
            break;
        case MMUEXT_TLB_FLUSH_MULTI: case MMUEXT_INVLPG_MULTI:
            op[i].arg1.linear_addr = fz_va(f);
            op[i].arg2.vcpumask.p = (void *)fz_ptr(f, 8, &p);
            if ( p )
                *(uint64_t *)p = fz_any(f);
            break;
        case MMUEXT_SET_LDT:
            op[i].arg1.linear_addr = fz_one_in(f, 2) ? fz_va(f) : fz_any(f);
            op[i].arg2.nr_ents = fz_count(f);
            f->restore |= FZ_R_LDT;
            break;
        }
    }
    c->a[1] = fz_one_in(f, 8) ? fz_count(f) : n;
    c->a[2] = fz_one_in(f, 2) ? 0 : fz_ptr(f, 4, &p);
    c->a[3] = fz_one_in(f, 4) ? fz_dom(f) : DOMID_SELF;
}

/* ---- descriptor tables, traps, callbacks, registers ---- */

static void g_set_gdt(struct fz *f, struct fz_call *c)
{
    unsigned int n = fz_below(f, 17);
    xen_pfn_t *fr;

    C(c, __HYPERVISOR_set_gdt, "set_gdt");
    c->a[0] = fz_ptr(f, 16 * sizeof(*fr), (void **)&fr);
    for ( unsigned int i = 0; fr && i < n; i++ )
        fr[i] = fz_mfn(f);
    c->a[1] = fz_one_in(f, 4) ? fz_any(f) : fz_below(f, 16 * 512 + 1);
}

static void g_update_descriptor(struct fz *f, struct fz_call *c)
{
    static const uint64_t descs[] = {
        0, 0x00af9a000000ffffULL, 0x00cf92000000ffffULL,
        0x00affa000000ffffULL, 0x0000890000000067ULL, 0x0000820000000fffULL,
        0x0000ec0000000000ULL, 0x00cff2000000ffffULL, ~0ULL,
    };

    C(c, __HYPERVISOR_update_descriptor, "update_descriptor");
    c->a[0] = (fz_mfn(f) << PAGE_SHIFT) +
              (fz_one_in(f, 4) ? fz_below(f, 4096) : fz_below(f, 512) * 8);
    c->a[1] = fz_one_in(f, 4) ? fz_any(f) : FZ_PICK(f, descs);
}

static uint64_t fz_code_addr(struct fz *f)
{
    return fz_one_in(f, 2) ? fz_hv_addr(f) : fz_any(f);
}

static void g_set_trap_table(struct fz *f, struct fz_call *c)
{
    unsigned int n = fz_below(f, 8);
    struct trap_info *t = NULL;

    C(c, __HYPERVISOR_set_trap_table, "set_trap_table");
    c->a[0] = fz_one_in(f, 16) ? 0 : fz_ptr(f, (n + 1) * sizeof(*t), (void **)&t);
    for ( unsigned int i = 0; t && i < n; i++ )
    {
        t[i].vector = (uint8_t)fz_rand(f);
        t[i].flags = (uint8_t)fz_rand(f);
        t[i].cs = fz_one_in(f, 2) ? FLAT_KERNEL_CS : (uint16_t)fz_rand(f);
        t[i].address = fz_code_addr(f);
    }
    f->restore |= FZ_R_TRAPS;
}

static void g_set_callbacks(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_set_callbacks, "set_callbacks");
    c->a[0] = fz_code_addr(f);
    c->a[1] = fz_code_addr(f);
    c->a[2] = fz_code_addr(f);
    f->restore |= FZ_R_TRAPS;
}

static void g_callback_op(struct fz *f, struct fz_call *c)
{
    struct callback_register *r;

    C(c, __HYPERVISOR_callback_op, "callback_op");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 2);
    c->a[1] = fz_ptr(f, sizeof(*r), (void **)&r);
    if ( r )
    {
        r->type = fz_one_in(f, 8) ? (uint16_t)fz_rand(f) : fz_below(f, 8);
        r->flags = (uint16_t)fz_rand(f);
        r->address = fz_code_addr(f);
    }
    f->restore |= FZ_R_TRAPS;
}

static void g_nmi_op(struct fz *f, struct fz_call *c)
{
    struct xennmi_callback *cb;

    C(c, __HYPERVISOR_nmi_op, "nmi_op");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 2);
    c->a[1] = fz_ptr(f, sizeof(*cb), (void **)&cb);
    if ( cb )
        fz_fill(f, cb, sizeof(*cb));
    f->restore |= FZ_R_TRAPS;
}

static void g_stack_switch(struct fz *f, struct fz_call *c)
{
    /* Only used on a switch from user mode, which never happens here. */
    C(c, __HYPERVISOR_stack_switch, "stack_switch");
    c->a[0] = fz_one_in(f, 2) ? FLAT_KERNEL_SS : fz_any(f);
    c->a[1] = fz_one_in(f, 2) ? fz_hv_addr(f) : fz_any(f);
}

static void g_fpu_taskswitch(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_fpu_taskswitch, "fpu_taskswitch");
    c->a[0] = fz_one_in(f, 2) ? 1 : fz_any(f);
    f->restore |= FZ_R_FPU;
}

static void g_set_debugreg(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_set_debugreg, "set_debugreg");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 8);
    c->a[1] = fz_one_in(f, 3) ? fz_hv_addr(f) : fz_any(f);
    f->restore |= FZ_R_DR7;
}

static void g_get_debugreg(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_get_debugreg, "get_debugreg");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 8);
}

static void g_set_segment_base(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_set_segment_base, "set_segment_base");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 5);
    c->a[1] = fz_one_in(f, 3) ? fz_below(f, 0x10000) : fz_any(f);
}

static void g_vm_assist(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_vm_assist, "vm_assist");
    c->a[0] = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 2);
    c->a[1] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 34);
}

static void g_set_timer_op(struct fz *f, struct fz_call *c)
{
    C(c, __HYPERVISOR_set_timer_op, "set_timer_op");
    c->a[0] = fz_one_in(f, 2) ? pv_system_time(f->id) + fz_below(f, 2000000)
                              : fz_any(f);
}

/* ---- information ---- */

static void g_xen_version(struct fz *f, struct fz_call *c)
{
    void *b;

    C(c, __HYPERVISOR_xen_version, "xen_version");
    c->a[0] = c->sub = fz_one_in(f, 8) ? fz_any(f) : fz_below(f, 12);
    c->a[1] = fz_one_in(f, 8) ? 0 : fz_ptr(f, 1024, &b);
}

static void g_console_io(struct fz *f, struct fz_call *c)
{
    void *b;

    /* A good buffer holds zeros, which the console drops: no noise. */
    C(c, __HYPERVISOR_console_io, "console_io");
    c->a[0] = c->sub = fz_one_in(f, 4) ? fz_any(f) : fz_below(f, 2);
    c->a[1] = fz_count(f);
    c->a[2] = fz_ptr(f, 64, &b);
    if ( b && c->a[1] > 64 )        /* the arena past 64 bytes is not zero */
        c->a[2] = fz_bad_ptr(f, 64);
}

/* ---- scheduling ---- */

static void g_sched_op(struct fz *f, struct fz_call *c)
{
    /* Not block (it may never wake), shutdown (it ends us) or a remote
     * shutdown of ourselves; a watchdog only with a timeout beyond the
     * run, and a shutdown code only of poweroff (it outlives the call). */
    static const unsigned int cmds[] = {
        SCHEDOP_yield, SCHEDOP_poll, SCHEDOP_poll, SCHEDOP_remote_shutdown,
        SCHEDOP_shutdown_code, SCHEDOP_watchdog, SCHEDOP_pin_override, 8,
        0x7fff,
    };
    unsigned int cmd = FZ_PICK(f, cmds);
    void *b;

    C(c, __HYPERVISOR_sched_op, "sched_op");
    c->a[0] = c->sub = cmd;
    c->a[1] = fz_ptr(f, 64, &b);
    if ( !b )
    {
        /* A poll read from our zeroed read-only page would wait forever
         * (no ports, no timeout), rightly: hypervisor addresses only. */
        if ( cmd == SCHEDOP_poll )
            c->a[1] = fz_hv_addr(f);
        if ( cmd == SCHEDOP_poll || cmd == SCHEDOP_yield )
            return;
        c->a[0] = c->sub = SCHEDOP_remote_shutdown;    /* -EFAULT */
        return;
    }
    switch ( cmd )
    {
    case SCHEDOP_poll:
    {
        struct sched_poll *p = b;
        uint32_t *ports = fz_alloc(f, 8 * sizeof(*ports));

        for ( unsigned int i = 0; i < 8; i++ )
            ports[i] = fz_port(f);
        p->ports.p = fz_one_in(f, 8) ? (void *)fz_bad_ptr(f, 32) : ports;
        p->nr_ports = fz_one_in(f, 8) ? fz_count(f) : fz_below(f, 9);
        p->timeout = fz_one_in(f, 4) ? 1 + fz_below(f, 1000)
                   : pv_system_time(f->id) + fz_below(f, 1000000);
        break;
    }
    case SCHEDOP_remote_shutdown:
    {
        struct sched_remote_shutdown *r = b;
        domid_t d = fz_dom(f);

        r->domain_id = d == DOMID_SELF || d == fz_self ? 0 : d;
        r->reason = fz_any(f);
        break;
    }
    case SCHEDOP_watchdog:
    {
        struct sched_watchdog *w = b;

        w->id = fz_below(f, 4);
        w->timeout = fz_one_in(f, 2) ? 0 : 100000 + fz_below(f, 100000);
        break;
    }
    case SCHEDOP_yield:
        break;
    default:
        if ( cmd != SCHEDOP_shutdown_code )
            fz_fill(f, b, 64);
        break;
    }
}

static void g_sched_op_compat(struct fz *f, struct fz_call *c)
{
    static const unsigned long cmds[] = { 0, 5, 6, 7, 0x7fff, ~0UL };

    C(c, __HYPERVISOR_sched_op_compat, "sched_op_compat");
    c->a[0] = c->sub = FZ_PICK(f, cmds);
    c->a[1] = fz_any(f);
}

/* ---- vCPUs ---- */

static uint8_t victim_stack[16384] __aligned(16);

static void __noreturn victim_main(void)
{
    traps_init();
    for ( ; ; )
        HYPERVISOR_sched_op(SCHEDOP_block, NULL);
}

/* A context the victim can run with (sane) or one that it could not. */
static int fz_victim_context(struct fz *f, struct vcpu_guest_context *x,
                             bool sane)
{
    unsigned long top = ((unsigned long)victim_stack + sizeof(victim_stack)) & ~15UL;
    int kind;

    memset(x, 0, sizeof(*x));
    x->flags = VGCF_in_kernel;
    x->user_regs.rip = (unsigned long)victim_main;
    x->user_regs.rsp = top - 8;
    x->user_regs.cs = FLAT_KERNEL_CS;
    x->user_regs.ss = FLAT_KERNEL_SS;
    x->user_regs.rflags = 0x200;
    x->kernel_ss = FLAT_KERNEL_SS;
    x->kernel_sp = top;
    x->ctrlreg[3] = fz_pt_mfn[0] << PAGE_SHIFT;
    if ( sane )
        return -1;
    switch ( kind = fz_below(f, 8) )
    {
    case 0: x->ctrlreg[3] = fz_mfn(f) << PAGE_SHIFT; break;
    case 1: x->ctrlreg[3] = fz_any(f); break;
    case 2: x->gdt_ents = fz_any(f); x->gdt_frames[0] = fz_mfn(f); break;
    case 3: x->ldt_base = fz_hv_addr(f); x->ldt_ents = fz_count(f); break;
    case 4: x->user_regs.cs = fz_rand(f); x->user_regs.ss = fz_rand(f); break;
    case 5: x->user_regs.rip = fz_hv_addr(f); break;
    case 6: x->debugreg[7] = fz_any(f); x->debugreg[0] = fz_hv_addr(f); break;
    default: fz_fill(f, x, sizeof(*x)); break;
    }
    return kind;
}

/* A garbage context the hypervisor took leaves the victim unfit to run. */
static void fz_post_initialise(struct fz *f, struct fz_call *c, long rc)
{
    (void)f;
    if ( !rc && c->a[1] == FZ_VICTIM )
        victim_state = VICTIM_TAINTED;
}

static void g_vcpu_op(struct fz *f, struct fz_call *c)
{
    unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                        : fz_below(f, 15);
    uint32_t id = fz_vcpu(f);
    void *b;

    C(c, __HYPERVISOR_vcpu_op, "vcpu_op");
    /* Only the victim goes down: a fuzzing vCPU must come back. */
    if ( cmd == VCPUOP_down && id < FZ_FUZZERS )
        id = FZ_VICTIM;
    /* The victim runs only a context of ours. */
    if ( cmd == VCPUOP_up && id == FZ_VICTIM && victim_state != VICTIM_SANE )
        id = fz_one_in(f, 2) ? 0 : 3;
    c->a[0] = c->sub = cmd;
    c->a[1] = id;
    c->a[2] = fz_ptr(f, sizeof(struct vcpu_guest_context), &b);
    if ( !b )
        return;
    switch ( cmd )
    {
    case VCPUOP_initialise:
        /* Inside a multicall its result is out of sight: not the victim. */
        if ( id == FZ_VICTIM && f->depth )
            c->a[1] = 3;
        fz_victim_context(f, b, false);
        c->post = fz_post_initialise;
        break;
    case VCPUOP_register_runstate_memory_area:
    case VCPUOP_register_vcpu_time_memory_area:
        *(uint64_t *)b = fz_one_in(f, 2) ? fz_va(f) : (uint64_t)fz_alloc(f, 64);
        break;
    case VCPUOP_set_periodic_timer:
        /* Short periods are fine but slow the run down; stop them soon. */
        *(uint64_t *)b = fz_one_in(f, 4) ? fz_any(f) : 1000000 + fz_below(f, 9000000);
        break;
    case VCPUOP_set_singleshot_timer:
    {
        struct vcpu_set_singleshot_timer *t = b;

        t->timeout_abs_ns = fz_one_in(f, 2) ? fz_any(f)
                            : pv_system_time(f->id) + fz_below(f, 2000000) - 1000000;
        t->flags = fz_one_in(f, 2) ? VCPU_SSHOTTMR_future : fz_any(f);
        break;
    }
    case VCPUOP_register_vcpu_info:
    {
        struct vcpu_register_vcpu_info *r = b;

        /* Moving a fuzzing vCPU's vcpu_info would stop its clock: a frame
         * of ours only for the victim. */
        r->mfn = id == FZ_VICTIM ? fz_mfn(f)
                 : fz_dom0.region_mfn[fz_below(f, FZ_REGION)];
        r->offset = fz_one_in(f, 2) ? fz_below(f, 64) * 64 : fz_any(f);
        break;
    }
    default:
        fz_fill(f, b, 64);
        break;
    }
}

/* ---- event channels ---- */

static void g_event_channel_op(struct fz *f, struct fz_call *c)
{
    unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                        : fz_below(f, 15);
    uint32_t *w;

    C(c, __HYPERVISOR_event_channel_op, "event_channel_op");
    c->a[0] = c->sub = cmd;
    c->a[1] = fz_ptr(f, 32, (void **)&w);
    if ( !w )
        return;
    switch ( cmd )
    {
    case EVTCHNOP_alloc_unbound:
    {
        struct evtchn_alloc_unbound *a = (void *)w;

        a->dom = fz_one_in(f, 2) ? DOMID_SELF : fz_dom(f);
        a->remote_dom = fz_dom(f);
        break;
    }
    case EVTCHNOP_bind_interdomain:
    {
        struct evtchn_bind_interdomain *b = (void *)w;

        b->remote_dom = fz_one_in(f, 2) ? 0 : fz_dom(f);
        b->remote_port = fz_one_in(f, 2) ? fz_dom0.port : fz_port(f);
        break;
    }
    case EVTCHNOP_bind_virq:
        w[0] = fz_one_in(f, 4) ? fz_any(f) : fz_below(f, 24);
        w[1] = fz_vcpu(f);
        break;
    case EVTCHNOP_bind_ipi:
        w[0] = fz_vcpu(f);
        break;
    case EVTCHNOP_bind_pirq:            /* a PIRQ physdev_op may have mapped */
        w[0] = fz_one_in(f, 4) ? fz_any(f) : fz_below(f, 40);
        w[1] = fz_below(f, 2);
        break;
    case EVTCHNOP_status:
    case EVTCHNOP_reset:
        *(domid_t *)w = fz_dom(f);
        w[1] = fz_port(f);
        break;
    case EVTCHNOP_bind_vcpu:
        w[0] = fz_port(f);
        w[1] = fz_vcpu(f);
        break;
    case EVTCHNOP_init_control:
    {
        struct evtchn_init_control *i = (void *)w;

        i->control_gfn = fz_mfn(f);
        i->offset = fz_one_in(f, 2) ? fz_below(f, 8) * 64 : fz_any(f);
        i->vcpu = fz_vcpu(f);
        break;
    }
    case EVTCHNOP_expand_array:
        *(uint64_t *)w = fz_mfn(f);
        break;
    default:
        w[0] = fz_port(f);
        w[1] = fz_one_in(f, 2) ? fz_below(f, 16) : fz_any(f);
        break;
    }
}

static void g_event_channel_op_compat(struct fz *f, struct fz_call *c)
{
    g_event_channel_op(f, c);
    C(c, __HYPERVISOR_event_channel_op_compat, "event_channel_op_compat");
    /* struct evtchn_op: the command, then the same union. */
    {
        uint32_t *op = fz_alloc(f, 48);

        op[0] = c->a[0];
        if ( c->a[1] >= (uint64_t)f->arena &&
             c->a[1] < (uint64_t)f->arena + FZ_ARENA_RO * PAGE_SIZE )
            memcpy(op + 2, (void *)c->a[1], 32);
        c->a[0] = fz_one_in(f, 8) ? fz_bad_ptr(f, 48) : (uint64_t)op;
        c->a[1] = 0;
    }
}

/* ---- grant tables ---- */

static volatile struct grant_entry_v1 *fz_gnt(grant_ref_t ref)
{
    return (volatile struct grant_entry_v1 *)pfn_to_va(FZ_GNT_PFN) + ref;
}

/* Rewrite one of our own grant entries, as a hostile granter would. */
static grant_ref_t fz_grant_something(struct fz *f)
{
    static const uint16_t flags[] = {
        GTF_permit_access, GTF_permit_access, GTF_permit_access | GTF_readonly,
        GTF_accept_transfer, GTF_transitive, 0,
        GTF_permit_access | GTF_reading | GTF_writing,
    };
    grant_ref_t ref = fz_below(f, 32);
    volatile struct grant_entry_v1 *e = fz_gnt(ref);

    e->frame = fz_mfn(f);
    e->domid = fz_one_in(f, 2) ? fz_self : fz_one_in(f, 2) ? 0 : fz_dom(f);
    e->flags = fz_one_in(f, 8) ? (uint16_t)fz_rand(f) : FZ_PICK(f, flags);
    return ref;
}

static grant_ref_t fz_ref(struct fz *f, domid_t dom)
{
    static const grant_ref_t edges[] = { 511, 512, 2047, 2048, 65535,
                                         0x7fffffff, ~0u };

    if ( dom == 0 && fz_one_in(f, 2) )
        return FZ_REF_INFO + fz_below(f, FZ_REF_LAST - FZ_REF_INFO + 2);
    if ( fz_one_in(f, 8) )
        return FZ_PICK(f, edges);
    return fz_one_in(f, 2) ? fz_grant_something(f) : fz_below(f, 32);
}

static domid_t fz_granter(struct fz *f)
{
    return fz_one_in(f, 3) ? 0 : fz_one_in(f, 2) ? fz_self : fz_dom(f);
}

static void fz_post_map(struct fz *f, struct fz_call *c, long rc)
{
    struct gnttab_map_grant_ref *m = c->post_arg;

    /* Only our own, readable array (a[1] is the ops; a hostile pointer
     * has no array of ours behind it). */
    if ( rc || !m || c->a[1] != (uint64_t)m )
        return;
    for ( unsigned int i = 0; i < c->a[2] && i < 4; i++ )
        if ( m[i].status == GNTST_okay )
        {
            unsigned int s = fz_below(f, FZ_HANDLES);

            f->handle[s] = m[i].handle;
            f->handle_va[s] = m[i].host_addr;
        }
}

static void fz_gnt_map(struct fz *f, struct fz_call *c, unsigned int n)
{
    static const uint32_t flags[] = {
        GNTMAP_host_map, GNTMAP_host_map, GNTMAP_host_map | GNTMAP_readonly,
        GNTMAP_device_map, GNTMAP_host_map | GNTMAP_device_map,
        GNTMAP_host_map | GNTMAP_contains_pte, GNTMAP_application_map,
        0,
    };
    struct gnttab_map_grant_ref *m;

    c->a[1] = fz_ptr(f, n * sizeof(*m), (void **)&m);
    for ( unsigned int i = 0; m && i < n; i++ )
    {
        m[i].dom = fz_granter(f);
        m[i].ref = fz_ref(f, m[i].dom);
        m[i].flags = fz_one_in(f, 8) ? fz_rand(f) : FZ_PICK(f, flags);
        m[i].host_addr = fz_va(f);
    }
    c->post = fz_post_map;
    c->post_arg = m;
}

static void fz_gnt_unmap(struct fz *f, struct fz_call *c, unsigned int n,
                         bool replace)
{
    uint64_t *u;
    size_t sz = replace ? sizeof(struct gnttab_unmap_and_replace)
                        : sizeof(struct gnttab_unmap_grant_ref);

    c->a[1] = fz_ptr(f, n * sz, (void **)&u);
    for ( unsigned int i = 0; u && i < n; i++ )
    {
        unsigned int s = fz_below(f, FZ_HANDLES);
        uint64_t *e = (uint64_t *)((uint8_t *)u + i * sz);
        uint32_t h = fz_one_in(f, 4) ? (uint32_t)fz_any(f) : f->handle[s];

        e[0] = fz_one_in(f, 4) ? fz_va(f) : f->handle_va[s];
        e[1] = replace ? (fz_one_in(f, 2) ? 0 : fz_va(f))
                       : (fz_one_in(f, 4) ? fz_any(f) : 0);
        *(uint32_t *)&e[2] = h;
    }
}

static void fz_copy_ptr(struct fz *f, struct gnttab_copy_ptr *p, bool *by_ref)
{
    static const uint16_t offs[] = { 0, 1, 8, 2048, 4088, 4095, 4096, 0xffff };

    *by_ref = fz_one_in(f, 2);
    p->domid = *by_ref ? fz_granter(f) : fz_one_in(f, 4) ? fz_dom(f) : DOMID_SELF;
    if ( *by_ref )
        p->u.ref = fz_ref(f, p->domid);
    else
        p->u.gmfn = fz_mfn(f);
    p->offset = fz_one_in(f, 2) ? FZ_PICK(f, offs) : fz_below(f, 4096);
}

static void fz_gnt_copy(struct fz *f, struct fz_call *c, unsigned int n)
{
    static const uint16_t lens[] = { 0, 1, 8, 4095, 4096, 4097, 0xffff };
    struct gnttab_copy *g;

    c->a[1] = fz_ptr(f, n * sizeof(*g), (void **)&g);
    for ( unsigned int i = 0; g && i < n; i++ )
    {
        bool sref, dref;

        fz_copy_ptr(f, &g[i].source, &sref);
        fz_copy_ptr(f, &g[i].dest, &dref);
        g[i].flags = (sref ? GNTCOPY_source_gref : 0) |
                     (dref ? GNTCOPY_dest_gref : 0);
        if ( fz_one_in(f, 8) )
            g[i].flags = fz_rand(f);
        g[i].len = fz_one_in(f, 2) ? FZ_PICK(f, lens) : fz_below(f, 4097);
    }
}

static void g_grant_table_op(struct fz *f, struct fz_call *c)
{
    unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                        : fz_below(f, 14);
    unsigned int n = 1 + fz_below(f, 3);
    uint32_t *w;

    C(c, __HYPERVISOR_grant_table_op, "grant_table_op");
    c->a[0] = c->sub = cmd;
    c->a[2] = n;
    switch ( cmd )
    {
    case GNTTABOP_map_grant_ref:
        fz_gnt_map(f, c, n);
        break;
    case GNTTABOP_unmap_grant_ref:
        fz_gnt_unmap(f, c, n, false);
        break;
    case GNTTABOP_unmap_and_replace:
        fz_gnt_unmap(f, c, n, true);
        break;
    case GNTTABOP_copy:
        fz_gnt_copy(f, c, n);
        break;
    case GNTTABOP_setup_table:
    case GNTTABOP_get_status_frames:
    {
        struct gnttab_setup_table *s;
        void *list;

        c->a[2] = 1;
        c->a[1] = fz_ptr(f, sizeof(*s), (void **)&s);
        if ( !s )
            break;
        s->dom = fz_one_in(f, 2) ? DOMID_SELF : fz_dom(f);
        s->nr_frames = fz_one_in(f, 2) ? fz_below(f, 9) : fz_count(f);
        s->frame_list.p = (void *)fz_ptr(f, 64 * 8, &list);
        if ( cmd == GNTTABOP_get_status_frames )
        {
            struct gnttab_get_status_frames *g = (void *)s;
            xen_pfn_t *l = s->frame_list.p;

            g->frame_list.p = l;
            g->dom = fz_dom(f);
            g->nr_frames = fz_count(f);
        }
        break;
    }
    case GNTTABOP_transfer:
    {
        struct gnttab_transfer *t;

        c->a[1] = fz_ptr(f, n * sizeof(*t), (void **)&t);
        for ( unsigned int i = 0; t && i < n; i++ )
        {
            t[i].mfn = fz_mfn(f);
            t[i].domid = fz_granter(f);
            t[i].ref = fz_ref(f, t[i].domid);
        }
        break;
    }
    default:
        /* dump_table, query_size, set_version, get_version, swap, flush */
        c->a[1] = fz_ptr(f, n * 24, (void **)&w);
        for ( unsigned int i = 0; w && i < n * 6; i += 2 )
        {
            w[i] = fz_one_in(f, 2) ? fz_dom(f) : fz_below(f, 40);
            w[i + 1] = fz_one_in(f, 2) ? fz_below(f, 4) : fz_any(f);
        }
        break;
    }
    if ( fz_one_in(f, 16) )
        c->a[2] = fz_count(f);
}

/* ---- memory ---- */

static unsigned int fz_pool_idx[FZ_FUZZERS][16];

/* Pool pages given back by the first rc extents are gone. */
static void fz_post_decrease(struct fz *f, struct fz_call *c, long rc)
{
    xen_pfn_t *l = c->post_arg;
    for ( long i = 0; i < rc && i < 16; i++ )
        if ( fz_pool_idx[f->id][i] < FZ_POOL &&
             f->pool_mfn[fz_pool_idx[f->id][i]] == l[i] )
            f->pool_mfn[fz_pool_idx[f->id][i]] = FZ_GONE;
}

/* Pool pages that came back are mapped again where they were. */
static void fz_post_populate(struct fz *f, struct fz_call *c, long rc)
{
    xen_pfn_t *l = c->post_arg;
    for ( long i = 0; i < rc && i < 16; i++ )
    {
        unsigned int p = fz_pool_idx[f->id][i];

        if ( p >= FZ_POOL )
            continue;
        f->pool_mfn[p] = l[i];
        HYPERVISOR_update_va_mapping(fz_pool_va(f->id, p),
                                     (l[i] << PAGE_SHIFT) | _PAGE_PRESENT |
                                     _PAGE_RW | _PAGE_ACCESSED | _PAGE_DIRTY,
                                     UVMF_INVLPG);
    }
}

static void fz_reservation(struct fz *f, struct fz_call *c,
                           struct xen_memory_reservation *r,
                           unsigned int cmd, unsigned int n)
{
    xen_pfn_t *l;
    unsigned int gone = 0;

    r->extent_start.p = (void *)fz_ptr(f, 16 * sizeof(*l), (void **)&l);
    r->nr_extents = fz_one_in(f, 8) ? fz_count(f) : n;
    r->extent_order = fz_one_in(f, 4) ? fz_any(f) : fz_one_in(f, 4);
    r->mem_flags = fz_one_in(f, 4) ? fz_rand(f) : 0;
    r->domid = fz_one_in(f, 4) ? fz_dom(f) : DOMID_SELF;
    for ( unsigned int i = 0; l && i < 16; i++ )
    {
        unsigned int p = FZ_POOL;

        if ( cmd == XENMEM_decrease_reservation )
            l[i] = fz_one_in(f, 4) ? fz_mfn(f) : fz_pool_frame(f, &p);
        else if ( fz_one_in(f, 2) )
        {
            /* populate: revive a page of the pool that was given back */
            for ( unsigned int k = 0; k < FZ_POOL; k++ )
                if ( f->pool_mfn[(gone + k) % FZ_POOL] == FZ_GONE )
                {
                    p = (gone + k) % FZ_POOL;
                    gone = p + 1;
                    break;
                }
            l[i] = FZ_POOL_PFN(f->id) + (p < FZ_POOL ? p : 0);
        }
        else
            l[i] = fz_any(f);
        fz_pool_idx[f->id][i] = p;
    }
    if ( cmd == XENMEM_decrease_reservation && r->extent_order == 0 &&
         r->domid == DOMID_SELF && r->extent_start.p == l )
        c->post = fz_post_decrease;
    if ( cmd != XENMEM_decrease_reservation && r->extent_order == 0 &&
         r->domid == DOMID_SELF && r->extent_start.p == l )
        c->post = fz_post_populate;
    c->post_arg = l;
}

static void g_memory_op(struct fz *f, struct fz_call *c)
{
    unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                        : fz_below(f, 30);
    unsigned int n = 1 + fz_below(f, 4);
    void *b;

    C(c, __HYPERVISOR_memory_op, "memory_op");
    c->sub = cmd;
    c->a[0] = cmd;
    c->a[1] = fz_ptr(f, 256, &b);
    if ( !b )
        return;
    switch ( cmd & 0x3f )
    {
    case XENMEM_increase_reservation:
    case XENMEM_decrease_reservation:
    case XENMEM_populate_physmap:
        fz_reservation(f, c, b, cmd & 0x3f, n);
        break;
    case XENMEM_exchange:
    {
        struct xen_memory_exchange *x = b;
        xen_pfn_t *in, *out;

        x->in.extent_start.p = (void *)fz_ptr(f, 8 * sizeof(*in), (void **)&in);
        x->out.extent_start.p = (void *)fz_ptr(f, 8 * sizeof(*out), (void **)&out);
        x->in.nr_extents = fz_one_in(f, 8) ? fz_count(f) : n;
        x->out.nr_extents = fz_one_in(f, 4) ? fz_count(f) : n;
        x->in.extent_order = fz_one_in(f, 4) ? fz_below(f, 4) : 0;
        x->out.extent_order = fz_one_in(f, 4) ? fz_any(f) : 0;
        x->in.domid = x->out.domid = fz_one_in(f, 4) ? fz_dom(f) : DOMID_SELF;
        x->out.mem_flags = fz_one_in(f, 4) ? fz_rand(f) : 0;
        x->nr_exchanged = fz_one_in(f, 8) ? fz_any(f) : 0;
        for ( unsigned int i = 0; i < 8; i++ )
        {
            if ( in )
                in[i] = fz_mfn(f);
            if ( out )
                out[i] = fz_any(f);
        }
        break;
    }
    case XENMEM_add_to_physmap:
    {
        struct xen_add_to_physmap *a = b;

        a->domid = fz_dom(f);
        a->size = fz_count(f);
        a->space = fz_one_in(f, 4) ? fz_any(f) : fz_below(f, 6);
        a->idx = fz_one_in(f, 2) ? fz_below(f, 8) : fz_any(f);
        a->gpfn = fz_one_in(f, 2) ? fz_below(f, 0x1000) : fz_any(f);
        break;
    }
    default:
    {
        /* Everything else: a buffer of handles, counts and domain ids. */
        uint64_t *q = b;

        for ( unsigned int i = 0; i < 32; i++ )
            switch ( fz_below(f, 4) )
            {
            case 0: q[i] = (uint64_t)fz_alloc(f, 64); break;
            case 1: q[i] = fz_count(f); break;
            case 2: q[i] = fz_dom(f) | (fz_count(f) << 16); break;
            default: q[i] = fz_any(f); break;
            }
        break;
    }
    }
    /* The bits above the sub-op are a continuation's start extent. */
    if ( fz_one_in(f, 16) )
        c->a[0] = cmd | (fz_any(f) << 6);
}

/* ---- devices ---- */

static void g_physdev_op(struct fz *f, struct fz_call *c)
{
    unsigned int cmd = fz_one_in(f, 16) ? (unsigned int)fz_any(f)
                                        : fz_below(f, 33);
    uint64_t *b;

    C(c, __HYPERVISOR_physdev_op, "physdev_op");
    c->a[0] = c->sub = cmd;
    c->a[1] = fz_ptr(f, 128, (void **)&b);
    if ( !b )
        return;
    fz_fill(f, b, 128);
    if ( cmd == PHYSDEVOP_pirq_eoi_gmfn_v1 || cmd == PHYSDEVOP_pirq_eoi_gmfn_v2 )
        b[0] = fz_mfn(f);
    else if ( cmd == PHYSDEVOP_set_iopl )
        b[0] = fz_one_in(f, 2) ? fz_below(f, 4) : b[0];
    else if ( cmd == PHYSDEVOP_set_iobitmap )
        b[0] = fz_one_in(f, 2) ? (uint64_t)fz_alloc(f, 64) : fz_bad_ptr(f, 64);
    else if ( fz_one_in(f, 2) )
    {
        /* Small GSI/PIRQ numbers, so that the interrupt ops reach real
         * lines: map_pirq {domid, type, index, pirq}, setup_gsi {gsi,
         * trigger, polarity}, eoi/irq_status_query {irq},
         * unmap_pirq {domid, pirq}. */
        uint32_t *w = (uint32_t *)b;

        w[0] = cmd == PHYSDEVOP_map_pirq || cmd == PHYSDEVOP_unmap_pirq
               ? (fz_one_in(f, 2) ? DOMID_SELF : fz_below(f, 4))
               : fz_below(f, 32);
        w[1] = cmd == PHYSDEVOP_map_pirq ? fz_below(f, 5) : fz_below(f, 32);
        w[2] = fz_below(f, 32);
        w[3] = fz_one_in(f, 4) ? (uint32_t)-1 : fz_below(f, 40);
        if ( cmd == PHYSDEVOP_map_pirq && w[1] != MAP_PIRQ_TYPE_GSI )
        {
            /* An MSI of q35's AHCI controller (00:1f.2) now and then:
             * {.., index, pirq, bus, devfn, entry_nr, .., table_base}. */
            w[2] = fz_one_in(f, 2) ? (uint32_t)-1 : w[2];
            w[3] = (uint32_t)-1;
            w[4] = fz_one_in(f, 2) ? 0 : w[4];
            w[5] = fz_one_in(f, 2) ? 0xfa : fz_below(f, 256);
            w[6] = fz_below(f, 40);
            b[4] = fz_one_in(f, 2) ? 0 : b[4];
        }
        else if ( fz_one_in(f, 2) )
            /* The PCI ops name 00:1f.2: {bus, devfn} in the older forms,
             * {seg, bus, devfn} in the newer. */
            switch ( cmd )
            {
            case PHYSDEVOP_manage_pci_add: case PHYSDEVOP_manage_pci_remove:
            case PHYSDEVOP_restore_msi: case PHYSDEVOP_manage_pci_add_ext:
                w[0] = 0xfa00;
                break;
            case PHYSDEVOP_pci_device_add: case PHYSDEVOP_pci_device_remove:
            case PHYSDEVOP_restore_msi_ext: case PHYSDEVOP_prepare_msix:
            case PHYSDEVOP_release_msix:
                w[0] = 0xfa000000u;
                break;
            }
    }
}

static void g_physdev_op_compat(struct fz *f, struct fz_call *c)
{
    uint32_t *op;

    C(c, __HYPERVISOR_physdev_op_compat, "physdev_op_compat");
    c->a[0] = fz_ptr(f, 64, (void **)&op);
    if ( op )
    {
        fz_fill(f, op, 64);
        op[0] = c->sub = fz_below(f, 33);
    }
}

/* ---- the toolstack's calls: never for us ---- */

static void g_domctl(struct fz *f, struct fz_call *c)
{
    uint32_t *b;

    C(c, __HYPERVISOR_domctl, "domctl");
    c->a[0] = fz_ptr(f, sizeof(struct xen_domctl), (void **)&b);
    if ( !b )
        return;
    fz_fill(f, b, 128);
    b[0] = c->sub = fz_one_in(f, 4) ? fz_rand(f) : fz_below(f, 90);
    if ( !fz_one_in(f, 4) )
        b[1] = XEN_DOMCTL_INTERFACE_VERSION;
    if ( !fz_one_in(f, 4) )
        *(domid_t *)&b[2] = fz_one_in(f, 2) ? 0 : fz_self;
}

static void g_sysctl(struct fz *f, struct fz_call *c)
{
    uint32_t *b;

    C(c, __HYPERVISOR_sysctl, "sysctl");
    c->a[0] = fz_ptr(f, sizeof(struct xen_sysctl), (void **)&b);
    if ( !b )
        return;
    fz_fill(f, b, 128);
    b[0] = c->sub = fz_one_in(f, 4) ? fz_rand(f) : fz_below(f, 30);
    if ( !fz_one_in(f, 4) )
        b[1] = XEN_SYSCTL_INTERFACE_VERSION;
}

static void g_platform_op(struct fz *f, struct fz_call *c)
{
    uint32_t *b;

    C(c, __HYPERVISOR_platform_op, "platform_op");
    c->a[0] = fz_ptr(f, sizeof(struct xen_platform_op), (void **)&b);
    if ( !b )
        return;
    fz_fill(f, b, 128);
    b[0] = c->sub = fz_below(f, 70);
    if ( !fz_one_in(f, 4) )
        b[1] = XENPF_INTERFACE_VERSION;
}

static void g_mca(struct fz *f, struct fz_call *c)
{
    struct xen_mc *op;
    void *unused;

    C(c, __HYPERVISOR_mca, "mca");
    c->a[0] = fz_ptr(f, sizeof(*op), (void **)&op);
    if ( !op )
        return;
    fz_fill(f, op, sizeof(*op));
    op->cmd = c->sub = fz_one_in(f, 8) ? fz_rand(f) : fz_below(f, 7);
    if ( !fz_one_in(f, 4) )
        op->interface_version = XEN_MCA_INTERFACE_VERSION;
    /* physcpuinfo's and fetch's buffers: null, ours, or a bad address
     * (never a random one, which could be this kernel's own memory). */
    if ( fz_one_in(f, 2) )
        op->u.mc_physcpuinfo.ncpus = fz_below(f, 4);
    op->u.mc_physcpuinfo.info.p = fz_one_in(f, 4) ? NULL :
        (void *)fz_ptr(f, 4 * sizeof(xen_mc_logical_cpu_t), &unused);
    if ( op->cmd == XEN_MC_fetch )
        op->u.mc_fetch.data.p = fz_one_in(f, 4) ? NULL :
            (void *)fz_ptr(f, sizeof(struct mc_info), &unused);
}

/* Numbers with nothing much behind them for a PV domU, and unused ones. */
static void g_other(struct fz *f, struct fz_call *c)
{
    static const unsigned long nrs[] = {
        11, __HYPERVISOR_xsm_op, __HYPERVISOR_xenoprof_op,
        __HYPERVISOR_hvm_op, __HYPERVISOR_kexec_op, __HYPERVISOR_tmem_op,
        __HYPERVISOR_argo_op, __HYPERVISOR_xenpmu_op, __HYPERVISOR_dm_op,
        __HYPERVISOR_hypfs_op, __HYPERVISOR_arch_1,
        43, 47, 50, 55, 56, 63, 64, 100, 255, 256, 0x7fffffff, ~0UL,
    };
    void *b;

    C(c, FZ_PICK(f, nrs), "other");
    for ( unsigned int i = 0; i < 5; i++ )
        c->a[i] = fz_one_in(f, 2) ? fz_any(f) : fz_ptr(f, 128, &b);
    if ( fz_one_in(f, 2) )
        c->a[0] = fz_below(f, 32);
}

/* ---- multicall ---- */

static void g_multicall(struct fz *f, struct fz_call *c)
{
    unsigned int n = 1 + fz_below(f, 6);
    struct multicall_entry *m;

    C(c, __HYPERVISOR_multicall, "multicall");
    /* Eight spare entries, zero: a count beyond ours reaches those, not
     * the junk after them (an iret there would throw us anywhere). */
    c->a[0] = fz_ptr(f, (n + 8) * sizeof(*m), (void **)&m);
    c->a[1] = n;
    if ( fz_one_in(f, 8) )
    {
        c->a[1] = fz_one_in(f, 4) ? 0 : n + fz_below(f, 9);
        if ( fz_one_in(f, 4) )
        {
            c->a[0] = fz_bad_ptr(f, 64);
            c->a[1] = fz_count(f);
        }
    }
    /* Entries the hypervisor reads beyond ours (a hostile count) or from
     * our zeroed read-only page may be set_trap_table(NULL), which empties
     * the trap table. */
    f->restore |= FZ_R_TRAPS;
    f->depth++;
    for ( unsigned int i = 0; m && i < n; i++ )
    {
        struct fz_call e = { 0 };

        fz_gen_any(f, &e);
        m[i].op = e.nr;
        m[i].result = fz_any(f);
        for ( unsigned int k = 0; k < 5; k++ )
            m[i].args[k] = e.a[k];
        m[i].args[5] = fz_any(f);
    }
    f->depth--;
}

/* ---- the table ---- */

struct fz_gen
{
    void (*gen)(struct fz *f, struct fz_call *c);
    unsigned int weight;
    unsigned int nr;                /* for the exclusion list */
};

#define G(fn, w, n) { fn, w, n }
static const struct fz_gen fz_gens[] = {
    G(g_mmu_update, 10, __HYPERVISOR_mmu_update),
    G(g_mmuext_op, 10, __HYPERVISOR_mmuext_op),
    G(g_update_va_mapping, 8, __HYPERVISOR_update_va_mapping),
    G(g_update_va_mapping_other, 2, __HYPERVISOR_update_va_mapping_otherdomain),
    G(g_grant_table_op, 14, __HYPERVISOR_grant_table_op),
    G(g_event_channel_op, 10, __HYPERVISOR_event_channel_op),
    G(g_event_channel_op_compat, 1, __HYPERVISOR_event_channel_op_compat),
    G(g_memory_op, 10, __HYPERVISOR_memory_op),
    G(g_vcpu_op, 6, __HYPERVISOR_vcpu_op),
    G(g_sched_op, 4, __HYPERVISOR_sched_op),
    G(g_sched_op_compat, 1, __HYPERVISOR_sched_op_compat),
    G(g_set_gdt, 3, __HYPERVISOR_set_gdt),
    G(g_update_descriptor, 3, __HYPERVISOR_update_descriptor),
    G(g_set_trap_table, 2, __HYPERVISOR_set_trap_table),
    G(g_set_callbacks, 1, __HYPERVISOR_set_callbacks),
    G(g_callback_op, 2, __HYPERVISOR_callback_op),
    G(g_nmi_op, 1, __HYPERVISOR_nmi_op),
    G(g_stack_switch, 1, __HYPERVISOR_stack_switch),
    G(g_fpu_taskswitch, 1, __HYPERVISOR_fpu_taskswitch),
    G(g_set_debugreg, 3, __HYPERVISOR_set_debugreg),
    G(g_get_debugreg, 1, __HYPERVISOR_get_debugreg),
    G(g_set_segment_base, 2, __HYPERVISOR_set_segment_base),
    G(g_vm_assist, 2, __HYPERVISOR_vm_assist),
    G(g_set_timer_op, 2, __HYPERVISOR_set_timer_op),
    G(g_xen_version, 2, __HYPERVISOR_xen_version),
    G(g_console_io, 1, __HYPERVISOR_console_io),
    G(g_physdev_op, 3, __HYPERVISOR_physdev_op),
    G(g_physdev_op_compat, 1, __HYPERVISOR_physdev_op_compat),
    G(g_domctl, 2, __HYPERVISOR_domctl),
    G(g_sysctl, 2, __HYPERVISOR_sysctl),
    G(g_platform_op, 1, __HYPERVISOR_platform_op),
    G(g_mca, 1, __HYPERVISOR_mca),
    G(g_other, 2, 0),
    G(g_multicall, 5, __HYPERVISOR_multicall),
};

#endif /* FUZZ_CALLS_H */
