#!/usr/bin/env bash
# Measures what resolving ten secret-service:// references costs keyrun, next to ten
# `secret-tool lookup` calls in a shell loop, in one hyperfine run against a private test keyring
# (scripts/test-keyring.sh), and reports the in-process resolution time that --verbose logs.
#
# Usage: scripts/bench-keyring.sh [--launcher PATH] [--runs N] [--warmup N] [--write-doc]
#   --launcher PATH  time this installed keyrun launcher (default: install one into a temp dir)
#   --runs N         timed runs per command (default: 40)
#   --warmup N       untimed runs per command before the timed ones (default: 5)
#   --write-doc      replace the keyring section of docs/benchmarks.md with this run's results
set -euo pipefail

runs=40
warmup=5
launcher=
write_doc=0
repo_root=$(cd "$(dirname "$0")/.." && pwd -P)
doc="$repo_root/docs/benchmarks.md"

die() {
  printf 'bench-keyring.sh: %s\n' "$*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case $1 in
    --launcher)
      [ $# -ge 2 ] || die "--launcher needs a path"
      launcher=$2
      shift
      ;;
    --runs)
      [ $# -ge 2 ] || die "--runs needs a number"
      runs=$2
      shift
      ;;
    --warmup)
      [ $# -ge 2 ] || die "--warmup needs a number"
      warmup=$2
      shift
      ;;
    --write-doc) write_doc=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"
      exit 0
      ;;
    *) die "unknown argument: $1 (see scripts/bench-keyring.sh --help)" ;;
  esac
  shift
done
case $runs$warmup in
  *[!0-9]*) die "--runs and --warmup take whole numbers" ;;
esac
[ "$runs" -ge 2 ] || die "--runs must be at least 2"

for tool in hyperfine secret-tool python3; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "$tool not found (Debian: apt-get install hyperfine libsecret-tools python3)"
done

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench-keyring.XXXXXX")
keyring_started=0
cleanup() {
  # Only the keyring this script started: the caller may have exported one of its own.
  if [ "$keyring_started" -eq 1 ]; then
    "$repo_root/scripts/test-keyring.sh" --stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work_dir"
}
trap cleanup EXIT
cd "$work_dir"

if [ -z "$launcher" ]; then
  PREFIX="$work_dir/prefix" "$repo_root/scripts/install.sh" >&2
  launcher="$work_dir/prefix/bin/keyrun"
fi
[ -x "$launcher" ] || die "no keyrun launcher at $launcher"

keyring_exports=$("$repo_root/scripts/test-keyring.sh") || die "cannot start the test keyring"
eval "$keyring_exports"
keyring_started=1

# Ten items, an env file of references to them, and one of ten plain values of the same length.
: >references.env
: >plain.env
chmod 600 plain.env
for i in 0 1 2 3 4 5 6 7 8 9; do
  value="bench-value-$i-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  printf '%s' "$value" | secret-tool store --label="keyrun bench $i" service keyrun-bench account "k$i"
  printf 'K%s=secret-service://keyrun-bench/k%s\n' "$i" "$i" >>references.env
  printf 'K%s=%s\n' "$i" "$value" >>plain.env
done
lookups='for i in 0 1 2 3 4 5 6 7 8 9; do secret-tool lookup service keyrun-bench account k$i >/dev/null || exit 1; done'

"$launcher" --env-file references.env -- sh -c '[ -n "$K0" ] && [ -n "$K9" ]' ||
  die "keyrun did not resolve the references"

hyperfine --warmup "$warmup" --runs "$runs" --style basic --export-json results.json \
  --command-name "keyrun, 10 plain values" "$launcher --env-file plain.env -- true" \
  --command-name "keyrun, 10 secret-service:// references" \
  "$launcher --env-file references.env -- true" \
  --command-name "10 × secret-tool lookup in a shell loop" "sh -c '$lookups'" >&2

# keyrun logs each store's resolution time with --verbose: "Secret Service: 10 references in N ms".
for _ in $(seq 1 "$runs"); do
  "$launcher" --verbose --env-file references.env -- true 2>&1 |
    sed -n 's/.*Secret Service: 10 references in \([0-9]*\) ms.*/\1/p'
done >resolution.txt

section() {
  printf 'Run on %s with `scripts/bench-keyring.sh --runs %s --warmup %s`, commit %s, load\n' \
    "$(date -u '+%Y-%m-%d %H:%M UTC')" "$runs" "$warmup" \
    "$(git -C "$repo_root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  printf 'average %s before the run. Times in ms.\n\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
  printf '| command | median | mean ± σ | min |\n| --- | ---: | ---: | ---: |\n'
  python3 - results.json resolution.txt <<'EOF'
import json, statistics, sys

for result in json.load(open(sys.argv[1]))["results"]:
    times = result["times"]
    print("| {} | {:.1f} | {:.1f} ± {:.1f} | {:.1f} |".format(
        result["command"], statistics.median(times) * 1000, statistics.mean(times) * 1000,
        statistics.stdev(times) * 1000, min(times) * 1000))
resolution = [int(line) for line in open(sys.argv[2]) if line.strip()]
if resolution:
    print()
    print("Inside keyrun, resolving the ten references took {} ms (median of {} runs, from"
          " `--verbose`), which includes loading libsecret.".format(
              statistics.median(resolution), len(resolution)))
EOF
}

section >section.md
cat section.md

if [ "$write_doc" -eq 1 ]; then
  begin="<!-- bench-keyring.sh: begin -->"
  end="<!-- bench-keyring.sh: end -->"
  grep -qxF "$begin" "$doc" && grep -qxF "$end" "$doc" ||
    die "$doc lacks the lines '$begin' and '$end' around the generated section"
  awk -v begin="$begin" -v end="$end" -v section=section.md '
    $0 == begin { print; while ((getline line < section) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$doc" >benchmarks.md
  cp benchmarks.md "$doc"
  printf 'bench-keyring.sh: updated %s\n' "$doc" >&2
fi
