#!/usr/bin/env bash
# Runs a local cluster to see scale-out at work: a throwaway PostgreSQL 15 (Debian's package, installed if missing),
# N ParkingBot instances on it and a round-robin proxy in front (HTTP and WebSockets, no stickiness).
#   bash scripts/run-cluster.sh [N=2]        (PORT=8080 by default; Ctrl+C stops everything and removes the data)
set -euo pipefail
cd "$(dirname "$0")/.."
instances=${1:-2}
port=${PORT:-8080}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash scripts/ensure-npm.sh
dotnet build src/ParkingBot/ParkingBot.csproj -c Release --nologo -v quiet
dotnet build tools/ParkingBot.ClusterProxy/ParkingBot.ClusterProxy.csproj -c Release --nologo -v quiet

eval "$(bash scripts/postgres.sh)"
folder=$(mktemp -d /tmp/parkingbot-cluster-XXXXXX)
pids=()
stop() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  bash scripts/postgres.sh stop "$ParkingBot_TestPostgresFolder"
  rm -rf "$folder"
}
trap stop EXIT INT TERM

# The app's database, owned by its (non-superuser) role.
setting() { python3 -c 'import sys,re; print(re.search(sys.argv[2] + "=([^;]*)", sys.argv[1]).group(1))' "$ParkingBot_TestPostgres" "$1"; }
PGPASSWORD=$(setting Password) /usr/lib/postgresql/15/bin/psql -h 127.0.0.1 -p "$(setting Port)" -U parkingbot -d postgres -q \
  -c "CREATE DATABASE parkingbot" >/dev/null
connection=${ParkingBot_TestPostgres/Database=postgres/Database=parkingbot}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
backends=()
for i in $(seq 1 "$instances"); do
  instance_port=$(free_port)
  mkdir -p "$folder/instance$i"
  (cd src/ParkingBot/bin/Release/net10.0 && Storage__Provider=Postgres ConnectionStrings__Postgres="$connection" \
    Storage__DataDirectory="$folder/instance$i" exec dotnet ParkingBot.dll --urls "http://127.0.0.1:$instance_port" \
    >"$folder/instance$i.log" 2>&1) &
  pids+=($!)
  backends+=(--backend "http://127.0.0.1:$instance_port")
done
for backend in $(printf '%s\n' "${backends[@]}" | grep http); do
  until curl -fs "$backend/readyz" >/dev/null; do sleep 0.5; done
done
(cd tools/ParkingBot.ClusterProxy/bin/Release/net10.0 && exec dotnet ParkingBot.ClusterProxy.dll --urls "http://127.0.0.1:$port" "${backends[@]}") &
pids+=($!)
until curl -fs "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.5; done

password_file=$(ls "$folder"/instance*/agent-initial-password.txt 2>/dev/null | head -1 || true)
cat <<INFO

ParkingBot cluster: $instances instances on PostgreSQL, behind http://127.0.0.1:$port
  chat page      http://127.0.0.1:$port/
  agent console  http://127.0.0.1:$port/agent   (agent / $( [ -n "$password_file" ] && cat "$password_file" || echo "see Agents:Accounts"))
  instances      $(printf '%s ' "${backends[@]}" | sed 's/--backend //g')
  logs           $folder/instance*.log
Ctrl+C stops everything.
INFO
wait
