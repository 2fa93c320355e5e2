#!/usr/bin/env bash
# Unlock at the default Argon2id cost (64 MiB, 3 passes, 1 lane) in the Java SDK (JMH,
# KeyBenchmark.unlock), in Node.js and in headless Chromium, in alternating rounds so that the
# shared machine's load falls on all three alike. Prints each run and the load average.
#
#   browser-client/bench/unlock-vs-java.sh [rounds]        (default 3; about a minute per round)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
mvn -B -ntp -q -pl benchmarks -am package -DskipTests
(cd browser-client && npm ci --no-audit --no-fund >/dev/null && npm run -s build >/dev/null)
for round in $(seq 1 "$ROUNDS"); do
  echo "== round $round, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  java -jar benchmarks/target/benchmarks.jar 'KeyBenchmark.unlock$' -f 1 -wi 2 -w 3s -i 5 -r 3s 2>/dev/null \
    | awk '/^KeyBenchmark.unlock/ { printf "Java SDK, %s keys (JMH average): %.0f ms\n", $2, $(NF-3) }'
  (cd browser-client && BENCH_MEBIBYTES=0 node target/test/node/bench-runner.mjs) | grep '^unlock\|^=='
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
