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
awk -F, -v seal="$seal_us" '
  NR == 1 { next }
  { gsub(/"/, ""); n = split($1, parts, "."); op = parts[n]
    score[op, $8, $9] = $5; error[op, $8, $9] = $6; files[$8] = 1; members[$9] = 1 }
  END {
    printf "%-13s %6s %8s %10s %10s %18s\n", "operation", "files", "members", "ms", "+/-",
      "ms per member"
    split("addMember removeMember", ops, " ")
    for (o = 1; o <= 2; o++) for (f in files) for (m in members) if ((ops[o], f, m) in score) {
      per = ops[o] == "removeMember" ? sprintf("%.3f", score[ops[o], f, m] / (m - 1)) : "-"
      printf "%-13s %6s %8s %10.2f %10.2f %18s\n", ops[o], f, m, score[ops[o], f, m],
        error[ops[o], f, m], per
    }
    printf "\nenvelope seal (HPKE + Ed25519), same run: %.1f us\n", seal
    for (f in files) for (m in members) if (("removeMember", f, m) in score)
      printf "removeMember files=%s members=%s: %.1f envelope seals per remaining member\n", f, m,
        score["removeMember", f, m] * 1000 / (m - 1) / seal
    for (m in members) if (("addMember", 0, m) in score && ("addMember", 5000, m) in score)
      printf "addMember members=%s: 5000 files / 0 files = %.2f\n", m,
        score["addMember", 5000, m] / score["addMember", 0, m]
    for (m in members) if (("removeMember", 0, m) in score && ("removeMember", 5000, m) in score)
      printf "removeMember members=%s: 5000 files / 0 files = %.2f\n", m,
        score["removeMember", 5000, m] / score["removeMember", 0, m]
  }' "$OUT/rooms.csv"
