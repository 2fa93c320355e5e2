#!/usr/bin/env bash
# Mutation testing (PIT) of sdk-core's security-relevant packages, then the score per package.
#
#   scripts/mutation.sh [threads, default 1]
#   scripts/mutation.sh --report    only print the scores of the last run
#
# The classes and tests PIT uses are in the "mutation" profile of sdk-core/pom.xml. It is CPU
# heavy and not part of `mvn verify`. Reports: sdk-core/target/pit-reports/ (index.html,
# mutations.xml). The score counts a mutant as killed when a test failed, timed out or ran out of
# memory; survivors and mutants no test reaches count against it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
report="$root/sdk-core/target/pit-reports/mutations.xml"

if [[ "${1:-}" != "--report" ]]; then
  threads=${1:-1}
  echo "load before: $(uptime)"
  # Surefire runs no test here (-Dtest matches none); PIT runs the tests it needs per mutant.
  (cd "$root" && mvn -B -ntp -Pmutation -pl sdk-core -am test -Dpit.threads="$threads" \
      -Dtest=NoTestForMutationRuns -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsecupass.tck.largeBlobMiB=8)
  echo "load after: $(uptime)"
fi

python3 - "$report" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
killed = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}
per = collections.defaultdict(lambda: [0, 0, 0])
for m in root.iter("mutation"):
    cls = m.findtext("mutatedClass")
    pkg = cls.rsplit(".", 1)[0]
    status = m.get("status")
    counts = per[pkg]
    counts[1] += 1
    if status in killed:
        counts[0] += 1
    elif status == "NO_COVERAGE":
        counts[2] += 1
total = [sum(c[i] for c in per.values()) for i in range(3)]
print(f"{'package':<45} {'killed':>7} {'mutants':>8} {'no test':>8} {'score':>6}")
for pkg in sorted(per):
    k, n, nc = per[pkg]
    print(f"{pkg:<45} {k:>7} {n:>8} {nc:>8} {100 * k / n:>5.0f}%")
print(f"{'all':<45} {total[0]:>7} {total[1]:>8} {total[2]:>8} {100 * total[0] / max(1, total[1]):>5.0f}%")
PY
