#!/usr/bin/env bash
# S3 blob store throughput beside the plain AWS SDK, same server, same run; then the heap a
# multi-GiB upload needs. Default: S3Proxy (filesystem backend) in a JVM of its own. Figures and
# how to read them: docs/storage-s3.md#benchmarks.
#
#   benchmarks/run-s3.sh                       # 96 MiB objects, 5 rounds, 2 GiB heap runs
#   benchmarks/run-s3.sh --mib 256 --rounds 7 --heap-mib 4096
#   AWS_ACCESS_KEY_ID=... AWS_SECRET_ACCESS_KEY=... \
#     benchmarks/run-s3.sh --endpoint https://s3.example.net --bucket my-bucket [--region r]
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
# A small heap: the multi-GiB upload must fit in the store's part buffers.
exec java -Xmx128m -cp benchmarks/target/benchmarks.jar \
  dev.secupass.benchmarks.s3.S3ThroughputBenchmark "$@"
