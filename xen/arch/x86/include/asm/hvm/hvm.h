/*
 * The vendor-neutral HVM layer (xen/arch/x86/hvm/, docs/hvm.md).
 *
 * An HVM vCPU runs under the CPU's virtualisation extension (AMD SVM
 * with nested paging, or Intel VMX with EPT): the
 * guest owns its page tables, control registers and descriptor tables,
 * and the hypervisor sees it only at exits.  The layer keeps the guest's
 * general registers in this CPU's guest frame (guest_cpu_user_regs())
 * while the vCPU runs, so hypercall continuations and the common code
 * find them where they find a PV guest's; rip, rsp, rflags and rax are
 * copied between that frame and the vendor's control block around each
 * exit.
 *
 * Vendor backends fill struct hvm_vendor; everything else (CPUID and MSR
 * policy, hypercalls, the p2m, guest memory access, the PVH builder) is
 * written once, in hvm/.
 */
#ifndef ASM_X86_HVM_HVM_H
#define ASM_X86_HVM_HVM_H

#include <xen/types.h>
#include <xen/mm.h>
#include <asm/regs.h>
#include <asm/hvm/p2m.h>
#include <asm/hvm/mtrr.h>

struct domain;
struct vcpu;

/* Why the guest stopped, in vendor-neutral terms. */
enum hvm_exit_kind {
    HVM_EXIT_NONE,          /* handled by the backend (an interrupt...) */
    HVM_EXIT_CPUID,
    HVM_EXIT_RDMSR,
    HVM_EXIT_WRMSR,
    HVM_EXIT_HYPERCALL,     /* vmcall / vmmcall */
    HVM_EXIT_HLT,
    HVM_EXIT_IO,            /* port I/O; io_* fields */
    HVM_EXIT_NPF,           /* nested page fault at gpa */
    HVM_EXIT_CRASH,         /* triple fault, bad state, unknown: why */
};

struct hvm_exit {
    enum hvm_exit_kind kind;
    unsigned int insn_len;  /* bytes to skip when the exit is handled */
    uint64_t gpa;           /* NPF */
    bool npf_fetch;         /* NPF: an instruction fetch */
    bool npf_walk;          /* NPF: the guest's own page-table walk (the
                             * access was to a table, not to gpa's data) */
    uint16_t io_port;       /* IO */
    uint8_t io_size;        /* 1, 2, 4 */
    bool io_in;
    bool io_string;         /* ins/outs or a rep prefix (hvm/io_string.c) */
    const char *why;        /* CRASH */
    uint64_t code;          /* the vendor's raw exit code, for reports */
    uint64_t intinfo;       /* an event the exit cut short (vendor format,
                             * valid bit set), or 0: for crash reports */
};

/* Segment registers as the guest state needs them (vendor converts). */
struct hvm_seg {
    uint16_t sel;
    uint16_t attr;          /* descriptor bits 40-47 and 52-55, packed */
    uint32_t limit;
    uint64_t base;
};

/* The architectural state a builder (or VCPUOP_initialise) hands to a
 * fresh vCPU (or reads back, hvm/save.c); efer as the guest sees it.
 * The other general registers go into v->arch.user_regs. */
struct hvm_boot_state {
    uint64_t rip, rbx, rflags;
    uint64_t cr0, cr3, cr4, efer;
    struct hvm_seg cs, ds, es, ss, fs, gs, tr, ldtr, gdtr, idtr;
};

struct hvm_vendor {
    const char *name;
    /* On each CPU (arch_cpu_guest_init): turn the extension on.  0 or
     * -errno; a CPU that fails runs PV guests only. */
    int (*cpu_up)(unsigned int cpu);
    int (*vcpu_create)(struct vcpu *v);
    void (*vcpu_destroy)(struct vcpu *v);
    /* Load a fresh vCPU's architectural state (the builder's). */
    void (*vcpu_set_boot_state)(struct vcpu *v, const struct hvm_boot_state *s);
    /* Read a vCPU's state back (it does not run meanwhile); rbx is not
     * filled (it lives in the guest frame). */
    void (*vcpu_get_state)(const struct vcpu *v, struct hvm_boot_state *s);
    /* Run v (current, interrupts off, GIF-like gate held by the vendor)
     * until its next exit; the frame holds its GPRs before and after.
     * Fills *e. */
    void (*run)(struct vcpu *v, struct cpu_user_regs *regs, struct hvm_exit *e);
    /* Inject exception vector (with an error code if ec >= 0) at the
     * next entry. */
    void (*inject_exception)(struct vcpu *v, unsigned int vector, int ec);
    /* The guest's CR2, for a #PF the layer injects (set before the
     * inject_exception() of vector 14). */
    void (*set_cr2)(struct vcpu *v, unsigned long cr2);
    /* The layer completed an instruction the guest single-steps
     * (RFLAGS.TF): raise the #DB the CPU would have, with DR6.BS. */
    void (*single_step)(struct vcpu *v);
    /* Guest state the common layer asks about. */
    unsigned int (*cpl)(const struct vcpu *v);
    bool (*long_mode)(const struct vcpu *v);     /* 64-bit code segment */
    uint64_t (*get_cr)(const struct vcpu *v, unsigned int n);  /* 0, 3, 4 */
    uint64_t (*get_efer)(const struct vcpu *v);  /* as the guest sees it */
    /* 0, or -EINVAL for a value the guest may not load (#GP). */
    int (*set_efer)(struct vcpu *v, uint64_t val);
    /* MSRs the vendor keeps in its control block (segment bases, syscall
     * MSRs, PAT): true if msr is one of them. */
    bool (*msr_read)(const struct vcpu *v, uint32_t msr, uint64_t *val);
    bool (*msr_write)(struct vcpu *v, uint32_t msr, uint64_t val);
    /* Fill a hypercall page with this vendor's stubs. */
    void (*write_hypercall_page)(void *page);
    /*
     * External interrupts (hvm/intr.c decides which, before each entry):
     *  intr_blocked: true if an interrupt could not be injected at the
     *    next entry for a reason other than RFLAGS.IF (which the caller
     *    checks in the frame): an interrupt shadow (STI, MOV SS) at the
     *    instruction the guest resumes at, or an event already queued
     *    for injection (an exception, or one the last exit cut short).
     *  inject_intr: deliver vector as an external interrupt at the next
     *    entry (the caller checked it is not blocked).
     *  intr_window: open: make the guest exit as soon as it could take
     *    an interrupt (SVM: V_IRQ with the VINTR intercept; VMX: the
     *    interrupt-window exit); an exit for that reason is
     *    HVM_EXIT_NONE.  Closed: no such exit.
     *  get_vtpr/set_vtpr: the guest's CR8 (TPR bits 7-4) where the vendor
     *    lets the guest change it without an exit (SVM: V_TPR); set
     *    before each entry, read after each exit.
     */
    bool (*intr_blocked)(struct vcpu *v);
    void (*inject_intr)(struct vcpu *v, unsigned int vector);
    void (*intr_window)(struct vcpu *v, bool open);
    /*
     * NMIs (hvm/intr.c, before the interrupts):
     *  nmi_blocked: true if an NMI could not be injected at the next
     *    entry: the guest has not executed IRET since the last NMI it was
     *    given (the CPU's NMI blocking; SVM tracks it in software with the
     *    IRET intercept, VMX with virtual-NMI blocking), an interrupt
     *    shadow at the resume rip, or an event already queued.
     *  inject_nmi: deliver an NMI (vector 2) at the next entry, and from
     *    then block NMIs until the guest's next IRET.
     *  nmi_window: open: an NMI is pending and blocked; make the guest exit
     *    as soon as it could take it (called after intr_window, which it
     *    must not undo).  Closed: no exit for the NMI's sake.
     *  A vendor that cannot track NMI blocking reports them blocked for
     *    ever (never injected).
     */
    bool (*nmi_blocked)(struct vcpu *v);
    void (*inject_nmi)(struct vcpu *v);
    void (*nmi_window)(struct vcpu *v, bool open);
    unsigned int (*get_vtpr)(const struct vcpu *v);
    void (*set_vtpr)(struct vcpu *v, unsigned int cr8);
    /* The guest's CS (for instruction fetch: base, attr bit 9 = L,
     * bit 10 = D). */
    void (*get_cs)(const struct vcpu *v, struct hvm_seg *cs);
    /* Optional: v stops running on this CPU (context switch, on the CPU
     * it ran on); state the CPU caches for it must be written back. */
    void (*vcpu_leave)(struct vcpu *v);
    /* The nested page-table format the p2m is kept in. */
    enum p2m_format_id p2m_format;
};

/* Per vCPU (in struct arch_vcpu). */
struct hvm_vcpu {
    void *vmcb;             /* vendor control block (direct map), or NULL */
    void *vendor;           /* the backend's own per-vCPU state, if any */
    uint64_t vmcb_pa;
    uint32_t asid;          /* 0: none yet on this CPU */
    uint64_t asid_gen;
    int asid_cpu;
    unsigned long dr[4];    /* guest DR0-3 while not loaded */
    /*
     * Stale nested translations (hvm_p2m_changed()).  The vendor's run
     * sets in_guest, then (a full fence between) looks at flush_tlb,
     * flushes the guest's TLB and clears it if set, enters the guest; after
     * the exit it bumps runs and clears in_guest.
     */
    bool flush_tlb;         /* flush this guest's TLB at the next entry */
    bool in_guest;
    unsigned long runs;     /* exits so far */
    struct vlapic *vlapic;  /* the emulated local APIC (hvm/vlapic.c) */
    struct hvm_mtrr mtrr;   /* the MTRR MSRs (hvm/mtrr.c) */
    bool wait_sipi;         /* down, INIT seen (hvm/ap_start.c) */
    bool nmi_pending;       /* an NMI IPI waits for delivery (any CPU sets
                             * it, then kicks; intr.c clears it) */
    uint8_t upcall_vector;  /* HVMOP_set_evtchn_upcall_vector; 0: none */
};

/* Per domain (in struct arch_domain).  HVM_NR_PARAMS of the public
 * header, which this header does not include (checked in hvm_op.c). */
#define HVM_NR_PARAMS_MAX 39
struct p2m;
struct hvm_domain {
    struct p2m *p2m;
    uint64_t callback_irq;      /* HVM_PARAM_CALLBACK_IRQ (hvm/hvm_op.c) */
    uint64_t params[HVM_NR_PARAMS_MAX]; /* the others, as the toolstack set them */
};

extern const struct hvm_vendor *hvm_vendor;

/* True once a backend is up on the boot CPU. */
static inline bool hvm_enabled(void)
{
    return hvm_vendor != NULL;
}

/*
 * The p2m of d changed in a way that may leave stale translations: every
 * vCPU of d flushes before it next reads guest memory through the nested
 * tables.  On return, no vCPU of d is still in the guest on another CPU
 * with a stale translation (those CPUs are interrupted and waited for).
 * Called with the p2m updated; not with interrupts off.
 */
void hvm_p2m_changed(struct domain *d);

/* Boot: pick and start a vendor on this CPU (arch_cpu_guest_init). */
void hvm_cpu_init(unsigned int cpu);

/* Turn a just-created domain (no memory, no vCPU running) into an HVM
 * one: p2m and a control block for each vCPU.  0 or -errno. */
int hvm_domain_init(struct domain *d);
void hvm_domain_destroy(struct domain *d);
int hvm_vcpu_create(struct vcpu *v);
void hvm_vcpu_destroy(struct vcpu *v);

/* Context switch (arch/x86/domain.c): save prev's state; load next's and
 * resume it (never returns). */
void hvm_save_state(struct vcpu *v);
void __noreturn hvm_resume(void);

/* Guest memory by v's guest-virtual addresses: bytes NOT copied, as
 * raw_copy_*_guest. */
unsigned long hvm_copy_to_guest(struct vcpu *v, void *to, const void *from,
                                unsigned long n);
unsigned long hvm_copy_from_guest(struct vcpu *v, void *to, const void *from,
                                  unsigned long n);

/* A data access by v to guest-virtual va, as the CPU would translate it
 * through the guest's tables (hvm/guest_access.c): 0 and *gpa; -EFAULT
 * and *pfec, the #PF error code the CPU would raise; -EOPNOTSUPP where
 * the walker cannot follow (32-bit or PAE paging, non-canonical va, a
 * table outside the guest's RAM). */
int hvm_translate(struct vcpu *v, unsigned long va, bool write,
                  uint64_t *gpa, uint32_t *pfec);
/* The hypervisor's pointer to gpa if it is d's RAM (p2m_ram_rw), else
 * NULL; valid to the end of gpa's page. */
void *hvm_gpa_map(struct domain *d, uint64_t gpa);

/* The virtual machine-check MSRs (arch/x86/guest.c, over pv/vmce.c):
 * 0, -EINVAL (#GP), or -ENOENT when msr is not one of them. */
int hvm_vmce_msr(struct vcpu *v, uint32_t msr, uint64_t *val, bool write);

/* Exit handling (hvm.c dispatches; these do the work). */
void hvm_cpuid(struct vcpu *v, struct cpu_user_regs *regs);
/* 0, or -EINVAL: the guest gets #GP. */
int hvm_msr_read(struct vcpu *v, uint32_t msr, uint64_t *val);
int hvm_msr_write(struct vcpu *v, uint32_t msr, uint64_t val);
void hvm_hypercall(struct vcpu *v, struct cpu_user_regs *regs);
long do_hvm_op(unsigned long op, unsigned long arg, unsigned long a3,
               unsigned long a4, unsigned long a5);
/* Before each entry: the callback vector to offer (the event upcall), or
 * -1 (hvm_op.c); then which interrupt to inject (intr.c). */
int hvm_upcall_vector(struct vcpu *v);
void hvm_intr_assist(struct vcpu *v);
/* An NMI for v (an NMI IPI; any CPU): pending until hvm_intr_assist()
 * can inject it.  The caller then kicks v, which may be asleep. */
void hvm_raise_nmi(struct vcpu *v);
/* HLT with interrupts on: sleep unless an interrupt is deliverable. */
void hvm_halt(struct vcpu *v);
/* v (current, its registers in the guest frame) could take an interrupt
 * at its next entry: SCHEDOP_block and HLT sleep only if not (Xen's
 * rule: the callback vector or the APIC, with IF set and no shadow; a
 * bare evtchn_upcall_pending does not count). */
bool hvm_event_deliverable(struct vcpu *v);
long hvm_call_hypercall(unsigned long op, const unsigned long args[5]);

/* VCPUOP_initialise of an HVM vCPU (hvm/vcpu_context.c): check Xen's
 * vcpu_hvm_context and load it; v is down and not running.  0 or
 * -EINVAL. */
struct vcpu_hvm_context;
int hvm_set_vcpu_context(struct vcpu *v, const struct vcpu_hvm_context *c);

/* INIT and start-up IPIs to vCPU t (hvm/ap_start.c): a vCPU that is
 * down starts in real mode at vector << 12. */
void hvm_vcpu_init_ipi(struct vcpu *t);
void hvm_vcpu_sipi(struct vcpu *t, uint8_t vector);

/* XEN_DOMCTL_{get,set}hvmcontext (hvm/save.c): d another domain than
 * the caller's, under the domctl lock; 0 or Xen's -errno. */
struct xen_domctl_hvmcontext;
long hvm_get_context(struct domain *d, struct xen_domctl_hvmcontext *hc);
long hvm_set_context(struct domain *d, const struct xen_domctl_hvmcontext *hc);

/* memory_op on an HVM domain's physmap (hvm/physmap.c): place frames
 * [mfn, mfn + 2^order) at gfn.. (0, -EINVAL out of range or misaligned,
 * -EEXIST where something is mapped, -ENOMEM); take gfn's RAM out of
 * the p2m, stale translations flushed before the vCPUs run again: the
 * page, whose allocation reference the caller then drops, or NULL if
 * gfn holds none of the domain's own ordinary pages. */
int hvm_physmap_add(struct domain *d, unsigned long gfn, mfn_t mfn,
                    unsigned int order);
struct page_info *hvm_physmap_take(struct domain *d, unsigned long gfn);
/* Put mfn (a hypervisor page: shared_info, a grant frame) at gfn over
 * whatever is there, in one step: a vCPU reading gfn meanwhile sees the
 * old frame or the new one, never a hole.  If the old one was d's own
 * RAM page it is returned, out of every nested TLB, and the caller drops
 * its allocation reference; NULL otherwise.  *rc: 0 or -errno. */
struct page_info *hvm_physmap_replace(struct domain *d, unsigned long gfn,
                                      mfn_t mfn, int *rc);

/* Grants (hvm/grant_map.c; contracts in xen/grant_table.h). */
#include <xen/mm.h>
unsigned long hvm_grant_frame_mfn(struct domain *d, uint64_t frame);
int hvm_grant_host_map(struct vcpu *v, uint64_t addr, mfn_t mfn,
                       unsigned int flags);
int hvm_grant_host_unmap(struct vcpu *v, uint64_t addr, mfn_t mfn,
                         unsigned int flags);

/* arch/x86/guest.c: v's guest address space (or none: NULL) is now the
 * one loaded on this CPU; guest copies reach v's memory from now on. */
void arch_guest_space_loaded(struct vcpu *v);

/* The PVH builder (hvm/dom0_build.c), as the PV ones (asm/pv/dom0_build.h):
 * d just created with vCPU 0, no memory yet; 0 or -errno.  A domU gets
 * exactly nr_pages.  The modules' memory is not given back. */
struct boot_module;
int dom0_construct_pvh(struct domain *d, const struct boot_module *kernel,
                       const struct boot_module *initrd, const char *cmdline);
int domu_construct_pvh(struct domain *d, const struct boot_module *kernel,
                       const char *cmdline, unsigned long nr_pages);

#endif /* ASM_X86_HVM_HVM_H */
