#!/usr/bin/env bash
# Compares keyrun's start-up before and after a change, as docs/benchmarks.md ("Start-up with the
# inventory") describes: two installed launchers run `--env-file refs.env -- true` on an env file of
# three dotenv: references, with a private HOME, XDG_STATE_HOME and store. The "after" row finds
# its references already in the inventory, as a repeated run does, so it only reads the file. A
# third row removes the inventory before each run, so every run of it writes the file. The times
# of all ROUNDS hyperfine invocations (RUNS runs per command each) are pooled.
#
# Usage: scripts/bench-inventory.sh BEFORE_PREFIX AFTER_PREFIX [ROUNDS [RUNS]]
#   where each prefix is a PREFIX that scripts/install.sh installed into.
set -euo pipefail

[ $# -ge 2 ] || { echo "usage: $0 BEFORE_PREFIX AFTER_PREFIX [ROUNDS [RUNS]]" >&2; exit 2; }
before=$(cd "$1" && pwd)/bin/keyrun
after=$(cd "$2" && pwd)/bin/keyrun
rounds=${3:-60}
runs=${4:-3}
command -v hyperfine >/dev/null || { echo "$0: hyperfine is not installed" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench-inventory.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/home" "$work/state"
(
  umask 077
  printf 'API_KEY=one-value\nDB_PASS=two-value\nTOKEN=three-value\n' >"$work/store.env"
  printf 'API_KEY=dotenv:API_KEY\nDB_PASS=dotenv:DB_PASS\nTOKEN=dotenv:TOKEN\n' >"$work/refs.env"
)
cd "$work"
export HOME=$work/home XDG_STATE_HOME=$work/state KEYRUN_DOTENV_STORE=$work/store.env
unset INVOCATION_ID

# Each round runs the three commands in a shuffled order, a few runs each, so that a burst of load
# on the shared machine hits every command alike.
names=(before after 'after, inventory written')
commands=("$before --env-file refs.env -- true" "$after --env-file refs.env -- true"
  "$after --env-file refs.env -- true")
prepares=(true true "rm -rf $work/state/keyrun")

printf 'load average before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  order=$(shuf -e 0 1 2)
  args=(-N --warmup 1 --runs "$runs" --style none --export-json "$work/round-$round.json")
  for i in $order; do
    args+=(--prepare "${prepares[$i]}")
  done
  for i in $order; do
    args+=(-n "${names[$i]}" "${commands[$i]}")
  done
  hyperfine "${args[@]}" >/dev/null 2>&1
done
printf 'load average after: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work"/round-*.json <<'PY'
import json, statistics, sys

times, user, system = {}, {}, {}
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        name = result["command"]
        times.setdefault(name, []).extend(result["times"])
        user.setdefault(name, []).append(result["user"])
        system.setdefault(name, []).append(result["system"])
print("| command | median | mean ± σ | min | user + system CPU | runs |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name in ("before", "after", "after, inventory written"):
    t = times[name]
    cpu = statistics.mean(user[name]) + statistics.mean(system[name])
    print("| %s | %.1f | %.1f ± %.1f | %.1f | %.1f | %d |" % (
        name, statistics.median(t) * 1000, statistics.mean(t) * 1000,
        statistics.stdev(t) * 1000, min(t) * 1000, cpu * 1000, len(t)))
PY
