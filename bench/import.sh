#!/usr/bin/env bash
# Times `ppusim trace import` on every trace of ../shared/traces (docs/performance.md,
# "Trace import"): wall time, CPU time (user + system) and peak memory per file.
# A fresh clone has no ../shared: the script then says so and exits 0.
# Usage: [PPUSIM_TRACES=DIR] bench/import.sh [PPUSIM_BINARY]   (defaults ../shared/traces, build/ppusim)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/ppusim}
traces=${PPUSIM_TRACES:-../shared/traces}
if [ ! -d "$traces" ]; then
  echo "bench/import.sh: no $traces folder (the shared traces are not part of a clone); nothing to time"
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-48s %-16s %7s %7s %11s\n' file format wall_s cpu_s max_rss_kb
for pair in \
  pai-machines:alibaba_v2020_pai_machine_spec_with_header.csv \
  openb-nodes:alibaba_v2023_openb_node_list_all_node.csv \
  openb-pods:alibaba_v2023_openb_pod_list_default.csv \
  dlrm-instances:alibaba_v2025_disaggregated_DLRM_trace.csv \
  lora-requests:alibaba_v2026_genai_lora_request_trace.csv \
  azure-llm:azure_llm2023_code.csv \
  azure-llm:azure_llm2023_conv.csv \
  mooncake:mooncake_fast25_conversation_trace.jsonl \
  mooncake:mooncake_fast25_synthetic_trace.jsonl \
  philly-runtimes:philly_runtime_from_alibaba_v2020.csv; do
  format=${pair%%:*}
  file=${pair#*:}
  [ -f "$traces/$file" ] || { echo "missing $file"; continue; }
  /usr/bin/time -f '%e %U %S %M' -o "$out/time" "$binary" trace import --format "$format" "$traces/$file" \
    -o "$out/$file.out" --arrival-rate 0.01 > /dev/null
  read -r wall user sys rss < "$out/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  printf '%-48s %-16s %7s %7s %11s\n' "$file" "$format" "$wall" "$cpu" "$rss"
done
