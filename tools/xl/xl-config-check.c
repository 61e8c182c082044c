/*
 * xl-config-check [--schema FILE] CONFIG.xml
 * Loads a domain configuration the way xl will and prints what it
 * understood, one "key: value" per line; on error prints the one-line
 * message to stderr and exits 1.  Needs no hypervisor.
 */
#include <stdio.h>
#include <string.h>
#include "config.h"

static void print_uuid(const uint8_t *u)
{
    for ( int i = 0; i < 16; i++ )
        printf("%02x%s", u[i], (i == 3 || i == 5 || i == 7 || i == 9) ? "-" : "");
    printf("\n");
}

static void print_config(const struct xl_domain_config *c)
{
    printf("name: %s\n", c->name);
    printf("uuid: ");
    if ( c->has_uuid )
        print_uuid(c->uuid);
    else
        printf("(none)\n");
    printf("memory_kib: %llu\n", (unsigned long long)c->memory_kib);
    printf("current_memory_kib: %llu\n",
           (unsigned long long)c->current_memory_kib);
    printf("vcpus: %u\n", c->vcpus);
    printf("type: %s\n", c->pvh ? "pvh" : "pv");
    printf("kernel: %s\n", c->kernel);
    printf("initrd: %s\n", c->initrd[0] ? c->initrd : "(none)");
    printf("cmdline: %s\n", c->cmdline);
    printf("on_poweroff: %s\n", xl_action_name(c->on_poweroff));
    printf("on_reboot: %s\n", xl_action_name(c->on_reboot));
    printf("on_crash: %s\n", xl_action_name(c->on_crash));
    printf("console: %s\n", c->console ? "pty" : "none");
}

int main(int argc, char **argv)
{
    const char *schema = NULL;
    struct xl_domain_config c;
    char err[512];

    if ( argc == 4 && !strcmp(argv[1], "--schema") )
    {
        schema = argv[2];
        argv += 2;
        argc -= 2;
    }
    if ( argc != 2 )
    {
        fprintf(stderr, "usage: %s [--schema FILE] CONFIG.xml\n", argv[0]);
        return 2;
    }
    if ( xl_config_load_schema(argv[1], schema, &c, err, sizeof(err)) )
    {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    print_config(&c);
    return 0;
}
