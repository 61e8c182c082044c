/*
 * Legacy 8259A PICs: the BIOS leaves them delivering IRQ0-7 on vectors
 * 0x08-0x0f, which collide with CPU exceptions.  i8259_init() runs the
 * initialisation sequence (ICW1-4) on both to move them to
 * LEGACY_PIC_VECTOR_BASE, then masks every line.  A spurious IRQ7/IRQ15
 * can still arrive from a masked PIC; irq.c ignores that vector range.
 */
#include <xen/lib.h>
#include <asm/acpi.h>
#include <asm/i8259.h>
#include <asm/io.h>
#include <asm/traps.h>

#define PIC_MASTER_CMD   0x20
#define PIC_MASTER_DATA  0x21
#define PIC_SLAVE_CMD    0xa0
#define PIC_SLAVE_DATA   0xa1

#define ICW1_INIT        0x10
#define ICW1_NEED_ICW4   0x01
#define ICW4_8086        0x01
#define CASCADE_IRQ      2

/* The PICs need a moment between writes on old chipsets: an I/O to the
 * POST diagnostic port is the customary delay. */
static void pic_outb(uint8_t v, uint16_t port)
{
    outb(v, port);
    outb(0, 0x80);
}

void i8259_init(void)
{
    pic_outb(0xff, PIC_MASTER_DATA);
    pic_outb(0xff, PIC_SLAVE_DATA);

    pic_outb(ICW1_INIT | ICW1_NEED_ICW4, PIC_MASTER_CMD);
    pic_outb(LEGACY_PIC_VECTOR_BASE, PIC_MASTER_DATA);         /* ICW2 */
    pic_outb(1u << CASCADE_IRQ, PIC_MASTER_DATA);              /* ICW3 */
    pic_outb(ICW4_8086, PIC_MASTER_DATA);

    pic_outb(ICW1_INIT | ICW1_NEED_ICW4, PIC_SLAVE_CMD);
    pic_outb(LEGACY_PIC_VECTOR_BASE + 8, PIC_SLAVE_DATA);
    pic_outb(CASCADE_IRQ, PIC_SLAVE_DATA);                     /* its ID */
    pic_outb(ICW4_8086, PIC_SLAVE_DATA);

    pic_outb(0xff, PIC_MASTER_DATA);
    pic_outb(0xff, PIC_SLAVE_DATA);
    printk(XENLOG_INFO "8259A: %sremapped to vectors %#x-%#x, all lines masked\n",
           acpi_madt.present && !acpi_madt.pcat_compat ? "(MADT says absent) " : "",
           LEGACY_PIC_VECTOR_BASE, LEGACY_PIC_VECTOR_BASE + 15);
}
