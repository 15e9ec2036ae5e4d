#!/bin/bash
# Integration test: a ppusim sweep as a Slurm array job on a one-node Slurm cluster started
# here, merged, must equal the same sweep run locally, byte for byte (docs/sweeps.md).
#
#   tests/slurm/run-slurm-sweep.sh PATH/TO/ppusim
#
# Installs slurm-wlm and munge with apt-get when missing (root only), starts munged, slurmctld
# and slurmd directly (no systemd) with a generated slurm.conf in a temporary folder, submits
# scripts/slurm/sweep-array.sh as a 2-task array over a 2 points x 2 seeds sweep of
# configs/sweeps/demo-base.json (a generated workload: each seed draws other jobs, so a shard
# that ran the wrong seed would change the table), waits, merges, compares, and stops the
# daemons it started.
# Exits 77 (ctest SKIP_RETURN_CODE) with the reason when Slurm cannot be had or started here.
set -uo pipefail

PPUSIM="$(realpath "${1:?usage: $0 PATH/TO/ppusim}")"
SOURCE="$(cd "$(dirname "$0")/../.." && pwd)"
SKIP=77
skip() { echo "SKIP: $*"; exit "$SKIP"; }
fail() { echo "FAIL: $*"; exit 1; }

if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  [ "$(id -u)" = 0 ] || skip "slurm-wlm and munge are not installed and installing them needs root"
  command -v apt-get >/dev/null || skip "slurm-wlm and munge are not installed and there is no apt-get"
  echo "installing slurm-wlm and munge (apt-get)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null 2>&1 ||
    skip "apt-get install slurm-wlm munge failed"
fi

WORK="$(mktemp -d /tmp/ppusim-slurm-XXXXXX)"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
show_logs() { for log in "$WORK"/*.log; do echo "--- $log"; tail -n 15 "$log"; done; }

# --- munge: a key of our own and a socket in WORK; --force because it refuses to run as root.
mkdir -p "$WORK/munge"
dd if=/dev/urandom of="$WORK/munge/munge.key" bs=1024 count=1 2>/dev/null
chmod 711 "$WORK/munge"
chmod 400 "$WORK/munge/munge.key"
SOCKET="$WORK/munge/munge.socket"
munged --foreground --force --key-file="$WORK/munge/munge.key" --socket="$SOCKET" \
  --pid-file="$WORK/munge/munged.pid" --log-file="$WORK/munged.log" --seed-file="$WORK/munge/seed" \
  >>"$WORK/munged-stderr.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$SOCKET" ] && break; sleep 0.1; done
[ -S "$SOCKET" ] || { show_logs; skip "munged did not start"; }

# --- slurm.conf: this host as controller and only compute node, state and logs in WORK.
HOST="$(hostname -s)"
USER_NAME="$(id -un)"
PORT=$((20000 + RANDOM % 20000))
CPUS="$(nproc)"
mkdir -p "$WORK/state" "$WORK/spool"
export SLURM_CONF="$WORK/slurm.conf"
cat > "$SLURM_CONF" <<CONF
ClusterName=ppusimtest
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=$USER_NAME
SlurmdUser=root
SlurmctldPort=$PORT
SlurmdPort=$((PORT + 1))
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$WORK/state
SlurmdSpoolDir=$WORK/spool
SlurmctldPidFile=$WORK/slurmctld.pid
SlurmdPidFile=$WORK/slurmd.pid
SlurmctldLogFile=$WORK/slurmctld.log
SlurmdLogFile=$WORK/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$HOST NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
# plugstack.conf is looked up beside slurm.conf.
: > "$WORK/plugstack.conf"

slurmctld -D -i -f "$SLURM_CONF" >>"$WORK/slurmctld.log" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" -N "$HOST" >>"$WORK/slurmd.log" 2>&1 &
PIDS+=($!)
state=""
for _ in $(seq 100); do
  state="$(sinfo -h -n "$HOST" -o %T 2>/dev/null | head -n 1)"
  [ "$state" = idle ] && break
  sleep 0.3
done
[ "$state" = idle ] || { show_logs; skip "the one-node Slurm cluster did not come up (node state: '${state:-none}')"; }
echo "Slurm is up: node $HOST idle, controller on port $PORT"

# --- the sweep: 2 grid points x 2 seeds of a generated workload.
cat > "$WORK/spec.json" <<SPEC
{"base": "$SOURCE/configs/sweeps/demo-base.json",
 "grid": {"/scheduler/policy": ["fifo", "easy-backfill"]},
 "seeds": {"count": 2}}
SPEC
cd "$WORK" || fail "cannot enter $WORK"
if ! timeout 120 sbatch --wait --array=0-1 --cpus-per-task=1 \
  --export="ALL,SPEC=$WORK/spec.json,OUT=$WORK/array,PPUSIM=$PPUSIM" \
  --output="$WORK/task-%a.out" "$SOURCE/scripts/slurm/sweep-array.sh"; then
  show_logs
  for out in "$WORK"/task-*.out; do echo "--- $out"; cat "$out"; done
  fail "the array job did not complete"
fi
for out in "$WORK"/task-*.out; do echo "--- $out"; cat "$out"; done

"$PPUSIM" sweep merge "$WORK/array/shard-0" "$WORK/array/shard-1" -o "$WORK/merged" -q || fail "merge failed"
"$PPUSIM" sweep "$WORK/spec.json" -o "$WORK/local" -j 2 -q || fail "local sweep failed"
for file in sweep.csv sweep.json; do
  cmp "$WORK/merged/$file" "$WORK/local/$file" || fail "$file of the Slurm array differs from the local sweep"
done
# The comparison only catches a shard that ran the wrong seed if the seeds give other numbers.
distinct=$(jq '[.points[].metrics[].per_seed | unique | length] | max' "$WORK/local/sweep.json")
[ "${distinct:-0}" -ge 2 ] || fail "both seeds gave the same metrics: the test could not catch a wrong-seed shard"
echo "PASS: the Slurm array's merged table equals the local sweep's ($(wc -l <"$WORK/merged/sweep.csv") lines)"
