/*
 * Forced into every hypervisor compilation unit (-include).  The image is
 * linked at 0xffff82d040000000, outside both the low and the top 2 GiB, so
 * code is compiled position-independent (RIP-relative).  Declaring every
 * symbol hidden stops the compiler from going through a GOT for symbols
 * defined in other files: the image is one static blob.
 */
#pragma GCC visibility push(hidden)
