#!/usr/bin/env bash
# Measures POST /v1/decisions of `rightsgate serve` on loopback with wrk: logged (durable) decisions per
# second and latency percentiles. Not a test: the figures depend on the machine and its fsync latency.
#
#   scripts/bench-service.sh [DURATION] [CONNECTIONS] [REQUEST.json]
#
# Defaults: 30s, 64 connections, fixtures/actions/isp-ip-shared-kharitonov.json against policies/.
# ROUTE=/v1/evaluate measures the same request as a dry run, without the log.
# Needs wrk (Debian: apt-get install -y wrk). Builds the release binary into .build-server unless
# RIGHTSGATE_BIN points to one. The log goes in a temporary folder on the same disk as /tmp.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
duration=${1:-30s}
connections=${2:-64}
request=${3:-$root/fixtures/actions/isp-ip-shared-kharitonov.json}
threads=${WRK_THREADS:-2}
bin=${RIGHTSGATE_BIN:-$root/.build-server/release/rightsgate}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 1; }
if [ -z "${RIGHTSGATE_BIN:-}" ]; then
  (cd "$root" && swift build -c release --scratch-path .build-server --product rightsgate >/dev/null)
fi

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill -TERM "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

token=$("$bin" token generate --name bench --role gate | sed -n '2p')
printf 'tokens:\n  - name: bench\n    role: gate\n    hash: %s\n' "$(printf '%s' "$token" | "$bin" token hash)" \
  > "$work/tokens.yaml"

"$bin" serve --policies "$root/policies" --tokens "$work/tokens.yaml" --log "$work/decisions.sqlite" \
  --port 0 --log-level error > "$work/stdout" 2> "$work/stderr" &
server=$!
for _ in $(seq 1 200); do
  port=$(sed -n 's/.*listening on http:\/\/127\.0\.0\.1:\([0-9]*\).*/\1/p' "$work/stdout")
  [ -n "$port" ] && break
  sleep 0.05
done
[ -n "${port:-}" ] || { cat "$work/stderr" >&2; exit 1; }
url="http://127.0.0.1:$port${ROUTE:-/v1/decisions}"   # ROUTE=/v1/evaluate measures the dry run (not logged)

echo "== $(nproc) cores; server pid $server; $threads wrk threads, $connections connections, $duration"
echo "== request: $request"
curl -s -o /dev/null -w 'probe: HTTP %{http_code} outcome %header{rightsgate-outcome}\n' \
  -H "Authorization: Bearer $token" --data-binary "@$request" "$url"
echo "== warm-up (5s)"
wrk -t"$threads" -c"$connections" -d5s -s "$root/scripts/wrk-decisions.lua" "$url" -- "$request" "$token" >/dev/null
echo "== measured run"
wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$root/scripts/wrk-decisions.lua" "$url" -- "$request" "$token"

kill -TERM "$server"; wait "$server" || true; server=""
echo "== log"
"$bin" log verify --log "$work/decisions.sqlite" | head -1
