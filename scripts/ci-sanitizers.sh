#!/usr/bin/env bash
# The whole test suite built with AddressSanitizer and UndefinedBehaviorSanitizer
# (-DPPUSIM_SANITIZE=ON, g++'s own runtimes) in build-asan/, then run; any sanitizer report,
# from the test process or from a ppusim process a test starts, fails it. .ci/run calls it
# after the normal build and tests; docs/robustness.md says what it checks and how long it takes.
# Usage: scripts/ci-sanitizers.sh [extra ctest arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
build=${PPUSIM_ASAN_BUILD:-build-asan}
mkdir -p "$build"
build=$(cd "$build" && pwd)  # absolute: the CLI tests run ppusim in temporary folders
start=$(date +%s)
# -O1 -g1: ASan's usual optimisation level, and line tables only (enough for its stack traces);
# quicker to build than -O2 -g, which matters in CI's 90 minutes on 2 cores.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" \
  -DPPUSIM_SANITIZE=ON > "$build/build.log" 2>&1 ||
  { cat "$build/build.log"; exit 1; }
cmake --build "$build" -j"$(nproc)" >> "$build/build.log" 2>&1 || { tail -n 80 "$build/build.log"; exit 1; }
built=$(date +%s)
echo "ci-sanitizers: build ok in $((built - start)) s (log in $build/build.log)"

# Reports go to files, one per process, not to stderr: the CLI tests compare ppusim's stderr
# byte for byte, and ASan prints a warning there in every run (below). Every report is fatal
# (the build passes -fno-sanitize-recover=all too); leaks included. detect_stack_use_after_return
# stays off: it moves locals to fake stacks, which SimGrid's own context switching cannot know.
logs="$build/sanitizer-logs"
rm -rf "$logs"
mkdir -p "$logs"
common="log_path=$logs/report:print_stacktrace=1:halt_on_error=1"
export ASAN_OPTIONS="$common:detect_leaks=1:detect_stack_use_after_return=0:check_initialization_order=1:strict_init_order=1"
export UBSAN_OPTIONS="$common"
status=0
# Left out here, run in the normal suite: the deadlock test. When SimGrid finds a deadlock it
# kills the blocked actors by unwinding their coroutine stacks (memory SimGrid allocates, not a
# thread stack), and ASan's no-return hook then reports a stack-buffer-overflow inside its own
# sigaltstack interceptor (PlatformUnpoisonStacks): a false positive of swapped contexts, not
# of ppusim's code (docs/robustness.md, "Sanitizers").
ctest --test-dir "$build" -j2 --output-on-failure -E "a SimGrid deadlock is an error" "$@" || status=$?

# SimGrid (Debian's libsimgrid, not built with ASan) runs each actor on a stack of its own and
# ends it by throwing an exception there. ASan's throw interceptor cannot tell that stack's
# bounds and warns, once per process: "WARNING: ASan is ignoring requested
# __asan_handle_no_return ... False positive error reports may follow ... issues/189". That
# warning, and only it, is expected; a false positive would still show up below as a report.
known='WARNING: ASan is ignoring requested __asan_handle_no_return|^False positive error reports may follow|^For details see https://github.com/google/sanitizers/issues/189'
findings=0
for report in "$logs"/report.*; do
  [ -e "$report" ] || continue
  if grep -vE "$known" "$report" | grep -q .; then
    echo "ci-sanitizers: sanitizer report $report:" >&2
    cat "$report" >&2
    findings=$((findings + 1))
  fi
done
echo "ci-sanitizers: tests done in $(($(date +%s) - built)) s; $(find "$logs" -type f | wc -l) processes logged, $findings with findings"
[ "$status" -eq 0 ] && [ "$findings" -eq 0 ]
