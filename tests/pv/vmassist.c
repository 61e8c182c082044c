/*
 * vmassist.c - HYPERVISOR_vm_assist.
 *
 * Xen 4.17 accepts, for a 64-bit PV domain, every type of its x86 valid
 * mask: 4gb_segments (0), 4gb_segments_notify (1), writable_pagetables
 * (2), pae_extended_cr3 (3), architectural_iopl (4), runstate_update_flag
 * (5) and m2p_strict (32) -- the 32-bit-only ones (0, 1, 3) too, they are
 * simply meaningless here.  Every other number (6..31, 33..63, >= 64)
 * gives -EINVAL.  The type is checked before
 * the command, so an unknown command with a valid type gives -ENOSYS and
 * with an invalid one -EINVAL.  Enable and disable are idempotent.
 */
#include <pvtest.h>
#include <public/errno.h>

const char test_title[] = "vmassist: vm_assist types and commands";

static bool valid_type(unsigned int type)
{
    return type <= VMASST_TYPE_runstate_update_flag ||
           type == VMASST_TYPE_m2p_strict;
}

/* What the library runs with: writable page tables on, the rest off. */
static void restore(unsigned int type)
{
    HYPERVISOR_vm_assist(type == VMASST_TYPE_writable_pagetables ?
                         VMASST_CMD_enable : VMASST_CMD_disable, type);
}

static void test_type(unsigned int type)
{
    long en = HYPERVISOR_vm_assist(VMASST_CMD_enable, type);
    long en2 = HYPERVISOR_vm_assist(VMASST_CMD_enable, type);
    long dis = HYPERVISOR_vm_assist(VMASST_CMD_disable, type);
    long dis2 = HYPERVISOR_vm_assist(VMASST_CMD_disable, type);
    long want = valid_type(type) ? 0 : -XEN_EINVAL;

    restore(type);
    if ( valid_type(type) || type < 8 )
        xtest_info("type %u: enable %ld, enable %ld, disable %ld, "
                   "disable %ld", type, en, en2, dis, dis2);
    check(en == want && en2 == want && dis == want && dis2 == want,
          "type %u: rc %ld/%ld/%ld/%ld, expected %ld", type, en, en2, dis,
          dis2, want);
}

static void test_commands(void)
{
    check_eq(HYPERVISOR_vm_assist(2, VMASST_TYPE_architectural_iopl),
             -XEN_ENOSYS, "cmd 2, valid type");
    check_eq(HYPERVISOR_vm_assist(~0u, VMASST_TYPE_architectural_iopl),
             -XEN_ENOSYS, "cmd -1, valid type");
    check_eq(HYPERVISOR_vm_assist(2, 6), -XEN_EINVAL, "cmd 2, type 6");
    check_eq(HYPERVISOR_vm_assist(~0u, ~0u), -XEN_EINVAL, "cmd -1, type -1");
}

void test_main(void)
{
    static const unsigned int big[] = { 64, 65, 100, 0x80000000u, ~0u };
    unsigned int type;

    for ( type = 0; type < 64; type++ )
        test_type(type);
    for ( type = 0; type < ARRAY_SIZE(big); type++ )
        test_type(big[type]);
    test_commands();
    /* Writable page tables still work after the toggling. */
    check_eq(HYPERVISOR_vm_assist(VMASST_CMD_enable,
                                  VMASST_TYPE_writable_pagetables), 0,
             "re-enable writable_pagetables");
}
