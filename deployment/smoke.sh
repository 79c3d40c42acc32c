#!/usr/bin/env bash
# The container-equivalent smoke test: publishes the app as the image's build stage does, starts it the way the image
# starts it (the image's environment, port 8080, a fresh data volume, Production, a non-root user even when this script
# runs as root) behind a proxy as compose.yaml and Container Apps run it (ASPNETCORE_FORWARDEDHEADERS_ENABLED), and checks
# what an orchestrator and a customer see: /healthz, /readyz, the chat page and its Web Chat bundle, a turn over the
# embedded Direct Line, per-client limits by the forwarded address, the demo agent's password in the data volume,
# nothing written outside the data volume (the image's root file system may be read-only), and a prompt stop on SIGTERM.
#
#   bash deployment/smoke.sh            # PORT=8080 by default, as in the image
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${PORT:-8080}"
app_uid=1654   # the "app" user of the .NET images ($APP_UID)

work="$(mktemp -d /tmp/parkingbot-smoke-XXXXXX)"
pid=""
cleanup() {
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -KILL "$pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "smoke: FAILED: $*" >&2; [[ -f "$work/app.log" ]] && tail -n 40 "$work/app.log" >&2; exit 1; }
step() { echo "smoke: $*"; }

if ss -ltn 2>/dev/null | grep -q ":$port "; then fail "port $port is in use"; fi

step "publishing the app (Release) as the image's build stage does"
dotnet publish "$repo/src/ParkingBot" -c Release -o "$work/app" --nologo -v q -clp:ErrorsOnly
[[ -s "$work/app/bundles/webchat.js" && -s "$work/app/bundles/webchat.js.br" ]] || fail "the published app has no Web Chat bundle (or not its compressed copy)"
mkdir "$work/data" "$work/home"
chmod 755 "$work"
chmod -R a+rX "$work/app"

# The image's environment (deployment/Dockerfile) and nothing else of this machine's.
run_env=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$work/home"
    ASPNETCORE_ENVIRONMENT=Production Urls="http://+:$port" Storage__DataDirectory="$work/data" DOTNET_NOLOGO=1
    ASPNETCORE_FORWARDEDHEADERS_ENABLED=true)
if [[ "$(id -u)" -eq 0 ]]; then
    chown "$app_uid:$app_uid" "$work/data" "$work/home"
    as_app=(setpriv --reuid="$app_uid" --regid="$app_uid" --clear-groups)
    step "starting it as uid $app_uid (this script runs as root)"
else
    as_app=()
    step "starting it as uid $(id -u)"
fi
(cd "$work/app" && find . -type f -printf '%p %s %T@\n' | sort) > "$work/before.txt"
(cd "$work/app" && exec "${as_app[@]}" "${run_env[@]}" dotnet ParkingBot.dll > "$work/app.log" 2>&1) &
pid=$!

base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$base/healthz" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || fail "the app exited during start-up"
    sleep 0.5
done
# The subshell execs setpriv, env and dotnet in turn: $pid is the app.
[[ "$(ps -o uid= -p "$pid" | tr -d ' ')" != 0 ]] || fail "the app runs as root"

status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
[[ "$(status "$base/healthz")" == 200 ]] || fail "/healthz is not 200"
[[ "$(status "$base/readyz")" == 200 ]] || fail "/readyz is not 200"
# Production without credentials: /api/messages takes no anonymous activity.
[[ "$(status -X POST -H 'Content-Type: application/json' --data '{"type":"message"}' "$base/api/messages")" == 401 ]] \
    || fail "/api/messages does not refuse anonymous callers (is it in Production?)"
step "/healthz and /readyz answer 200; /api/messages refuses anonymous callers (Production)"

curl -fsS "$base/" > "$work/page.html" || fail "the chat page did not load"
grep -q 'chat/lib/webchat.js' "$work/page.html" || fail "the chat page does not load the Web Chat bundle"
[[ "$(status "$base/chat/lib/webchat.js")" == 200 ]] || fail "the Web Chat bundle is not served"
[[ "$(curl -s -o /dev/null -w '%header{content-encoding}' -H 'Accept-Encoding: br' "$base/chat/lib/webchat.js")" == br ]] \
    || fail "the Web Chat bundle is not served compressed"
step "the chat page and its Web Chat bundle (Brotli) are served"

# A customer's turn, as the page makes it: a page token, the conversation's start, a message, the bot's replies.
token_json="$(curl -fsS -X POST "$base/api/directline/token")" || fail "no page token"
token="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])' <<<"$token_json")"
conversation="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["conversationId"])' <<<"$token_json")"
user="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["userId"])' <<<"$token_json")"
auth=(-H "Authorization: Bearer $token")
[[ "$(status -X POST "${auth[@]}" "$base/v3/directline/conversations")" =~ ^20[01]$ ]] || fail "the conversation did not start"
message="{\"type\":\"message\",\"from\":{\"id\":\"$user\"},\"text\":\"주차권 결제 시점\",\"channelData\":{\"clientActivityID\":\"smoke-1\"}}"
[[ "$(status -X POST "${auth[@]}" -H 'Content-Type: application/json' --data "$message" "$base/v3/directline/conversations/$conversation/activities")" == 200 ]] \
    || fail "the message was not taken"
curl -fsS "${auth[@]}" "$base/v3/directline/conversations/$conversation/activities" > "$work/activities.json" || fail "the activities could not be read"
python3 - "$work/activities.json" <<'PY' || fail "the bot did not answer the message"
import json, sys
activities = json.load(open(sys.argv[1]))["activities"]
said = [a for a in activities if a.get("type") == "message" and a.get("from", {}).get("role") != "user"]
mine = [i for i, a in enumerate(activities) if a.get("text") == "주차권 결제 시점"]
assert mine and any(activities.index(a) > mine[0] and a.get("text") for a in said), activities
PY
step "a turn over the embedded Direct Line: the bot greeted and answered"

# Behind the proxy every client has the proxy's address: the per-address limit (30 page tokens a minute) must count the
# address the proxy forwards, so one busy client does not lock out the others.
for _ in $(seq 1 30); do curl -fsS -o /dev/null -X POST -H 'X-Forwarded-For: 203.0.113.7' "$base/api/directline/token" || fail "a page token was refused early"; done
[[ "$(status -X POST -H 'X-Forwarded-For: 203.0.113.7' "$base/api/directline/token")" == 429 ]] || fail "the 31st page token of one client was not refused"
[[ "$(status -X POST -H 'X-Forwarded-For: 198.51.100.20' "$base/api/directline/token")" == 200 ]] || fail "another client behind the same proxy was refused"
step "per-client limits count the address the proxy forwards"

[[ -s "$work/data/agent-initial-password.txt" ]] || fail "the demo agent's password is not in the data volume"
[[ "$(stat -c '%a' "$work/data/agent-initial-password.txt")" == 600 ]] || fail "the demo agent's password file is readable by others"
[[ -s "$work/data/parkingbot.db" ]] || fail "the state file is not in the data volume"
step "the data volume holds the state and the demo agent's password (mode 600)"

kill -TERM "$pid"
for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
if kill -0 "$pid" 2>/dev/null; then fail "the app did not stop within 10 s of SIGTERM"; fi
pid=""
(cd "$work/app" && find . -type f -printf '%p %s %T@\n' | sort) > "$work/after.txt"
diff -u "$work/before.txt" "$work/after.txt" >&2 || fail "the app wrote into its own folder"
[[ -z "$(ls -A "$work/home")" ]] || fail "the app wrote into its home folder: $(ls -A "$work/home")"
step "stopped on SIGTERM; nothing was written outside the data volume"
echo "smoke: passed"
