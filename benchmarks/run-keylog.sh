#!/usr/bin/env bash
# The key transparency log at scale (docs/key-log.md, "Costs"): KeyLogCost generates a log of
# 10 million key versions of 1 million users, appends two real users, and measures by thread CPU
# time, in interleaved rounds, the SDK's check before every wrap (KeyLogService.vouch) against the
# same check on an 8-entry log in the same run, its parts (inclusion proof, consistency proof,
# checkpoint signature, a correspondent's published checkpoint), and prints the proof sizes and
# the storage per key version. Then KeyLogStorageCost appends PG_ENTRIES (default 3000) key versions
# to PostgreSQL (127.0.0.1:5432, database test, as the JDBC benchmarks) through the SDK's append
# and prints the bytes per key version in the key_log tables and the time of an inclusion proof
# read from the database.
#
#   benchmarks/run-keylog.sh [entries=10000000] [users=1000000] [rounds=15] [callsPerRound=200]
#
# About 2 minutes of one core for the first part, most of it generating the log (2 GB of heap),
# and 1-2 minutes for PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
uptime
java -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.secupass.benchmarks.keylog.KeyLogCost "$@"
uptime
java -cp benchmarks/target/benchmarks.jar dev.secupass.benchmarks.jdbc.KeyLogStorageCost \
  "${PG_ENTRIES:-3000}"
uptime
