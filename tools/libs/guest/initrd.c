/*
 * The initrd, sized and copied as Xen 4.17's xc_dom_build_module() does
 * for module 0:
 *   - a file that starts with the gzip magic and whose trailer claims at
 *     most 1 GiB unpacked is given max(claimed + 16, file size) bytes,
 *     and is inflated into them; if inflating fails the file itself is
 *     copied instead (the space stays what the trailer asked for);
 *   - anything else is copied as it is;
 *   - more than 1 GiB either way is refused.
 * The bytes after the data, up to the end of the space, are zero.  The
 * trailer is the file's claim, not a fact: the decoder writes no more
 * than the space and checks the CRC-32 and length it finds.
 */
#include <errno.h>
#include <string.h>
#include "guest-private.h"

#define MODULE_MAX      (1ULL << 30)

int gb_initrd_size(struct gb *b)
{
    const uint8_t *in = b->p->initrd;
    uint64_t len = b->p->initrd_len, unzip = 0, size;

    if ( len >= 6 && in[0] == 0x1f && in[1] == 0x8b )
    {
        uint64_t claim = in[len - 4] | (in[len - 3] << 8) |
                         (in[len - 2] << 16) | ((uint64_t)in[len - 1] << 24);

        if ( claim <= MODULE_MAX )
            unzip = claim + 16;
    }
    size = unzip > len ? unzip : len;
    if ( unzip && size > MODULE_MAX )
    {
        size = unzip < len ? unzip : len;
        if ( unzip > size )
            unzip = 0;
    }
    if ( size > MODULE_MAX )
        return gb_fail(b, -EINVAL, "initrd: %llu bytes is more than the 1 GiB"
                       " a module may have", (unsigned long long)size);
    b->initrd_size = size;
    b->initrd_unzip = unzip;
    return 0;
}

/* Fill dst (cap bytes, cap >= b->initrd_size) with the initrd. */
int gb_initrd_load(struct gb *b, uint8_t *dst, uint64_t cap)
{
    size_t n;

    if ( b->initrd_unzip &&
         gb_gunzip(b->p->initrd, b->p->initrd_len, dst, b->initrd_unzip, &n) == 0 )
    {
        memset(dst + n, 0, cap - n);
        return 0;
    }
    /* Only a file over 1 GiB whose trailer claims less gets here. */
    if ( b->p->initrd_len > cap )
        return gb_fail(b, -EINVAL, "initrd: gzip data does not inflate and"
                       " the file (%zu bytes) is larger than its space",
                       b->p->initrd_len);
    memcpy(dst, b->p->initrd, b->p->initrd_len);
    memset(dst + b->p->initrd_len, 0, cap - b->p->initrd_len);
    return 0;
}
