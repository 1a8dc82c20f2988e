#!/usr/bin/env bash
# Playwright cannot download its own browser here; the end-to-end suite drives Debian's Chromium.
# Installs it when missing (CI machines start without it).
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
bash "$(dirname "$0")/../support/apt-install.sh" "Chromium not found at $CHROMIUM" chromium
"$CHROMIUM" --version
