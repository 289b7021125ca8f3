#!/usr/bin/env bash
# Analytics benchmark: pass-through ceiling, full-job sustained throughput and produce → KPI
# searchable latency on local[2], against a real Kafka + Elasticsearch started for the run.
# Usage: bench/analytics/run.sh [backlog events, default 600000] [live rate/s, default 10000] [live seconds, default 60] [queries of the live phase, comma-separated, default all]
# BENCH_JAVA_OPTS adds JVM options to the benchmark JVM only (e.g. a JFR recording; -Dbench.drains=pass,kpis runs
# only those drain phases; -Dbench.sparkConf="k=v;k=v" adds Spark properties for an A/B run; -Dbench.maxOffsetsPerTrigger=N and
# -Dbench.shufflePartitions=N override those defaults).
# Prints a Markdown table (paste into docs/benchmarks-analytics.md); logs under spark-analytics/target/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl spark-analytics -am package -DskipTests
cd spark-analytics
export SPARK_LOCAL_IP=127.0.0.1
exec java $(cat target/launcher/jvm.options) -Xmx2g ${BENCH_JAVA_OPTS:-} -Dclickstream.log.dir=target/bench/logs -Dclickstream.log.batches=debug \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.clickstream.analytics.bench.AnalyticsBenchmark "$@"
