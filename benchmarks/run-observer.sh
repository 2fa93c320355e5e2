#!/usr/bin/env bash
# The cost of the Micrometer observer on a level 3 send of a small file (docs/observability.md,
# "Overhead"): ObserverOverhead times batches of sends on an SDK without an observer and on one
# with MicrometerObserver, interleaved, by thread CPU time, and prints the median ratio.
#
#   benchmarks/run-observer.sh [fileBytes=4096] [sendsPerBatch=20] [warmupSeconds=30] [rounds=40]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
uptime
java -cp benchmarks/target/benchmarks.jar dev.secupass.benchmarks.ObserverOverhead "$@"
uptime
