/*
 * Host shim for the allocator unit tests (see shim.h).
 */
#include <xen/lib.h>
#include <xen/spinlock.h>
#include "shim.h"

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

unsigned long shim_frametable_base;
unsigned long shim_directmap_base;
unsigned long max_page;

void (*shim_fatal_hook)(const char *msg);
char shim_last_bug[512];
char shim_last_printk[512];

static unsigned char *chunk_mapped;

/* ------------------------------------------------------------------------
 * Machine
 */

static void *map_none(size_t bytes)
{
    void *p = mmap(NULL, bytes, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

    if ( p == MAP_FAILED )
    {
        perror("shim: mmap");
        abort();
    }
    return p;
}

static void make_rw(unsigned long start, unsigned long end)
{
    start = ROUNDDOWN(start, PAGE_SIZE);
    end = ROUNDUP(end, PAGE_SIZE);
    if ( mprotect((void *)start, end - start, PROT_READ | PROT_WRITE) )
    {
        perror("shim: mprotect");
        abort();
    }
}

/* Map and zero the frame-table entries of chunk c, as the arch code does. */
static void map_chunk(unsigned long c)
{
    unsigned long s = c * SHIM_CHUNK_PAGES, e = s + SHIM_CHUNK_PAGES;

    if ( chunk_mapped[c] )
        return;
    make_rw((unsigned long)mfn_to_page(_mfn(s)), (unsigned long)mfn_to_page(_mfn(e)));
    memset(mfn_to_page(_mfn(s)), 0, SHIM_CHUNK_PAGES * sizeof(struct page_info));
    chunk_mapped[c] = 1;
}

void shim_machine(unsigned long nr_frames, const struct shim_range *ram,
                  unsigned int nr_ram)
{
    unsigned long chunks = DIV_ROUND_UP(nr_frames, SHIM_CHUNK_PAGES), c;
    unsigned int i;

    if ( chunk_mapped )
        abort();   /* once per process */
    chunk_mapped = calloc(chunks, 1);
    shim_frametable_base = (unsigned long)
        map_none(chunks * SHIM_CHUNK_PAGES * sizeof(struct page_info) + PAGE_SIZE);
    shim_directmap_base = (unsigned long)map_none(nr_frames << PAGE_SHIFT);
    max_page = nr_frames;

    for ( i = 0; i < nr_ram; i++ )
    {
        unsigned long s = ram[i].s, e = min(ram[i].e, nr_frames);

        if ( s >= e )
            continue;
        for ( c = s / SHIM_CHUNK_PAGES; c <= (e - 1) / SHIM_CHUNK_PAGES; c++ )
            map_chunk(c);
        make_rw(shim_directmap_base + (s << PAGE_SHIFT),
                shim_directmap_base + (e << PAGE_SHIFT));
    }
}

bool mfn_valid(mfn_t mfn)
{
    return mfn_x(mfn) < max_page && chunk_mapped[mfn_x(mfn) / SHIM_CHUNK_PAGES];
}

/* ------------------------------------------------------------------------
 * Spinlocks: real ticket locks plus per-thread bookkeeping.
 */

#define MAX_HELD 16

static int next_cpu;
static __thread int this_cpu = -1;
static __thread spinlock_t *held[MAX_HELD];
static __thread unsigned int nr_held;

static int cpu_id(void)
{
    if ( this_cpu < 0 )
        this_cpu = __atomic_fetch_add(&next_cpu, 1, __ATOMIC_RELAXED);
    return this_cpu;
}

static void lock_fatal(const char *what)
{
    snprintf(shim_last_bug, sizeof(shim_last_bug), "spinlock: %s", what);
    if ( shim_fatal_hook )
        shim_fatal_hook(shim_last_bug);
    fprintf(stderr, "%s\n", shim_last_bug);
    abort();
}

void spin_lock(spinlock_t *l)
{
    uint16_t ticket;

    if ( __atomic_load_n(&l->owner_cpu, __ATOMIC_RELAXED) == cpu_id() )
        lock_fatal("recursive spin_lock (deadlock)");
    if ( nr_held == MAX_HELD )
        lock_fatal("too many locks held");
    ticket = __atomic_fetch_add(&l->tail, 1, __ATOMIC_RELAXED);
    while ( __atomic_load_n(&l->head, __ATOMIC_ACQUIRE) != ticket )
        sched_yield();
    __atomic_store_n(&l->owner_cpu, cpu_id(), __ATOMIC_RELAXED);
    held[nr_held++] = l;
}

static void release(spinlock_t *l)
{
    __atomic_store_n(&l->owner_cpu, -1, __ATOMIC_RELAXED);
    __atomic_store_n(&l->head, l->head + 1, __ATOMIC_RELEASE);
}

void spin_unlock(spinlock_t *l)
{
    unsigned int i;

    if ( __atomic_load_n(&l->owner_cpu, __ATOMIC_RELAXED) != cpu_id() )
        lock_fatal("spin_unlock of a lock this CPU does not hold");
    for ( i = nr_held; i-- > 0; )
        if ( held[i] == l )
            break;
    memmove(&held[i], &held[i + 1], (nr_held - i - 1) * sizeof(*held));
    nr_held--;
    release(l);
}

bool spin_trylock(spinlock_t *l)
{
    uint32_t old = __atomic_load_n(&l->head_tail, __ATOMIC_RELAXED);
    uint16_t head = old & 0xffff, tail = old >> 16;
    uint32_t new = ((uint32_t)(uint16_t)(tail + 1) << 16) | head;

    if ( head != tail || nr_held == MAX_HELD ||
         !__atomic_compare_exchange_n(&l->head_tail, &old, new, false,
                                      __ATOMIC_ACQUIRE, __ATOMIC_RELAXED) )
        return false;
    __atomic_store_n(&l->owner_cpu, cpu_id(), __ATOMIC_RELAXED);
    held[nr_held++] = l;
    return true;
}

bool spin_is_locked(const spinlock_t *l)
{
    uint32_t v = __atomic_load_n(&l->head_tail, __ATOMIC_RELAXED);

    return (v & 0xffff) != (v >> 16);
}

unsigned int shim_locks_held(void)
{
    return nr_held;
}

/* ------------------------------------------------------------------------
 * printk, panic, BUG, ASSERT
 */

static jmp_buf *armed;
static unsigned int armed_locks;

void shim_arm(jmp_buf *jb)
{
    armed = jb;
    armed_locks = nr_held;
    shim_last_bug[0] = '\0';
}

void shim_disarm(void)
{
    armed = NULL;
}

static void __attribute__((noreturn)) fail(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(shim_last_bug, sizeof(shim_last_bug), fmt, ap);
    va_end(ap);

    if ( armed )
    {
        jmp_buf *jb = armed;

        /* Drop what the failing code held, newest first. */
        while ( nr_held > armed_locks )
            release(held[--nr_held]);
        armed = NULL;
        longjmp(*jb, 1);
    }
    if ( shim_fatal_hook )
        shim_fatal_hook(shim_last_bug);
    fprintf(stderr, "%s\n", shim_last_bug);
    abort();
}

void vprintk(const char *fmt, va_list args)
{
    /* Drop the "<N>" log-level prefix. */
    if ( fmt[0] == '<' && fmt[1] && fmt[2] == '>' )
        fmt += 3;
    vsnprintf(shim_last_printk, sizeof(shim_last_printk), fmt, args);
    if ( getenv("ALLOC_TEST_VERBOSE") )
        fprintf(stderr, "(xen) %s", shim_last_printk);
}

void printk(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vprintk(fmt, ap);
    va_end(ap);
}

void panic(const char *fmt, ...)
{
    char msg[256];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    fail("panic: %s", msg);
}

void __bug(const char *file, int line)
{
    fail("BUG at %s:%d (last printk: %s)", file, line, shim_last_printk);
}

void __assert_failed(const char *expr, const char *file, int line)
{
    fail("ASSERT(%s) failed at %s:%d (last printk: %s)", expr, file, line,
         shim_last_printk);
}

void __warn(const char *file, int line)
{
    fprintf(stderr, "WARN at %s:%d\n", file, line);
}
