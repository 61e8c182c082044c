/*
 * cmdline.c - reading the kernel command line: from start_info, or, in a
 * PVH kernel, the copy pvh.c took of hvm_start_info's.
 *
 * Words are separated by spaces; a word is either "name" or
 * "name=value".  Tests and the library use it for switches such as
 * pvtest.hv=xen.
 */
#include <pv/kernel.h>
#include <pv/string.h>

const char *pvh_cmdline;

const char *kernel_cmdline(void)
{
    if ( pvh_cmdline )
        return pvh_cmdline;
    return start_info ? (const char *)start_info->cmd_line : "";
}

const char *kernel_cmdline_find(const char *name)
{
    const char *p = kernel_cmdline();
    size_t n = strlen(name);

    while ( *p )
    {
        while ( *p == ' ' )
            p++;
        if ( !strncmp(p, name, n) && (p[n] == '=' || p[n] == ' ' || !p[n]) )
            return p[n] == '=' ? p + n + 1 : p + n;
        while ( *p && *p != ' ' )
            p++;
    }
    return NULL;
}

bool kernel_cmdline_value(const char *name, char *buf, size_t size)
{
    const char *v = kernel_cmdline_find(name);
    size_t n = 0;

    if ( !v || !size )
        return false;
    while ( v[n] && v[n] != ' ' && n + 1 < size )
    {
        buf[n] = v[n];
        n++;
    }
    buf[n] = '\0';
    return true;
}
