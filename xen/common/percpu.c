/*
 * Per-CPU area allocation: each secondary CPU gets a fresh copy of the
 * .data.percpu template, so per-CPU initialisers apply to every CPU.
 */
#include <xen/lib.h>
#include <xen/errno.h>
#include <xen/mm.h>
#include <xen/percpu.h>

unsigned long __per_cpu_offset[NR_CPUS];

int percpu_alloc(unsigned int cpu)
{
    size_t size = __per_cpu_end - __per_cpu_start;
    unsigned int order = 0;
    char *p;

    if ( cpu == 0 )
        return 0;              /* CPU 0 uses the template itself */
    while ( (PAGE_SIZE << order) < size )
        order++;
    p = alloc_xenheap_pages(order, 0);
    if ( !p )
        return -ENOMEM;
    memcpy(p, __per_cpu_start, size);
    __per_cpu_offset[cpu] = p - __per_cpu_start;
    return 0;
}
