#!/bin/sh
# Build and run the command-line parser unit test on the host.
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
    -I xen/include -I xen/arch/x86/include \
    -o "$out/test_cmdline" tests/unit/test_cmdline.c \
    xen/common/cmdline.c xen/common/domu_spec.c xen/common/lib.c

"$out/test_cmdline"
