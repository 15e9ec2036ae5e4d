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
# The finished jobs of a run's jobs.csv as "id start_s end_s compute_s", columns found by
# their header names (jobs.csv has gained columns before: docs/report.md), sorted by id.
finished_jobs() {
  awk -F, '
    NR == 1 {
      for (i = 1; i <= NF; i++) col[$i] = i;
      fields = NF;
      split("id outcome start_s end_s compute_s", needed, " ");
      for (k in needed) if (!(needed[k] in col)) {
        print "fidelity.sh: " FILENAME ": no column " needed[k] > "/dev/stderr"; exit 1;
      }
      next;
    }
    NF != fields { print "fidelity.sh: " FILENAME ":" NR ": " NF " fields, expected " fields > "/dev/stderr"; exit 1 }
    $col["outcome"] == "finished" { print $col["id"], $col["start_s"], $col["end_s"], $col["compute_s"] }
  ' "$1" | sort
}
finished_jobs "$work/coarse/jobs.csv" > "$work/coarse.jobs"
finished_jobs "$work/fine/jobs.csv" > "$work/fine.jobs"
# Joined on the id: id, coarse start end compute, fine start end compute.
join "$work/coarse.jobs" "$work/fine.jobs" | awk '
  {
    coarse = $3 - $2; fine = $6 - $5; d = (coarse - fine) / fine; if (d < 0) d = -d;
    sum += d; n++; if (d > worst) worst = d;
    comm_c += coarse - $4; comm_f += fine - $7; run_f += fine;
  }
  END {
    if (n == 0) { print "fidelity.sh: no job finished in both runs" > "/dev/stderr"; exit 1 }
    printf "jobs compared: %d\n", n;
    printf "run time (end - start), coarse vs fine: mean |difference| %.3f %%, worst %.3f %%\n", 100 * sum / n, 100 * worst;
    printf "time not computing (communication + staging), all jobs: coarse %.0f s, fine %.0f s (%+.2f %%)\n",
           comm_c, comm_f, 100 * (comm_c - comm_f) / comm_f;
    printf "share of the jobs run time not computing (fine): %.1f %%\n", 100 * comm_f / run_f;
  }'
