#!/usr/bin/env bash
# Placement cost of fractional-PPU jobs at 100,000 PPUs: bench/month-100k.json's hardware and
# scheduler, with its generator replaced by a trace of JOBS one-PPU jobs of 100..1000
# thousandths (ppu_milli), written by awk from the Park-Miller generator (exact in doubles: the same file
# every time), arriving over SPAN seconds (default 12 h, so that about half the PPUs are shared).
# Prints the run's summary and its wall time and peak memory.
# Usage: bench/fractional.sh [path/to/ppusim] [JOBS] [SPAN]   (results: docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
jobs=${2:-1000000}
span=${3:-43200}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

awk -v n="$jobs" -v span="$span" 'BEGIN {
  x = 12345
  for (i = 1; i <= n; ++i) {
    x = (x * 16807) % 2147483647; milli = 100 * (1 + x % 10)
    x = (x * 16807) % 2147483647; runtime = 60 + x % 7200
    printf "{\"id\": \"f%d\", \"submit_s\": %.3f, \"ppus\": 1, \"ppu_milli\": %d, \"duration_s\": %d}\n",
           i, (i - 1) * span / n, milli, runtime
  }
}' >"$work/fractional.jsonl"

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
scenario = json.load(open("bench/month-100k.json"))
scenario["name"] = "fractional-100k"
scenario["workload"] = {"trace": work + "/fractional.jsonl"}
json.dump(scenario, open(work + "/fractional.json", "w"), indent=1)
PY

/usr/bin/time -f "%e s wall, %M KB peak" "$ppusim" run "$work/fractional.json" --output "$work/out"
