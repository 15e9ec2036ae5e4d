#!/usr/bin/env bash
# Build cost of every topology kind at 100,000 PPUs, as a Markdown table: wall time and peak
# memory of `ppusim topology` (the Boost.Graph physical model and its analysis) and of a run
# that only builds the SimGrid platform (one job, a 1 s horizon), with /usr/bin/time.
# Target (issue #3): each ≤ 10 s and ≤ 1 GiB.
# Usage: bench/topology-build.sh [path/to/ppusim]   (results: docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the scenario with one job and a 1 s horizon: the run is the platform build.
build_only() {
  jq '.workload.generator.jobs = 1 | .simulation.horizon_s = 1 | .workload.generator.duration_s = 1' "$1" \
    > "$work/build-only.json"
  echo "$work/build-only.json"
}

# "wall | peak RSS | CPU": on a shared machine the wall time includes waiting for a core, the
# CPU time does not.
timed() {
  /usr/bin/time -f '%e %M %U %S' -o "$work/time" "$@" > /dev/null
  read -r wall kb user sys < "$work/time"
  echo "$wall s | $((kb / 1024)) MiB | $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }') s"
}

echo "| scenario | kind | PPUs | topology: wall | peak RSS | CPU | run, platform only: wall | peak RSS | CPU |"
echo "|---|---|---|---|---|---|---|---|---|"
for scenario in configs/reference-100k.json configs/hpn-100k.json bench/dragonfly-100k.json bench/torus-100k.json \
  bench/torus-100k-chips.json; do
  kind=$(jq -r .topology.kind "$scenario")
  ppus=$(jq -r '.cluster.ppus // (.cluster.nodes * .node.ppus_per_node)' "$scenario")
  analysis=$(timed "$ppusim" topology "$scenario")
  run=$(timed "$ppusim" run "$(build_only "$scenario")" --output "$work/out" --quiet)
  echo "| $(basename "$scenario" .json) | $kind | $ppus | $analysis | $run |"
done
