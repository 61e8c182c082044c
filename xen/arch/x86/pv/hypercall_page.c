/*
 * The 64-bit PV hypercall page (interface in asm/pv/hypercall_page.h).
 *
 * A 64-bit PV kernel runs in ring 3 and enters the hypervisor with
 * `syscall`, which clobbers %rcx and %r11; each 32-byte stub saves them
 * around it, so a stub behaves like an ordinary function call:
 *     51              push %rcx
 *     41 53           push %r11
 *     b8 <nr:le32>    mov  $nr, %eax
 *     0f 05           syscall
 *     41 5b           pop  %r11
 *     59              pop  %rcx
 *     c3              ret
 * HYPERVISOR_iret never returns and takes its frame on the stack: the
 * guest jumps to its stub with the iret frame pushed, and the stub adds
 * %rcx, %r11 and %rax (the layout struct iret_context describes):
 *     51  41 53  50  b8 <23:le32>  0f 05
 * Unused bytes are int3 (0xcc), so a jump into the middle of a stub or
 * off the end of the iret stub traps.  These are the byte sequences
 * Xen's 64-bit PV hypercall page has.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/sched.h>
#include <asm/page.h>
#include <asm/pv/mm.h>
#include <asm/pv/hypercall_page.h>
#include <asm/pv/vcpu.h>
#include <public/xen.h>

#define STUB_SIZE 32

static uint8_t *emit(uint8_t *p, const uint8_t *bytes, unsigned int n)
{
    memcpy(p, bytes, n);
    return p + n;
}

/* mov $nr, %eax */
static uint8_t *emit_mov_eax(uint8_t *p, uint32_t nr)
{
    *p++ = 0xb8;
    for ( unsigned int i = 0; i < 4; i++ )
        *p++ = nr >> (8 * i);
    return p;
}

static void write_call_stub(uint8_t *p, uint32_t nr)
{
    static const uint8_t save[] = { 0x51, 0x41, 0x53 };
    static const uint8_t call_restore[] = { 0x0f, 0x05, 0x41, 0x5b, 0x59, 0xc3 };

    p = emit(p, save, sizeof(save));
    p = emit_mov_eax(p, nr);
    emit(p, call_restore, sizeof(call_restore));
}

static void write_iret_stub(uint8_t *p)
{
    static const uint8_t save[] = { 0x51, 0x41, 0x53, 0x50 };
    static const uint8_t call[] = { 0x0f, 0x05 };

    p = emit(p, save, sizeof(save));
    p = emit_mov_eax(p, __HYPERVISOR_iret);
    emit(p, call, sizeof(call));
}

void pv_write_hypercall_page(void *va)
{
    uint8_t *page = va;

    memset(page, 0xcc, PAGE_SIZE);
    for ( uint32_t nr = 0; nr < PAGE_SIZE / STUB_SIZE; nr++ )
    {
        if ( nr == __HYPERVISOR_iret )
            write_iret_stub(page + nr * STUB_SIZE);
        else
            write_call_stub(page + nr * STUB_SIZE, nr);
    }
}

/*
 * XEN_DOMCTL_hypercall_init: the toolstack has a frame of d's filled
 * with the stubs (the domain's builder does this for a PV kernel whose
 * notes ask for it).  As on Xen: -EINVAL unless d owns the frame, -EPERM
 * if it cannot be written (a page table, a descriptor page); the
 * writable type is held while we write, so it cannot become one.
 */
int pv_hypercall_init(struct domain *d, unsigned long gmfn)
{
    struct page_info *pg;

    if ( !mfn_valid(_mfn(gmfn)) )
        return -EINVAL;
    pg = mfn_to_page(_mfn(gmfn));
    if ( !get_page(pg, d) )
        return -EINVAL;
    if ( get_page_type(pg, PGT_writable_page) )
    {
        put_page(pg);
        return -EPERM;
    }
    pv_write_hypercall_page(page_to_virt(pg));
    put_page_and_type(pg);
    return 0;
}
