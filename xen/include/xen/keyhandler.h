/*
 * Serial input routing and the hypervisor's debug keys
 * (xen/common/keyhandler.c).
 */
#ifndef XEN_KEYHANDLER_H
#define XEN_KEYHANDLER_H

/* Start polling the console for input (after the domains exist). */
void console_input_start(void);
/* Run the handler of one debug key. */
void handle_debug_key(char key);
/* The scheduler's part of a dump: each CPU's current and queued vCPUs. */
void sched_dump(void);

#endif /* XEN_KEYHANDLER_H */
