#!/usr/bin/env bash
# Runs every test of the solution. First installs what some tests need beyond the .NET SDK (each step is idempotent
# and quick once done), then runs `dotnet test TypedActors.sln` with any extra arguments given to this script.
set -euo pipefail
cd "$(dirname "$0")/.."

# The OpenAPI validator (@redocly/cli, pinned) that the gateway tests run against the gateway's OpenAPI document.
tests/TypedActors.Http.Tests/OpenApiValidator/install.sh

dotnet test TypedActors.sln "$@"
