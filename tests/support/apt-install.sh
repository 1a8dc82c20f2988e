#!/usr/bin/env bash
# Installs Debian packages for the test tools that npm cannot bring (the browser, the PostgreSQL
# server binaries): `apt-install.sh <why> <package>…`. Needs root or sudo.
set -euo pipefail
WHY="$1"
shift
echo "$WHY; installing Debian's $*…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to apt-get install $*" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq "$@" >/dev/null
