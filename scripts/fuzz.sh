#!/usr/bin/env bash
# Runs every fuzz target of sdk-core as a coverage-guided fuzzer (Jazzer) for a given time each.
#
#   scripts/fuzz.sh [seconds per target, default 300] [target filter, a grep pattern]
#   scripts/fuzz.sh --seeds      rewrite the committed seed corpus (FuzzSeeds)
#
# What it keeps (docs/testing.md, "Fuzzing"):
#   - new corpus entries in sdk-core/.cifuzz-corpus/<class>/<method>/ (not committed; the next run
#     starts from them);
#   - findings (crash-* inputs) in the target's committed inputs directory,
#     sdk-core/src/test/resources/<package>/<Class>Inputs/<method>/, where `mvn verify` runs them
#     as regression tests from then on: fix the bug, keep the input.
# A summary of targets and findings goes to sdk-core/target/fuzz/summary.txt (exit 72 is
# libFuzzer stopped by the clock, the normal end; exit 1 is a finding).
#
# FUZZ_CLASSPATH (optional): the test class path, to skip the Maven build.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
core="$root/sdk-core"
out="$core/target/fuzz"
mkdir -p "$out"

if [[ "${1:-}" == "--seeds" ]]; then
  mode=seeds
  seconds=0
else
  mode=fuzz
  seconds=${1:-300}
fi
filter=${2:-.}

classpath=${FUZZ_CLASSPATH:-}
if [[ -z "$classpath" ]]; then
  (cd "$root" && mvn -B -ntp -q -o -pl sdk-core -am test-compile dependency:build-classpath \
      -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt")
  classpath="$core/target/test-classes:$core/target/classes:$(cat "$out/classpath.txt")"
fi
classpath="$core/src/test/resources:$classpath"

if [[ $mode == seeds ]]; then
  (cd "$core" && java -cp "$classpath" dev.secupass.core.testing.FuzzSeeds src/test/resources)
  exit 0
fi

# Every @FuzzTest method: the line after the annotation names it.
mapfile -t targets < <(cd "$core/src/test/java" && grep -rl '@FuzzTest' . | sort | while read -r file; do
  class=$(echo "${file#./}" | sed 's|\.java$||; s|/|.|g')
  grep -A1 '@FuzzTest' "$file" | grep -oE 'void [A-Za-z0-9_]+' | sed "s|void |$class#|"
done | grep -E -- "$filter")

echo "fuzzing ${#targets[@]} targets for ${seconds}s each; load: $(uptime)" | tee "$out/summary.txt"
found=0
for target in "${targets[@]}"; do
  class=${target%#*}
  method=${target#*#}
  inputs="$core/src/test/resources/${class//.//}Inputs/$method"
  before=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  log="$out/${class##*.}.$method.log"
  # The clock starts when libFuzzer has loaded the corpus (its INITED line), so JVM startup and
  # instrumentation on a loaded machine do not eat the time. SIGINT then ends the run cleanly
  # (libFuzzer writes nothing for an interrupted input); a finding ends it earlier.
  (cd "$core" && JAZZER_FUZZ=1 exec java -Xmx1g -cp "$classpath" \
      dev.secupass.core.testing.FuzzLauncher "$target" >"$log" 2>&1) &
  pid=$!
  waited=0
  while kill -0 "$pid" 2>/dev/null && ! grep -qs 'INITED' "$log" && ((waited < 600)); do
    sleep 2
    waited=$((waited + 2))
  done
  elapsed=0
  while kill -0 "$pid" 2>/dev/null && ((elapsed < seconds)); do
    sleep 1
    elapsed=$((elapsed + 1))
  done
  kill -INT "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  status=$?
  set -e
  after=$(ls "$inputs" 2>/dev/null | grep -c '^crash-' || true)
  corpus=$(ls "$core/.cifuzz-corpus/$class/$method" 2>/dev/null | wc -l)
  runs=$(grep -oE '^#[0-9]+' "$log" | tail -1 || true)
  line="$target: exit $status, ${runs:-#0} runs, corpus $corpus, new findings $((after - before))"
  echo "$line" | tee -a "$out/summary.txt"
  found=$((found + after - before))
done
echo "findings: $found (inputs kept beside each target's corpus as crash-*)" | tee -a "$out/summary.txt"
