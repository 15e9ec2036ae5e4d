#!/usr/bin/env bash
# Keeps the fuzz targets (fuzz/, docs/robustness.md) buildable and their seeds clean: builds
# every libFuzzer target with clang, ASan and UBSan in build-fuzz/, then runs each once over its
# seed corpus (fuzz/seeds.sh: configs, test data, shipped trace excerpts) and its saved
# regression inputs, without mutating them. Not a fuzz campaign (fuzz/run.sh is); it catches a
# target that no longer links, and any seed that crashes under clang's sanitizers (which, unlike
# g++'s, check float-to-integer overflow). The whole-pipeline target (pipeline) links the whole
# model, so its seeds also run the engine and every report writer. .ci/run calls it last.
# Usage: scripts/ci-fuzz-smoke.sh
set -euo pipefail
shopt -s nullglob
cd "$(dirname "$0")/.."
./scripts/setup.sh --fuzz
build=${PPUSIM_FUZZ_BUILD:-build-fuzz}
mkdir -p "$build"
start=$(date +%s)
targets=$(sed -n 's/^set(PPUSIM_FUZZ_TARGETS \(.*\))$/\1/p' fuzz/CMakeLists.txt)
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPPUSIM_FUZZ=ON \
  > "$build/build.log" 2>&1 || { cat "$build/build.log"; exit 1; }
# shellcheck disable=SC2046  # one word per target
cmake --build "$build" -j"$(nproc)" --target $(printf 'fuzz_%s ' $targets) >> "$build/build.log" 2>&1 ||
  { tail -n 60 "$build/build.log"; exit 1; }
echo "ci-fuzz-smoke: built $(echo $targets | wc -w) targets in $(($(date +%s) - start)) s"

export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in $targets; do
  work="$build/fuzz/$target"
  fuzz/seeds.sh "$target" "$work/smoke-seeds" > /dev/null
  inputs=("$work"/smoke-seeds/*)
  for regression in tests/data/regressions/"$target"/*; do inputs+=("$regression"); done
  # Given files rather than folders, libFuzzer runs each input once and stops.
  if "$build/fuzz/fuzz_$target" -rss_limit_mb=2048 -timeout=60 "${inputs[@]}" > "$work/smoke.log" 2>&1; then
    echo "ci-fuzz-smoke: $target: ${#inputs[@]} inputs, no finding"
  else
    echo "ci-fuzz-smoke: $target: FAILED (log: $work/smoke.log)" >&2
    tail -n 30 "$work/smoke.log" >&2
    status=1
  fi
done
echo "ci-fuzz-smoke: done in $(($(date +%s) - start)) s"
exit "$status"
