#!/usr/bin/env bash
# Runs the bot on its embedded defaults on a fresh Debian machine that has the .NET SDK:
# http://localhost:3978 (the customer page at /, the agent console at /agent, /api/messages for the Emulator).
# Each stage says what it does; a quiet stage says every 20 s that it is still going.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/progress.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A developer's machine: the Emulator may call /api/messages without credentials (anonymous mode, loopback replies only).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
bash scripts/ensure-npm.sh
stage "Building the bot (the first build restores NuGet packages and runs npm ci for the Web Chat bundle; later ones take seconds)"
streamed "building" dotnet build src/ParkingBot --nologo -v minimal -clp:NoSummary
stage "Starting the bot on http://localhost:3978 (Ctrl+C stops it); it logs where everything is once it listens"
exec dotnet run --project src/ParkingBot --no-build "$@"
