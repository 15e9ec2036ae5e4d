#!/usr/bin/env bash
# Builds one libFuzzer target (fuzz/fuzz_targets.hpp) with clang, ASan and UBSan, and runs it
# for EXECS executions from its seed corpus (fuzz/seeds.sh). Fuzzing is not part of CI; the
# inputs it once crashed on are (tests/data/regressions/, tests/test_robustness.cpp).
#
# Usage: fuzz/run.sh TARGET EXECS [libFuzzer options...]
#   fuzz/run.sh scenario 1000000
#   fuzz/run.sh trace_jsonl 1000000 -jobs=2 -workers=2
# Needs clang and libFuzzer: `scripts/setup.sh --fuzz` installs them (Debian 12 packages).
# Outputs under $PPUSIM_FUZZ_BUILD (default build-fuzz/): fuzz/TARGET/corpus (grows from run
# to run), fuzz/TARGET/artifacts (crash-*, leak-*, timeout-*, oom-*), fuzz/TARGET/last-run.log.
# Exit status: 0 when the run found nothing, libFuzzer's (non-zero) status otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: fuzz/run.sh TARGET EXECS [libFuzzer options...]"
target=${1:?$usage}
execs=${2:?$usage}
shift 2
build=${PPUSIM_FUZZ_BUILD:-build-fuzz}

if ! command -v clang++ > /dev/null; then
  echo "fuzz/run.sh: clang++ not found; install it with scripts/setup.sh --fuzz" >&2
  exit 1
fi
mkdir -p "$build"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPPUSIM_FUZZ=ON \
  > "$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
cmake --build "$build" --target "fuzz_$target" -j"$(nproc)" >> "$build/build.log" 2>&1 ||
  { tail -n 60 "$build/build.log"; exit 1; }

work="$build/fuzz/$target"
fuzz/seeds.sh "$target" "$work/seeds"
mkdir -p "$work/corpus" "$work/artifacts"

# Leaks count as failures (on by default with ASan; said here because they are part of the
# check). A huge allocation is a crash, not a null pointer, so that it is reported.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# -max_len: the largest seed (a full scenario) is under 4 KiB; twice that leaves room to grow.
# -timeout: no input may take 10 s (a hang). -rss_limit_mb: no input may need 2 GiB.
command=("$build/fuzz/fuzz_$target" -runs="$execs" -max_len=8192 -timeout=10 -rss_limit_mb=2048
  -dict="$work/seeds.dict" -artifact_prefix="$work/artifacts/" -print_final_stats=1 "$@"
  "$work/corpus" "$work/seeds")
echo "fuzz/run.sh: ${command[*]}"
start=$(date +%s)
set +e
# The full log is kept; the terminal gets the start, the crashes and the final statistics.
"${command[@]}" 2>&1 | tee "$work/last-run.log" | grep -vE '^#[0-9]+.*(NEW|REDUCE|pulse)|NEW_FUNC|# Uses: '
status=${PIPESTATUS[0]}
set -e
seconds=$(($(date +%s) - start))
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/last-run.log" | tail -n 1)
echo "fuzz/run.sh: $target: ${runs:-?} executions in ${seconds} s, exit status $status"
if [ "$status" -ne 0 ]; then
  echo "fuzz/run.sh: reproducers in $work/artifacts/: save each as tests/data/regressions/$target/NAME," \
    "fix the parser, and run the tests (tests/test_robustness.cpp feeds them all)." >&2
fi
exit "$status"
