#!/usr/bin/env bash
# Measures what a project manifest and a user config add to keyrun's start, side by side with
# env(1), as docs/benchmarks.md ("Start-up with a manifest and a config, side by side")
# describes. One installed launcher runs `-- true` five ways, from a private HOME with three
# dotenv: keys:
#   env           env true
#   env file      keyrun --env-file refs.env -- true        (no config, no manifest)
#   config        the same with a config.toml of every setting
#   manifest      keyrun -- true in a directory with a keyrun.toml of the same three keys
#   both          the manifest and the config
# stdout is not a terminal, so keyrun masks and supervises in every row, as in a pipeline.
# The times of all ROUNDS hyperfine invocations (RUNS runs per command each, in a shuffled order)
# are pooled, so that a burst of load on a shared machine hits every row alike.
#
# Usage: scripts/bench-projects.sh PREFIX [ROUNDS [RUNS]]
#   where PREFIX is where scripts/install.sh installed keyrun.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 PREFIX [ROUNDS [RUNS]]" >&2; exit 2; }
keyrun=$(cd "$1" && pwd)/bin/keyrun
rounds=${2:-30}
runs=${3:-3}
command -v hyperfine >/dev/null || { echo "$0: hyperfine is not installed" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench-projects.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -m 700 "$work/home" "$work/state" "$work/no-config" "$work/config" "$work/config/keyrun"
mkdir "$work/plain" "$work/project"
(
  umask 077
  printf 'API_KEY=one-value\nDB_PASS=two-value\nTOKEN=three-value\n' >"$work/store.env"
  printf 'API_KEY=dotenv:API_KEY\nDB_PASS=dotenv:DB_PASS\nTOKEN=dotenv:TOKEN\n' >"$work/plain/refs.env"
  {
    printf 'profile = "laptop"\ntimeout = 30\nmask = "auto"\nkeyring = "secret-service"\n'
    printf '\n[dotenv]\nstore = "%s"\n' "$work/store.env"
    printf '\n[rotation]\nmax-age-days = 90\n'
  } >"$work/config/keyrun/config.toml"
)
{
  printf '[project]\nname = "bench"\n'
  for key in API_KEY DB_PASS TOKEN; do
    printf '\n[keys.%s]\ndescription = "a key"\nref = "dotenv:%s"\n' "$key" "$key"
  done
  printf '\n[profiles.laptop]\nAPI_KEY = "dotenv:API_KEY"\n'
} >"$work/project/keyrun.toml"
export HOME=$work/home XDG_STATE_HOME=$work/state KEYRUN_DOTENV_STORE=$work/store.env
unset INVOCATION_ID KEYRUN_PROFILE
# A first run of each kind records the inventory, so the measured runs only read it.
XDG_CONFIG_HOME=$work/config "$keyrun" --env-file "$work/plain/refs.env" -- true
(cd "$work/project" && XDG_CONFIG_HOME=$work/config "$keyrun" -- true)

names=(env 'env file' config manifest both)
commands=(
  "env true"
  "env XDG_CONFIG_HOME=$work/no-config $keyrun --env-file $work/plain/refs.env -- true"
  "env XDG_CONFIG_HOME=$work/config $keyrun --env-file $work/plain/refs.env -- true"
  "sh -c 'cd $work/project && XDG_CONFIG_HOME=$work/no-config exec $keyrun -- true'"
  "sh -c 'cd $work/project && XDG_CONFIG_HOME=$work/config exec $keyrun -- true'"
)

printf 'load average before: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq 1 "$rounds"); do
  args=(-N --warmup 1 --runs "$runs" --style none --export-json "$work/round-$round.json")
  for i in $(shuf -e 0 1 2 3 4); do
    args+=(-n "${names[$i]}" "${commands[$i]}")
  done
  hyperfine "${args[@]}" >/dev/null 2>&1
done
printf 'load average after: %s\n\n' "$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$work"/round-*.json <<'PY'
import json, statistics, sys

times, user = {}, {}
for path in sys.argv[1:]:
    for result in json.load(open(path))["results"]:
        times.setdefault(result["command"], []).extend(result["times"])
        user.setdefault(result["command"], []).append(result["user"])
print("| command | runs | median | mean ± σ | min | user |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for name in ["env", "env file", "config", "manifest", "both"]:
    t = [x * 1000 for x in times[name]]
    print("| %s | %d | %.1f | %.1f ± %.1f | %.1f | %.1f |" % (
        name, len(t), statistics.median(t), statistics.mean(t), statistics.stdev(t), min(t),
        statistics.mean(user[name]) * 1000))
PY
