/*
 * traps.c - the virtual IDT, the callbacks and the C side of every entry.
 *
 * Gates are described by our own table (present, dpl per vector) and
 * handed to the hypervisor as a compact trap_info list.  Because
 * HYPERVISOR_set_trap_table only overwrites the vectors it is given, a
 * gate is removed by clearing the whole virtual IDT (NULL table) and
 * loading the list again.
 */
#include <pvtest.h>
#include <public/callback.h>
#include <public/errno.h>

#define NR_HANDLERS (PV_VEC_FAILSAFE + 1)

/* Built by entry.S: the stub address of every vector. */
extern const unsigned long trap_stub_table[256];
extern char event_callback_entry[], failsafe_callback_entry[];

uint64_t failsafe_segments[4];

static trap_handler_t handlers[NR_HANDLERS];
static bool gate_present[256];
static uint8_t gate_dpl[256];
static struct trap_info trap_list[256 + 1];

static const char *const exc_names[X86_NR_EXCEPTIONS] = {
    "#DE", "#DB", "NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#CSO", "#TS", "#NP", "#SS", "#GP", "#PF", "#SPV",
    "#MF", "#AC", "#MC", "#XM", "#VE", "#CP", "#22", "#23",
    "#24", "#25", "#26", "#27", "#HV", "#VC", "#SX", "#31",
};

const char *trap_name(unsigned int vector)
{
    static char buf[16];

    if ( vector < X86_NR_EXCEPTIONS )
        return exc_names[vector];
    if ( vector == PV_VEC_EVENT )
        return "event callback";
    if ( vector == PV_VEC_FAILSAFE )
        return "failsafe callback";
    snprintf(buf, sizeof(buf), "int 0x%02x", vector);
    return buf;
}

void trap_set_handler(unsigned int vector, trap_handler_t fn)
{
    if ( vector < NR_HANDLERS )
        handlers[vector] = fn;
}

/* Hand the current gate set to the hypervisor. */
static long load_trap_table(void)
{
    unsigned int v, n = 0;

    for ( v = 0; v < 256; v++ )
    {
        if ( !gate_present[v] )
            continue;
        trap_list[n].vector = v;
        /* DPL, and bit 2: mask events on entry like an interrupt gate. */
        trap_list[n].flags = gate_dpl[v] | 4;
        trap_list[n].cs = FLAT_KERNEL_CS;
        trap_list[n].address = trap_stub_table[v];
        n++;
    }
    memset(&trap_list[n], 0, sizeof(trap_list[n]));
    return HYPERVISOR_set_trap_table(trap_list);
}

long trap_set_gate(unsigned int vector, unsigned int dpl, bool present)
{
    bool removing;
    long rc;

    if ( vector > 255 || dpl > 3 )
        return -XEN_EINVAL;
    removing = gate_present[vector] && !present;
    gate_present[vector] = present;
    gate_dpl[vector] = dpl;
    if ( removing )
    {
        rc = HYPERVISOR_set_trap_table(NULL);
        if ( rc )
            return rc;
    }
    return load_trap_table();
}

static long register_callback(unsigned int type, void *entry)
{
    struct callback_register cb = {
        .type = type,
        .flags = CALLBACKF_mask_events,
        .address = (unsigned long)entry,
    };

    return HYPERVISOR_callback_op(CALLBACKOP_register, &cb);
}

void traps_init(void)
{
    unsigned int v;
    long rc;

    for ( v = 0; v < X86_NR_EXCEPTIONS; v++ )
        gate_present[v] = true;
    /* Reachable with INT n from the kernel, as Linux sets them up. */
    gate_dpl[X86_EXC_BP] = 3;
    gate_dpl[X86_EXC_OF] = 3;
    gate_present[0x80] = true;
    gate_dpl[0x80] = 3;

    rc = load_trap_table();
    if ( rc )
        xtest_error("set_trap_table failed: %ld", rc);
    rc = register_callback(CALLBACKTYPE_event, event_callback_entry);
    if ( rc )
        xtest_error("registering the event callback failed: %ld", rc);
    rc = register_callback(CALLBACKTYPE_failsafe, failsafe_callback_entry);
    if ( rc )
        xtest_error("registering the failsafe callback failed: %ld", rc);
}

void trap_dump(const struct pv_regs *r)
{
    printf("  vector %s  error code %#lx\n", trap_name(r->vector),
           r->error_code);
    printf("  rip %016lx  cs %04lx (saved mask %lu)  rflags %08lx\n",
           r->rip, r->cs & 0xffff, (r->cs >> 32) & 0xff, r->rflags);
    printf("  rsp %016lx  ss %04lx  cr2 %016lx\n",
           r->rsp, r->ss & 0xffff,
           (unsigned long)pv_this_vcpu_info()->arch.cr2);
    printf("  rax %016lx  rbx %016lx  rcx %016lx\n", r->rax, r->rbx, r->rcx);
    printf("  rdx %016lx  rsi %016lx  rdi %016lx\n", r->rdx, r->rsi, r->rdi);
    printf("  rbp %016lx  r8  %016lx  r9  %016lx\n", r->rbp, r->r8, r->r9);
    printf("  r10 %016lx  r11 %016lx  r12 %016lx\n", r->r10, r->r11, r->r12);
    printf("  r13 %016lx  r14 %016lx  r15 %016lx\n", r->r13, r->r14, r->r15);
}

/* Nothing claimed the exception: report and stop the domain. */
static void __noreturn unhandled(struct pv_regs *regs)
{
    static bool in_fatal;

    if ( in_fatal )
        pv_crash();
    in_fatal = true;
    printf("Unhandled %s:\n", trap_name(regs->vector));
    trap_dump(regs);
    xtest_crash("unhandled %s[%04lx] at %#lx", trap_name(regs->vector),
                regs->error_code, regs->rip);
}

static bool apply_fixup(struct pv_regs *regs)
{
    unsigned long fixup = extable_lookup(regs->rip);

    if ( !fixup )
        return false;
    /* The hypervisor leaves cr2 in the faulting vCPU's vcpu_info. */
    if ( regs->vector == X86_EXC_PF )
        exinfo_last_cr2 = pv_this_vcpu_info()->arch.cr2;
    exinfo_last = EXINFO(regs->vector, regs->error_code);
    regs->rip = fixup;
    return true;
}

void trap_dispatch(struct pv_regs *regs)
{
    unsigned long v = regs->vector;

    if ( v == PV_VEC_EVENT && !handlers[v] )
    {
        events_dispatch(regs);
        return;
    }
    if ( v < NR_HANDLERS && handlers[v] && handlers[v](regs) )
        return;
    if ( v < 256 && apply_fixup(regs) )
        return;
    unhandled(regs);
}
