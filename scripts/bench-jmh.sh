#!/usr/bin/env bash
# Runs the JMH benchmarks of keyrun's in-process steps (env-file parsing, reference resolution).
# Arguments are passed to JMH, for example: scripts/bench-jmh.sh -f 1 -wi 2 -i 3 parseEnvFile
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

mvn -q -B --no-transfer-progress test-compile
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -q -B --no-transfer-progress dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"

java -cp "target/test-classes:target/classes:$(cat "$classpath_file")" org.openjdk.jmh.Main \
  dev.keyrun.bench "$@"
