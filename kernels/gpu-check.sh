#!/usr/bin/env bash
# Checks Tandem's CUDA backend on a machine with an NVIDIA GPU, start to finish in a few minutes:
#   1. compiles every kernel to PTX with nvcc (kernels/build-ptx.sh, failing on any error);
#   2. runs the CUDA device contract (every op against the CPU, odd shapes, strided inputs, F32 and F64, the fused
#      kernels counted launch by launch), the F64 gradient checks on the device, and training steps of the tiny
#      proposed model against the CPU (parameters, gradients and Adam state never leaving the GPU);
#   3. prints the device benchmark rows (./tandem bench --device cuda: GEMM, conv v1 and v2, fused ops and their
#      composites, GFLOP/s and GB/s);
# and ends with one summary line. Where no NVIDIA GPU exists it says so and exits 0.
#
# usage: kernels/gpu-check.sh        env: TANDEM_GPU_CHECK_BENCH=0 skips the benchmark rows
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)

gpu=""
if command -v nvidia-smi >/dev/null 2>&1; then gpu="$(nvidia-smi -L 2>/dev/null | head -1)"; fi
if [[ -z "$gpu" ]]; then
  echo "gpu-check: no NVIDIA GPU on this machine (nvidia-smi lists none); nothing to check"
  exit 0
fi
echo "gpu-check: $gpu"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
failed=()

# 1. PTX, into the class path the CUDA backend reads (target/classes/tandem/kernels/ptx)
mvn -B -ntp -q -pl kernels -am compile || failed+=("compile")
if TANDEM_REQUIRE_NVCC=1 kernels/build-ptx.sh; then
  ptx="PTX built ($(grep -c '^\.visible \.entry' kernels/target/classes/tandem/kernels/ptx/tandem_f32.ptx) kernels)"
else
  ptx="PTX FAILED"
  failed+=("ptx")
fi

# 2. the CUDA tests (no clean: the PTX stays where the tests find it)
tests='CudaBackendTest,CudaGradCheckTest,CudaTrainingTest'
mvn -B -ntp -pl tensor,kernels,autograd,nn,emotion -am test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false \
  2>&1 | tee "$log" | grep -E '^\[device tests\]|^\[device training\]|Tests run:|FAIL' || true
grep -q 'BUILD SUCCESS' "$log" || failed+=("tests")
contract="$(grep -h '^\[device tests\] cuda' "$log" | grep -v ' is ' | tail -1)"
[[ "$contract" =~ cuda:[0-9]+:\ [1-9][0-9]*\ ran\ \([0-9]+\ passed,\ 0\ failed\) ]] || failed+=("contract did not run on the GPU")
ran="$(grep -cE 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0, .* in tandem\.(autograd\.CudaGradCheckTest|emotion\.device\.CudaTrainingTest)$' "$log" || true)"
[[ "$ran" == 2 ]] || failed+=("gradient checks or training steps skipped")

# 3. the device benchmark rows
rows=0
if [[ "${TANDEM_GPU_CHECK_BENCH:-1}" != 0 ]]; then
  bench="$(mktemp)"
  ./tandem bench --device cuda > "$bench" 2>&1 || failed+=("bench")
  grep -v '^bench ' "$bench"
  rows="$(grep -c '^bench op=' "$bench" || true)"
  rm -f "$bench"
fi

secs=$(( $(date +%s) - start ))
if [[ ${#failed[@]} -eq 0 ]]; then
  echo "gpu-check: PASS on ${gpu%% (UUID*}: $ptx; ${contract#\[device tests\] }; gradient checks and training steps ran; $rows bench rows; ${secs}s"
else
  echo "gpu-check: FAIL (${failed[*]}) on ${gpu%% (UUID*}: $ptx; ${contract:-no contract summary}; $rows bench rows; ${secs}s"
  exit 1
fi
