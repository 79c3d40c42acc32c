#!/usr/bin/env bash
# Runs every test of ParkingBot on a fresh Debian machine that has the .NET SDK.
# Everything the tests need is installed or started here; nothing is assumed to be there already.
set -euo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# The browser tests drive Debian's Chromium (Playwright never downloads a browser here), with a Korean font so the
# page lays Korean out (and breaks its lines) as customers see it.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=ko 2>/dev/null | grep -q .; then
  echo "Installing Debian's chromium and a Korean font (fonts-nanum) for the browser tests…"
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq chromium fonts-nanum >/dev/null
fi

# The build installs the pinned Web Chat bundle with npm.
bash scripts/ensure-npm.sh

# The PostgreSQL store tests run against a throwaway PostgreSQL 15 (Debian's package) started here.
eval "$(bash scripts/postgres.sh)"

log=$(mktemp)
trap 'rm -f "$log"; bash scripts/postgres.sh stop "$ParkingBot_TestPostgresFolder"' EXIT

dotnet build ParkingBot.sln -c Release --nologo -v quiet
status=0
dotnet test ParkingBot.sln -c Release --no-build --nologo 2>&1 | tee "$log" || status=$?

# The deployment files (Bicep, compose, Dockerfile) and the container-equivalent smoke test (deployment/README.md).
deployment=passed
bash deployment/check.sh || { deployment=failed; status=1; }
bash deployment/smoke.sh || { deployment=failed; status=1; }

# One plain summary line over all test assemblies.
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
echo "Tests: ${passed} passed, ${failed} failed, ${skipped} skipped; deployment check and smoke test: ${deployment}"
exit "$status"
