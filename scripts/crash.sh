#!/usr/bin/env bash
# The crash-consistency harness, longer than `mvn verify` runs it (docs/testing.md#crash-consistency):
# a child JVM runs the SDK's flows on the embedded default and on PostgreSQL and is killed with
# SIGKILL at random points, <kills> times per backend; after each restart the invariants are
# checked. Prints where the kills landed and what broke; the seed replays a run.
#
#   scripts/crash.sh 100                 (100 kills per backend; about 15 s a kill on a loaded
#                                         2-core machine)
#   scripts/crash.sh 50 1234             (replay seed 1234)
#   BACKEND=embedded scripts/crash.sh 50 (one backend: embedded or postgresql)
#
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, database test), as the build's tests do.
set -euo pipefail
cd "$(dirname "$0")/.."

KILLS=${1:-50}
SEED=${2:-}
case "${BACKEND:-both}" in
  embedded) TESTS='CrashConsistencyTest#embedded*' ;;
  postgresql) TESTS='CrashConsistencyTest#postgresql*' ;;
  *) TESTS='CrashConsistencyTest' ;;
esac

LOG=crash-tests/target/crash.log
mkdir -p crash-tests/target
status=0
mvn -B -ntp -o -pl crash-tests -am test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsecupass.crash.kills="$KILLS" -Dsecupass.crash.seed="$SEED" > "$LOG" 2>&1 || status=$?
grep -E '^(crash run|embedded kill|postgres kill|  VIOLATION)|Tests run:|BUILD' "$LOG" || true
echo "load at the end of the run: $(uptime)"
echo "the whole log: $LOG"
exit "$status"
