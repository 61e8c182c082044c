/*
 * Identification strings of this build.  XEN_VERSION_STRING is what guests
 * see through XENVER_version/extraversion; the major/minor pair tells PV
 * kernels which ABI revision to expect, so it follows the Xen release whose
 * interface we implement.
 */
#ifndef XEN_VERSION_H
#define XEN_VERSION_H

#define XEN_PRODUCT          "Xen-compatible hypervisor"
#define XEN_VERSION_MAJOR    4
#define XEN_VERSION_MINOR    17
#define XEN_EXTRAVERSION     "-cr"
#define XEN_VERSION_STRING   "4.17-cr"
#define XEN_COMPILER         "gcc " __VERSION__
#define XEN_BUILD_DATE       __DATE__ " " __TIME__

#ifndef __ASSEMBLY__
/* Record the hypervisor command line for XENVER_commandline (once, at boot). */
void xen_version_save_cmdline(const char *cmdline);
#endif

#endif /* XEN_VERSION_H */
