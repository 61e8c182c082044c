/*
 * mkelf32: wrap the linked 64-bit hypervisor (xen-syms) into a 32-bit ELF
 * with a single loadable segment.
 *
 * Multiboot loaders enter in 32-bit mode and QEMU's Multiboot1 loader
 * refuses ELF64 files outright, so the bootable image is an ELF32 whose one
 * PT_LOAD holds every byte of the 64-bit image at its physical load address
 * (memsz covering .bss) and whose entry is the physical address of start.
 *
 * usage: mkelf32 <xen-syms> <output>
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMAGE_OFFSET 128

static void die(const char *what)
{
    fprintf(stderr, "mkelf32: %s\n", what);
    exit(1);
}

static unsigned char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    unsigned char *buf;
    long n;

    if ( !f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 )
        die("cannot read input");
    rewind(f);
    buf = malloc(n);
    if ( !buf || fread(buf, 1, n, f) != (size_t)n )
        die("cannot read input");
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph;
    uint64_t lo = UINT64_MAX, file_hi = 0, mem_hi = 0, voff = 0;
    unsigned char *in, *image;
    size_t len;
    unsigned int i;
    Elf32_Ehdr oh;
    Elf32_Phdr oph;
    static const unsigned char pad[IMAGE_OFFSET - sizeof(Elf32_Ehdr) -
                                   sizeof(Elf32_Phdr)];
    FILE *out;

    if ( argc != 3 )
        die("usage: mkelf32 <xen-syms> <output>");
    in = read_file(argv[1], &len);
    eh = (const Elf64_Ehdr *)in;
    if ( len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
         eh->e_ident[EI_CLASS] != ELFCLASS64 ||
         eh->e_phoff + (uint64_t)eh->e_phnum * sizeof(*ph) > len )
        die("input is not a 64-bit ELF file");
    ph = (const Elf64_Phdr *)(in + eh->e_phoff);

    for ( i = 0; i < eh->e_phnum; i++ )
    {
        if ( ph[i].p_type != PT_LOAD || !ph[i].p_memsz )
            continue;
        if ( ph[i].p_paddr < lo )
        {
            lo = ph[i].p_paddr;
            voff = ph[i].p_vaddr - ph[i].p_paddr;
        }
        if ( ph[i].p_paddr + ph[i].p_filesz > file_hi )
            file_hi = ph[i].p_paddr + ph[i].p_filesz;
        if ( ph[i].p_paddr + ph[i].p_memsz > mem_hi )
            mem_hi = ph[i].p_paddr + ph[i].p_memsz;
    }
    if ( lo == UINT64_MAX || mem_hi > UINT32_MAX )
        die("no loadable segment below 4 GiB");

    image = calloc(1, file_hi - lo);
    if ( !image )
        die("out of memory");
    for ( i = 0; i < eh->e_phnum; i++ )
    {
        if ( ph[i].p_type != PT_LOAD || !ph[i].p_filesz )
            continue;
        if ( ph[i].p_offset + ph[i].p_filesz > len )
            die("segment beyond end of file");
        memcpy(image + (ph[i].p_paddr - lo), in + ph[i].p_offset, ph[i].p_filesz);
    }

    memset(&oh, 0, sizeof(oh));
    memcpy(oh.e_ident, ELFMAG, SELFMAG);
    oh.e_ident[EI_CLASS] = ELFCLASS32;
    oh.e_ident[EI_DATA] = ELFDATA2LSB;
    oh.e_ident[EI_VERSION] = EV_CURRENT;
    oh.e_type = ET_EXEC;
    oh.e_machine = EM_386;
    oh.e_version = EV_CURRENT;
    oh.e_entry = (uint32_t)(eh->e_entry - voff);
    oh.e_phoff = sizeof(oh);
    oh.e_ehsize = sizeof(oh);
    oh.e_phentsize = sizeof(oph);
    oh.e_phnum = 1;

    memset(&oph, 0, sizeof(oph));
    oph.p_type = PT_LOAD;
    /* Multiboot headers are searched for at aligned file offsets, so the
     * image starts at an offset aligned like a page would be (mod 64). */
    oph.p_offset = IMAGE_OFFSET;
    oph.p_vaddr = oph.p_paddr = (uint32_t)lo;
    oph.p_filesz = (uint32_t)(file_hi - lo);
    oph.p_memsz = (uint32_t)(mem_hi - lo);
    oph.p_flags = PF_R | PF_W | PF_X;
    oph.p_align = 64;

    out = fopen(argv[2], "wb");
    if ( !out || fwrite(&oh, sizeof(oh), 1, out) != 1 ||
         fwrite(&oph, sizeof(oph), 1, out) != 1 ||
         fwrite(pad, 1, sizeof(pad), out) != sizeof(pad) ||
         fwrite(image, 1, file_hi - lo, out) != file_hi - lo || fclose(out) )
        die("cannot write output");
    return 0;
}
