#!/usr/bin/env bash
# Instruction-count gate (docs/performance.md, "Instruction-count gate"): runs one small
# scenario under valgrind's callgrind and compares the total instructions executed (Ir) with
# the committed baseline. Instruction counts are stable on shared, noisy machines; wall times
# are not. A count more than 3 % above the baseline fails, like a failing test; one more than
# 3 % below passes but asks for the baseline to be re-taken, so that the gain is kept.
#
# Usage: scripts/ci-instructions.sh            check (needs the normal RelWithDebInfo build)
#        scripts/ci-instructions.sh --update   re-take the baseline after a change meant to move
#                                              it; commit the file with that change
# Environment: PPUSIM the binary (default build/ppusim)
# The count depends on the compiler and its flags: take the baseline with scripts/build.sh's
# build on the CI image (Debian 12, g++ 12), as CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."

ppusim="${PPUSIM:-build/ppusim}"
scenario=bench/cluster-1k.json
baseline=bench/instructions-baseline.txt
tolerance_percent=3
case "${1:-}" in
  "" | --update) ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac
if [[ ! -x "$ppusim" ]]; then
  echo "ci-instructions: $ppusim not found; build it first (scripts/build.sh) or set PPUSIM" >&2
  exit 2
fi
command -v valgrind > /dev/null || { echo "ci-instructions: valgrind missing (scripts/setup.sh)" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
  "$ppusim" run "$scenario" --output "$work/run" --quiet > /dev/null 2> "$work/valgrind.log" || {
  cat "$work/valgrind.log" >&2
  echo "ci-instructions: the run failed under valgrind" >&2
  exit 2
}
measured="$(awk '$1 == "summary:" || $1 == "totals:" { print $2; exit }' "$work/callgrind.out")"
if [[ -z "$measured" ]]; then
  echo "ci-instructions: no instruction total in callgrind's output" >&2
  exit 2
fi

if [[ "${1:-}" == "--update" ]]; then
  printf '%s\n' "$measured" > "$baseline"
  echo "ci-instructions: baseline for $scenario is now $measured instructions ($baseline)"
  exit 0
fi
expected="$(tr -d '[:space:]' < "$baseline")"
change="$(awk -v m="$measured" -v e="$expected" 'BEGIN { printf "%+.2f", (m - e) * 100 / e }')"
echo "ci-instructions: $scenario: $measured instructions, baseline $expected ($change %)"
if awk -v c="$change" -v t="$tolerance_percent" 'BEGIN { exit !(c > t) }'; then
  echo "ci-instructions: FAIL: more than $tolerance_percent % slower than the baseline." >&2
  echo "  Find the cause (docs/performance.md: callgrind_annotate), or, if the cost is meant," >&2
  echo "  re-take the baseline: scripts/ci-instructions.sh --update, and commit $baseline." >&2
  exit 1
fi
if awk -v c="$change" -v t="$tolerance_percent" 'BEGIN { exit !(c < -t) }'; then
  echo "ci-instructions: more than $tolerance_percent % faster than the baseline: re-take it" \
    "(scripts/ci-instructions.sh --update) and commit $baseline, so the gain is kept."
fi
