/*
 * Linux bzImage: find the compressed kernel inside and unpack it
 * (interface in libelf.h).
 *
 * The x86 boot protocol (Linux Documentation/arch/x86/boot.rst) puts a
 * setup header in the first sectors: "HdrS" at 0x202 and the protocol
 * version at 0x206.  From version 2.08 on, payload_offset (u32 at 0x248)
 * and payload_length (u32 at 0x24c) locate the compressed vmlinux,
 * relative to the protected-mode code that starts after the setup
 * sectors, (setup_sects + 1) * 512 bytes into the file (setup_sects at
 * 0x1f1; 0 means 4).  Linux appends the uncompressed size to the
 * compressed stream as a little-endian u32, so it is the payload's last
 * four bytes.  Only XZ payloads (and uncompressed ELF ones) are handled.
 */
#include "libelf-private.h"
#include "../xz/xz.h"

#define HDR_SETUP_SECTS     0x1f1
#define HDR_MAGIC           0x202
#define HDR_VERSION         0x206
#define HDR_PAYLOAD_OFFSET  0x248
#define HDR_PAYLOAD_LENGTH  0x24c
#define HDR_END             0x250
#define MIN_PAYLOAD_VERSION 0x208

static uint32_t get_le(const uint8_t *p, unsigned int n)
{
    uint32_t v = 0;

    for ( unsigned int i = 0; i < n; i++ )
        v |= (uint32_t)p[i] << (8 * i);
    return v;
}

/* Name the compression of a payload we cannot unpack, for the error. */
static const char *unsupported_format(const uint8_t *p, size_t len)
{
    static const struct {
        const char *magic;
        size_t len;
        const char *why;
    } formats[] = {
        { "\x1f\x8b", 2, "gzip-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
        { "BZh", 3, "bzip2-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
        { "\x5d\x00\x00", 3, "LZMA-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
        { "\x89LZO", 4, "LZO-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
        { "\x02\x21\x4c\x18", 4, "LZ4-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
        { "\x28\xb5\x2f\xfd", 4, "zstd-compressed kernel: not supported (use XZ or an ELF vmlinux)" },
    };

    for ( unsigned int i = 0; i < sizeof(formats) / sizeof(formats[0]); i++ )
        if ( len >= formats[i].len && !memcmp(p, formats[i].magic, formats[i].len) )
            return formats[i].why;
    return "bzImage payload in an unknown format";
}

/* The payload's format: sets comp and out_len, or returns the reason. */
static const char *classify_payload(struct bzimage_info *bz)
{
    const uint8_t *p = bz->payload;
    size_t len = bz->payload_len;

    if ( len >= 4 && !memcmp(p, "\x7f" "ELF", 4) )
    {
        bz->comp = BZ_NONE;
        bz->out_len = len;
        return NULL;
    }
    if ( len < 6 || memcmp(p, "\xfd" "7zXZ\0", 6) )
        return unsupported_format(p, len);
    /* Smallest .xz stream (header + index + footer) plus the size word. */
    if ( len < 32 + 4 )
        return "XZ payload is truncated";
    bz->comp = BZ_XZ;
    bz->out_len = get_le(p + len - 4, 4);
    if ( bz->out_len < sizeof(struct elf64_ehdr) )
        return "XZ payload claims an absurdly small kernel";
    if ( bz->out_len > BZIMAGE_MAX_OUTPUT )
        return "XZ payload claims a kernel larger than 256 MiB";
    return NULL;
}

int bzimage_probe(const void *image, size_t size, struct bzimage_info *bz,
                  const char **why)
{
    const uint8_t *img = image;
    uint64_t start, off, len;
    unsigned int sects;

    memset(bz, 0, sizeof(*bz));
    if ( !img || size < HDR_END || memcmp(img + HDR_MAGIC, "HdrS", 4) )
        return 0;
    if ( get_le(img + HDR_VERSION, 2) < MIN_PAYLOAD_VERSION )
    {
        *why = "bzImage boot protocol older than 2.08 (no payload fields)";
        return -EINVAL;
    }
    sects = img[HDR_SETUP_SECTS] ? img[HDR_SETUP_SECTS] : 4;
    start = (uint64_t)(sects + 1) * 512;
    off = get_le(img + HDR_PAYLOAD_OFFSET, 4);
    len = get_le(img + HDR_PAYLOAD_LENGTH, 4);
    if ( !elf_range_ok(start, off, size) ||
         !elf_range_ok(start + off, len, size) || len == 0 )
    {
        *why = "bzImage payload lies outside the image";
        return -EINVAL;
    }
    bz->payload = img + start + off;
    bz->payload_len = len;
    if ( (*why = classify_payload(bz)) != NULL )
        return -EINVAL;
    return 1;
}

int bzimage_decompress(const struct bzimage_info *bz, void *out,
                       size_t out_cap, const char **why)
{
    size_t got = 0;
    int rc;

    if ( out_cap < bz->out_len )
    {
        *why = "buffer too small for the decompressed kernel";
        return -EINVAL;
    }
    if ( bz->comp == BZ_NONE )
    {
        memcpy(out, bz->payload, bz->out_len);
        return 0;
    }
    /* The stream is followed by nothing but the 4-byte size word. */
    rc = xz_decode_buffer(bz->payload, bz->payload_len - 4, out, bz->out_len,
                          &got);
    if ( rc == XZ_ENOSPC )
        *why = "XZ payload is larger than its size word says";
    else if ( rc == XZ_EIO )
        *why = "XZ payload fails its integrity check";
    else if ( rc != XZ_OK )
        *why = "XZ payload is corrupt or uses an unsupported XZ feature";
    else if ( got != bz->out_len )
        *why = "XZ payload is smaller than its size word says";
    else
        return 0;
    return -EINVAL;
}
