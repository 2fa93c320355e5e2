#!/usr/bin/env bash
# Runs the SecuPass benchmarks and prints the figures docs/benchmarks.md reports: content-stream
# throughput as ratios against raw JDK AES-256-GCM measured in the same run, a multi-GiB stream
# under a 64 MiB heap, and the time per key operation.
#
#   benchmarks/run.sh [paired|stream|large|keys|all]      (default: all, about 20 minutes)
#
#   paired  PairedRatios: stream against raw AES-GCM in interleaved rounds, by thread CPU time
#           (robust on a shared machine; about 4 minutes)
#   stream  the same operations as a JMH benchmark, ratios of JMH scores (about 10 minutes)
#   large   LARGE_GIB GiB encrypted and decrypted with -Xmx64m, sequential and parallel
#   keys    JMH: activation, unlock, envelopes, signatures; BouncyCastle against Tink
#   suites  JMH: activation, unlock, envelope seal and open, grant fulfilment, X-Wing beside classical
#
# Settings (environment): WARMUP=3 WARMUP_TIME=10s ITERATIONS=3 TIME=5s FORKS=1 LARGE_GIB=4
# PAIRED_WARMUP=40 (seconds) PAIRED_ROUNDS=40. The JIT takes many seconds before it uses the
# AES-GCM intrinsics for 1 MiB calls (longer on a busy machine); keep the warm-up long.
set -euo pipefail
cd "$(dirname "$0")/.."

WHAT=${1:-all}
WARMUP=${WARMUP:-3}
WARMUP_TIME=${WARMUP_TIME:-10s}
ITERATIONS=${ITERATIONS:-3}
TIME=${TIME:-5s}
FORKS=${FORKS:-1}
LARGE_GIB=${LARGE_GIB:-4}
PAIRED_WARMUP=${PAIRED_WARMUP:-40}
PAIRED_ROUNDS=${PAIRED_ROUNDS:-40}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results
JMH=(-f "$FORKS" -wi "$WARMUP" -w "$WARMUP_TIME" -i "$ITERATIONS" -r "$TIME")

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
mkdir -p "$OUT"

# score NAME FILE: the score of benchmark method NAME in a JMH CSV result file.
score() {
  awk -F, -v name="$1" '{ gsub(/"/, ""); split($1, parts, "."); if (parts[length(parts)] == name) print $5 }' "$2"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
gbps() { awk -v ops="$1" -v mib="$2" 'BEGIN { printf "%.2f", ops * mib * 1048576 / 1e9 }'; }

stream() {
  java -jar "$JAR" 'dev.secupass.benchmarks.StreamBenchmark' "${JMH[@]}" -p mebibytes=64 \
    -rf csv -rff "$OUT/stream.csv"
  local f="$OUT/stream.csv"
  echo
  echo "== Content stream throughput (64 MiB per operation, 1 MiB segments, one core unless parallel)"
  printf '%-28s %10s\n' benchmark 'GB/s'
  for b in rawEncrypt streamEncrypt streamEncryptWithDigest parallelEncrypt \
      parallelEncryptWithDigest tinkEncrypt rawDecrypt rawDecryptFromStream streamDecryptPushed \
      streamDecryptPulled streamDecryptTransferTo parallelDecrypt tinkDecrypt \
      tinkDecryptTransferTo tinkKeysetDecrypt; do
    printf '%-28s %10s\n' "$b" "$(gbps "$(score $b "$f")" 64)"
  done
  echo
  echo "== Ratios against raw AES-256-GCM in the same run (target >= 0.90 for one core)"
  printf '%-62s %s\n' \
    "encrypt   streamEncrypt / rawEncrypt" "$(ratio "$(score streamEncrypt "$f")" "$(score rawEncrypt "$f")")" \
    "decrypt   streamDecryptPushed / rawDecrypt" "$(ratio "$(score streamDecryptPushed "$f")" "$(score rawDecrypt "$f")")" \
    "decrypt   streamDecryptPulled / rawDecryptFromStream (same I/O)" "$(ratio "$(score streamDecryptPulled "$f")" "$(score rawDecryptFromStream "$f")")" \
    "decrypt   streamDecryptPulled / rawDecrypt" "$(ratio "$(score streamDecryptPulled "$f")" "$(score rawDecrypt "$f")")" \
    "parallel  parallelEncrypt / rawEncrypt (2 workers)" "$(ratio "$(score parallelEncrypt "$f")" "$(score rawEncrypt "$f")")" \
    "parallel  parallelDecrypt / rawDecrypt (2 workers)" "$(ratio "$(score parallelDecrypt "$f")" "$(score rawDecrypt "$f")")" \
    "digest    streamEncryptWithDigest / rawEncrypt" "$(ratio "$(score streamEncryptWithDigest "$f")" "$(score rawEncrypt "$f")")" \
    "digest    parallelEncryptWithDigest / rawEncrypt" "$(ratio "$(score parallelEncryptWithDigest "$f")" "$(score rawEncrypt "$f")")" \
    "tink      tinkEncrypt / rawEncrypt" "$(ratio "$(score tinkEncrypt "$f")" "$(score rawEncrypt "$f")")" \
    "tink      tinkDecrypt / rawDecrypt" "$(ratio "$(score tinkDecrypt "$f")" "$(score rawDecrypt "$f")")" \
    "tink      tinkKeysetDecrypt / rawDecrypt" "$(ratio "$(score tinkKeysetDecrypt "$f")" "$(score rawDecrypt "$f")")" \
    "transfer  streamDecryptTransferTo / rawDecrypt" "$(ratio "$(score streamDecryptTransferTo "$f")" "$(score rawDecrypt "$f")")" \
    "transfer  tinkDecryptTransferTo / rawDecrypt" "$(ratio "$(score tinkDecryptTransferTo "$f")" "$(score rawDecrypt "$f")")"
}

paired() {
  java -Xms2g -Xmx2g -cp "$JAR" dev.secupass.benchmarks.PairedRatios 64 "$PAIRED_WARMUP" \
    "$PAIRED_ROUNDS"
}

large() {
  echo
  echo "== ${LARGE_GIB} GiB through encryption and decryption with -Xmx64m"
  java -Xmx64m -cp "$JAR" dev.secupass.benchmarks.LargeStreamCheck "$LARGE_GIB" sequential
  java -Xmx64m -cp "$JAR" dev.secupass.benchmarks.LargeStreamCheck "$LARGE_GIB" parallel
}

# suites: the key operations for both key suites in one JMH run, and X-Wing / classical; then
# the same operations as paired CPU-time ratios (robust on a shared machine).
suites() {
  java -jar "$JAR" 'dev.secupass.benchmarks.KeyBenchmark.(activate|unlock|envelopeSeal|envelopeOpen|grantFulfil)$' \
    "${JMH[@]}" -rf csv -rff "$OUT/suites.csv"
  local f="$OUT/suites.csv"
  echo
  echo "== X-Wing beside classical, same run (time per operation; ratio X-Wing / classical)"
  awk -F, '{ gsub(/"/, "") } NR > 1 { n = split($1, p, "."); t[p[n] "," $8] = $5; u[p[n]] = $7 }
    END { for (k in u) printf "%-14s X_WING %10.1f  CLASSICAL %10.1f %s  ratio %.2f\n", k,
      t[k ",X_WING"], t[k ",CLASSICAL"], u[k], t[k ",X_WING"] / t[k ",CLASSICAL"] }' "$f"
  echo
  echo "== X-Wing beside classical, paired rounds by CPU time (median per operation; ratio quartiles)"
  java -Xmx2g -cp "$JAR" dev.secupass.benchmarks.SuitePairedRatios "${SUITE_ROUNDS:-30}" 50
}

keys() {
  java -jar "$JAR" 'dev.secupass.benchmarks.KeyBenchmark' "${JMH[@]}" -rf csv -rff "$OUT/keys.csv"
  local f="$OUT/keys.csv"
  echo
  echo "== Time per key operation"
  awk -F, '{ gsub(/"/, ""); if (NR > 1) { n = split($1, p, "."); printf "%-20s %12.1f %s\n", p[n], $5, $7 } }' "$f"
  echo
  echo "== BouncyCastle against Tink in the same run (time ratio; below 1 means BouncyCastle is faster)"
  printf '%-40s %s\n' \
    "HPKE wrap    bcHpkeWrap / tinkHpkeWrap" "$(ratio "$(score bcHpkeWrap "$f")" "$(score tinkHpkeWrap "$f")")" \
    "HPKE unwrap  bcHpkeUnwrap / tinkHpkeUnwrap" "$(ratio "$(score bcHpkeUnwrap "$f")" "$(score tinkHpkeUnwrap "$f")")" \
    "Ed25519 sign   bc / tink" "$(ratio "$(score bcEd25519Sign "$f")" "$(score tinkEd25519Sign "$f")")" \
    "Ed25519 verify bc / tink" "$(ratio "$(score bcEd25519Verify "$f")" "$(score tinkEd25519Verify "$f")")"
}

case "$WHAT" in
  paired) paired ;;
  stream) stream ;;
  large) large ;;
  keys) keys ;;
  suites) suites ;;
  all) paired; stream; large; keys ;;
  *) echo "usage: $0 [paired|stream|large|keys|suites|all]" >&2; exit 2 ;;
esac
