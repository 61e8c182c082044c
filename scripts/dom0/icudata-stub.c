/* SPDX-License-Identifier: MIT */
/*
 * A stand-in for ICU's 30 MB data library in the dom0 initramfs.
 *
 * libicuuc needs one symbol from libicudata: the common data package,
 * named icudt<version>_dat.  This file provides it as a valid package
 * with an empty table of contents, built with the real library's soname.
 * Everything of ICU that needs no data keeps working; anything that
 * looks data up (converters for legacy encodings, collation ...) gets
 * ICU's ordinary "data missing" error.  libxml2 reaches ICU only for
 * documents in encodings it does not handle itself (UTF-8, UTF-16,
 * ISO-8859-1 and ASCII are built in), so the XML configs xl reads lose
 * nothing.  DOM0_ICU=full in scripts/mkdom0-initramfs.sh ships the real
 * library instead.  ICU_DATA_SYMBOL is set by the build.
 */
#include <stdint.h>

struct icu_common_data {
    uint16_t header_size;       /* bytes before the table of contents */
    uint8_t magic1, magic2;     /* 0xda 0x27: an ICU data header */
    struct {
        uint16_t size;          /* of this info block: 20 */
        uint16_t reserved;
        uint8_t big_endian;
        uint8_t charset_family; /* 0: ASCII */
        uint8_t sizeof_uchar;   /* 2 */
        uint8_t reserved2;
        uint8_t format[4];      /* "ToCP": a package with a table */
        uint8_t format_version[4];
        uint8_t data_version[4];
    } info;
    uint8_t pad[8];             /* up to header_size */
    uint32_t toc_count;         /* no entries */
};

__attribute__((visibility("default")))
const struct icu_common_data ICU_DATA_SYMBOL = {
    .header_size = 32,
    .magic1 = 0xda, .magic2 = 0x27,
    .info = {
        .size = 20,
        .sizeof_uchar = 2,
        .format = { 'T', 'o', 'C', 'P' },
        .format_version = { 1, 0, 0, 0 },
    },
    .toc_count = 0,
};
