/*
 * Interrupt vector dispatch: a table from vector to handler, filled by the
 * APIC, timer and IPI code.  The dispatcher acknowledges the local APIC
 * after the handler, except for the spurious vector, which must not be
 * acknowledged.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/spinlock.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <asm/apic.h>
#include <asm/current.h>
#include <asm/pv/traps.h>

static vector_handler_t vector_handlers[256];
static DEFINE_SPINLOCK(vector_lock);

void set_vector_handler(unsigned int vector, vector_handler_t fn)
{
    BUG_ON(vector < TRAP_nr || vector > 255);
    vector_handlers[vector] = fn;
}

int alloc_vector(vector_handler_t fn)
{
    unsigned int v;
    int rc = -ENOSPC;

    spin_lock(&vector_lock);
    for ( v = FIRST_DYNAMIC_VECTOR; v <= LAST_DYNAMIC_VECTOR; v++ )
        if ( !vector_handlers[v] && v != INT80_VECTOR )
        {
            vector_handlers[v] = fn;
            rc = v;
            break;
        }
    spin_unlock(&vector_lock);
    return rc;
}

/* Give back a vector from alloc_vector(); its source must be silenced
 * (masked) first. */
void free_vector(unsigned int vector)
{
    if ( vector < FIRST_DYNAMIC_VECTOR || vector > LAST_DYNAMIC_VECTOR )
        return;
    spin_lock(&vector_lock);
    vector_handlers[vector] = NULL;
    spin_unlock(&vector_lock);
}

void do_irq(struct cpu_user_regs *regs)
{
    unsigned int vec = regs->entry_vector;
    vector_handler_t fn = vector_handlers[vec];

    clac();             /* a guest may enter with AC set (SMAP) */

    if ( vec == SPURIOUS_APIC_VECTOR )
        return;
    if ( vec == INT80_VECTOR && guest_mode(regs) )
    {
        pv_handle_int80(regs);            /* a software interrupt: no EOI */
        return;
    }
    if ( fn )
        fn(regs);
    else if ( vec >= LEGACY_PIC_VECTOR_BASE && vec < LEGACY_PIC_VECTOR_BASE + 16 )
        return;  /* a stray 8259 interrupt: the PIC is masked, nothing to ack */
    else
        printk(XENLOG_WARNING "CPU%u: unexpected interrupt vector %#x\n",
               smp_processor_id(), vec);
    lapic_eoi();
}
