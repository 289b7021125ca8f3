# Shared steps of the gateway benchmarks (bench/gateway/run.sh, bench/beacons/run.sh), sourced by both:
# wrk from Debian, the build, a Kafka of its own on free loopback ports, a gateway started and awaited.
# The sourcing script sets ROOT, OUT and BENCH_NAME and runs from $ROOT.

say() { printf '[%s] %s\n' "$BENCH_NAME" "$*" >&2; }

stop_pid() { # pid: SIGTERM, then wait up to 30 s
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$1" 2>/dev/null || break; sleep 0.5; done
  fi
}

ensure_wrk() {
  if ! command -v wrk >/dev/null; then
    say "installing wrk (Debian package)"
    apt-get update -qq >/dev/null && apt-get install -y -qq wrk >/dev/null
  fi
}

build_gateway() {
  say "building gateway and local-stack"
  nice -n 5 ./mvnw -q -B ${MVN_OPTS:-} -pl ingest-gateway,local-stack -am -DskipTests package
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

start_kafka() { # → KAFKA_PID, BOOTSTRAP
  say "starting Kafka (local-stack API, free ports, data in $OUT/stack)"
  java -cp "local-stack/target/classes:$(cat local-stack/target/classpath.txt)" bench/gateway/BenchKafka.java "$OUT/stack" \
    >"$OUT/kafka-launcher.log" 2>&1 &
  KAFKA_PID=$!
  for _ in $(seq 1 180); do
    [ -s "$OUT/stack/bootstrap.txt" ] && break
    kill -0 $KAFKA_PID || { cat "$OUT/kafka-launcher.log"; exit 1; }
    sleep 0.5
  done
  BOOTSTRAP=$(cat "$OUT/stack/bootstrap.txt")
  say "kafka at $BOOTSTRAP"
}

await_gateway() { # pid port log: until /q/health/ready answers, or the log is shown and the run ends
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$1" || { cat "$3"; exit 1; }
    sleep 0.5
  done
  curl -fs "http://127.0.0.1:$2/q/health/ready" >/dev/null || { say "gateway not ready after 60 s, see $3"; exit 1; }
}
