#!/usr/bin/env bash
# Coverage-guided fuzzing (Jazzer) of every fuzz target: a *FuzzTest class under a module's
# src/test/java with one @FuzzTest method. `mvn verify` replays each target's seeds (its
# <Class>Inputs/<method>/ directory in src/test/resources) and nothing more; this script fuzzes,
# one JVM per target class, for SECONDS each (default 20).
#
#   scripts/fuzz.sh [-s SECONDS] [CLASS...]     e.g. scripts/fuzz.sh -s 600 LayerEntriesFuzzTest
#
# A finding fails the run: Jazzer writes its input as crash-<sha1> into the target's Inputs
# directory, so that every build replays it (give it a name that says what it is), and the
# unit test that says what was wrong goes beside the code. The corpus a run grows stays in
# <module>/.cifuzz-corpus/ (not committed) and the next run starts from it.
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."

seconds=20
if [ "${1:-}" = "-s" ]; then
  seconds=$2
  shift 2
fi
export JAVA_HOME="${MINIDOCKER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

# The modules with fuzz targets, and the targets asked for (all by default).
declare -A classes=()
while IFS= read -r file; do
  module=${file%%/*}
  class=$(basename "$file" .java)
  if [ $# -eq 0 ] || printf '%s\n' "$@" | grep -qx "$class"; then
    classes[$module]="${classes[$module]:+${classes[$module]},}$class"
  fi
done < <(find . -path ./integration-tests -prune -o -path '*/src/test/java/*FuzzTest.java' -print | sed 's|^\./||' | sort)
if [ ${#classes[@]} -eq 0 ]; then
  echo "fuzz.sh: no fuzz target ${*:-found}" >&2
  exit 1
fi

stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
status=0
for module in "${!classes[@]}"; do
  echo "fuzz.sh: ${seconds}s each: ${classes[$module]}" >&2
  # One fork per class: Jazzer fuzzes one target per JVM.
  JAZZER_FUZZ=1 JAZZER_MAX_DURATION="${seconds}s" mvn -B -ntp -q -pl "$module" -am test \
    -Dtest="${classes[$module]}" -Dsurefire.failIfNoSpecifiedTests=false -DforkCount=1 -DreuseForks=false \
    || status=$?
done
find . -path '*/src/test/resources/*' \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \) \
  -newer "$stamp" -exec echo "fuzz.sh: finding kept in {}" \; >&2
exit $status
