#!/usr/bin/env bash
# `./dev run` end to end: both products come up with demo data, answer real requests, and stop
# cleanly on Ctrl-C (SIGINT).
set -euo pipefail
ROOT="${REPO_ROOT:?}"
BUILD_DIR="${BUILD_DIR:?}"
# shellcheck source=scripts/lib/bench.sh
source "$ROOT/scripts/lib/bench.sh"

work="$(mktemp -d)"
tm_port="$(free_port)"
ml_port="$(free_port)"
while [ "$ml_port" = "$tm_port" ]; do ml_port="$(free_port)"; done
cleanup() {
  if [ -n "${run_pid:-}" ]; then kill -TERM -- "-$run_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; tail -n 20 "$work/run.out" "$work"/var/*.log >&2 || true; exit 1; }

cd "$ROOT"
# A background job of a script starts with SIGINT ignored, and bash cannot trap a signal ignored
# on entry; perl restores the default so Ctrl-C reaches ./dev run as it does in a terminal.
# shellcheck disable=SC2016  # the single-quoted text is perl, not shell
TM_PORT="$tm_port" ML_PORT="$ml_port" DEV_BUILD_DIR="$BUILD_DIR" DEV_VAR_DIR="$work/var" \
  setsid perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' ./dev run --no-build >"$work/run.out" 2>&1 &
run_pid=$!

for _ in $(seq 1 600); do
  grep -q "Press Ctrl-C" "$work/run.out" 2>/dev/null && break
  kill -0 "$run_pid" 2>/dev/null || fail "./dev run exited early"
  sleep 0.1
done
grep -q "Traffic-Master: http://127.0.0.1:$tm_port/" "$work/run.out" || fail "no Traffic-Master URL printed"
grep -q "Mind-Log:       http://127.0.0.1:$ml_port/" "$work/run.out" || fail "no Mind-Log URL printed"

for port in "$tm_port" "$ml_port"; do
  [ "$(curl -fs "http://127.0.0.1:$port/healthz")" = "ok" ] || fail "healthz on $port"
  curl -fs "http://127.0.0.1:$port/readyz" >/dev/null || fail "readyz on $port"
  # Captured first: `curl | grep -q` fails under pipefail when grep stops reading early.
  metrics="$(curl -fs "http://127.0.0.1:$port/metrics")" || fail "metrics on $port"
  grep -q '^http_open_connections' <<<"$metrics" || fail "metrics content on $port"
done

# Demo data: the demo event is listed, and the demo account can log in and read its journal.
events="$(curl -fs "http://127.0.0.1:$tm_port/api/v1/events")" || fail "events list"
grep -q '"id"' <<<"$events" || fail "no demo event listed"
login="$(curl -fs -H 'Content-Type: application/json' \
  -d '{"email":"demo@mind-log.example","password":"demo password 1234"}' \
  "http://127.0.0.1:$ml_port/api/v1/sessions")" || fail "demo login"
token="$(sed -E 's/.*"access_token":"([^"]+)".*/\1/' <<<"$login")"
entries="$(curl -fs -H "Authorization: Bearer $token" "http://127.0.0.1:$ml_port/api/v1/journal/entries")" ||
  fail "demo journal"
grep -q '"entries"' <<<"$entries" || fail "demo journal content"

# The Traffic-Master pages are served as they are: the landing page and the seat map's modules.
static_ok() {  # path, expected content-type prefix, text the body must hold
  local headers body
  headers="$(curl -fs -D - -o "$work/static.body" "http://127.0.0.1:$tm_port$1")" || fail "GET $1"
  body="$(cat "$work/static.body")"
  grep -qi "^content-type: $2" <<<"$headers" || fail "content type of $1: $(grep -i '^content-type' <<<"$headers")"
  grep -q "$3" <<<"$body" || fail "content of $1"
}
static_ok / "text/html" 'seatmap/'
static_ok /seatmap/ "text/html" 'src="/seatmap/app.js"'
static_ok /seatmap/app.js "text/javascript" 'GateClient'
static_ok /seatmap/seat_stream.js "text/javascript" 'class SeatStream'
static_ok /seatmap/seat_stream.test.mjs "text/javascript" 'node:test'

# Ctrl-C stops both servers and ./dev run itself.
kill -INT -- "-$run_pid" 2>/dev/null || kill -INT "$run_pid"
for _ in $(seq 1 150); do
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$run_pid" 2>/dev/null && fail "./dev run still running 15 s after Ctrl-C"
run_pid=""
for port in "$tm_port" "$ml_port"; do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && fail "server on $port still answering"
done
echo "dev run: both products served and stopped"
