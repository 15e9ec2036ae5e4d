#!/usr/bin/env bash
# Wall time of replaying the Azure LLM conversation trace (19,366 requests) on 8 replicas
# (issue #4 asks for < 2 s). Needs ../shared/traces beside the repository; prints "skipped"
# without it. Usage: bench/inference-azure.sh [path/to/ppusim]   (results: docs/performance.md)
set -euo pipefail
cd "$(dirname "$0")/.."
ppusim=${1:-build/ppusim}
# ../shared beside the repository; for a git worktree, beside the main checkout.
shared=${PPUSIM_SHARED:-$(cd .. && pwd)/shared}
if [ ! -d "$shared" ]; then
  common=$(git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
  [ -n "$common" ] && shared=$(dirname "$(dirname "$common")")/shared
fi
trace=$shared/traces/azure_llm2023_conv.csv
if [ ! -f "$trace" ]; then
  echo "inference-azure: skipped ($trace not found)"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -e "s|\"TRACE\"|\"$trace\"|" bench/inference-azure.json > "$work/inference-azure.json"
start=$(date +%s.%N)
"$ppusim" run "$work/inference-azure.json" --output "$work/out"
end=$(date +%s.%N)
echo "wall time: $(echo "$end - $start" | bc) s"
