#!/usr/bin/env bash
# Beacon benchmark: single-event requests — what browsers send — on every endpoint of the gateway
# (POST /v1/events as JSON and as sendBeacon's text/plain, the pixel GET /i, Segment POST /v1/track,
# Snowplow POST …/tp2) at 64, 256 and 512 connections, against the bare route /bench/bare of the same
# build in the same process (answers 204, nothing else). Then each endpoint paced at half its own
# closed-loop rate at 512 connections (wrk's per-connection delay), for p99 under a load that is not
# the ceiling. Repeated for each producer linger in LINGERS (ISO-8601 durations). Starts its own Kafka
# and gateway on free loopback ports and stops them on exit; prints a Markdown table per linger and
# writes the raw wrk outputs under bench/results/. About 6 minutes per linger with DURATION=8s.
#
#   bench/beacons/run.sh
#   LINGERS="PT0.005S PT0.001S PT0S" DURATION=8s bench/beacons/run.sh
#   ENDPOINTS="bare events pixel" CONNECTIONS="256" bench/beacons/run.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
DURATION=${DURATION:-8s}
LINGERS=${LINGERS:-PT0.005S}
ENDPOINTS=${ENDPOINTS:-bare events beacon pixel segment snowplow}
CONNECTIONS=${CONNECTIONS:-64 256 512}
PACED_CONNECTIONS=${PACED_CONNECTIONS:-512}
OUT="$ROOT/bench/results/beacons-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT"
KAFKA_PID=""
GATEWAY_PID=""

BENCH_NAME=beacons
. bench/lib/gateway-bench.sh
cleanup() { stop_pid "$GATEWAY_PID"; stop_pid "$KAFKA_PID"; }
trap cleanup EXIT

ensure_wrk
build_gateway
start_kafka

start_gateway() { # linger
  PORT=$(free_port)
  CLICKSTREAM_KAFKA_LINGER="$1" CLICKSTREAM_BENCHMARK_BARE_ROUTE=true KAFKA_BOOTSTRAP="$BOOTSTRAP" GATEWAY_PORT="$PORT" \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_LEVEL=WARN \
    java -Xms256m -Xmx512m ${GATEWAY_JAVA_OPTS:-} -jar ingest-gateway/target/quarkus-app/quarkus-run.jar >"$OUT/gateway-$1.log" 2>&1 &
  GATEWAY_PID=$!
  await_gateway $GATEWAY_PID "$PORT" "$OUT/gateway-$1.log"
}

run_wrk() { # name endpoint connections duration delay_ms → WRK_RESULT json
  ENDPOINT=$2 DELAY_MS=$5 wrk -t1 -c"$3" -d"$4" --timeout 10s -s bench/beacons/beacon.lua "http://127.0.0.1:$PORT" \
    >"$OUT/wrk-$1.txt" 2>&1 || true
  grep '^WRK_RESULT' "$OUT/wrk-$1.txt" | sed 's/^WRK_RESULT //'
}

rps() { python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(int(r["requests"]/(r["duration_us"]/1e6)))' "$1"; }
field() { python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$1" "$2"; }

for LINGER in $LINGERS; do
  say "gateway with linger $LINGER"
  start_gateway "$LINGER"
  say "warm-up (JIT): every endpoint 4 s at 64 connections"
  for e in $ENDPOINTS; do run_wrk "warmup-$LINGER-$e" "$e" 64 4s 0 >/dev/null; done
  declare -A RPS=() P50=() P99=() ERR=()
  for c in $CONNECTIONS; do
    for e in $ENDPOINTS; do
      r=$(run_wrk "closed-$LINGER-$e-$c" "$e" "$c" "$DURATION" 0)
      RPS[$e,$c]=$(rps "$r"); P50[$e,$c]=$(field "$r" p50_us); P99[$e,$c]=$(field "$r" p99_us)
      ERR[$e,$c]="$(field "$r" non2xx)/$(field "$r" socket_errors)"
      say "linger $LINGER $e c=$c: ${RPS[$e,$c]} req/s p50 ${P50[$e,$c]} µs p99 ${P99[$e,$c]} µs non-2xx/socket ${ERR[$e,$c]}"
    done
  done
  # Paced at half the endpoint's own closed-loop rate: each connection waits DELAY between requests.
  declare -A PACED=()
  c=$PACED_CONNECTIONS
  for e in $ENDPOINTS; do
    [ "$e" = bare ] && continue
    target=$(( ${RPS[$e,$c]:-0} / 2 ))
    [ "$target" -gt 0 ] || continue
    p50ms=$(( ${P50[$e,$c]} / 1000 ))
    delay=$(( c * 1000 / target - p50ms / 2 )); [ "$delay" -gt 0 ] || delay=1
    r=$(run_wrk "paced-$LINGER-$e-probe" "$e" "$c" 4s "$delay")
    got=$(rps "$r")
    # one correction of the delay for the measured rate
    delay=$(( delay + c * 1000 / target - c * 1000 / (got > 0 ? got : 1) )); [ "$delay" -gt 0 ] || delay=1
    r=$(run_wrk "paced-$LINGER-$e" "$e" "$c" "$DURATION" "$delay")
    PACED[$e]=$(awk -v r="$(rps "$r")" -v t="$target" -v d="$delay" -v p50="$(field "$r" p50_us)" -v p99="$(field "$r" p99_us)" \
      'BEGIN { printf "%d req/s (target %d, delay %d ms per connection): p50 %.1f ms, p99 %.1f ms", r, t, d, p50/1000, p99/1000 }')
    say "linger $LINGER $e paced: ${PACED[$e]}"
  done
  curl -fs "http://127.0.0.1:$PORT/q/metrics" | grep -E '^clickstream_gateway_events_(accepted|rejected|ignored)_total' \
    >"$OUT/metrics-$LINGER.txt" || true
  stop_pid "$GATEWAY_PID"; GATEWAY_PID=""

  {
    echo
    echo "### linger $LINGER ($(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg), $DURATION per cell)"
    echo
    echo "| endpoint | $(for c in $CONNECTIONS; do printf 'c=%s req/s · p50/p99 ms · ÷ bare | ' "$c"; done)"
    echo "| --- | $(for c in $CONNECTIONS; do printf -- '--- | '; done)"
    for e in $ENDPOINTS; do
      printf '| %s | ' "$e"
      for c in $CONNECTIONS; do
        awk -v r="${RPS[$e,$c]}" -v b="${RPS[bare,$c]:-0}" -v p50="${P50[$e,$c]}" -v p99="${P99[$e,$c]}" -v err="${ERR[$e,$c]}" \
          'BEGIN { printf "%d · %.1f/%.1f · %s%s | ", r, p50/1000, p99/1000, (b > 0 ? sprintf("%.2f", r/b) : "—"), (err == "0/0" ? "" : " (errors " err ")") }'
      done
      echo
    done
    echo
    for e in $ENDPOINTS; do [ -n "${PACED[$e]:-}" ] && echo "- $e at half its rate, $PACED_CONNECTIONS connections: ${PACED[$e]}"; done
    echo "- events counted by the gateway: $(tr '\n' ' ' <"$OUT/metrics-$LINGER.txt" | sed 's/clickstream_gateway_events_//g')"
  } | tee -a "$OUT/summary.md"
  unset RPS P50 P99 ERR PACED
done
say "summary: $OUT/summary.md"
