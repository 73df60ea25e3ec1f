#!/usr/bin/env bash
# Measures how long keyrun takes to start a command with three plain values, next to `env` and
# to peer tools, in one hyperfine run so that the figures are comparable.
#
# Usage: scripts/bench.sh [--runs N] [--warmup N] [--no-build] [--breakdown]
#                         [--breakdown-rounds N] [--write-doc]
#   --runs N      timed runs per command (default: 40)
#   --warmup N    untimed runs per command before the timed ones (default: 5)
#   --no-build    install target/keyrun.jar as it is instead of running Maven first
#   --breakdown   also time keyrun's java command with each launcher flag left out in turn,
#                 without its cache, and an empty main with the same flags (the JVM floor)
#   --breakdown-rounds N
#                 spread the breakdown's runs over N hyperfine invocations and pool them
#                 (default: 8), so that a burst of load does not hit one variant alone
#   --write-doc   replace the generated sections of docs/benchmarks.md with this run's results
#                 (without it, the sections are printed for pasting and the repository is untouched)
#
# keyrun is installed twice with scripts/install.sh into a temporary PREFIX. The first install
# uses the JDK that install.sh picks, KEYRUN_JAVA_HOME or the newest one found (an AOT cache on
# JDK 25+). The second uses a JDK 17 (an AppCDS archive trained for 17) from /usr/lib/jvm,
# /Library/Java/JavaVirtualMachines or KEYRUN_BENCH_JDK17.
# Peers are installed into ${XDG_CACHE_HOME:-$HOME/.cache}/keyrun-bench (npm) or with apt-get
# (root on Debian); a peer that cannot be installed is skipped with a note.
set -euo pipefail

runs=40
warmup=5
build_flag=
breakdown=0
breakdown_rounds=8
write_doc=0

repo_root=$(cd "$(dirname "$0")/.." && pwd -P)
doc="$repo_root/docs/benchmarks.md"

die() {
  printf 'bench.sh: %s\n' "$*" >&2
  exit 1
}

note() {
  printf 'bench.sh: %s\n' "$*" >&2
}

while [ $# -gt 0 ]; do
  case $1 in
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
    --no-build) build_flag=--no-build ;;
    --breakdown) breakdown=1 ;;
    --breakdown-rounds)
      [ $# -ge 2 ] || die "--breakdown-rounds needs a number"
      breakdown_rounds=$2
      shift
      ;;
    --write-doc) write_doc=1 ;;
    -h | --help)
      sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"
      exit 0
      ;;
    *) die "unknown argument: $1 (see scripts/bench.sh --help)" ;;
  esac
  shift
done

case $runs$warmup$breakdown_rounds in
  *[!0-9]*) die "--runs, --warmup and --breakdown-rounds take whole numbers" ;;
esac
[ "$breakdown_rounds" -ge 1 ] || die "--breakdown-rounds must be at least 1"
[ "$runs" -ge 2 ] || die "--runs must be at least 2, so that a standard deviation exists"

# Installs a Debian package when running as root on Debian; returns 1 elsewhere.
apt_install() {
  [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
  note "installing $1 with apt-get"
  if ! apt-get install -y -q "$1" >/dev/null 2>&1; then
    apt-get update -q >/dev/null 2>&1 || true
    apt-get install -y -q "$1" >/dev/null 2>&1 || return 1
  fi
}

# Prints the value of a key in a JDK's release file, such as JAVA_VERSION, or nothing.
release_value() {
  [ -f "$1/release" ] || return 0
  sed -n "s/^$2=\"\\([^\"]*\\)\".*/\\1/p" "$1/release" | head -n 1
}

find_jdk17() {
  local home
  if [ -n "${KEYRUN_BENCH_JDK17:-}" ]; then
    (cd "$KEYRUN_BENCH_JDK17" && pwd -P)
    return
  fi
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -x "$home/bin/java" ] || continue
    case $(release_value "$home" JAVA_VERSION) in
      17 | 17.*)
        (cd "$home" && pwd -P)
        return
        ;;
    esac
  done
}

# Prints a value that install.sh wrote into a launcher as NAME='VALUE' (java, jar or cache).
launcher_value() {
  sed -n "s/^$2='\\(.*\\)'\$/\\1/p" "$1"
}

# Prints the JVM flags of a launcher that install.sh wrote, one a line.
launcher_flags() {
  sed -n "s/^  '\\(-[^']*\\)' \\\\\$/\\1/p" "$1"
}

describe_jdk() {
  local home=$1 vendor version
  vendor=$(release_value "$home" IMPLEMENTOR)
  version=$(release_value "$home" JAVA_RUNTIME_VERSION)
  [ -n "$version" ] || version=$(release_value "$home" JAVA_VERSION)
  printf '%s %s (%s)\n' "${vendor:-Java}" "${version:-unknown version}" "$home"
}

# Single-quotes a word for hyperfine's command splitting, which follows shell rules.
quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# --- tools -------------------------------------------------------------------------------------

if ! command -v hyperfine >/dev/null 2>&1; then
  apt_install hyperfine ||
    die "hyperfine not found; install it (Debian/Ubuntu: apt-get install hyperfine; macOS: brew install hyperfine; else: cargo install hyperfine)"
fi
if command -v python3 >/dev/null 2>&1; then
  json_tool=python3
elif command -v jq >/dev/null 2>&1; then
  json_tool=jq
else
  die "python3 or jq is needed to read hyperfine's JSON results; install either"
fi

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-bench.XXXXXX")
trap 'rm -rf "$work_dir"' EXIT
cd "$work_dir"

# --- keyrun ------------------------------------------------------------------------------------

note "installing keyrun with the JDK install.sh picks into $work_dir/newest"
PREFIX="$work_dir/newest" "$repo_root/scripts/install.sh" $build_flag
newest_launcher="$work_dir/newest/bin/keyrun"
newest_java=$(launcher_value "$newest_launcher" java)
newest_home=$(dirname "$(dirname "$newest_java")")
newest_major=$(release_value "$newest_home" JAVA_VERSION)
newest_major=${newest_major%%.*}
if [ "$newest_major" -ge 25 ]; then
  newest_label="keyrun, JDK $newest_major, AOT cache"
else
  newest_label="keyrun, JDK $newest_major, AppCDS archive"
fi

jdk17_home=$(find_jdk17)
if [ -n "$jdk17_home" ] && [ "$jdk17_home" != "$newest_home" ]; then
  note "installing keyrun with JDK 17 into $work_dir/jdk17"
  KEYRUN_JAVA_HOME=$jdk17_home PREFIX="$work_dir/jdk17" "$repo_root/scripts/install.sh" --no-build
else
  jdk17_home=
  note "skipping keyrun on JDK 17: no other JDK 17 found (set KEYRUN_BENCH_JDK17 to its home)"
fi

# --- peers -------------------------------------------------------------------------------------

peer_cache="${XDG_CACHE_HOME:-$HOME/.cache}/keyrun-bench"
npm_bin="$peer_cache/node_modules/.bin"
skipped=()

if command -v npm >/dev/null 2>&1; then
  if [ ! -x "$npm_bin/dotenv" ] || [ ! -x "$npm_bin/dotenvx" ]; then
    note "installing dotenv-cli and @dotenvx/dotenvx with npm into $peer_cache"
    mkdir -p "$peer_cache"
    npm install --prefix "$peer_cache" --no-audit --no-fund --loglevel=error \
      dotenv-cli @dotenvx/dotenvx >&2 ||
      note "npm install failed; the peers it did not install are skipped"
  fi
else
  note "npm not found; skipping dotenv-cli and dotenvx"
fi
if ! command -v direnv >/dev/null 2>&1; then
  apt_install direnv || true
fi

# npm's package.json records the version; reading it avoids starting node once more.
npm_version() {
  sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$peer_cache/node_modules/$1/package.json" 2>/dev/null |
    head -n 1
}

# --- commands ----------------------------------------------------------------------------------

(
  umask 077
  printf 'A=1\nB=2\nC=3\n' >three-values.env
)
chmod 600 three-values.env

names=()
commands=()
checks=()

# Adds a benchmark entry: NAME, the command to time, and a command that must exit 0 when the
# tool really passes A, B and C to its child.
add() {
  names+=("$1")
  commands+=("$2")
  checks+=("$3")
}

expect='[ "$A$B$C" = 123 ]'
add "env" "env A=1 B=2 C=3 true" "env A=1 B=2 C=3 sh -c '$expect'"
if [ -n "$jdk17_home" ]; then
  launcher=$(quote "$work_dir/jdk17/bin/keyrun")
  add "keyrun, JDK 17, AppCDS archive" "$launcher --env-file three-values.env -- true" \
    "$launcher --env-file three-values.env -- sh -c '$expect'"
fi
launcher=$(quote "$newest_launcher")
add "$newest_label" "$launcher --env-file three-values.env -- true" \
  "$launcher --env-file three-values.env -- sh -c '$expect'"

if [ -x "$npm_bin/dotenv" ]; then
  tool=$(quote "$npm_bin/dotenv")
  add "dotenv-cli $(npm_version dotenv-cli)" "$tool -e three-values.env -- true" \
    "$tool -e three-values.env -- sh -c '$expect'"
else
  skipped+=("dotenv-cli: npm install dotenv-cli failed, or npm is missing")
fi
if [ -x "$npm_bin/dotenvx" ]; then
  tool=$(quote "$npm_bin/dotenvx")
  add "dotenvx $(npm_version @dotenvx/dotenvx)" "$tool run -f three-values.env -- true" \
    "$tool run -f three-values.env -- sh -c '$expect'"
else
  skipped+=("dotenvx: npm install @dotenvx/dotenvx failed, or npm is missing")
fi
if command -v direnv >/dev/null 2>&1; then
  # direnv keeps its allow list under XDG_DATA_HOME; a private one leaves the user's untouched.
  export XDG_DATA_HOME="$work_dir/xdg-data" XDG_CONFIG_HOME="$work_dir/xdg-config"
  unset DIRENV_DIR DIRENV_FILE DIRENV_DIFF DIRENV_WATCHES
  printf 'dotenv three-values.env\n' >.envrc
  direnv allow "$work_dir" >/dev/null 2>&1
  tool=$(quote "$(command -v direnv)")
  add "direnv $(direnv version)" "$tool exec $(quote "$work_dir") true" \
    "$tool exec $(quote "$work_dir") sh -c '$expect'"
else
  skipped+=("direnv: not installed (Debian: apt-get install direnv; macOS: brew install direnv)")
fi

# hyperfine would happily time a tool that fails at once, so each one first proves that it works.
i=0
while [ "$i" -lt "${#names[@]}" ]; do
  if ! sh -c "${checks[$i]}" </dev/null >/dev/null 2>"$work_dir/check.err"; then
    sed 's/^/  | /' "$work_dir/check.err" >&2
    die "${names[$i]} does not pass A, B and C to its command: ${checks[$i]}"
  fi
  i=$((i + 1))
done

# --- breakdown variants ------------------------------------------------------------------------

breakdown_names=()
breakdown_commands=()

add_breakdown() {
  breakdown_names+=("$1")
  breakdown_commands+=("$2")
}

# Trains a cache for one variant: the cache file, the class path, the main class with its
# arguments as one string that is split into words, then the JVM flags. Every keyrun variant
# trains on the same three values, so that the variants differ in their flags only.
train_variant() {
  local cache=$1 classpath=$2 main=$3
  shift 3
  if [ "$newest_major" -ge 25 ]; then
    "$newest_java" "$@" "-XX:AOTCacheOutput=$cache" -cp "$classpath" $main >/dev/null 2>&1
  else
    "$newest_java" "$@" "-XX:ArchiveClassesAtExit=$cache" -cp "$classpath" $main >/dev/null 2>&1
  fi
  [ -s "$cache" ] || die "training the breakdown variant cache $cache failed"
}

cache_option() {
  if [ "$newest_major" -ge 25 ]; then
    printf -- '-XX:AOTCache=%s' "$1"
  else
    printf -- '-XX:SharedArchiveFile=%s' "$1"
  fi
}

# Adds a variant of keyrun's java command: NAME, then the JVM flags (the cache is trained here).
add_keyrun_variant() {
  local name=$1 cache="$work_dir/variants/$2.cache" jar flags=
  shift 2
  jar=$(launcher_value "$newest_launcher" jar)
  train_variant "$cache" "$jar" "dev.keyrun.cli.Main --no-exec --env-file three-values.env -- true" "$@"
  for flag in "$@"; do
    flags="$flags $(quote "$flag")"
  done
  add_breakdown "$name" \
    "$(quote "$newest_java")$flags $(quote "$(cache_option "$cache")") -cp $(quote "$jar") dev.keyrun.cli.Main --env-file three-values.env -- true"
}

# Prints the launcher's flags except those that match the shell pattern $1.
flags_without() {
  local flag
  while IFS= read -r flag; do
    case $flag in
      $1) ;;
      *) printf '%s\n' "$flag" ;;
    esac
  done <<EOF
$(launcher_flags "$newest_launcher")
EOF
}

# Adds a keyrun variant without the launcher flags that match a shell pattern: an id for the
# cache file (no ':', which separates archives in a JVM option), the pattern, and the row name.
add_variant_without() {
  local id=$1 pattern=$2 label=$3 subset=() flag
  while IFS= read -r flag; do
    subset+=("$flag")
  done <<EOF
$(flags_without "$pattern")
EOF
  add_keyrun_variant "$label" "$id" "${subset[@]}"
}

prepare_breakdown() {
  local all=() flag floor_flags=() jar
  mkdir -p "$work_dir/variants"
  while IFS= read -r flag; do
    all+=("$flag")
  done <<EOF
$(launcher_flags "$newest_launcher")
EOF
  [ "${#all[@]}" -gt 0 ] || die "no JVM flags found in $newest_launcher"

  note "training the caches of the breakdown variants"
  add_keyrun_variant "all launcher flags" all "${all[@]}"
  add_variant_without c1 '-XX:TieredStopAtLevel=1' 'without -XX:TieredStopAtLevel=1'
  add_variant_without serialgc '-XX:+UseSerialGC' 'without -XX:+UseSerialGC'
  add_variant_without perfdata '-XX:-UsePerfData' 'without -XX:-UsePerfData'
  add_variant_without jna '-Djna.*' "without JNA's extracted library (-Djna.*)"

  jar=$(launcher_value "$newest_launcher" jar)
  local flags=
  for flag in "${all[@]}"; do
    flags="$flags $(quote "$flag")"
  done
  add_breakdown "all launcher flags, no cache" \
    "$(quote "$newest_java")$flags -cp $(quote "$jar") dev.keyrun.cli.Main --env-file three-values.env -- true"

  # The floor: the JVM starting and ending an empty main with the same flags and its own cache.
  if [ -x "$newest_home/bin/javac" ] && [ -x "$newest_home/bin/jar" ]; then
    mkdir -p "$work_dir/empty"
    printf 'public class Empty {\n  public static void main(String[] args) {}\n}\n' >"$work_dir/empty/Empty.java"
    "$newest_home/bin/javac" -d "$work_dir/empty" "$work_dir/empty/Empty.java"
    "$newest_home/bin/jar" cf "$work_dir/empty.jar" -C "$work_dir/empty" Empty.class
    for flag in "${all[@]}"; do
      case $flag in
        -Djna.*) ;;
        *) floor_flags+=("$flag") ;;
      esac
    done
    local cache="$work_dir/variants/empty.cache"
    train_variant "$cache" "$work_dir/empty.jar" Empty "${floor_flags[@]}"
    flags=
    for flag in "${floor_flags[@]}"; do
      flags="$flags $(quote "$flag")"
    done
    add_breakdown "JVM floor: empty main, same flags, own cache" \
      "$(quote "$newest_java")$flags $(quote "$(cache_option "$cache")") -cp $(quote "$work_dir/empty.jar") Empty"
  else
    note "no javac and jar in $newest_home; the JVM floor is not measured"
  fi
}

if [ "$breakdown" -eq 1 ]; then
  prepare_breakdown
fi

# --- machine -----------------------------------------------------------------------------------

machine_facts() {
  local cpus cpu memory os load
  if [ -r /proc/cpuinfo ]; then
    cpus=$(nproc)
    cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    memory="$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    os=$(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release 2>/dev/null)
    os="$os, Linux $(uname -r)"
    load=$(cut -d' ' -f1-3 /proc/loadavg)
  else
    cpus=$(sysctl -n hw.ncpu)
    cpu=$(sysctl -n machdep.cpu.brand_string)
    memory="$(($(sysctl -n hw.memsize) / 1073741824)) GiB"
    os="macOS $(sw_vers -productVersion)"
    load=$(sysctl -n vm.loadavg | tr -d '{}' | awk '{ print $1, $2, $3 }')
  fi

  if git -C "$repo_root" rev-parse --short HEAD >/dev/null 2>&1; then
    printf -- '- keyrun: commit %s' "$(git -C "$repo_root" rev-parse --short HEAD)"
    if ! git -C "$repo_root" diff --quiet HEAD -- src pom.xml; then
      printf ' with uncommitted changes in src/ or pom.xml'
    fi
    printf '\n'
  fi

  printf -- '- CPUs: %s (%s)\n' "$cpus" "$cpu"
  printf -- '- memory: %s\n' "$memory"
  printf -- '- OS: %s\n' "$os"
  printf -- '- JDK that install.sh picked: %s\n' "$(describe_jdk "$newest_home")"
  if [ -n "$jdk17_home" ]; then
    printf -- '- JDK 17: %s\n' "$(describe_jdk "$jdk17_home")"
  fi
  printf -- '- hyperfine %s; node %s\n' "$(hyperfine --version | awk '{ print $2 }')" \
    "$(node --version 2>/dev/null || printf 'not installed')"
  printf -- '- load average before the run: %s\n' "$load"
}

facts=$(machine_facts)

# --- run ---------------------------------------------------------------------------------------

# Runs hyperfine ROUNDS times on the named commands, RUNS timed runs each time: the results
# name, ROUNDS, RUNS, then NAME COMMAND pairs. Round K writes $work_dir/NAME-K.json.
run_hyperfine() {
  local results=$1 rounds=$2 runs_per_round=$3 round=1 i args
  shift 3
  local command_pairs=("$@")
  while [ "$round" -le "$rounds" ]; do
    args=(--shell=none --warmup "$warmup" --runs "$runs_per_round" --style basic
      --export-json "$work_dir/$results-$round.json")
    i=0
    while [ "$i" -lt "${#command_pairs[@]}" ]; do
      args+=(--command-name "${command_pairs[$i]}" "${command_pairs[$((i + 1))]}")
      i=$((i + 2))
    done
    hyperfine "${args[@]}" >&2
    round=$((round + 1))
  done
}

# Prints one markdown table row per command: name, median, mean ± stddev, min, and the ratio of
# its median to the first command's median. The timed runs of all the JSON files given (one per
# round) are pooled.
result_rows() {
  if [ "$json_tool" = python3 ]; then
    python3 - "$@" <<'EOF'
import json, statistics, sys

rounds = [json.load(open(path))["results"] for path in sys.argv[1:]]
rows = []
for i, first in enumerate(rounds[0]):
    times = [t for results in rounds for t in results[i]["times"]]
    rows.append((first["command"], statistics.median(times), statistics.mean(times),
                 statistics.stdev(times), min(times)))
base = rows[0][1]
for name, median, mean, stdev, low in rows:
    print("| {} | {:.1f} | {:.1f} ± {:.1f} | {:.1f} | {:.2f} |".format(
        name, median * 1000, mean * 1000, stdev * 1000, low * 1000, median / base))
EOF
  else
    jq -rs '
      def median: sort as $t | ($t | length) as $n
        | if $n % 2 == 1 then $t[($n - 1) / 2] else ($t[$n / 2 - 1] + $t[$n / 2]) / 2 end;
      def ms: . * 10000 | round / 10;
      [.[].results] | transpose
      | map({command: .[0].command, times: (map(.times) | add)})
      | map(.times as $t | ($t | add / length) as $mean
          | . + {median: ($t | median), mean: $mean, min: ($t | min),
                 stddev: (($t | map(. - $mean | . * .) | add) / (($t | length) - 1) | sqrt)})
      | .[0].median as $base | .[]
      | "| \(.command) | \(.median | ms) | \(.mean | ms) ± \(.stddev | ms) | \(.min | ms) | \(.median / $base * 100 | round / 100) |"' \
      "$@"
  fi
}

pairs=()
i=0
while [ "$i" -lt "${#names[@]}" ]; do
  pairs+=("${names[$i]}" "${commands[$i]}")
  i=$((i + 1))
done
note "running hyperfine in $work_dir (${#names[@]} commands, $warmup warmup and $runs timed runs each)"
run_hyperfine results 1 "$runs" "${pairs[@]}"

# The breakdown compares differences of a few milliseconds, which a burst of load during one
# command's runs would hide in a single hyperfine invocation, so its runs are spread over rounds.
if [ "$breakdown" -eq 1 ]; then
  pairs=()
  i=0
  while [ "$i" -lt "${#breakdown_names[@]}" ]; do
    pairs+=("${breakdown_names[$i]}" "${breakdown_commands[$i]}")
    i=$((i + 1))
  done
  note "running hyperfine on the breakdown variants (${#breakdown_names[@]} commands, $breakdown_rounds rounds)"
  run_hyperfine breakdown "$breakdown_rounds" "$(((runs + breakdown_rounds - 1) / breakdown_rounds))" \
    "${pairs[@]}"
fi

# --- report ------------------------------------------------------------------------------------

# Prints commands for a markdown code block, with the temporary directory shown as $WORK.
print_commands() {
  local command
  for command in "$@"; do
    printf '%s\n' "$command" | sed "s|$work_dir|\$WORK|g"
  done
}

results_section() {
  printf 'Run on %s with:\n\n' "$(date -u '+%Y-%m-%d %H:%M UTC')"
  printf '```sh\nscripts/bench.sh --runs %s --warmup %s' "$runs" "$warmup"
  [ "$breakdown" -eq 0 ] || printf ' --breakdown'
  printf '\n```\n\n%s\n\n' "$facts"
  printf 'Times in ms; ratio = median / median of `env`.\n\n'
  printf '| command | median | mean ± σ | min | ratio |\n'
  printf '| --- | ---: | ---: | ---: | ---: |\n'
  result_rows "$work_dir/results-1.json"
  printf '\nThe commands as hyperfine ran them (`--shell=none`, in a directory holding `three-values.env`):\n\n```\n'
  print_commands "${commands[@]}"
  printf '```\n'
  if [ "${#skipped[@]}" -gt 0 ]; then
    printf '\nSkipped:\n\n'
    printf -- '- %s\n' "${skipped[@]}"
  fi
}

breakdown_section() {
  printf 'Same run: keyrun'"'"'s java command (%s) without the sh launcher, each variant\n' \
    "$newest_label"
  printf 'with a cache trained on its own flags: %s hyperfine invocations, each with %s warmup and\n' \
    "$breakdown_rounds" "$warmup"
  printf '%s timed runs per variant, pooled. Times in ms; ratio = median / median of the first row.\n\n' \
    "$(((runs + breakdown_rounds - 1) / breakdown_rounds))"
  printf '| variant | median | mean ± σ | min | ratio |\n'
  printf '| --- | ---: | ---: | ---: | ---: |\n'
  result_rows "$work_dir"/breakdown-*.json
  printf '\nThe first row'"'"'s command; the other keyrun rows leave out the flags they name, and each\n'
  printf 'row has its own cache file:\n\n```\n'
  print_commands "${breakdown_commands[0]}"
  printf '```\n'
  local last=$((${#breakdown_commands[@]} - 1))
  case ${breakdown_names[$last]} in
    "JVM floor"*)
      printf '\nThe floor'"'"'s command, where `Empty.java` contains an empty `main`:\n\n```\n'
      print_commands "${breakdown_commands[$last]}"
      printf '```\n'
      ;;
  esac
}

# Replaces the lines between "<!-- bench.sh NAME: begin -->" and "<!-- bench.sh NAME: end -->"
# in the doc with the contents of FILE.
replace_doc_section() {
  local name=$1 file=$2 begin end
  begin="<!-- bench.sh $name: begin -->"
  end="<!-- bench.sh $name: end -->"
  grep -qxF "$begin" "$doc" && grep -qxF "$end" "$doc" ||
    die "$doc lacks the lines '$begin' and '$end' that enclose the generated section"
  awk -v begin="$begin" -v end="$end" -v section="$file" '
    $0 == begin { print; while ((getline line < section) > 0) print line; skip = 1; next }
    $0 == end { skip = 0 }
    !skip { print }
  ' "$doc" >"$work_dir/benchmarks.md"
  cp "$work_dir/benchmarks.md" "$doc"
}

results_section >"$work_dir/results.md"
cat "$work_dir/results.md"
if [ "$breakdown" -eq 1 ]; then
  breakdown_section >"$work_dir/breakdown.md"
  printf '\n'
  cat "$work_dir/breakdown.md"
fi

if [ "$write_doc" -eq 1 ]; then
  replace_doc_section results "$work_dir/results.md"
  if [ "$breakdown" -eq 1 ]; then
    replace_doc_section breakdown "$work_dir/breakdown.md"
  fi
  note "updated $doc"
fi
