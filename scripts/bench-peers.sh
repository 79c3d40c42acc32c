#!/usr/bin/env bash
# The side-by-side turn benchmark: ParkingBot (published in Release) on SQLite and on PostgreSQL beside the official
# botbuilder-js SDK bot and a bare Kestrel echo, under the same HTTP load, on this machine, in one run.
#
# It drives the peers harness (../shared/peers, or PEERS_DIR): copies it to a temporary folder (the shared one is
# read-only), publishes ParkingBot, starts a throwaway PostgreSQL 15 (fsync on, synchronous_commit off: a commit does not
# wait for the disk, as SQLite's WAL with synchronous=NORMAL), and for each repetition runs the harness twice, interleaved:
# botbuilder-js, kestrel-echo and ParkingBot on SQLite, then ParkingBot on PostgreSQL. Every server is restarted for each
# repetition; ParkingBot starts on a fresh data folder (and a fresh database) each time. It prints one table of all runs.
#
#   scripts/bench-peers.sh                 # N = 1 16 128, 2 repetitions, 3 s warm-up + 10 s per run (~9 min)
#   REPEAT=3 DURATION=10 scripts/bench-peers.sh
#   CONCS="16" REPEAT=1 scripts/bench-peers.sh
#
# ParkingBot walks TicketPaymentTiming on the webchat channel: 주차권 결제 시점 → 강남역 공영주차장 → 아니요 → 건너뛰기 (the
# satisfaction question skipped, so every conversation ends with the goodbye), a waterfall
# step, the intent model and the Korean recognizers each turn, its state and transcript lines committed durably.
# The anchors run with .NET's and node's defaults; so does ParkingBot (Server GC, thread-pool spinning on).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
peers_source="${PEERS_DIR:-$repo/../shared/peers}"
[[ -f "$peers_source/run.sh" ]] || { echo "No peers harness at $peers_source (set PEERS_DIR)." >&2; exit 1; }
export REPEAT="${REPEAT:-2}" DURATION="${DURATION:-10}" WARMUP="${WARMUP:-3}" CONCS="${CONCS:-1 16 128}"
texts='주차권 결제 시점|강남역 공영주차장|아니요|건너뛰기'

work="$(mktemp -d /tmp/parkingbot-peers-XXXXXX)"
cp -r "$peers_source" "$work/peers"
rm -rf "$work/peers/results"
echo "Publishing ParkingBot (Release)…" >&2
dotnet publish "$repo/src/ParkingBot" -c Release -o "$work/parkingbot" --nologo -v q -clp:ErrorsOnly >&2

eval "$(PARKINGBOT_POSTGRES_OPTIONS='-c synchronous_commit=off' bash "$repo/scripts/postgres.sh")"
trap 'bash "$repo/scripts/postgres.sh" stop "$ParkingBot_TestPostgresFolder"' EXIT
postgres_base="${ParkingBot_TestPostgres%;Database=*}"

# A start command for the harness: {port} is its free port. Every start gets a data folder (and database) of its own.
bot='env Logging__LogLevel__Default=Warning Bot__AllowAnonymous=true'
cat >"$work/start-sqlite.sh" <<SH
#!/usr/bin/env bash
exec $bot Storage__DataDirectory="\$(mktemp -d $work/sqlite-XXXXXX)" dotnet "$work/parkingbot/ParkingBot.dll" --urls "http://127.0.0.1:\$1"
SH
cat >"$work/start-postgres.sh" <<SH
#!/usr/bin/env bash
name="bench_\$(date +%s%N)"
python3 - "\$name" <<'PY'
import os, sys, subprocess
parts = dict(p.split("=", 1) for p in os.environ["ParkingBot_TestPostgres"].split(";"))
subprocess.run(["psql", "-q", "-h", parts["Host"], "-p", parts["Port"], "-U", parts["Username"], "-d", "postgres",
                "-c", f"CREATE DATABASE {sys.argv[1]}"], env={**os.environ, "PGPASSWORD": parts["Password"]}, check=True)
PY
exec $bot Storage__Provider=Postgres ConnectionStrings__Postgres="$postgres_base;Database=\$name" \
  Storage__DataDirectory="\$(mktemp -d $work/postgres-XXXXXX)" dotnet "$work/parkingbot/ParkingBot.dll" --urls "http://127.0.0.1:\$1"
SH
chmod +x "$work"/start-*.sh
export ParkingBot_TestPostgres

results=()
skip=0
for rep in $(seq 1 "$REPEAT"); do
    out="$work/rep$rep-sqlite.jsonl"
    SKIP_BUILD=$skip REPEAT=1 OUT="$out" TARGET_CMD="$work/start-sqlite.sh {port}" TARGET_LABEL=parkingbot-sqlite \
        TARGET_CHANNEL=webchat TARGET_TEXTS="$texts" bash "$work/peers/run.sh" >/dev/null
    results+=("$out")
    skip=1
    out="$work/rep$rep-postgres.jsonl"
    SKIP_BUILD=1 PEERS="" REPEAT=1 OUT="$out" TARGET_CMD="$work/start-postgres.sh {port}" TARGET_LABEL=parkingbot-postgres \
        TARGET_CHANNEL=webchat TARGET_TEXTS="$texts" bash "$work/peers/run.sh" >/dev/null
    results+=("$out")
done
echo "Results: ${results[*]}" >&2
python3 "$work/peers/table.py" "${results[@]}"
