#!/usr/bin/env bash
# Runs the JDBC storage benchmarks on PostgreSQL and prints the figures docs/storage-jdbc.md
# reports: deliveries created per second (1 and 8 senders), an inbox page at 1 million deliveries
# (p50 and p99), grants claimed and completed per second by 8 concurrent workers, and grants
# fulfilled by the grant engine, crypto included. The grant benchmarks also print their figures
# per CPU-second ("per core") of the benchmark JVM and of its PostgreSQL server processes (the
# lines starting with [cpu]), which hold on a shared machine where wall time does not.
#
#   benchmarks/run-jdbc.sh [create|inbox|grants|fulfil|all]      (default: all)
#
# Settings (environment): WARMUP=3 WARMUP_TIME=10s ITERATIONS=3 TIME=10s FORKS=1
#   DELIVERIES=1000000 (inbox size)
#   FULFIL_WARMUP=3 FULFIL_ITERATIONS=5 (single shots of 1,000 grants each)
#   FULFIL_PARAMS="-p suite=CLASSICAL" (more JMH parameters of GrantFulfilBenchmark: suite,
#     deliveries, recipients, people, analyze; see docs/storage-jdbc.md)
#   PG_URL=jdbc:postgresql://127.0.0.1:5432/test PG_USER=postgres PG_PASSWORD=
# Each benchmark works in a fresh schema secupass_bench_<random> and drops it at the end.
set -euo pipefail
cd "$(dirname "$0")/.."

WHAT=${1:-all}
WARMUP=${WARMUP:-3}
WARMUP_TIME=${WARMUP_TIME:-10s}
ITERATIONS=${ITERATIONS:-3}
TIME=${TIME:-10s}
FORKS=${FORKS:-1}
DELIVERIES=${DELIVERIES:-1000000}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results
SERVER="-Dsecupass.jdbc.postgresql.url=${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
SERVER="$SERVER -Dsecupass.jdbc.postgresql.user=${PG_USER:-postgres}"
SERVER="$SERVER -Dsecupass.jdbc.postgresql.password=${PG_PASSWORD:-}"
JMH=(-f "$FORKS" -wi "$WARMUP" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$TIME"
  -jvmArgsAppend "$SERVER")

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
mkdir -p "$OUT"

# score NAME FILE: the score of the row whose benchmark name ends in .NAME, in a JMH CSV file.
score() {
  awk -F, -v name="$1" '{ gsub(/"/, "", $1) }
    substr($1, length($1) - length(name)) == "." name { printf "%.2f", $5; exit }' "$2"
}

create() {
  for threads in 1 8; do
    java -jar "$JAR" 'jdbc.DeliveryCreateBenchmark' "${JMH[@]}" -t "$threads" \
      -rf csv -rff "$OUT/create-$threads.csv"
  done
  echo
  echo "== Deliveries created per second (PostgreSQL; one file, two recipients each)"
  echo "   1 sender:   $(score create "$OUT/create-1.csv") /s"
  echo "   8 senders:  $(score create "$OUT/create-8.csv") /s"
}

inbox() {
  java -jar "$JAR" 'jdbc.InboxPageBenchmark' "${JMH[@]}" -p deliveries="$DELIVERIES" \
    -rf csv -rff "$OUT/inbox.csv"
  local f="$OUT/inbox.csv"
  echo
  echo "== Inbox page of 50 at $DELIVERIES deliveries (PostgreSQL; one thread; ms)"
  echo "   first page, random user (~100 deliveries): p50 $(score 'firstPage:p0.50' "$f")" \
    " p99 $(score 'firstPage:p0.99' "$f")"
  echo "   random depth, user with 1/10 of all:      p50 $(score 'deepPage:p0.50' "$f")" \
    " p99 $(score 'deepPage:p0.99' "$f")"
  echo "   find by id, for comparison:               p50 $(score 'findById:p0.50' "$f")" \
    " p99 $(score 'findById:p0.99' "$f")"
}

grants() {
  java -jar "$JAR" 'jdbc.GrantClaimBenchmark' "${JMH[@]}" -rf csv -rff "$OUT/grants.csv" \
    | tee "$OUT/grants.log"
  echo
  echo "== Grants claimed and completed per second (PostgreSQL; 8 workers, batches of 10)"
  echo "   one complete per grant:  $(score 'claimAndComplete:grants' "$OUT/grants.csv") /s"
  echo "   completeAll per batch:   $(score 'claimAndCompleteAll:grants' "$OUT/grants.csv") /s"
  grep -F '[cpu]' "$OUT/grants.log" || true
}

fulfil() {
  java -jar "$JAR" 'jdbc.GrantFulfilBenchmark' -f "$FORKS" -wi "${FULFIL_WARMUP:-3}" \
    -i "${FULFIL_ITERATIONS:-5}" ${FULFIL_PARAMS:-} -jvmArgsAppend "$SERVER" \
    -rf csv -rff "$OUT/fulfil.csv" \
    | tee "$OUT/fulfil.log"
  echo
  echo "== Grants fulfilled by the grant engine (PostgreSQL; one session, 1,000 per shot)"
  echo "   $(score 'fulfil' "$OUT/fulfil.csv") ms per 1,000 grants"
  grep -F '[cpu]' "$OUT/fulfil.log" || true
}

case "$WHAT" in
  create) create ;;
  inbox) inbox ;;
  grants) grants ;;
  fulfil) fulfil ;;
  all) create; inbox; grants; fulfil ;;
  *) echo "usage: $0 [create|inbox|grants|fulfil|all]" >&2; exit 2 ;;
esac
