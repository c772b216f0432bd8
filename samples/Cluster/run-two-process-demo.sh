#!/usr/bin/env bash
# Runs the two-process demo end to end with bounded time: starts two silos on loopback, waits until the second has
# told and asked an actor on the first, kills the second with SIGKILL, waits for the first to report Down, and checks
# that the first silo's own actor outlived the second silo.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$(mktemp -d)"
trap 'kill -9 ${primary_pid:-} ${secondary_pid:-} 2>/dev/null || true; rm -rf "$out"' EXIT

# Built into a folder of its own (bin and obj of every project it builds), not the projects' bin and obj folders: the
# package tests pack the same libraries in Release while this runs, and two builds writing one obj folder break both.
build="$(cd "$here/../.." && pwd)/artifacts/two-process-demo"
dotnet build "$here/Cluster.csproj" -c Release --artifacts-path "$build" -v q -nologo >/dev/null
app=("$build/bin/Cluster/release/Cluster") # the executable itself, so that SIGKILL hits the silo, not a launcher

wait_for() { # file pattern seconds
  for _ in $(seq 1 $(($3 * 10))); do grep -q "$2" "$1" && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1:"; cat "$1"; return 1
}

"${app[@]}" --port 11111 >"$out/primary.log" 2>&1 & primary_pid=$!
wait_for "$out/primary.log" "primary: silo 11111 up" 60
"${app[@]}" --port 11112 --primary 11111 >"$out/secondary.log" 2>&1 & secondary_pid=$!
wait_for "$out/secondary.log" "kill this process" 60
cat "$out/primary.log" "$out/secondary.log"

kill -9 "$secondary_pid"
echo "demo: killed the secondary silo (SIGKILL)"
wait_for "$out/primary.log" "watchdog: Down .* noconnection" 90
wait_for "$out/primary.log" "still answers: total = 3" 30
wait "$primary_pid"
tail -n 2 "$out/primary.log"
echo "demo: passed"
