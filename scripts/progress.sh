# Sourced by scripts/run.sh and scripts/test.sh: every stage says what it does, a stage that is quiet says every 20 s
# that it is still at it (in a terminal or not), and a stage that fails shows its whole output.

# stage TEXT: the heading of a stage.
stage() { printf '==> %s\n' "$*"; }

# as_root CMD…: runs CMD as root (directly when already root, else through sudo).
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# quietly LABEL CMD…: runs CMD with its output set aside, says "… LABEL (N s)" every 20 s while it runs, and prints
# all of its output if it fails.
quietly() {
  local label=$1 started=$SECONDS log status=0 ticks=0 pid
  shift
  log=$(mktemp)
  "$@" >"$log" 2>&1 &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    ticks=$((ticks + 1))
    if [ $((ticks % 20)) -eq 0 ]; then echo "    … $label ($((SECONDS - started)) s)"; fi
  done
  wait "$pid" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "$label failed (exit $status); its output:"
    cat "$log"
  fi
  rm -f "$log"
  return "$status"
}

# streamed LABEL CMD…: runs CMD with its output shown as it comes; after 20 s without a line it says
# "… LABEL (N s)". Returns CMD's exit status.
streamed() {
  local label=$1 started=$SECONDS marker heartbeat status=0
  shift
  marker=$(mktemp)
  (
    while sleep 5; do
      if [ $(($(date +%s) - $(stat -c %Y "$marker" 2>/dev/null || date +%s))) -ge 20 ]; then
        echo "    … $label ($((SECONDS - started)) s)"
        touch "$marker"
      fi
    done
  ) &
  heartbeat=$!
  "$@" 2>&1 | while IFS= read -r line; do printf '%s\n' "$line"; touch "$marker"; done || status=$?
  kill "$heartbeat" 2>/dev/null || true
  wait "$heartbeat" 2>/dev/null || true
  rm -f "$marker"
  return "$status"
}
