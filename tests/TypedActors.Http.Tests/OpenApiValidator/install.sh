#!/usr/bin/env bash
# Installs the OpenAPI validator (@redocly/cli, pinned in package.json) that TypedActors.Http.Tests runs against the
# gateway's OpenAPI document. Run once before `dotnet test`; the test fails, naming this script, when it is missing.
set -euo pipefail
cd "$(dirname "$0")"
npm install --no-audit --no-fund --loglevel=error
