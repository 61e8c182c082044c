/*
 * crc.c - CRC32 and CRC64 as used by the .xz format.
 *
 * Offers xz_crc32() and xz_crc64() (see xz_private.h).  Both are the
 * reflected (LSB-first) variants with all-ones initial value and final
 * inversion: CRC32 uses the IEEE 802.3 polynomial, CRC64 the ECMA-182 one.
 *
 * CRC32 checks the whole ~65 MB kernel, so it processes four bytes per
 * step with four 256-entry tables (4 KiB); CRC64 is only used by other
 * inputs and keeps a single 2 KiB table.  The tables are filled on first
 * use; building them twice (e.g. by two CPUs racing) writes the same
 * values, so the lazy initialisation is harmless.
 */
#include "xz_private.h"

#define CRC32_POLY  0xedb88320u
#define CRC64_POLY  0xc96c5795d7870f42ull

/* crc32_table[k][n]: CRC of byte n followed by k zero bytes. */
static uint32_t crc32_table[4][256];
static uint64_t crc64_table[256];
static bool crc32_ready;
static bool crc64_ready;

static void crc32_build(void)
{
    unsigned int n, k;

    for ( n = 0; n < 256; n++ )
    {
        uint32_t r = n;

        for ( k = 0; k < 8; k++ )
            r = (r >> 1) ^ (CRC32_POLY & (0u - (r & 1)));
        crc32_table[0][n] = r;
    }
    for ( n = 0; n < 256; n++ )
        for ( k = 1; k < 4; k++ )
        {
            uint32_t prev = crc32_table[k - 1][n];

            crc32_table[k][n] = (prev >> 8) ^ crc32_table[0][prev & 0xff];
        }
    crc32_ready = true;
}

static void crc64_build(void)
{
    unsigned int n, k;

    for ( n = 0; n < 256; n++ )
    {
        uint64_t r = n;

        for ( k = 0; k < 8; k++ )
            r = (r >> 1) ^ (CRC64_POLY & (0ull - (r & 1)));
        crc64_table[n] = r;
    }
    crc64_ready = true;
}

uint32_t xz_crc32(const uint8_t *buf, size_t len, uint32_t crc)
{
    size_t i;

    if ( !crc32_ready )
        crc32_build();

    /* Inverting on entry and exit lets callers chain partial results. */
    crc = ~crc;
    for ( i = 0; i + 4 <= len; i += 4 )
    {
        crc ^= xz_get_le32(buf + i);
        crc = crc32_table[3][crc & 0xff] ^
              crc32_table[2][(crc >> 8) & 0xff] ^
              crc32_table[1][(crc >> 16) & 0xff] ^
              crc32_table[0][crc >> 24];
    }
    for ( ; i < len; i++ )
        crc = crc32_table[0][(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}

uint64_t xz_crc64(const uint8_t *buf, size_t len, uint64_t crc)
{
    size_t i;

    if ( !crc64_ready )
        crc64_build();

    crc = ~crc;
    for ( i = 0; i < len; i++ )
        crc = crc64_table[(crc ^ buf[i]) & 0xff] ^ (crc >> 8);
    return ~crc;
}
