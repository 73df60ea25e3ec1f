#!/usr/bin/env bash
# Times `keyrun doctor --home` over a synthetic home directory of 100,000 files, as
# docs/benchmarks.md ("keyrun doctor --home") describes. The home contains:
#   - 20 projects under ~/src, ~/code, ~/projects and ~/work, each with sources, env files, a
#     node_modules tree and git objects;
#   - package caches (~/.cache, ~/.m2, ~/.npm, ~/.cargo);
#   - application data under ~/.config and ~/.local/share, with a trash;
#   - assistant folders (~/.claude, and ~/.vscode with extensions);
#   - ~/Documents and ~/Downloads, which the walk does not enter. Regular files are topped up in
#     ~/Downloads to exactly 100,000.
#
# Each run is `keyrun doctor --home --dir ~/src/proj0` with HOME pointing at the synthetic home,
# output to /dev/null; the runs without --home come first for comparison. A third command runs
# without --home after 69 MiB of session logs (72 files of 1,000,000 bytes of base64 text in
# lines of 2,000 characters) were added to ~/.claude/projects, more than master-tokens reads in
# one run (64 MiB). hyperfine runs them when installed, else the bash `time` keyword does, RUNS
# times each.
#
# Usage: scripts/bench-doctor-home.sh PREFIX [RUNS]
#   where PREFIX is where scripts/install.sh installed keyrun.
set -euo pipefail

[ $# -ge 1 ] || { echo "usage: $0 PREFIX [RUNS]" >&2; exit 2; }
keyrun=$(cd "$1" && pwd)/bin/keyrun
runs=${2:-10}
readonly TOTAL_FILES=100000

work=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench-home.XXXXXX")
trap 'rm -rf "$work"' EXIT
home=$work/home

# fill DIR COUNT: creates COUNT empty files f0..f(COUNT-1) in DIR.
fill() {
  mkdir -p "$1"
  local i
  for ((i = 0; i < $2; i++)); do
    : >"$1/f$i"
  done
}

project() {
  local dir=$1 i
  fill "$dir/src" 40
  printf 'API_KEY=plain-value-123\n' >"$dir/.env"
  chmod 600 "$dir/.env"
  printf 'API_KEY=keyring://app/key\n' >"$dir/.env.example"
  for ((i = 0; i < 40; i++)); do
    fill "$dir/node_modules/pkg$i/lib" 49
    printf 'X=1\n' >"$dir/node_modules/pkg$i/.env"
  done
  for ((i = 0; i < 64; i++)); do
    fill "$dir/.git/objects/$(printf '%02x' "$i")" 20
  done
  fill "$dir/.git/refs" 8
}

umask 077
n=0
for parent in src code projects work; do
  for ((p = 0; p < 5; p++)); do
    project "$home/$parent/proj$n"
    n=$((n + 1))
  done
done
# One env file in a project that others can read, so that home-env-files has a finding.
chmod 644 "$home/code/proj5/.env"

fill "$home/.cache/pip" 10000
fill "$home/.m2/repository" 4000
fill "$home/.npm/_cacache" 4000
fill "$home/.cargo/registry" 3000
for ((a = 0; a < 30; a++)); do fill "$home/.config/app$a" 50; done
printf 'TOKEN=plain-value-456\n' >"$home/.config/app0/service.env"
for ((a = 0; a < 20; a++)); do fill "$home/.local/share/app$a" 50; done
fill "$home/.local/share/Trash/files" 1000
fill "$home/Documents" 5000
fill "$home/.claude/projects" 300
fill "$home/.vscode/extensions/ext" 2000
for name in .bashrc .profile .zshrc .gitconfig .viminfo; do : >"$home/$name"; done

count=$(find "$home" -type f | wc -l)
fill "$home/Downloads" $((TOTAL_FILES - count))
count=$(find "$home" -type f | wc -l)
echo "synthetic home: $count files, $(find "$home" -type d | wc -l) directories" >&2

export HOME=$home
unset OP_SERVICE_ACCOUNT_TOKEN OP_CONNECT_TOKEN VAULT_TOKEN DOPPLER_TOKEN
cd "$home/src/proj0"
without="$keyrun doctor --dir $home/src/proj0"
with="$keyrun doctor --home --dir $home/src/proj0"
# A first run of each shows the findings and warms the page cache.
$with >&2 || true

# time_commands LABEL COMMAND...: runs each COMMAND RUNS times and prints its times.
time_commands() {
  if command -v hyperfine >/dev/null; then
    hyperfine -N -i --warmup 2 --runs "$runs" "$@"
    return
  fi
  TIMEFORMAT='%R %U %S'
  local command r times=$work/times
  for command in "$@"; do
    : >"$times"
    for ((r = 0; r < runs; r++)); do
      { time $command >/dev/null 2>&1; } 2>>"$times" || true
    done
    echo "$command"
    echo "  wall s: $(awk '{ print $1 }' "$times" | median)"
    echo "  user+sys s: $(awk '{ print $2 + $3 }' "$times" | median) ($runs runs)"
  done
}

median() {
  sort -n | awk '{ v[NR] = $1 } END { printf "min %.3f median %.3f max %.3f", v[1], v[int((NR + 1) / 2)], v[NR] }'
}

time_commands "$without" "$with"

mkdir -p "$home/.claude/projects/logs"
for ((i = 0; i < 72; i++)); do
  head -c 750000 /dev/urandom | base64 -w 2000 | head -c 1000000 >"$home/.claude/projects/logs/session$i.jsonl"
done
echo "with 69 MiB of session logs in ~/.claude/projects:"
$without >&2 || true
time_commands "$without"
