#!/bin/sh
# Turn `nm -n` output of the linked hypervisor into an assembly file holding
# the sorted table of text symbols that common/symbols.c searches.
# usage: gen-symbols.sh <xen-syms>|--empty > symbols.S
set -e
if [ "$1" = "--empty" ]; then list() { :; }; else list() { nm -n "$1"; }; fi
list "$1" | awk '
    BEGIN { n = 0 }
    $2 ~ /^[tTwW]$/ && $3 !~ /^\.L/ && $3 !~ /^__(start|stop)___/ {
        if ($1 == last) next            # one name per address is enough
        last = $1
        addr[n] = $1; name[n] = $3; n++
    }
    END {
        print "\t.section .rodata.symbols, \"a\", @progbits"
        print "\t.balign 8"
        print "\t.globl symbols_count, symbols_addrs, symbols_name_offs, symbols_names"
        print "symbols_count:\n\t.quad " n
        print "symbols_addrs:"
        for (i = 0; i < n; i++) print "\t.quad 0x" addr[i]
        print "symbols_name_offs:"
        off = 0
        for (i = 0; i < n; i++) { print "\t.long " off; off += length(name[i]) + 1 }
        print "symbols_names:"
        for (i = 0; i < n; i++) print "\t.asciz \"" name[i] "\""
    }'
