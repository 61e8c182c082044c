/*
 * hello.c - the smallest PV test kernel: boot, print, power off.
 *
 * Proves the image is accepted as dom0, the entry path reaches C, the
 * console works and SCHEDOP_shutdown(poweroff) ends the domain.
 */
#include <pvtest.h>

const char test_title[] = "hello: console output and clean shutdown";

void test_main(void)
{
    printf("Hello from a PV test kernel (%s)\n", kernel_cmdline());
}
