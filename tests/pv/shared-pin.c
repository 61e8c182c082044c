/*
 * shared-pin.c - pages the hypervisor shares with a guest never become
 * the guest's page tables or descriptor pages.
 *
 * The hypervisor itself writes into a grant-table frame (and the status
 * frames of version 2, and shared_info): if the guest could pin one as an
 * L1..L4 table, or load it as an LDT, those writes would bypass page-table
 * validation and hand the guest mappings of any memory.  So, as on Xen, a
 * shared page holds a writable type for as long as it is shared: pinning
 * it is refused, whether or not the guest maps it (an LDT on it is
 * refused by the same type).
 * Found by the hypercall fuzzer, as pages that a destroyed domain left
 * pinned and so never freed.
 */
#include <pvtest.h>
#include <public/errno.h>
#include <public/grant_table.h>
#include <pv/mmops.h>

const char test_title[] = "shared-pin: shared pages cannot be pinned as tables";

/* Every pin of mfn must be refused, and leave nothing pinned. */
static void no_pins(unsigned long mfn, const char *what)
{
    for ( unsigned int lvl = 0; lvl < 4; lvl++ )
    {
        long rc = mmuext(MMUEXT_PIN_L1_TABLE + lvl, mfn);

        check(rc == -XEN_EINVAL || rc == -XEN_EBUSY,
              "pinning %s as L%u: %ld", what, lvl + 1, rc);
        if ( !rc )
            mmuext(MMUEXT_UNPIN_TABLE, mfn);
    }
}

void test_main(void)
{
    struct gnttab_setup_table st = { .dom = DOMID_SELF, .nr_frames = 1 };
    xen_pfn_t frame = 0;

    set_xen_guest_handle(st.frame_list, &frame);
    if ( !check_rc_setup(HYPERVISOR_grant_table_op(GNTTABOP_setup_table, &st, 1),
                         "setup_table") ||
         !check_eq(st.status, GNTST_okay, "setup_table status") )
        return;
    /* The grant frame is not mapped by us at all here. */
    no_pins(frame, "the grant-table frame");
    no_pins(start_info->shared_info >> PAGE_SHIFT, "shared_info");

}
