#!/usr/bin/env bash
# The postgres test project and the e2e run on PostgreSQL start a throwaway PostgreSQL server from
# its binaries (tests/support/postgres.ts); no server needs to be running. Installs Debian's
# server package when no initdb is found (as ensure-chromium.sh does for the browser).
set -euo pipefail
if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then exit 0; fi
echo "PostgreSQL server binaries (initdb, pg_ctl) not found; installing Debian's postgresql package…"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to apt-get install postgresql, or set PG_BIN to a directory with initdb and pg_ctl" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# The server package only: the harness starts its own cluster, never the system service.
$SUDO apt-get install -y -qq --no-install-recommends postgresql >/dev/null
ls /usr/lib/postgresql/*/bin/initdb
