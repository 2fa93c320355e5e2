#!/usr/bin/env bash
# Where a command's start-up goes, and what each start-up measure saves, as paired ratios.
#
#   samples/cli/startup-time.sh [ROUNDS]
#   (after: mvn -B -ntp -q package -DskipTests -pl samples/cli -am)
#
# Each round runs every variant once, in turn (interleaved, so that a change in the machine's load
# hits all of them alike), and times each run's wall clock and its process CPU time (user + sys,
# which counts only this JVM's work and so varies far less than wall time on a loaded machine).
# It prints the medians over ROUNDS (default 7) and, for each variant, the median of its per-round
# ratio to "old" (the same jar the old way), with the machine's load before and after.
#
#   old        inbox the old way: Flyway migrates and validates on every open
#              (-Dsecupass.storage.jdbc.alwaysRunFlyway=true), the at-rest key is parsed at
#              start (-Dsecupass.samples.eagerAtRestKey=true), H2 compacts for up to 200 ms
#              when it closes (-Dh2.maxCompactTime=200), no class-data sharing archive (only
#              picocli's model of every command stays: it has no switch)
#   new        inbox as 'java -jar' runs it now: one query of the schema history instead of
#              Flyway, the at-rest key parsed on first use, no compaction at close
#   new-cds    the same with the class-data sharing archive built with the jar
#   tuned      the same, compiling with C1 only (-XX:TieredStopAtLevel=1) and with the serial
#              garbage collector (-XX:+UseSerialGC), as samples/cli/secupass runs it
#   baseline   BASELINE_JAR=path/to/older/secupass-cli.jar adds that jar's inbox (e.g. main's)
#
# Then the JVM alone (java -version) and --help for scale, SECUPASS_TIMING's split of one run of
# old and tuned, and how many classes old and new load.
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-7}
JAR=target/secupass-cli.jar
JSA=target/secupass-cli.jsa
[ -f "$JAR" ] || { echo "build the jar first" >&2; exit 2; }
[ -f "$JSA" ] || { echo "no $JSA: 'package' builds it beside the jar" >&2; exit 2; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DATA=$WORK/data
java -jar "$JAR" --quiet --data "$DATA" init >/dev/null
java -jar "$JAR" --quiet --data "$DATA" users add alice --employee >/dev/null

OLD=(-Dsecupass.storage.jdbc.alwaysRunFlyway=true -Dsecupass.samples.eagerAtRestKey=true
  -Dh2.maxCompactTime=200)
CDS=(-XX:SharedArchiveFile="$JSA" -Xshare:auto)
TUNED=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
INBOX=(--data "$DATA" --as alice inbox)
VARIANTS=(old new new-cds tuned)
[ -n "${BASELINE_JAR:-}" ] && VARIANTS+=(baseline)

command_of() {
  case "$1" in
    old) echo java "${OLD[@]}" -jar "$JAR" "${INBOX[@]}" ;;
    new) echo java -jar "$JAR" "${INBOX[@]}" ;;
    new-cds) echo java "${CDS[@]}" -jar "$JAR" "${INBOX[@]}" ;;
    tuned) echo java "${CDS[@]}" "${TUNED[@]}" -jar "$JAR" "${INBOX[@]}" ;;
    baseline) echo java -jar "$BASELINE_JAR" "${INBOX[@]}" ;;
    jvm) echo java -version ;;
    help) echo java -jar "$JAR" --help ;;
  esac
}

# One run: appends "wall_ms cpu_ms" to $WORK/<variant>.
measure() {
  local variant=$1
  # shellcheck disable=SC2046
  /usr/bin/time -f '%e %U %S' -o "$WORK/time" $(command_of "$variant") >/dev/null 2>&1 \
    || { echo "$variant failed: $(command_of "$variant")" >&2; exit 1; }
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$WORK/time" >> "$WORK/$variant"
}

median() {  # the median of column $2 of file $1
  sort -n -k"$2" "$1" | awk -v c="$2" '{ a[NR] = $c } END { print a[int((NR + 1) / 2)] }'
}

echo "load before: $(uptime)"
for variant in "${VARIANTS[@]}" jvm help; do
  measure "$variant"  # warm-up: page cache, and the archive mapped once
  : > "$WORK/$variant"
done
for round in $(seq "$ROUNDS"); do
  for variant in "${VARIANTS[@]}" jvm help; do
    measure "$variant"
  done
done

printf '%-11s %9s %9s %13s %13s\n' variant 'wall ms' 'cpu ms' 'wall/old' 'cpu/old'
for variant in "${VARIANTS[@]}" jvm help; do
  paste "$WORK/$variant" "$WORK/old" | awk '{ printf "%f %f\n", $1 / $3, $2 / $4 }' \
    > "$WORK/$variant.ratio"
  printf '%-11s %9s %9s %13.2f %13.2f\n' "$variant" "$(median "$WORK/$variant" 1)" \
    "$(median "$WORK/$variant" 2)" "$(median "$WORK/$variant.ratio" 1)" \
    "$(median "$WORK/$variant.ratio" 2)"
done
echo "(medians of $ROUNDS interleaved rounds; ratios are medians of the per-round ratios)"

echo "where one inbox's time goes (SECUPASS_TIMING), old then tuned:"
# shellcheck disable=SC2046
SECUPASS_TIMING=1 $(command_of old) 2>&1 >/dev/null | grep '^timing' || true
# shellcheck disable=SC2046
SECUPASS_TIMING=1 $(command_of tuned) 2>&1 >/dev/null | grep '^timing' || true
for variant in old new; do
  # shellcheck disable=SC2046
  java -Xlog:class+load:file="$WORK/classes-$variant.log" \
    $(command_of "$variant" | cut -d' ' -f2-) >/dev/null 2>&1 || true
  echo "classes loaded by $variant: $(wc -l < "$WORK/classes-$variant.log")"
done
echo "load after:  $(uptime)"
