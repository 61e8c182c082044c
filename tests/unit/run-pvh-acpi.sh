#!/bin/sh
# Build and run the PVH builder's ACPI table test (tests/unit/
# test_pvh_acpi.c, tools/libs/guest/acpi.c) on the host, under ASan and
# UBSan when the compiler has them.
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
    -o "$out/test_pvh_acpi" tests/unit/test_pvh_acpi.c tools/libs/guest/acpi.c
"$out/test_pvh_acpi"
