#!/usr/bin/env bash
# How the embedded H2 file of the command-line sample grows over many sends (docs/cli.md,
# "Start-up time"), with and without H2 compacting at close: two data folders, each with the
# employees alice and bob; alice sends bob a level 2 delivery of one 4 KiB file SENDS times in
# each, one command (one JVM) per send, the two folders in turn. One folder runs as the jar does
# (H2 does not compact at close; the sample host compacts once the file doubled), the other with
# -Dh2.maxCompactTime=200 (H2's default: up to 200 ms of compaction at each close). Prints the
# size of each db file every EVERY sends, the median wall time of a send in each, then the size
# after a `sweep` (which compacts) of the first folder. COMPARE=0 runs the first folder alone.
#
#   samples/cli/h2-growth.sh [SENDS=200] [EVERY=25]
#   (after: mvn -B -ntp -q package -DskipTests -pl samples/cli -am; JAR=... for another jar)
set -euo pipefail
cd "$(dirname "$0")/../.."

SENDS=${1:-200}
EVERY=${2:-25}
JAR=${JAR:-samples/cli/target/secupass-cli.jar}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cli() { java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC "$@"; }
kib() { echo $(( $1 / 1024 )); }

head -c 4096 /dev/urandom > "$WORK/report.bin"
COMPARE=${COMPARE:-1}
FOLDERS=(plain compacting)
(( COMPARE )) || FOLDERS=(plain)
for folder in "${FOLDERS[@]}"; do
  cli -jar "$JAR" --data "$WORK/$folder" --quiet init > /dev/null
  for user in alice bob; do
    cli -jar "$JAR" --data "$WORK/$folder" --quiet users add $user --employee \
      --email $user@example.com > /dev/null
  done
done
size() { [[ -f $WORK/$1/db/secupass.mv.db ]] && stat -c %s "$WORK/$1/db/secupass.mv.db" || echo 0; }
echo "load before: $(uptime)"
printf '%6s %14s %19s\n' sends "plain KiB" "compacting KiB"
printf '%6s %14s %19s\n' 0 "$(kib "$(size plain)")" "$(kib "$(size compacting)")"
: > "$WORK/plain.ms"
: > "$WORK/compacting.ms"
send() { # send FOLDER JVM-OPTIONS...
  local folder=$1 start end
  shift
  start=$(date +%s%N)
  cli "$@" -jar "$JAR" --data "$WORK/$folder" --as alice --quiet send --level 2 --to bob \
    --subject Report "$WORK/report.bin" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 )) >> "$WORK/$folder.ms"
}
for i in $(seq 1 "$SENDS"); do
  if (( ! COMPARE )); then
    send plain
  elif (( i % 2 )); then
    send plain
    send compacting -Dh2.maxCompactTime=200
  else
    send compacting -Dh2.maxCompactTime=200
    send plain
  fi
  if (( i % EVERY == 0 )); then
    printf '%6s %14s %19s\n' "$i" "$(kib "$(size plain)")" "$(kib "$(size compacting)")"
  fi
done
median() { sort -n "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "median send: plain $(median "$WORK/plain.ms") ms, compacting $( (( COMPARE )) && median "$WORK/compacting.ms") ms (wall)"
cli -jar "$JAR" --data "$WORK/plain" --quiet sweep > /dev/null
echo "plain after one sweep (which compacts): $(kib "$(size plain)") KiB"
echo "load after: $(uptime)"
