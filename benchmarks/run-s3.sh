#!/usr/bin/env bash
# S3 blob store throughput beside the plain AWS SDK, same server, same run; then peak heap during a
# multi-GiB upload. Default: S3Proxy (filesystem backend) in a JVM of its own.
#
#   benchmarks/run-s3.sh                       # 256 MiB objects, 5 rounds, 2 GiB heap run
#   benchmarks/run-s3.sh --mib 64 --rounds 5 --heap-mib 4096
#   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \
#     benchmarks/run-s3.sh --endpoint https://s3.example.net --bucket my-bucket [--region r]
set -euo pipefail
cd "$(dirname "$0")/.."

classpath=benchmarks/target/classpath.txt
mvn -B -ntp -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$classpath"
# A small heap: the multi-GiB upload must fit in the store's part buffers.
exec java -Xmx128m -cp "benchmarks/target/classes:$(cat "$classpath")" \
  dev.secupass.benchmarks.s3.S3ThroughputBenchmark "$@"
