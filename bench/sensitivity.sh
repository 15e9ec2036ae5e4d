#!/usr/bin/env bash
# Which input moves which column, by how much: each row changes one input of one shipped
# scenario (configs/onprem.json, public-cloud.json, integrated-cloud.json, spot-cloud.json)
# and reports setup time p50, allocated utilization, effective training time ratio (ETTR)
# and cost per delivered PF-day, with the change in the last.
# Usage: bench/sensitivity.sh [path/to/ppusim [SCENARIO...]]   (results: docs/scenarios.md)
# SCENARIO: some of onprem public-cloud integrated-cloud spot-cloud (default: all four).
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
shift || true
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(onprem public-cloud integrated-cloud spot-cloud)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# figures REPORT -> "setup_p50_min utilization_allocated usd_per_pflop_day ettr"
figures() {
  awk '
    /"stages_s"/ { in_stages = 1 }
    in_stages && /"total"/ { in_total = 1 }
    in_total && /"p50"/ { gsub(/[,]/, ""); setup = $2 / 60; in_total = 0; in_stages = 0 }
    /"utilization": \{/ { in_util = 1 }
    in_util && /"allocated"/ { gsub(/[,]/, ""); alloc = $2; in_util = 0 }
    /"usd_per_delivered_pflop_day"/ { gsub(/[,]/, ""); cost = $2 }
    /"effective_training_time_ratio": [0-9]/ { gsub(/[,]/, ""); ettr = $2 }
    END { printf "%.2f %.4f %.2f %.4f", setup, alloc, cost, ettr }' "$1"
}

run() {  # run NAME SCENARIO -> figures
  "$ppusim" run "$2" --output "$work/$1" --quiet
  figures "$work/$1/report.json"
}

# variant BASE NAME SED-EXPRESSION
variant() {
  sed -e "$3" "configs/$1.json" > "$work/$2.json"
  if cmp -s "configs/$1.json" "$work/$2.json"; then
    echo "sensitivity.sh: '$3' changes nothing in configs/$1.json" >&2
    exit 1
  fi
  echo "$work/$2.json"
}

percent() { awk -v x="$1" 'BEGIN{printf "%.1f", 100*x}'; }

echo "| scenario | input changed | setup p50 (min) | allocated | ETTR | \$/PF-day | change in \$/PF-day |"
echo "|---|---|---|---|---|---|---|"
row() {  # row BASE LABEL SED
  local base_figures=$4
  local f
  local key
  key=$(echo "$1-$2" | tr -c "A-Za-z0-9.\n-" "_")
  f=$(run "$key" "$(variant "$1" "$key" "$3")")
  read -r s a c e <<< "$f"
  read -r _ _ bc _ <<< "$base_figures"
  printf '| %s | %s | %s | %s %% | %s %% | %s | %+.1f %% |\n' "$1" "$2" "$s" "$(percent "$a")" "$(percent "$e")" \
    "$c" "$(awk -v x="$c" -v y="$bc" 'BEGIN{print 100*(x-y)/y}')"
}
# Failure inputs (docs/failures.md): the same rows for every scenario.
failure_rows() {  # failure_rows BASE BASE_FIGURES CHECKPOINT_INTERVAL_S SPARES
  local half=$(($3 / 2)) double=$(($3 * 2))
  row "$1" "failure rate x0.5 (every MTBF x2)" 's/"mtbf_hours": 108335,/"mtbf_hours": 216670,/; s/"mtbf_hours": 294912,/"mtbf_hours": 589824,/; s/"mtbf_hours": 57700,/"mtbf_hours": 115400,/; s/"mtbf_hours": 3033381,/"mtbf_hours": 6066762,/; s/"mtbf_hours": 607000,/"mtbf_hours": 1214000,/' "$2"
  row "$1" "failure rate x2 (every MTBF x0.5)" 's/"mtbf_hours": 108335,/"mtbf_hours": 54167.5,/; s/"mtbf_hours": 294912,/"mtbf_hours": 147456,/; s/"mtbf_hours": 57700,/"mtbf_hours": 28850,/; s/"mtbf_hours": 3033381,/"mtbf_hours": 1516690.5,/; s/"mtbf_hours": 607000,/"mtbf_hours": 303500,/' "$2"
  row "$1" "checkpoint interval x0.5 (${half} s)" "s/\"interval_s\": $3,/\"interval_s\": ${half},/" "$2"
  row "$1" "checkpoint interval x2 (${double} s)" "s/\"interval_s\": $3,/\"interval_s\": ${double},/" "$2"
  if [ "$4" -eq 0 ]; then
    row "$1" "spare pool 625 nodes (5 %)" 's/"nodes": 0,/"nodes": 625,/' "$2"
  else
    row "$1" "no spare pool (was $4 nodes)" "s/\"nodes\": $4,/\"nodes\": 0,/" "$2"
  fi
}
for base in "${scenarios[@]}"; do
  b=$(run "$base" "configs/$base.json")
  read -r s a c e <<< "$b"
  printf '| %s | (as shipped) | %s | %s %% | %s %% | %s | |\n' "$base" "$s" "$(percent "$a")" "$(percent "$e")" "$c"
  row "$base" "load x1.5 (45,000 jobs)" 's/"jobs": 30000,/"jobs": 45000,/' "$b"
  row "$base" "load x0.5 (15,000 jobs)" 's/"jobs": 30000,/"jobs": 15000,/' "$b"
  row "$base" "provisioning x10" 's/"median_s": 60,/"median_s": 600,/; s/"min_s": 80,/"min_s": 800,/; s/"max_s": 120$/"max_s": 1200/; s/"value_s": 5$/"value_s": 50/' "$b"
  case $base in
    onprem)
      row "$base" "PUE 1.58 (industry average)" 's/"pue": 1.25/"pue": 1.58/' "$b"
      row "$base" "amortization 4 years" 's/"amortization_years": 5,/"amortization_years": 4,/' "$b"
      row "$base" "no colocation fee" 's/"colocation_usd_per_kw_month": 184.06/"colocation_usd_per_kw_month": 0/' "$b"
      failure_rows "$base" "$b" 3600 16
      ;;
    public-cloud)
      row "$base" "price \$12.29 (pre-2025 on-demand)" 's/"usd_per_ppu_hour": 6.88,/"usd_per_ppu_hour": 12.29,/' "$b"
      row "$base" "reserved at \$4.86 (GCP 3-year commitment)" 's/"usd_per_ppu_hour": 6.88,/"usd_per_ppu_hour": 4.86,/; s/"billing": "allocated"/"billing": "reserved"/' "$b"
      row "$base" "pull rate x10 (lazy images)" 's/"image_pull_node_bandwidth_bytes_per_s": 37000000.0/"image_pull_node_bandwidth_bytes_per_s": 370000000.0/' "$b"
      failure_rows "$base" "$b" 3600 625
      ;;
    integrated-cloud)
      row "$base" "price \$2.00 (DeepSeek-V3's assumed rental)" 's/"usd_per_ppu_hour": 2.99,/"usd_per_ppu_hour": 2.0,/' "$b"
      failure_rows "$base" "$b" 1800 625
      ;;
    spot-cloud)
      row "$base" "spot price \$1.80 (low end of AWS p5 spot)" 's/"usd_per_ppu_hour": 4.35,/"usd_per_ppu_hour": 1.8,/' "$b"
      row "$base" "spot price \$6.90 (high end)" 's/"usd_per_ppu_hour": 4.35,/"usd_per_ppu_hour": 6.9,/' "$b"
      row "$base" "preemption 7e-5 /node-h (Advisor 5 %/month band)" 's/"preemptions_per_node_hour": 0.0003,/"preemptions_per_node_hour": 7e-05,/' "$b"
      row "$base" "preemption 0.06 /node-h (lowest measured V100 zone)" 's/"preemptions_per_node_hour": 0.0003,/"preemptions_per_node_hour": 0.06,/' "$b"
      row "$base" "checkpoint interval x0.5 (1800 s)" 's/"interval_s": 3600,/"interval_s": 1800,/' "$b"
      ;;
  esac
done
