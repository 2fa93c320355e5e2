#!/usr/bin/env bash
# Data-room membership changes against room size (docs/data-rooms.md, "Performance"): the time to
# add a member who has a SecuPass and to remove one (which starts a new key epoch), for rooms of
# 50, 200 and 500 members with 0 and 5000 files, and in the same run the time of one envelope seal
# (HPKE wrap plus Ed25519 signature, KeyBenchmark.envelopeSeal) as the unit a removal pays per
# remaining member.
#
#   benchmarks/run-rooms.sh            (about 5 minutes on two cores)
#
# Settings (environment): FORKS=1; WARMUP and MEASURED calls are fixed in the benchmark (10, 30).
set -euo pipefail
cd "$(dirname "$0")/.."

FORKS=${FORKS:-1}
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results

mvn -B -ntp -q -pl benchmarks -am package -DskipTests
mkdir -p "$OUT"

java -jar "$JAR" 'dev.secupass.benchmarks.rooms.RoomMembershipBenchmark' -f "$FORKS" \
  -rf csv -rff "$OUT/rooms.csv"
java -jar "$JAR" 'dev.secupass.benchmarks.KeyBenchmark.envelopeSeal' -f "$FORKS" -wi 3 -w 2s \
  -i 5 -r 2s -rf csv -rff "$OUT/rooms-seal.csv"

seal_us=$(awk -F, 'NR > 1 { gsub(/"/, ""); print $5 }' "$OUT/rooms-seal.csv")

echo
echo "== Membership changes against room size (ms per call, mean of 30 single calls)"
printf '%-13s %6s %8s %10s %10s %14s\n' operation files members ms +/- 'ms per member'
awk -F, 'NR > 1 { gsub(/"/, ""); n = split($1, parts, ".");
    per = parts[n] == "removeMember" ? sprintf("%.3f", $5 / ($9 - 1)) : "-"
    printf "%-13s %6s %8s %10.2f %10.2f %14s\n", parts[n], $8, $9, $5, $6, per }' \
  "$OUT/rooms.csv" | sort -k1,1 -k2,2n -k3,3n

echo
echo "envelope seal (HPKE + Ed25519), same run: $seal_us us"
awk -F, -v seal="$seal_us" '
  NR == 1 { next }
  { gsub(/"/, ""); n = split($1, parts, "."); score[parts[n], $8, $9] = $5; sizes[$9] = 1 }
  END {
    for (m in sizes) {
      for (f = 0; f <= 5000; f += 5000) if (("removeMember", f, m) in score)
        printf "removeMember files=%s members=%s: %.2f envelope seals per remaining member\n",
          f, m, score["removeMember", f, m] * 1000 / (m - 1) / seal
      for (o = 1; o <= 2; o++) {
        op = o == 1 ? "addMember" : "removeMember"
        if ((op, 0, m) in score && (op, 5000, m) in score)
          printf "%s members=%s: time with 5000 files / with 0 files = %.2f\n", op, m,
            score[op, 5000, m] / score[op, 0, m]
      }
    }
  }' "$OUT/rooms.csv" | sort
