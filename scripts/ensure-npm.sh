#!/usr/bin/env bash
# The build installs the pinned Web Chat bundle with npm (src/ParkingBot/webchat); install Node.js and npm if missing.
set -euo pipefail
source "$(dirname "$0")/progress.sh"
if ! command -v npm >/dev/null 2>&1; then
  stage "Installing Debian's nodejs and npm for the Web Chat bundle"
  quietly "apt-get update" as_root apt-get update -qq
  quietly "installing nodejs and npm" as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
