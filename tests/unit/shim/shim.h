/*
 * Host shim for the allocator unit tests: what the arch code and the rest of
 * the hypervisor provide to page_alloc.c and xmalloc.c, done on the host.
 *
 *  - a "machine": a frame table and machine memory in host mappings.  The
 *    frame table is mapped per 2 MiB chunk of machine memory holding RAM
 *    (the arch code maps at least every RAM frame's entry, zeroed); other
 *    chunks and every non-RAM machine page are PROT_NONE, so that looking
 *    at a hole that mfn_valid() denies crashes the test;
 *  - mfn_valid() and max_page;
 *  - printk/panic/BUG/ASSERT: a failure either ends the test (reported
 *    through shim_fatal_hook) or, inside SHIM_EXPECT_BUG(), is caught;
 *  - real ticket spinlocks (so multi-threaded tests mean something) that
 *    also catch recursion and unlocking a lock not held.
 */
#ifndef SHIM_H
#define SHIM_H

#include <xen/mm.h>
#include <setjmp.h>

struct shim_range {
    unsigned long s, e;   /* MFNs [s, e) */
};

#define SHIM_CHUNK_PAGES 512UL   /* frame-table mapping granularity */

/* Build the machine: nr_frames frames, RAM as listed.  Once per process. */
void shim_machine(unsigned long nr_frames, const struct shim_range *ram,
                  unsigned int nr_ram);

/* Set by the test harness: how an unexpected BUG/panic ends the test. */
extern void (*shim_fatal_hook)(const char *msg);

/* The last BUG/ASSERT/panic text and the last printk line. */
extern char shim_last_bug[512];
extern char shim_last_printk[512];

/* Locks held by the calling thread. */
unsigned int shim_locks_held(void);

void shim_arm(jmp_buf *jb);
void shim_disarm(void);

/*
 * Run stmt; true if it hit BUG(), a failed ASSERT or panic().  Locks the
 * failing code took are released, so the test may carry on using the
 * allocator (checking that the bad call changed nothing, for instance).
 */
#define SHIM_EXPECT_BUG(stmt) ({        \
    jmp_buf jb_;                        \
    volatile bool hit_ = false;         \
    shim_arm(&jb_);                     \
    if ( setjmp(jb_) == 0 )             \
    {                                   \
        stmt;                           \
    }                                   \
    else                                \
        hit_ = true;                    \
    shim_disarm();                      \
    hit_;                               \
})

#endif /* SHIM_H */
