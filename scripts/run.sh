#!/usr/bin/env bash
# Runs the bot on its embedded defaults on a fresh Debian machine that has the .NET SDK:
# http://localhost:3978 (the customer page at /, the agent console at /agent, /api/messages for the Emulator).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# A developer's machine: the Emulator may call /api/messages without credentials (anonymous mode, loopback replies only).
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development}
bash scripts/ensure-npm.sh
exec dotnet run --project src/ParkingBot "$@"
