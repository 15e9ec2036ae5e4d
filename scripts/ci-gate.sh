#!/usr/bin/env bash
# The project's CI gate on cluster metrics (docs/ci.md): simulates configs/small-test.json and
# checks its report against the committed baseline tests/data/ci-baseline.json under
# configs/gate/ci-tolerances.json. Exit 0 all metrics within tolerance, 1 a regression, 2 bad input.
#
# Usage: scripts/ci-gate.sh            check (needs a build: scripts/build.sh)
#        scripts/ci-gate.sh --update   rewrite the baseline from this run, after a change that is
#                                      meant to move the numbers; commit it with that change
# Environment: PPUSIM        the binary (default build/ppusim)
#              CI_GATE_JUNIT also write the results as JUnit XML to this file
set -euo pipefail
cd "$(dirname "$0")/.."

ppusim="${PPUSIM:-build/ppusim}"
baseline=tests/data/ci-baseline.json
tolerances=configs/gate/ci-tolerances.json
case "${1:-}" in
  "" | --update) ;;
  *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

if [[ ! -x "$ppusim" ]]; then
  echo "ci-gate: $ppusim not found; build it first (scripts/build.sh) or set PPUSIM" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$ppusim" run configs/small-test.json --output "$work/run" --quiet

if [[ "${1:-}" == "--update" ]]; then
  "$ppusim" baseline "$work/run/report.json" --output "$baseline"
  echo "ci-gate: baseline updated; review the numbers with git diff $baseline and commit it"
  exit 0
fi

junit=()
if [[ -n "${CI_GATE_JUNIT:-}" ]]; then junit=(--junit "$CI_GATE_JUNIT"); fi
status=0
"$ppusim" check "$work/run/report.json" --baseline "$baseline" --tolerances "$tolerances" "${junit[@]}" ||
  status=$?
if [[ $status -eq 1 ]]; then
  echo "ci-gate: metrics moved beyond $tolerances. If the change is intended, update the baseline" \
       "with scripts/ci-gate.sh --update and commit it (docs/ci.md)." >&2
fi
exit "$status"
