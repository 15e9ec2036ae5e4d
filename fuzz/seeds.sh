#!/usr/bin/env bash
# Builds the seed corpus of a fuzz target (docs/robustness.md) into OUT_DIR, and a libFuzzer
# dictionary next to it (OUT_DIR.dict) of the keys and words its parser knows, so that mutations
# get past "unknown key" early. Works on a fresh clone: ../shared/traces is used when present.
# Usage: fuzz/seeds.sh TARGET OUT_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/seeds.sh TARGET OUT_DIR}
out=${2:?usage: fuzz/seeds.sh TARGET OUT_DIR}
shopt -s nullglob

# Per target: files used whole or in pieces, and the sources whose quoted words make the dictionary.
case "$target" in
  scenario)
    seeds=(configs/*.json bench/*.json tests/data/*.json fuzz/seeds/scenario/*)
    shared=()
    words=(sim/config/*_loader.cpp)  # every block of the scenario: pools, tenants, topology, generator, hardware
    ;;
  pipeline)
    # Small generator scenarios of every topology kind, with failures and spot billing; the
    # configs too, though most are over the target's budget (fuzz/pipeline_target.hpp).
    seeds=(fuzz/seeds/pipeline/* fuzz/seeds/scenario/* configs/*.json)
    shared=()
    words=(sim/config/*_loader.cpp sim/failures/failure_config.cpp)
    ;;
  trace_jsonl)
    seeds=(tests/data/*.jsonl fuzz/seeds/trace_jsonl/*)
    # Other formats and schemas make good bad input for a JSON Lines reader.
    shared=(../shared/traces/*)
    words=(workloads/trace_reader.cpp)
    ;;
  tolerances)
    seeds=(configs/gate/ci-tolerances.json fuzz/seeds/tolerances/*)
    shared=()
    words=(sim/gate/tolerances.cpp)
    ;;
  gate_report)
    seeds=(tests/data/ci-baseline.json fuzz/seeds/gate_report/*)
    shared=()
    # The report's own keys too, so that mutations reach the metrics the tolerances name.
    words=(sim/gate/baseline.cpp sim/gate/metric_check.cpp tests/data/ci-baseline.json)
    ;;
  csv | import_jobs | import_requests)
    # Excerpts of every shipped trace and the schema fixtures; the full traces when present.
    seeds=(tests/data/traces/*.csv tests/data/traces/*.jsonl tests/data/traces/fixtures/*)
    shared=(../shared/traces/*)
    words=(workloads/importers/*.cpp)
    ;;
  *)
    echo "fuzz/seeds.sh: unknown target \"$target\" (see fuzz/fuzz_targets.hpp)" >&2
    exit 2
    ;;
esac
seeds+=(tests/data/regressions/"$target"/*)  # every input that once crashed

rm -rf "$out"
mkdir -p "$out"
# A file up to fuzz/run.sh's -max_len (8 KiB) is used whole: a JSON document cut in pieces is
# only a syntax error. A larger one (a trace) contributes its first 1-KiB pieces and its last,
# cut at line ends: large inputs slow every execution (a trace is read four times in each)
# and teach the fuzzer little that a few rows do not.
add() {
  local file=$1 name
  name=$(echo "${file#../}" | tr '/.' '__')
  if [ "$(stat -c %s "$file")" -le 8192 ]; then
    cp "$file" "$out/$name"
  else
    local pieces
    pieces=$(mktemp -d)
    split -C 1024 -d -a 5 "$file" "$pieces/p"
    local all=("$pieces"/p*)
    for piece in "${all[@]:0:3}" "${all[-1]}"; do cp "$piece" "$out/${name}_$(basename "$piece")"; done
    rm -rf "$pieces"
  fi
}
for file in "${seeds[@]}" "${shared[@]}"; do
  [ -f "$file" ] && add "$file"
done

# libFuzzer dictionary: one quoted token per line.
{
  grep -ohE '"[A-Za-z0-9_.-]{2,40}"' "${words[@]}" | sort -u
  printf '%s\n' '"{"' '"}"' '"["' '"]"' '":"' '","' '"null"' '"true"' '"false"' '"1e308"' '"-0"' '"\\u0000"'
} > "$out.dict"
echo "fuzz/seeds.sh: $target: $(find "$out" -type f | wc -l) seeds in $out, dictionary $out.dict"
