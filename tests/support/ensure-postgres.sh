#!/usr/bin/env bash
# The postgres test project and the e2e run on PostgreSQL start a throwaway PostgreSQL server from
# its binaries (tests/support/postgres.ts); no server needs to be running. Installs Debian's
# server package when no initdb is found (as ensure-chromium.sh does for the browser). The harness
# starts its own cluster, never the system service.
set -euo pipefail
if [ -n "${PG_BIN:-}" ] && [ -x "$PG_BIN/initdb" ]; then exit 0; fi
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then exit 0; fi
bash "$(dirname "$0")/apt-install.sh" "PostgreSQL server binaries (initdb, pg_ctl) not found" postgresql
ls /usr/lib/postgresql/*/bin/initdb
