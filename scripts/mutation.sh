#!/usr/bin/env bash
# Mutation testing (PIT) of sdk-core's security-relevant packages, then the score per package.
#
#   scripts/mutation.sh [threads, default 1]            every package (slow: hours on 2 cores)
#   scripts/mutation.sh PACKAGE [threads, default 1]    one package: format, stream, crypto,
#                                                       delivery, rooms or grants
#   scripts/mutation.sh [PACKAGE] --report              only print the scores of the last run
#
# PIT_ARGS (environment) adds Maven arguments, for example
#   PIT_ARGS='-DexcludedTestClasses=*FuzzTest -DwithHistory' scripts/mutation.sh rooms
# leaves the fuzz targets' corpus runs out (much time, few kills) and reuses the results of the
# last run for mutants whose class and tests did not change. MVN_OFFLINE= (empty) lets Maven
# download PIT on a machine that has not run it yet.
#
# The classes and tests PIT uses for a whole run are in the "mutation" profile of
# sdk-core/pom.xml; for one package this script narrows both (below), which is how the scores in
# docs/testing.md were taken. It is CPU heavy, runs under nice and is not part of `mvn verify`.
# Reports: sdk-core/target/pit-reports/<package or "all">/ (index.html, mutations.xml).
# The score counts a mutant as killed when a test failed, timed out or ran out of memory;
# survivors and mutants no test reaches count against it.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
c=dev.secupass.core

narrow=()
case "${1:-}" in
  format)
    narrow=("-Dpit.targetClasses=$c.internal.format.*"
            "-Dpit.targetTests=$c.internal.*,$c.vectors.*,$c.independent.*") ;;
  stream)
    narrow=("-Dpit.targetClasses=$c.internal.stream.*,$c.internal.crypto.ContentCipher*,$c.internal.crypto.ContentDecryptor*"
            "-Dpit.targetTests=$c.internal.*,$c.vectors.*,$c.independent.*") ;;
  crypto)
    narrow=("-Dpit.targetClasses=$c.internal.crypto.Envelope*,$c.internal.crypto.SignedStatement*,$c.internal.crypto.SignedType*,$c.internal.crypto.Ed25519Signing*,$c.internal.crypto.HpkeX25519*,$c.internal.crypto.DeliveryManifest*"
            "-Dpit.targetTests=$c.internal.*,$c.vectors.*,$c.independent.*") ;;
  delivery)
    narrow=("-Dpit.targetClasses=$c.internal.delivery.Opening*,$c.internal.delivery.ManifestChecks*"
            "-Dpit.targetTests=$c.internal.delivery.*,$c.delivery.StorageOperatorTest,$c.delivery.DeliveryRefusalsTest,$c.delivery.OpeningChecksTest") ;;
  rooms)
    narrow=("-Dpit.targetClasses=$c.internal.rooms.Membership*,$c.internal.rooms.VerifiedMembership*,$c.internal.rooms.ChainHash*"
            "-Dpit.targetTests=$c.internal.rooms.*,$c.rooms.MembershipTamperTest,$c.rooms.RemovedMemberTest,$c.rooms.RoleRulesTest,$c.rooms.ForgedCreatorKeyTest,$c.rooms.SignedEntriesTest,$c.rooms.ResetRegainsAccessTest,$c.rooms.VerifiedMembershipCacheTest,$c.rooms.MembershipChangesRecordTest,$c.rooms.RoomRegrantTest") ;;
  grants)
    narrow=("-Dpit.targetClasses=$c.internal.grants.*"
            "-Dpit.targetTests=$c.grants.*,$c.internal.grants.*,$c.SessionLifecycleTest,$c.OneDoorTest,$c.delivery.StorageOperatorTest,$c.delivery.DeliveryRefusalsTest,$c.rooms.ResetRegainsAccessTest,$c.rooms.DataRoomsLifecycleTest,$c.rooms.RoomRegrantTest,$c.firstcontact.FirstContactTest") ;;
esac
package=all
if [[ ${#narrow[@]} -gt 0 ]]; then
  package=$1
  shift
fi
reports="$root/sdk-core/target/pit-reports/$package"
report="$reports/mutations.xml"

if [[ "${1:-}" != "--report" ]]; then
  threads=${1:-1}
  echo "load before: $(uptime)"
  # Surefire runs no test here (-Dtest matches none); PIT runs the tests it needs per mutant.
  (cd "$root" && nice -n 10 mvn -B -ntp ${MVN_OFFLINE--o} -Pmutation -pl sdk-core -am test \
      -Dpit.threads="$threads" "${narrow[@]}" -DreportsDirectory="$reports" \
      -Dtest=NoTestForMutationRuns -Dsurefire.failIfNoSpecifiedTests=false \
      -Dsecupass.tck.largeBlobMiB=8 ${PIT_ARGS:-})
  echo "load after: $(uptime)"
fi

python3 - "$report" <<'PY'
import collections, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
killed = {"KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR"}
per = collections.defaultdict(lambda: [0, 0, 0])
survivors = []
for m in root.iter("mutation"):
    cls = m.findtext("mutatedClass")
    pkg = cls.rsplit(".", 1)[0]
    status = m.get("status")
    counts = per[pkg]
    counts[1] += 1
    if status in killed:
        counts[0] += 1
    else:
        if status == "NO_COVERAGE":
            counts[2] += 1
        survivors.append(f"  {status:<11} {cls.rsplit('.', 1)[1]}.{m.findtext('mutatedMethod')}"
                         f":{m.findtext('lineNumber')} {m.findtext('description')}")
total = [sum(c[i] for c in per.values()) for i in range(3)]
print(f"{'package':<45} {'killed':>7} {'mutants':>8} {'no test':>8} {'score':>6}")
for pkg in sorted(per):
    k, n, nc = per[pkg]
    print(f"{pkg:<45} {k:>7} {n:>8} {nc:>8} {100 * k / n:>5.0f}%")
print(f"{'all':<45} {total[0]:>7} {total[1]:>8} {total[2]:>8} {100 * total[0] / max(1, total[1]):>5.0f}%")
print("not killed:")
print("\n".join(sorted(survivors)))
PY
