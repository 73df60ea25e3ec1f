#!/usr/bin/env bash
# Runs keyrun's whole test suite: unit tests, then end-to-end tests that start the launcher a
# fresh install produced, with its JVM flags and start-up cache, against real child processes.
# On Linux the Secret Service tests run against a gnome-keyring daemon on a private D-Bus session
# bus that scripts/test-keyring.sh starts, never against the caller's own keyring. Without that
# script's programs they are skipped, unless KEYRUN_TEST_REQUIRE_KEYRING=1 makes that a failure.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

prefix=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-test.XXXXXX")
keyring_started=no
cleanup() {
  if [ "$keyring_started" = yes ]; then
    ./scripts/test-keyring.sh --stop || echo "test.sh: failed to stop the test keyring" >&2
  fi
  rm -rf "$prefix"
}
trap cleanup EXIT
# Exiting through these traps runs the EXIT trap, so an interrupted run stops the keyring too.
trap 'exit 130' INT
trap 'exit 143' TERM

echo "test.sh: installing keyrun into $prefix" >&2
# With the prefix on PATH, install.sh has no reason to suggest adding it.
PATH="$prefix/bin:$PATH" PREFIX="$prefix" ./scripts/install.sh

if [ "$(uname -s)" = Linux ]; then
  keyring_status=0
  keyring_exports=$(./scripts/test-keyring.sh) || keyring_status=$?
  case $keyring_status in
    0)
      keyring_started=yes
      # The export lines set DBUS_SESSION_BUS_ADDRESS, KEYRING_TEST_DIR and the two daemon PIDs,
      # which the test JVM inherits.
      eval "$keyring_exports"
      ;;
    2)
      if [ "${KEYRUN_TEST_REQUIRE_KEYRING:-}" = 1 ]; then
        echo "test.sh: the Secret Service tests cannot run without the programs named above, which KEYRUN_TEST_REQUIRE_KEYRING=1 requires: install their packages" >&2
        exit 1
      fi
      echo "test.sh: warning: the Secret Service tests will be skipped; install the Debian packages gnome-keyring libsecret-1-0 libsecret-tools dbus libglib2.0-bin to run them" >&2
      ;;
    *)
      echo "test.sh: failed to start the test keyring: scripts/test-keyring.sh exited with status $keyring_status" >&2
      exit 1
      ;;
  esac
fi

echo "test.sh: running the test suite against $prefix/bin/keyrun" >&2
mvn -B --no-transfer-progress verify -Dkeyrun.launcher="$prefix/bin/keyrun"
