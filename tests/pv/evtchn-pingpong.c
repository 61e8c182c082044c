/*
 * evtchn-pingpong.c - dom0 <-> domU round trips on the 2-level event ABI
 * (the test itself is in pingpong.h).
 *
 * pvtest-domU: name=peer,mem=16M self
 * pvtest-timeout: 120
 */
#include "pingpong.h"

const char test_title[] = "evtchn-pingpong: 10,000 round trips dom0 <-> domU";

static void pingpong_abi_init(void)
{
}

static bool port_pending(evtchn_port_t port)
{
    return evtchn_pending(port);
}

static void port_clear(evtchn_port_t port)
{
    evtchn_clear(port);
}
