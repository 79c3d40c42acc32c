#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 (Debian's package, installed when missing) on loopback for the tests, and prints
# the line to eval: export ParkingBot_TestPostgres="Host=...". Stop it with: scripts/postgres.sh stop <folder>.
# PARKINGBOT_POSTGRES_OPTIONS replaces the server options (default: -c fsync=off, as tests need no durability).
set -euo pipefail
source "$(dirname "$0")/progress.sh"
bin=/usr/lib/postgresql/15/bin

if [ "${1:-}" = "stop" ]; then
  as_root runuser -u postgres -- "$bin/pg_ctl" -D "$2/data" -m immediate stop >/dev/null 2>&1 || true
  as_root rm -rf "$2"
  exit 0
fi

if [ ! -x "$bin/pg_ctl" ]; then
  stage "Installing Debian's postgresql for the PostgreSQL tests" >&2
  quietly "apt-get update" as_root apt-get update -qq >&2
  quietly "installing postgresql" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

folder=$(mktemp -d /tmp/parkingbot-postgres-XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 55432)
password=$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
as_root chown postgres "$folder"
as_root runuser -u postgres -- "$bin/initdb" -D "$folder/data" -U postgres -A trust --no-sync >/dev/null
as_root runuser -u postgres -- "$bin/pg_ctl" -D "$folder/data" -l "$folder/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $folder ${PARKINGBOT_POSTGRES_OPTIONS:--c fsync=off} -c max_connections=500" start >/dev/null
# The app's role owns its database and is no superuser, as in production.
as_root runuser -u postgres -- "$bin/psql" -h "$folder" -p "$port" -U postgres -q -c \
  "CREATE ROLE parkingbot LOGIN PASSWORD '$password' CREATEDB;" >/dev/null
echo "export ParkingBot_TestPostgres='Host=127.0.0.1;Port=$port;Username=parkingbot;Password=$password;Database=postgres' ParkingBot_TestPostgresFolder='$folder'"
