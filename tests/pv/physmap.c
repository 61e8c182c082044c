/*
 * physmap.c - the pseudo-physical map calls of memory_op for a PV
 * domain.  XENMEM_memory_map answers -ENOSYS until a map is set (the
 * guest then assumes one RAM region of its size); XENMEM_set_memory_map
 * (for oneself, or any domain for the toolstack) sets it and memory_map
 * gives it back, at most as many entries as there is room for;
 * XENMEM_add_to_physmap is for translated guests only: -EACCES for a PV
 * one, -ENOSYS for the foreign space, -ESRCH for no such domain.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/memory.h>

const char test_title[] = "physmap: memory_map, set_memory_map, add_to_physmap";

struct e820e {
    uint64_t addr, size;
    uint32_t type;
} __attribute__((__packed__));

static long memory_map(struct e820e *buf, unsigned int room, unsigned int *n)
{
    struct xen_memory_map m = { .nr_entries = room };
    long rc;

    set_xen_guest_handle(m.buffer, buf);
    rc = HYPERVISOR_memory_op(XENMEM_memory_map, &m);
    *n = m.nr_entries;
    return rc;
}

static long set_map(domid_t dom, struct e820e *buf, unsigned int n)
{
    struct xen_foreign_memory_map f = { .domid = dom, .map = { .nr_entries = n } };

    set_xen_guest_handle(f.map.buffer, buf);
    return HYPERVISOR_memory_op(XENMEM_set_memory_map, &f);
}

static long add_to_physmap(domid_t dom, unsigned int space)
{
    struct xen_add_to_physmap a = { .domid = dom, .space = space, .gpfn = 0x50 };

    return HYPERVISOR_memory_op(XENMEM_add_to_physmap, &a);
}

void test_main(void)
{
    struct e820e set[2] = {
        { 0, 0x9f000, 1 },
        { 0x100000, (uint64_t)start_info->nr_pages * 4096 - 0x100000, 1 },
    }, got[4];
    unsigned int n = 0;

    check_eq(memory_map(got, 4, &n), -XEN_ENOSYS, "memory_map before a set");
    check_eq(set_map(DOMID_SELF, set, 2), 0, "set_memory_map");
    memset(got, 0, sizeof(got));
    check_eq(memory_map(got, 4, &n), 0, "memory_map after a set");
    check_eq(n, 2, "entries back");
    check(!memcmp(got, set, sizeof(set)), "memory_map differs from what was set");
    check_eq(memory_map(got, 1, &n), 0, "memory_map with room for one");
    check_eq(n, 1, "entries back with room for one");
    check_eq(set_map(0x7777, set, 2), -XEN_ESRCH, "set_memory_map of no domain");
    check_eq(set_map(DOMID_SELF, (void *)0x10, 2), -XEN_EFAULT,
             "set_memory_map from a bad buffer");

    check_eq(add_to_physmap(DOMID_SELF, XENMAPSPACE_shared_info), -XEN_EACCES,
             "add_to_physmap(shared_info) for a PV domain");
    check_eq(add_to_physmap(DOMID_SELF, XENMAPSPACE_grant_table), -XEN_EACCES,
             "add_to_physmap(grant_table) for a PV domain");
    check_eq(add_to_physmap(DOMID_SELF, XENMAPSPACE_gmfn_foreign), -XEN_ENOSYS,
             "add_to_physmap(gmfn_foreign)");
    check_eq(add_to_physmap(0x7777, XENMAPSPACE_shared_info), -XEN_ESRCH,
             "add_to_physmap for no domain");
}
