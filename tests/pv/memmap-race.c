/*
 * memmap-race.c - XENMEM_memory_map while another vCPU replaces the map.
 *
 * vCPU 1 keeps setting dom0's own pseudo-physical map
 * (XENMEM_set_memory_map, DOMID_SELF), alternating between a 1-entry and
 * a 200-entry map, each a fresh allocation in the hypervisor.  vCPU 0
 * keeps reading it back (XENMEM_memory_map) into a 256-entry buffer full
 * of a guard pattern.  Every read must return one of the two maps whole:
 * its entry count, exactly its entries, and the guard untouched after
 * them.  A read that mixes the two (a count of one with the entries of
 * the other, or the hypervisor's freed buffer) is a leak of hypervisor
 * memory to the guest.
 *
 * pvtest-hv: dom0_max_vcpus=2
 */
#include <pvtest.h>
#include <public/memory.h>

#define SMALL    1
#define BIG      200
#define READ_MAX 256
#define RUN_NS   (1 * NS_PER_S)

const char test_title[] = "memmap-race: memory_map is never torn by set_memory_map";

struct e820_entry {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((packed));

static struct e820_entry small_map[SMALL], big_map[BIG], got[READ_MAX];
static uint8_t stack1[16384] __aligned(16);
static volatile bool stop;
static volatile unsigned long sets, set_errors;

static long set_map(struct e820_entry *map, unsigned int n)
{
    struct xen_foreign_memory_map f = { .domid = DOMID_SELF };

    f.map.nr_entries = n;
    set_xen_guest_handle(f.map.buffer, map);
    return HYPERVISOR_memory_op(XENMEM_set_memory_map, &f);
}

static void __noreturn setter(unsigned int id)
{
    while ( !stop )
    {
        set_errors += set_map(small_map, SMALL) != 0;
        set_errors += set_map(big_map, BIG) != 0;
        sets += 2;
    }
    for ( ; ; )
        HYPERVISOR_vcpu_op(VCPUOP_down, id, NULL);
}

static void make_maps(void)
{
    small_map[0] = (struct e820_entry){ 0, 16ULL << 20, 1 };
    for ( unsigned int i = 0; i < BIG; i++ )
        big_map[i] = (struct e820_entry){ (uint64_t)i << 20, 1ULL << 19,
                                          1 + i % 4 };
}

/* One read: 0 if it returned one of the maps whole, else what was wrong. */
static const char *read_once(unsigned int *n_out)
{
    struct xen_memory_map m = { .nr_entries = READ_MAX };
    const struct e820_entry *want;
    long rc;

    memset(got, 0xab, sizeof(got));
    set_xen_guest_handle(m.buffer, got);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    *n_out = m.nr_entries;
    if ( rc )
        return "XENMEM_memory_map failed";
    if ( m.nr_entries == SMALL )
        want = small_map;
    else if ( m.nr_entries == BIG )
        want = big_map;
    else
        return "an entry count of neither map";
    if ( memcmp(got, want, m.nr_entries * sizeof(*got)) )
        return "entries that are not the map its count belongs to";
    for ( const uint8_t *p = (const uint8_t *)&got[m.nr_entries];
          p < (const uint8_t *)&got[READ_MAX]; p++ )
        if ( *p != 0xab )
            return "bytes written past the entries";
    return NULL;
}

void test_main(void)
{
    unsigned long reads = 0, bad = 0, n_small = 0;
    const char *first = NULL;
    uint64_t end;

    make_maps();
    if ( !check_rc_setup(set_map(big_map, BIG), "XENMEM_set_memory_map") )
        return;
    if ( !check_rc_setup(pv_vcpu_start(1, setter, stack1, sizeof(stack1)),
                         "starting vCPU 1") )
        return;
    end = pv_system_time(0) + RUN_NS;
    while ( pv_system_time(0) < end )
    {
        unsigned int n;
        const char *why = read_once(&n);

        reads++;
        n_small += n == SMALL;
        if ( why )
        {
            if ( !bad++ )
                first = why;
            if ( bad <= 3 )
                xtest_info("read %lu: %s (count %u)", reads, why, n);
        }
    }
    stop = true;
    printf("%lu reads (%lu of the small map) against %lu sets: %lu torn\n",
           reads, n_small, (unsigned long)sets, bad);
    check(!bad, "%lu of %lu reads were torn, first: %s", bad, reads, first);
    check_eq(set_errors, 0, "XENMEM_set_memory_map errors");
    check(sets > 0, "vCPU 1 never set the map");
}
