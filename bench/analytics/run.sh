#!/usr/bin/env bash
# Analytics benchmark: pass-through ceiling, full-job sustained throughput (the job as
# `./clickstream analytics` runs it), produce → KPI searchable and produce → alert searchable (injected
# bots) latency on local[2], against a real Kafka + Elasticsearch started for the run.
# Usage: bench/analytics/run.sh [backlog events, default 600000; 0 = live phase only, from a cold JVM] [live rate/s, default 10000]
#        [live seconds, default 60] [--queries of the live phase, default job (the one-pass job)]
# BENCH_JAVA_OPTS adds JVM options to the benchmark JVM only (e.g. a JFR recording; -Dbench.drains=pass,job,kpis runs
# those drain phases (default pass,job; kpis, rejects, alerts-users, alerts-sites: that separate query alone); -Dbench.sparkConf="k=v;k=v" adds Spark properties for an A/B run; -Dbench.maxOffsetsPerTrigger=N,
# -Dbench.shufflePartitions=N, -Dbench.readTasks=N and -Dbench.warmUpEvents=N override those defaults; -Dbench.sessions=false
# and -Dbench.breakdowns=false run the job with --no-sessions / --no-breakdowns, the same events otherwise).
# Prints a Markdown table (paste into docs/benchmarks.md); logs under spark-analytics/target/bench/.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl spark-analytics -am package -DskipTests
cd spark-analytics
export SPARK_LOCAL_IP=127.0.0.1
exec java $(cat target/launcher/jvm.options) -Xmx2g ${BENCH_JAVA_OPTS:-} -Dclickstream.log.dir=target/bench/logs -Dclickstream.log.batches=debug \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.clickstream.analytics.bench.AnalyticsBenchmark "$@"
