#!/bin/sh
# Build and run the MCFG area unit test (arch/x86/mcfg_areas.c) on the
# host, with AddressSanitizer/UBSan when the compiler has them.
set -e
cd "$(dirname "$0")/../.."
out=build/tests
mkdir -p "$out"
san="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if ! gcc $san -x c -o "$out/san-probe" - >/dev/null 2>&1 <<EOT
int main(void) { return 0; }
EOT
then san=""; fi
gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror $san \
    -I xen/include -I xen/arch/x86/include -I guest-pv/include \
    -o "$out/test_mcfg" tests/unit/test_mcfg.c xen/arch/x86/mcfg_areas.c
"$out/test_mcfg"
