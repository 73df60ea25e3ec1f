#!/usr/bin/env bash
# Runs keyrun's whole test suite: unit tests, then end-to-end tests that start the launcher a
# fresh install produced, with its JVM flags and start-up cache, against real child processes.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

prefix=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-test.XXXXXX")
trap 'rm -rf "$prefix"' EXIT

echo "test.sh: installing keyrun into $prefix" >&2
# With the prefix on PATH, install.sh has no reason to suggest adding it.
PATH="$prefix/bin:$PATH" PREFIX="$prefix" ./scripts/install.sh

echo "test.sh: running the test suite against $prefix/bin/keyrun" >&2
mvn -B --no-transfer-progress verify -Dkeyrun.launcher="$prefix/bin/keyrun"
