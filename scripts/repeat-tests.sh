#!/usr/bin/env bash
# Hunts a flaky test: runs one test project N times in a row, optionally with two busy loops keeping both cores of a
# 2-core machine busy, and counts the runs that passed. Build first (bash scripts/test.sh builds Release).
#   bash scripts/repeat-tests.sh tests/ParkingBot.Cluster.Tests 20 --hog [dotnet test arguments…]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/progress.sh
project=$1 runs=$2
shift 2
hog=no
if [ "${1:-}" = "--hog" ]; then hog=yes; shift; fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
eval "$(bash scripts/postgres.sh)"
hogs=()
cleanup() {
  for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null || true; done
  bash scripts/postgres.sh stop "$ParkingBot_TestPostgresFolder"
}
trap cleanup EXIT
if [ "$hog" = yes ]; then
  for _ in 1 2; do (while :; do :; done) & hogs+=($!); done
  stage "Two busy loops are running (pids ${hogs[*]})"
fi
passed=0 failed=0
for run in $(seq 1 "$runs"); do
  started=$SECONDS
  if quietly "run $run of $runs" dotnet test "$project" -c Release --no-build --nologo "$@"; then
    passed=$((passed + 1)); echo "run $run: passed in $((SECONDS - started)) s"
  else
    failed=$((failed + 1)); echo "run $run: FAILED in $((SECONDS - started)) s"
  fi
done
echo "Runs: $passed passed, $failed failed"
