#!/bin/sh
# Where a command's start-up goes, and what the class-data sharing archive saves.
#
#   samples/cli/startup-time.sh [RUNS]      (after: mvn -B -ntp -q package -DskipTests -pl samples/cli -am)
#
# Runs each step RUNS times (default 7) and prints the median wall time in milliseconds, with the
# machine's load before and after: figures from a loaded machine are not start-up figures.
#   jvm        java -version: the JVM alone
#   help       --help: JVM, the jar's class loading and picocli, no store
#   inbox      --as alice inbox on an existing data folder: + H2, the schema check, the SDK
#   inbox-cds  the same with the class-data sharing archive built with the jar
#   inbox-cds-c1  the same, also compiling with C1 only (-XX:TieredStopAtLevel=1)
set -eu
cd "$(dirname "$0")"
RUNS=${1:-7}
JAR=target/secupass-cli.jar
JSA=target/secupass-cli.jsa
[ -f "$JAR" ] || { echo "build the jar first" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA=$WORK/data
java -jar "$JAR" --quiet --data "$DATA" init >/dev/null
java -jar "$JAR" --quiet --data "$DATA" users add alice --employee >/dev/null

median() {
  # prints the median of RUNS timings of "$@" in ms
  i=0
  : > "$WORK/times"
  while [ $i -lt "$RUNS" ]; do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 )) >> "$WORK/times"
    i=$((i + 1))
  done
  sort -n "$WORK/times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

echo "load before: $(uptime)"
printf '%-14s %6s ms\n' jvm "$(median java -version)"
printf '%-14s %6s ms\n' help "$(median java -jar "$JAR" --help)"
printf '%-14s %6s ms\n' inbox "$(median java -jar "$JAR" --data "$DATA" --as alice inbox)"
if [ -f "$JSA" ]; then
  printf '%-14s %6s ms\n' inbox-cds "$(median java -XX:SharedArchiveFile="$JSA" -jar "$JAR" \
    --data "$DATA" --as alice inbox)"
  printf '%-14s %6s ms\n' inbox-cds-c1 "$(median java -XX:SharedArchiveFile="$JSA" \
    -XX:TieredStopAtLevel=1 -jar "$JAR" --data "$DATA" --as alice inbox)"
else
  echo "no $JSA: the archive is built by 'package'" >&2
fi
echo "where inbox's time goes (SECUPASS_TIMING), three runs:"
for i in 1 2 3; do
  SECUPASS_TIMING=1 java -jar "$JAR" --data "$DATA" --as alice inbox 2>&1 >/dev/null | grep '^timing'
done
if [ -f "$JSA" ]; then
  echo "the same with the archive:"
  for i in 1 2 3; do
    SECUPASS_TIMING=1 java -XX:SharedArchiveFile="$JSA" -jar "$JAR" --data "$DATA" --as alice \
      inbox 2>&1 >/dev/null | grep '^timing'
  done
fi
echo "classes loaded by inbox: $(java -Xlog:class+load:file="$WORK/classes.log" -jar "$JAR" \
  --data "$DATA" --as alice inbox >/dev/null 2>&1; wc -l < "$WORK/classes.log")"
echo "load after:  $(uptime)"
