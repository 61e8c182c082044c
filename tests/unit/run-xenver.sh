#!/bin/sh
# Build and run the xen_version / console_io hypercall unit test on the
# host (with ASan/UBSan when the compiler supports them).
set -e
cd "$(dirname "$0")/../.."
out=build/tests
mkdir -p "$out"
san="-fsanitize=address,undefined -fno-omit-frame-pointer"
if ! gcc $san -x c -o "$out/san-probe" - >/dev/null 2>&1 <<EOT
int main(void) { return 0; }
EOT
then san=""; fi
gcc -std=gnu11 -O1 -g -Wall -Wextra -Werror -Wno-unused-parameter $san \
    -I tests/unit/emul-shim -I xen/include -I xen/arch/x86/include \
    -I guest-pv/include \
    -o "$out/test_xenver_console" tests/unit/test_xenver_console.c \
    xen/common/version.c xen/common/console_hypercall.c

"$out/test_xenver_console"
