/*
 * The syscall instruction's way into the hypervisor, per CPU.
 *
 * Each CPU gets a small stub (its LSTAR target) that saves the guest's
 * %rax into the ss slot of this CPU's guest frame, moves the guest %rsp
 * into the rsp slot, switches to the hypervisor stack and jumps to the
 * common lstar_enter.  The stub has this CPU's stack address baked in:
 * that is how the entry finds its stack without any per-CPU register.
 */
#include <xen/lib.h>
#include <xen/sched.h>
#include <asm/current.h>
#include <asm/processor.h>
#include <asm/pv/syscall.h>

#define STUB_SIZE 64

/* Executable and (the image is mapped RWX during early development)
 * writable; one slot per CPU. */
static uint8_t syscall_stubs[NR_CPUS][2][STUB_SIZE]
    __attribute__((__section__(".text.stubs"), __aligned__(STUB_SIZE)));

extern const char lstar_enter[], cstar_enter[];

static uint8_t *emit(uint8_t *p, const void *bytes, unsigned int n)
{
    memcpy(p, bytes, n);
    return p + n;
}

static uint8_t *emit_imm64(uint8_t *p, uint64_t v)
{
    return emit(p, &v, 8);
}

/*
 *   movabs %rax, <frame.ss>        48 a3 imm64
 *   mov    %rsp, %rax              48 89 e0
 *   movabs $<frame.ss>, %rsp       48 bc imm64
 *   push   %rax                    50        (guest rsp -> frame.rsp)
 *   movabs $<target>, %rax         48 b8 imm64
 *   jmp    *%rax                   ff e0
 */
static void write_stub(uint8_t *p, unsigned long frame_ss, const void *target)
{
    static const uint8_t op_store_rax[] = { 0x48, 0xa3 };
    static const uint8_t op_rsp_to_rax[] = { 0x48, 0x89, 0xe0 };
    static const uint8_t op_load_rsp[] = { 0x48, 0xbc };
    static const uint8_t op_push_rax[] = { 0x50 };
    static const uint8_t op_load_rax[] = { 0x48, 0xb8 };
    static const uint8_t op_jmp_rax[] = { 0xff, 0xe0 };

    p = emit(p, op_store_rax, sizeof(op_store_rax));
    p = emit_imm64(p, frame_ss);
    p = emit(p, op_rsp_to_rax, sizeof(op_rsp_to_rax));
    p = emit(p, op_load_rsp, sizeof(op_load_rsp));
    p = emit_imm64(p, frame_ss);
    p = emit(p, op_push_rax, sizeof(op_push_rax));
    p = emit(p, op_load_rax, sizeof(op_load_rax));
    p = emit_imm64(p, (uint64_t)target);
    emit(p, op_jmp_rax, sizeof(op_jmp_rax));
}

void syscall_cpu_init(unsigned int cpu)
{
    struct cpu_info *ci = get_cpu_info();
    unsigned long frame_ss = (unsigned long)&ci->guest_cpu_user_regs.ss;

    write_stub(syscall_stubs[cpu][0], frame_ss, lstar_enter);
    write_stub(syscall_stubs[cpu][1], frame_ss, cstar_enter);

    /* SYSCALL loads CS 0xe008/SS 0xe010; SYSRET would use 0xe023 + 16/8. */
    wrmsr(MSR_STAR, (0xe023UL << 48) | ((unsigned long)__HYPERVISOR_CS << 32));
    wrmsr(MSR_LSTAR, (unsigned long)syscall_stubs[cpu][0]);
    wrmsr(MSR_CSTAR, (unsigned long)syscall_stubs[cpu][1]);
    /* Enter with interrupts, single-step, direction, nested-task and
     * alignment-check flags clear. */
    wrmsr(MSR_SYSCALL_MASK, X86_EFLAGS_IF | X86_EFLAGS_TF | X86_EFLAGS_DF |
                            X86_EFLAGS_NT | X86_EFLAGS_AC | X86_EFLAGS_IOPL);
    wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}
