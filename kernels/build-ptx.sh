#!/usr/bin/env bash
# Compiles every Tandem kernel to PTX with nvcc, once per element type, from the same sources the OpenCL backend
# builds: tandem_f32.ptx and tandem_f64.ptx, loaded by the CUDA backend from the class path.
# PTX is a build output: it is written under target/ and never committed.
#
# usage: kernels/build-ptx.sh [output-dir]      (default: kernels/target/classes/tandem/kernels/ptx)
# env:   NVCC (default nvcc), TANDEM_PTX_ARCH (default compute_75, the oldest virtual arch CUDA 13 accepts),
#        TANDEM_REQUIRE_NVCC=1 to fail instead of skipping when nvcc is absent.
# Exits non-zero when any kernel fails to compile, or when a kernel declared in the sources is missing from the PTX.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
src="$here/src/main/resources/tandem/kernels/src"
out="${1:-$here/target/classes/tandem/kernels/ptx}"
nvcc="${NVCC:-nvcc}"
arch="${TANDEM_PTX_ARCH:-compute_75}"

if ! command -v "$nvcc" >/dev/null 2>&1; then
    echo "build-ptx.sh: $nvcc not found; no PTX built (the CUDA backend will try NVRTC at run time)" >&2
    [ "${TANDEM_REQUIRE_NVCC:-0}" = "1" ] && exit 1
    exit 0
fi

mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One translation unit: the headers, then every kernel file listed in kernels.txt, in order.
unit="$work/tandem_all.cu"
{
    echo '#include "tandem_dialect.h"'
    echo '#include "tandem_ops.h"'
    echo '#include "tandem_layout.h"'
    grep -v -e '^#' -e '^[[:space:]]*$' "$src/kernels.txt" | while read -r f; do echo "#include \"$f\""; done
} > "$unit"

# Every kernel name declared in the sources, to check that each one reached the PTX under its C name.
expected="$(grep -ho 'KERNEL void [a-z_0-9]*' "$src"/*.cl | awk '{print $3}' | sort -u)"

status=0
for variant in f32:0 f64:1; do
    name="${variant%%:*}"
    f64="${variant##*:}"
    ptx="$out/tandem_$name.ptx"
    echo "build-ptx.sh: nvcc -ptx -arch=$arch ($name) -> $ptx"
    if ! "$nvcc" -ptx -arch="$arch" -std=c++17 -I"$src" -DTK_F64="$f64" -DTK_HAS_F64=1 "$unit" -o "$ptx"; then
        echo "build-ptx.sh: compile error in the $name kernels (see above)" >&2
        status=1
        continue
    fi
    for k in $expected; do
        if ! grep -q "\.entry $k(" "$ptx"; then
            echo "build-ptx.sh: kernel $k is missing from $ptx" >&2
            status=1
        fi
    done
done
exit $status
