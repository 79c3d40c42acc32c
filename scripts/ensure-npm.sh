#!/usr/bin/env bash
# The build installs the pinned Web Chat bundle with npm (src/ParkingBot/webchat); install Node.js and npm if missing.
set -euo pipefail
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Debian's nodejs and npm for the Web Chat bundle…"
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  DEBIAN_FRONTEND=noninteractive sudo_if_needed apt-get install -y -qq nodejs npm >/dev/null
fi
