#!/usr/bin/env bash
# Wall time and peak memory of `ppusim run` as jobs and PPUs grow, as a Markdown table.
# Variants are derived from bench/month-100k.json (same hardware, generator and arrival rate
# per PPU); only the job count, the span, the cluster size and the largest job change.
# Usage: bench/scaling.sh [path/to/ppusim]   (results: docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# variant NAME PPUS JOBS DAYS MAX_PPUS
variant() {
  local seconds=$(($4 * 86400))
  sed -e "s/\"name\": \"month-100k\"/\"name\": \"$1\"/" \
      -e "s/\"ppus\": 100000/\"ppus\": $2/" \
      -e "s/\"jobs\": 1000000,/\"jobs\": $3,/" \
      -e "s/\"duration_s\": 2592000,/\"duration_s\": $seconds,/" \
      -e "s/\"horizon_s\": 2592000,/\"horizon_s\": $seconds,/" \
      -e "s/\"max_ppus\": 16384,/\"max_ppus\": $5,/" \
      bench/month-100k.json > "$work/$1.json"
}

measure() {
  local scenario=$1
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$work/time" "$ppusim" run "$scenario" --output "$work/out" --quiet
    read -r wall kb < "$work/time"
    echo "$wall s | $((kb / 1024)) MiB"
  else
    local start end
    start=$(date +%s.%N); "$ppusim" run "$scenario" --output "$work/out" --quiet; end=$(date +%s.%N)
    echo "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }') s | (no /usr/bin/time)"
  fi
}

echo "| scenario | PPUs | jobs | simulated days | wall | peak RSS | network jobs | flows |"
echo "|---|---|---|---|---|---|---|---|"
row() {
  local name=$1
  local result
  result=$(measure "$work/$name.json")
  local network flows
  network=$(grep -o '"network_jobs": [0-9]*' "$work/out/report.json" | grep -o '[0-9]*$')
  flows=$(grep -o '"flows": [0-9]*' "$work/out/report.json" | grep -o '[0-9]*$')
  echo "| $name | $2 | $3 | $4 | $result | $network | $flows |"
}
for spec in "ppu1k 1000 1000 3 512" "ppu10k 10000 10000 3 4096" "ppu100k 100000 100000 3 16384" \
            "jobs300k 100000 300000 9 16384" "month-100k 100000 1000000 30 16384"; do
  set -- $spec
  variant "$@"
  row "$@"
done
