#!/usr/bin/env bash
# Runs scenarios/cluster/slurm-sweep.sbatch and slurm-merge.sbatch on a real Slurm cluster of one node (this machine)
# and checks that the merged folder's CSVs are byte-identical to one process's run of the same plan.
#
#   .ci/slurm-one-node.sh [replsim command]
#
# The command that runs replsim defaults to the Release build (dotnet src/Simulator.Cli/bin/Release/net10.0/replsim.dll);
# .ci/run passes the installed tool. Needs root: installs Debian's munge and slurm-wlm when absent, starts munged
# (unless a working one is already running), slurmctld and slurmd on 127.0.0.1 with a configuration, ports, state and
# logs of their own in a temporary folder (the system's /etc/slurm is not read or written), submits an array of 4 shards
# and the merge after it (afterok), waits, compares, and stops the daemons it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

replsim=${1:-dotnet $repo/src/Simulator.Cli/bin/Release/net10.0/replsim.dll}
if [[ $# -eq 0 && ! -f $repo/src/Simulator.Cli/bin/Release/net10.0/replsim.dll ]]; then
  echo "slurm-one-node: no Release build; run dotnet build Simulator.sln -c Release first, or pass the replsim command" >&2
  exit 2
fi
if [[ $EUID -ne 0 ]]; then
  echo "slurm-one-node: must run as root (installs packages, starts munged, slurmctld and slurmd)" >&2
  exit 2
fi

started=$SECONDS
say() { printf '[slurm %3ds] %s\n' $((SECONDS - started)) "$*"; }

# The plan: 2 free-capacity levels × 2 retry intervals × 2 replications = 8 units of the 2011 replay, shortened.
plan=(
  sweep scenarios/aws-2011-us-east-1.yaml
  --vary 'topology.regions[0].zones[0].clusters[0].free_capacity=1%,5%'
  --vary 'replication.retry.interval=5s,30s'
  --replications 2 --seed 3 --scale 0.05 --set horizon=24h --sample-interval 30m
)
shards=4

export PATH=$PATH:/usr/sbin
missing=()
for program in munged munge unmunge slurmctld slurmd sbatch squeue scontrol sinfo scancel; do
  command -v "$program" >/dev/null || missing+=("$program")
done
if [[ ${#missing[@]} -gt 0 ]]; then
  say "installing munge and slurm-wlm (missing: ${missing[*]})"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq munge slurm-wlm >/dev/null
fi
say "$(slurmctld -V)"

work=$(mktemp -d /tmp/replsim-slurm.XXXXXX)
chmod 755 "$work"
munged_pid="" slurmctld_pid="" slurmd_pid="" jobs=""

stop() {
  local code=$?
  set +e
  if [[ -n $jobs ]]; then scancel $jobs 2>/dev/null; sleep 1; fi
  for pid in $slurmd_pid $slurmctld_pid; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  if [[ -n $munged_pid ]]; then
    kill "$munged_pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$munged_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  if [[ $code -ne 0 ]]; then
    for log in "$work"/*.log "$work"/logs/*; do
      [[ -f $log ]] || continue
      echo "---- $log (last 40 lines)"
      tail -n 40 "$log"
    done
  fi
  rm -rf "$work"
  exit "$code"
}
trap stop EXIT

# munge: Slurm's authentication. A munged that already answers is used as it is (and left running).
if munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  say "munged already running"
else
  install -d -o munge -g munge -m 700 /etc/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    head -c 1024 /dev/urandom > /etc/munge/munge.key
  fi
  chown munge:munge /etc/munge/munge.key
  chmod 400 /etc/munge/munge.key
  install -d -o munge -g munge -m 755 /run/munge
  install -d -o munge -g munge -m 700 /var/log/munge /var/lib/munge
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
  munged_pid=$(cat /run/munge/munged.pid)
  munge -n | unmunge >/dev/null
  say "munged started (pid $munged_pid)"
fi

# Slurm: one node, this machine, on the loopback address and ports of its own.
host=$(hostname -s)
cpus=$(nproc)
memory_mb=$(( $(awk '/^MemTotal:/ { print $2 }' /proc/meminfo) / 1024 - 2048 ))
port=$(( 20000 + RANDOM % 20000 ))
mkdir -p "$work/state" "$work/spool" "$work/logs" "$work/results"
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<EOF
ClusterName=local
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerParameters=kill_invalid_depend
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$memory_mb State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -f "$SLURM_CONF" > "$work/slurmctld.stderr.log" 2>&1 &
slurmctld_pid=$!
slurmd -D -f "$SLURM_CONF" -N "$host" > "$work/slurmd.stderr.log" 2>&1 &
slurmd_pid=$!
for _ in $(seq 60); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  [[ $state == idle ]] && break
  sleep 0.5
done
if [[ $state != idle ]]; then
  echo "slurm-one-node: the node is '${state:-not known}', not idle, after 30 s" >&2
  exit 1
fi
say "slurmctld (pid $slurmctld_pid) and slurmd (pid $slurmd_pid) up: node $host idle, $cpus CPUs, $memory_mb MB"

# The array (one shard a task, one CPU each so that two run at once) and the merge after it.
export RESULTS=$work/results REPLSIM=$replsim
array=$(sbatch --parsable --array=0-$((shards - 1)) --cpus-per-task=1 --mem-per-cpu=1G --time=00:10:00 \
  --output="$work/logs/%x-%A_%a.out" scenarios/cluster/slurm-sweep.sbatch "${plan[@]}")
array=${array%%;*}
jobs=$array
merge=$(sbatch --parsable --dependency=afterok:"$array" --mem=1G --time=00:10:00 \
  --output="$work/logs/%x-%j.out" scenarios/cluster/slurm-merge.sbatch)
merge=${merge%%;*}
jobs="$array $merge"
say "submitted: sweep array $array (${shards} tasks), merge $merge (afterok:$array)"

deadline=$((SECONDS + 150))
while [[ -n $(squeue -h -j "$array,$merge" -o %i 2>/dev/null) ]]; do
  if [[ $SECONDS -gt $deadline ]]; then
    echo "slurm-one-node: jobs still queued or running after 150 s:" >&2
    squeue -j "$array,$merge" >&2
    exit 1
  fi
  sleep 1
done
jobs=""
say "jobs done"

# Every task and the merge completed with exit code 0, and each wrote a complete shard.
tasks=$(scontrol -o show job "$array")
if [[ $(grep -c 'JobState=COMPLETED .* ExitCode=0:0' <<< "$tasks") -ne $shards ]]; then
  echo "slurm-one-node: not every array task completed with exit code 0:" >&2
  grep -o 'JobId=[0-9]* \|ArrayTaskId=[0-9]* \|JobState=[A-Z_]* \| ExitCode=[0-9:]*' <<< "$tasks" >&2
  exit 1
fi
scontrol -o show job "$merge" | grep -q 'JobState=COMPLETED .* ExitCode=0:0' || {
  echo "slurm-one-node: the merge job did not complete with exit code 0: $(scontrol -o show job "$merge")" >&2
  exit 1
}
for ((i = 0; i < shards; i++)); do
  grep -q '"status": "complete"' "$RESULTS/shard-$i-of-$shards/manifest.json"
done
say "$shards tasks and the merge completed with exit code 0; every shard's manifest says complete"
say "merge job's log: $(tail -n 1 "$work"/logs/replsim-merge-"$merge".out)"

# One process, the same plan: the merged CSVs are its CSVs, byte for byte.
read -r -a command <<< "$replsim"
"${command[@]}" "${plan[@]}" --folder "$work/whole" > "$work/logs/whole.out"
mapfile -t csvs < <(cd "$work/whole" && ls -- *.csv)
mapfile -t merged < <(cd "$RESULTS/merged" && ls -- *.csv)
if [[ "${csvs[*]}" != "${merged[*]}" ]]; then
  echo "slurm-one-node: the merged folder has ${merged[*]}, one process wrote ${csvs[*]}" >&2
  exit 1
fi
for csv in "${csvs[@]}"; do
  cmp "$work/whole/$csv" "$RESULTS/merged/$csv"
done
say "merged CSVs byte-identical to one process's (${#csvs[@]} files: ${csvs[*]})"
