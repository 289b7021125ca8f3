#!/usr/bin/env bash
# Two seeded load runs in a row on one stack, each verified: the scenario of issue #19. The gateway
# and the analytics job are restarted between the runs, the stack's data (Kafka, Elasticsearch, the
# job's checkpoints) is kept. Binds the default ports: run it alone on the machine (the CI's
# engineers: under `flock /work/locks/ports.lock`). Usage: load-generator/scripts/two-seeded-runs.sh [OUT_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${1:-$ROOT/load-generator/target/two-seeded-runs}"
RATE="${RATE:-1000}"
DURATION="${DURATION:-60s}"
mkdir -p "$OUT"
cd "$ROOT"
pids=()
stop_pipeline() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap 'stop_pipeline; ./clickstream down >/dev/null 2>&1 || true' EXIT

start_pipeline() {
  # The write keys of load's default --sites, so that the gateway stamps each event's site.
  ./clickstream gateway -Dclickstream.sites.wk_shop=shop -Dclickstream.sites.wk_blog=blog \
    -Dclickstream.sites.wk_docs=docs >"$OUT/gateway-$1.log" 2>&1 & pids+=($!)
  ./clickstream analytics >"$OUT/analytics-$1.log" 2>&1 & pids+=($!)
  for _ in $(seq 1 120); do
    curl -fsS http://127.0.0.1:8080/q/health/ready >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "the gateway was not ready within 120 s: see $OUT/gateway-$1.log" >&2
  exit 2
}

./clickstream up
status=0
for run in 1 2; do
  start_pipeline "$run"
  ./clickstream load --rate "$RATE" --duration "$DURATION" --seed 7 --progress-interval 15s --ledger "$OUT/run$run.json"
  echo "== verify run $run"
  ./clickstream verify --ledger "$OUT/run$run.json" --wait 300s || status=1
  stop_pipeline
  # Late events reach 60 s back: two minutes apart, the runs share no sliding window.
  [[ $run -eq 2 ]] || sleep "${GAP_SECONDS:-120}"
done
start_pipeline again
echo "== verify run 1 again, after run 2 shared its hour"
./clickstream verify --ledger "$OUT/run1.json" --wait 120s || status=1
stop_pipeline
echo "two seeded runs: $([[ $status -eq 0 ]] && echo BOTH VERIFIED || echo FAILED)"
exit $status
