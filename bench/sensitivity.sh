#!/usr/bin/env bash
# Which input moves which column, by how much: each row changes one input of one shipped
# scenario (configs/onprem.json, public-cloud.json, integrated-cloud.json) and reports the
# change in setup time p50, allocated utilization and cost per delivered PF-day.
# Usage: bench/sensitivity.sh [path/to/ppusim]   (results: docs/scenarios.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# figures REPORT -> "setup_p50_min utilization_allocated usd_per_pflop_day"
figures() {
  awk '
    /"stages_s"/ { in_stages = 1 }
    in_stages && /"total"/ { in_total = 1 }
    in_total && /"p50"/ { gsub(/[,]/, ""); setup = $2 / 60; in_total = 0; in_stages = 0 }
    /"utilization": \{/ { in_util = 1 }
    in_util && /"allocated"/ { gsub(/[,]/, ""); alloc = $2; in_util = 0 }
    /"usd_per_delivered_pflop_day"/ { gsub(/[,]/, ""); cost = $2 }
    END { printf "%.2f %.4f %.2f", setup, alloc, cost }' "$1"
}

run() {  # run NAME SCENARIO -> figures
  "$ppusim" run "$2" --output "$work/$1" --quiet
  figures "$work/$1/report.json"
}

# variant BASE NAME SED-EXPRESSION
variant() {
  sed -e "$3" "configs/$1.json" > "$work/$2.json"
  echo "$work/$2.json"
}

echo "| scenario | input changed | setup p50 (min) | allocated | \$/PF-day | change in \$/PF-day |"
echo "|---|---|---|---|---|---|"
row() {  # row BASE LABEL SED
  local base_figures=$4
  local f
  local key
  key=$(echo "$1-$2" | tr -c "A-Za-z0-9.\n-" "_")
  f=$(run "$key" "$(variant "$1" "$key" "$3")")
  read -r s a c <<< "$f"
  read -r _ _ bc <<< "$base_figures"
  printf '| %s | %s | %s | %.1f %% | %s | %+.1f %% |\n' "$1" "$2" "$s" "$(awk -v x="$a" 'BEGIN{print 100*x}')" \
    "$c" "$(awk -v x="$c" -v y="$bc" 'BEGIN{print 100*(x-y)/y}')"
}
for base in onprem public-cloud integrated-cloud; do
  b=$(run "$base" "configs/$base.json")
  read -r s a c <<< "$b"
  printf '| %s | (as shipped) | %s | %.1f %% | %s | |\n' "$base" "$s" "$(awk -v x="$a" 'BEGIN{print 100*x}')" "$c"
  row "$base" "load x1.5 (45,000 jobs)" 's/"jobs": 30000,/"jobs": 45000,/' "$b"
  row "$base" "load x0.5 (15,000 jobs)" 's/"jobs": 30000,/"jobs": 15000,/' "$b"
  row "$base" "provisioning x10" 's/"median_s": 60,/"median_s": 600,/; s/"min_s": 80,/"min_s": 800,/; s/"max_s": 120$/"max_s": 1200/; s/"value_s": 5$/"value_s": 50/' "$b"
  case $base in
    onprem)
      row "$base" "PUE 1.58 (industry average)" 's/"pue": 1.25/"pue": 1.58/' "$b"
      row "$base" "amortization 4 years" 's/"amortization_years": 5,/"amortization_years": 4,/' "$b"
      row "$base" "no colocation fee" 's/"colocation_usd_per_kw_month": 184.06/"colocation_usd_per_kw_month": 0/' "$b"
      ;;
    public-cloud)
      row "$base" "price \$12.29 (pre-2025 on-demand)" 's/"usd_per_ppu_hour": 6.88,/"usd_per_ppu_hour": 12.29,/' "$b"
      row "$base" "reserved at \$4.86 (GCP 3-year commitment)" 's/"usd_per_ppu_hour": 6.88,/"usd_per_ppu_hour": 4.86,/; s/"billing": "allocated"/"billing": "reserved"/' "$b"
      row "$base" "pull rate x10 (lazy images)" 's/"image_pull_node_bandwidth_bytes_per_s": 37000000.0/"image_pull_node_bandwidth_bytes_per_s": 370000000.0/' "$b"
      ;;
    integrated-cloud)
      row "$base" "price \$2.00 (DeepSeek-V3's assumed rental)" 's/"usd_per_ppu_hour": 2.99,/"usd_per_ppu_hour": 2.0,/' "$b"
      ;;
  esac
done
