#!/usr/bin/env bash
# One shard of a replsim experiment, as a task of a cluster job (Slurm array task, Kubernetes indexed pod).
#
#   SHARD_INDEX=i SHARD_COUNT=n RESULTS=dir run-shard.sh <command> <arguments…>
#
# computes shard i of n of `replsim <command> <arguments…>` (command: run, compare or sweep) into
# $RESULTS/shard-i-of-n. A task that is run again (requeued after preemption, a pod retried) finishes its folder with
# --resume instead of starting over; a shard already complete is left alone. Every task of one experiment must get
# the same command and arguments, including --seed: `replsim merge` refuses shards of different plans.
#
# The shard comes from SHARD_INDEX and SHARD_COUNT, or else from what the scheduler sets: SLURM_ARRAY_TASK_ID and
# SLURM_ARRAY_TASK_COUNT in a Slurm job array, JOB_COMPLETION_INDEX in a Kubernetes Indexed Job (whose completions
# count the manifest repeats as SHARD_COUNT).
#
# REPLSIM is the command that runs replsim (default: `replsim` on PATH); THREADS the units run at once (default: all
# cores of the task).
set -euo pipefail

SHARD_INDEX=${SHARD_INDEX:-${SLURM_ARRAY_TASK_ID:-${JOB_COMPLETION_INDEX:-}}}
SHARD_COUNT=${SHARD_COUNT:-${SLURM_ARRAY_TASK_COUNT:-}}
: "${SHARD_INDEX:?no shard index: set SHARD_INDEX, or run as a Slurm array task or a Kubernetes indexed pod}"
: "${SHARD_COUNT:?no shard count: set SHARD_COUNT (for Kubernetes: the completions of the Job)}"
: "${RESULTS:?RESULTS (the folder that receives the shard folders) is not set}"
if [[ $# -lt 2 ]]; then
  echo "usage: SHARD_INDEX=i SHARD_COUNT=n RESULTS=dir $0 run|compare|sweep <arguments…>" >&2
  exit 2
fi
read -r -a replsim <<< "${REPLSIM:-replsim}"
command=$1
shift
threads=()
if [[ -n "${THREADS:-}" ]]; then threads=(--threads "$THREADS"); fi

dir="$RESULTS/shard-$SHARD_INDEX-of-$SHARD_COUNT"
mkdir -p "$RESULTS"
if [[ -f "$dir/manifest.json" ]]; then
  if grep -q '"status": "complete"' "$dir/manifest.json"; then
    echo "shard $SHARD_INDEX/$SHARD_COUNT already complete in $dir"
    exit 0
  fi
  exec "${replsim[@]}" "$command" --resume "$dir" "${threads[@]}"
fi
exec "${replsim[@]}" "$command" "$@" --shard "$SHARD_INDEX/$SHARD_COUNT" --folder "$dir" "${threads[@]}"
