# Shared by the benchmark scripts (sourced, not run).
# shellcheck shell=bash

# A TCP port nothing listens on right now, below the ephemeral range: a bench's own client
# connections (1,000 at a time) take ephemeral ports, and a server started on one of those
# right after a run could not bind it.
free_port() {
  local p low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  for _ in $(seq 1 200); do
    p=$((10000 + RANDOM % (low - 10000)))
    ss -Htln "sport = :$p" 2>/dev/null | grep -q . || { echo "$p"; return 0; }
  done
  return 1
}

# wait_http URL [seconds]: until it answers 200.
wait_http() {
  local url="$1" deadline=$((SECONDS + ${2:-20}))
  until curl -fs -o /dev/null "$url"; do
    [ "$SECONDS" -lt "$deadline" ] || { echo "bench: $url did not come up" >&2; return 1; }
    sleep 0.1
  done
}

# Converts a wrk latency figure ("812.00us", "1.20ms", "2.01s") to milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000
    printf "%.3f", n }'
}

# wrk_json URL CONNECTIONS SECONDS [extra wrk args...]: prints {"rps":..,"p50_ms":..,"p99_ms":..,"errors":..}
wrk_json() {
  local url="$1" conns="$2" secs="$3" out rps p50 p99 errors
  shift 3
  out="$(wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$url" 2>&1)"
  rps="$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' <<<"$out")"
  printf '{"rps":%s,"p50_ms":%s,"p99_ms":%s,"errors":%s}\n' "${rps:-0}" "${p50:-0}" "${p99:-0}" "${errors:-0}"
}

# json_get JSON KEY: one numeric field of a flat JSON object.
json_get() { sed -E "s/.*\"$2\":([-0-9.eE+]+).*/\1/" <<<"$1"; }
