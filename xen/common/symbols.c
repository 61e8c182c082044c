/*
 * Address-to-symbol lookup over the generated table: addresses sorted
 * ascending, each with an offset into one string blob.  The first link pass
 * gets an empty table (symbols_count == 0), and lookups then simply fail.
 */
#include <xen/lib.h>
#include <xen/symbols.h>

extern const unsigned long symbols_count;
extern const unsigned long symbols_addrs[];
extern const unsigned int symbols_name_offs[];
extern const char symbols_names[];
extern const char _start[], _etext[];

const char *symbols_lookup(unsigned long addr, unsigned long *offset,
                           unsigned long *size)
{
    unsigned long lo = 0, hi, n;

    if ( !(n = symbols_count) ||
         addr < symbols_addrs[0] || addr >= (unsigned long)_etext )
        return NULL;

    /* Last symbol whose address is <= addr. */
    hi = n;
    while ( hi - lo > 1 )
    {
        unsigned long mid = lo + (hi - lo) / 2;

        if ( symbols_addrs[mid] <= addr )
            lo = mid;
        else
            hi = mid;
    }
    *offset = addr - symbols_addrs[lo];
    *size = (lo + 1 < n ? symbols_addrs[lo + 1] : (unsigned long)_etext) -
            symbols_addrs[lo];
    return &symbols_names[symbols_name_offs[lo]];
}

void symbols_format(char *buf, size_t len, unsigned long addr)
{
    unsigned long off, size;
    const char *name = symbols_lookup(addr, &off, &size);

    if ( name )
        snprintf(buf, len, "%s+%#lx/%#lx", name, off, size);
    else
        snprintf(buf, len, "%#lx", addr);
}
