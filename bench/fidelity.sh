#!/usr/bin/env bash
# How much does cutting a training job into coarse segments change its simulated end time?
# Runs bench/fidelity-segments.json with its default segment_s (600 s) and with segment_s 1
# (about one segment per training step), then compares every job's end time.
# Usage: bench/fidelity.sh [path/to/ppusim]   (results: docs/engine.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed 's/"segment_s": 600/"segment_s": 1/' bench/fidelity-segments.json > "$work/fine.json"
for run in coarse fine; do
  scenario=bench/fidelity-segments.json
  [ "$run" = fine ] && scenario="$work/fine.json"
  start=$(date +%s.%N)
  "$ppusim" run "$scenario" --output "$work/$run" --quiet
  end=$(date +%s.%N)
  printf '%-6s wall %.2f s, %s\n' "$run" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    "$(grep -E '"(segments|flows)"' "$work/$run/report.json" | tr -d ' \n')"
done
# jobs.csv columns: id,outcome,ppus,held_ppus,leaves_spanned,submit_s,start_s,end_s,compute_s,reject_reason
# (10 columns: the fine run's start, end and compute are $17, $18, $19 after paste).
paste -d, "$work/coarse/jobs.csv" "$work/fine/jobs.csv" | awk -F, '
  NR > 1 && $2 == "finished" {
    coarse = $8 - $7; fine = $18 - $17; d = (coarse - fine) / fine; if (d < 0) d = -d;
    sum += d; n++; if (d > worst) worst = d;
    comm_c += coarse - $9; comm_f += fine - $19; run_f += fine;
  }
  END {
    printf "jobs compared: %d\n", n;
    printf "run time (end - start), coarse vs fine: mean |difference| %.3f %%, worst %.3f %%\n", 100 * sum / n, 100 * worst;
    printf "time not computing (communication + staging), all jobs: coarse %.0f s, fine %.0f s (%+.2f %%)\n",
           comm_c, comm_f, 100 * (comm_c - comm_f) / comm_f;
    printf "share of the jobs run time not computing (fine): %.1f %%\n", 100 * comm_f / run_f;
  }'
