#!/usr/bin/env bash
# Runs every test of ParkingBot on a fresh Debian machine that has the .NET SDK.
# Everything the tests need is installed or started here; nothing is assumed to be there already. Each stage says what
# it does; a quiet stage says every 20 s that it is still going; a failing stage shows its whole output.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
source scripts/progress.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
started=$SECONDS

# The moments the date-sensitive tests run at once more (tests/ParkingBot.Testing/TestClock.cs): the first of a month
# and of a year, a year's last ten minutes, a leap day, the day after a leap day, and five past midnight in Korea
# (the day before in UTC), each with the machine in another time zone. All are Fridays, as the default moment
# (2026-11-20 15:00 KST) is, so the customers' "이번주 화요일" keeps its meaning.
clock_moments=(
  "2027-01-01T15:00+09:00 America/Los_Angeles"
  "2027-12-31T23:50+09:00 Pacific/Kiritimati"
  "2036-02-29T15:00+09:00 UTC"
  "2024-03-01T15:00+09:00 Europe/London"
  "2026-11-20T00:05+09:00 America/New_York"
)

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here), with a Korean font so the
# page lays Korean out (and breaks its lines) as customers see it.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  stage "Installing Debian's chromium and a Korean font (fonts-nanum) for the browser tests"
  quietly "apt-get update" as_root apt-get update -qq
  quietly "installing chromium and fonts-nanum" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-nanum
fi

# The build installs the pinned Web Chat bundle with npm.
bash scripts/ensure-npm.sh

# The PostgreSQL store tests run against a throwaway PostgreSQL 15 (Debian's package) started here.
stage "Starting a throwaway PostgreSQL 15 on loopback for the PostgreSQL store tests"
eval "$(bash scripts/postgres.sh)"

# Everything the build, the tests and the checks write to a temporary folder goes under one folder of this run, removed
# at the end whatever happened; the build servers are stopped then too.
run_temp=$(mktemp -d /tmp/parkingbot-test-run-XXXXXX)
export TMPDIR=$run_temp
results="$run_temp/results"
cleanup() {
  bash scripts/postgres.sh stop "$ParkingBot_TestPostgresFolder"
  dotnet build-server shutdown >/dev/null 2>&1 || true
  rm -rf "$run_temp"
}
trap cleanup EXIT

stage "Building the solution (Release; the first build also runs npm ci for the Web Chat bundle)"
streamed "building" dotnet build ParkingBot.sln -c Release --nologo -v minimal -clp:NoSummary

# run_tests LABEL [dotnet test arguments…]: runs tests showing each project's summary and every failure whole; the
# output is also kept in $results/LABEL.log (the counts below) and every test's duration in $results/trx.
run_tests() {
  local label=$1
  shift
  mkdir -p "$results/trx"
  streamed "running $label" dotnet_test "$results/$label.log" "$@"
}
dotnet_test() {
  local log=$1
  shift
  dotnet test "$@" -c Release --no-build --nologo --logger trx --results-directory "$results/trx" 2>&1 \
    | tee -a "$log" | { grep --line-buffered -v -e '^Results File: ' -e '^A total of 1 test files matched' || true; }
}

status=0
stage "Running every test project (browser tests in Chromium, store tests on SQLite and PostgreSQL)"
run_tests all ParkingBot.sln || status=$?

stage "Running the date-sensitive tests again at awkward moments (each a Friday, the machine in another time zone)"
for moment in "${clock_moments[@]}"; do
  read -r now zone <<<"$moment"
  stage "  at $now, TZ=$zone"
  ParkingBot_TestNow=$now TZ=$zone run_tests "clock-$now" tests/dated.slnf --filter "Clock=Dated" || status=$?
done

# The deployment files (Bicep, compose, Dockerfile) and the container-equivalent smoke test (deployment/README.md).
deployment=passed
stage "Checking the deployment files"
bash deployment/check.sh || { deployment=failed; status=1; }
stage "Smoke test: the app started as its container image starts it"
bash deployment/smoke.sh || { deployment=failed; status=1; }

# Nothing a test started may outlive the run.
sleep 2
left=$(ps -eo pid=,args= | grep -F -e "$repo/" -e "$run_temp" | grep -v -e grep -e "^ *$$ " || true)
if [ -n "$left" ]; then
  echo "The tests left these processes running (now killed):"
  echo "$left"
  echo "$left" | awk '{print $1}' | xargs -r kill -9 2>/dev/null || true
  status=1
fi

stage "Slowest ten tests"
python3 scripts/slowest-tests.py 10 "$results"/trx/*.trx || true

# One plain summary over every run above.
count() { cat "$results"/*.log | grep -Eo "$1: +[0-9]+" | awk '{s+=$2} END {print s+0}'; }
minutes=$(((SECONDS - started) / 60)) seconds=$(((SECONDS - started) % 60))
echo "Deployment check and smoke test: ${deployment}. Took ${minutes} min ${seconds} s."
echo "Tests: $(count Passed) passed, $(count Failed) failed, $(count Skipped) skipped"
exit "$status"
