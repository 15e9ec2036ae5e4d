#!/bin/bash
# One shard of a ppusim sweep per Slurm array task (docs/sweeps.md).
#
#   sbatch --array=0-7 --export=ALL,SPEC=sweep.json,OUT=/shared/sweep scripts/slurm/sweep-array.sh
#   # when all tasks are done (or: sbatch --dependency=afterok:<jobid> ...):
#   ppusim sweep merge /shared/sweep/shard-* -o /shared/sweep/merged
#
# Each task runs slice $SLURM_ARRAY_TASK_ID of $SLURM_ARRAY_TASK_COUNT (round robin over the
# runs), on the CPUs Slurm gave it, into OUT/shard-<task id>. A requeued task skips the runs
# its folder already holds. OUT must be on a file system every node sees.
#
# Environment: SPEC (the sweep spec, required), OUT (default: ./sweep-out), PPUSIM (the binary,
# default: ppusim on PATH).
#SBATCH --job-name=ppusim-sweep
#SBATCH --array=0-3
#SBATCH --cpus-per-task=2
#SBATCH --output=slurm-%A_%a.out
set -euo pipefail

: "${SPEC:?set SPEC to the sweep spec file, e.g. sbatch --export=ALL,SPEC=sweep.json ...}"
OUT="${OUT:-sweep-out}"
PPUSIM="${PPUSIM:-ppusim}"
: "${SLURM_ARRAY_TASK_ID:?run this script with sbatch --array}"
COUNT="${SLURM_ARRAY_TASK_COUNT:-$((SLURM_ARRAY_TASK_MAX + 1))}"

exec "$PPUSIM" sweep "$SPEC" --shard "$SLURM_ARRAY_TASK_ID/$COUNT" -j "${SLURM_CPUS_PER_TASK:-1}" \
  -o "$OUT/shard-$SLURM_ARRAY_TASK_ID"
