#!/usr/bin/env bash
# Breakdown cost per event, in-process: a user agent parsed by Yauaa uncached against a cache hit and
# Dimensions.of (dimensions' UserAgentCostBenchmark); the job's parse and pane fold with and without the
# breakdown dimensions, and the driver's ranking of a 1 h and a 60 s window (spark-analytics'
# BreakdownCostBenchmark). Prints what it measured; bench/analytics/run.sh judges the whole job.
# Usage: bench/breakdowns/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -B -q -pl spark-analytics -am package -DskipTests
classpath="spark-analytics/target/test-classes:spark-analytics/target/classes:$(cat spark-analytics/target/bench-classpath.txt)"
java -Xmx2g -cp "dimensions/target/test-classes:$classpath" io.clickstream.dimensions.UserAgentCostBenchmark
exec java $(cat spark-analytics/target/launcher/jvm.options) -Xmx2g -cp "$classpath" io.clickstream.analytics.parse.BreakdownCostBenchmark
