#!/usr/bin/env bash
# Runs every test of the solution. First installs what some tests need beyond the .NET SDK (each step is idempotent
# and quick once done), then runs `dotnet test TypedActors.sln` with any extra arguments given to this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# The OpenAPI validator (@redocly/cli, pinned) that the gateway tests run against the gateway's OpenAPI document.
tests/TypedActors.Http.Tests/OpenApiValidator/install.sh

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  as_root=(sudo)
fi
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then
    "${as_root[@]}" apt-get update -qq
    apt_updated=1
  fi
  "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

# The browser test of the observer page drives Debian's chromium with playwright-core (pinned in its package.json).
if ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium
fi

# The PostgreSQL journal's tests start a throwaway server from Debian's postgresql (15) programs, initdb and pg_ctl.
if ! command -v initdb >/dev/null 2>&1 && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  apt_install postgresql
fi
(cd tests/TypedActors.Http.Tests/Browser && npm install --no-audit --no-fund --loglevel=error)

dotnet test TypedActors.sln "$@"
