#!/bin/sh
# Build and run the PV instruction-decoder unit test on the host
# (with ASan/UBSan when the compiler supports them).
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
    -I xen/include -I xen/arch/x86/include -I xen/arch/x86/pv \
    -o "$out/test_emul_decode" tests/unit/test_emul_decode.c \
    xen/arch/x86/pv/emul-decode.c

"$out/test_emul_decode"
