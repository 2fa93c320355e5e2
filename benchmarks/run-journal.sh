#!/usr/bin/env bash
# The upload journal's cost per send (docs/testing.md, "Crash consistency"; docs/benchmarks.md,
# "Upload journal"): JournalCost times batches of level 3 sends of a small file on an SDK with the
# journal and on one whose journal keeps nothing, interleaved, by thread CPU time and wall clock,
# on PostgreSQL (with the statements per send) and on embedded H2.
#
#   benchmarks/run-journal.sh [postgresql|h2|all] [fileBytes=4096] [sendsPerBatch=20]
#       [warmupSeconds=30] [rounds=40]
#   PG_URL=jdbc:postgresql://127.0.0.1:5432/test PG_USER=postgres PG_PASSWORD=
set -euo pipefail
cd "$(dirname "$0")/.."

WHAT=${1:-all}
shift || true
SERVER=(-Dsecupass.jdbc.postgresql.url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
  -Dsecupass.jdbc.postgresql.user="${PG_USER:-postgres}"
  -Dsecupass.jdbc.postgresql.password="${PG_PASSWORD:-}")

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
for backend in postgresql h2; do
  if [[ $WHAT == all || $WHAT == "$backend" ]]; then
    uptime
    java "${SERVER[@]}" -cp benchmarks/target/benchmarks.jar dev.secupass.benchmarks.jdbc.JournalCost \
      "$backend" "$@"
    uptime
  fi
done
