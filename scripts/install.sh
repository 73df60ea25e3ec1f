#!/usr/bin/env bash
# Builds keyrun and installs it under ${PREFIX:-$HOME/.local}:
#   bin/keyrun    a POSIX sh launcher that execs the JVM with fixed flags and the start-up cache
#   lib/keyrun/   the jar, the AOT cache (JDK 25+) or AppCDS archive (JDK 17-24), JNA's native
#                 library and pty4j's (in pty4j-HASH/), each named after the jar's SHA-256 so
#                 that a rebuilt jar never meets a cache made for an older one
#   share/        the man page keyrun.1 and the bash, zsh and fish completion scripts, generated
#                 from the installed jar so that they list the options it accepts
#
# Usage: scripts/install.sh [--no-build]
#   --no-build        install target/keyrun.jar as it is instead of running Maven first
# Environment:
#   PREFIX            installation root (default: $HOME/.local)
#   KEYRUN_JAVA_HOME  the JDK or JRE to run keyrun with (default: the newest one >= 17 found
#                     in $JAVA_HOME, /usr/lib/jvm, /Library/Java/JavaVirtualMachines, or PATH)
set -euo pipefail

# This script must run on macOS's bash 3.2 too: no mapfile, no ${var,,}, no "${empty[@]}"
# under set -u.

readonly MIN_JAVA=17
readonly MAIN_CLASS=dev.keyrun.cli.Main

repo_root=$(cd "$(dirname "$0")/.." && pwd -P)
prefix=${PREFIX:-$HOME/.local}
build=1

die() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

note() {
  printf 'install.sh: %s\n' "$*" >&2
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p;}' "$0"
}

while [ $# -gt 0 ]; do
  case $1 in
    --no-build) build=0 ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "unknown argument: $1 (see scripts/install.sh --help)" ;;
  esac
  shift
done

# Prints PATH with every symbolic link resolved, like GNU `readlink -f`, which older macOS lacks.
resolve_path() {
  local path=$1 target hops=0
  while [ -L "$path" ]; do
    hops=$((hops + 1))
    [ "$hops" -le 40 ] || die "too many symbolic links at $1"
    target=$(readlink "$path")
    case $target in
      /*) path=$target ;;
      *) path=$(dirname "$path")/$target ;;
    esac
  done
  printf '%s/%s\n' "$(cd "$(dirname "$path")" && pwd -P)" "$(basename "$path")"
}

# Prints the major version of the Java installation at HOME (8 for "1.8.0_402"), or 0 if unknown.
java_major() {
  local home=$1 version=
  if [ -f "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$home/release" | head -n 1)
  fi
  if [ -z "$version" ]; then
    version=$("$home/bin/java" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1) ||
      true
  fi
  case $version in
    1.*) version=${version#1.} ;;
  esac
  version=${version%%[!0-9]*}
  printf '%s\n' "${version:-0}"
}

# Prints candidate Java homes, one a line, in order of preference for equal versions.
candidate_java_homes() {
  local home java_on_path
  if [ -n "${JAVA_HOME:-}" ]; then
    printf '%s\n' "$JAVA_HOME"
  fi
  for home in /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -d "$home" ]; then
      printf '%s\n' "$home"
    fi
  done
  if [ -x /usr/libexec/java_home ]; then
    /usr/libexec/java_home 2>/dev/null || true
  fi
  if java_on_path=$(command -v java 2>/dev/null); then
    # /usr/bin/java is often a chain of links (alternatives); the home is two levels above
    # the real binary.
    dirname "$(dirname "$(resolve_path "$java_on_path")")"
  fi
}

# Sets java_home and java_version to the newest Java >= MIN_JAVA, or to KEYRUN_JAVA_HOME.
choose_java() {
  local home resolved major seen=:
  java_home=
  java_version=0

  if [ -n "${KEYRUN_JAVA_HOME:-}" ]; then
    [ -x "$KEYRUN_JAVA_HOME/bin/java" ] ||
      die "KEYRUN_JAVA_HOME=$KEYRUN_JAVA_HOME has no bin/java; point it at a JDK or JRE home"
    java_home=$(cd "$KEYRUN_JAVA_HOME" && pwd -P)
    java_version=$(java_major "$java_home")
    [ "$java_version" -ge "$MIN_JAVA" ] ||
      die "KEYRUN_JAVA_HOME=$KEYRUN_JAVA_HOME is Java $java_version; keyrun needs Java $MIN_JAVA or newer"
    return
  fi

  while IFS= read -r home; do
    [ -x "$home/bin/java" ] || continue
    resolved=$(cd "$home" && pwd -P)
    case $seen in
      *":$resolved:"*) continue ;;
    esac
    seen="$seen$resolved:"
    major=$(java_major "$resolved")
    if [ "$major" -ge "$MIN_JAVA" ] && [ "$major" -gt "$java_version" ]; then
      java_home=$resolved
      java_version=$major
    fi
  done <<EOF
$(candidate_java_homes)
EOF

  [ -n "$java_home" ] ||
    die "no Java $MIN_JAVA or newer found in \$JAVA_HOME, /usr/lib/jvm, /Library/Java/JavaVirtualMachines or PATH; install a JDK (Java 25 starts fastest) or set KEYRUN_JAVA_HOME"
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -c1-64
  else
    shasum -a 256 "$1" | cut -c1-64
  fi
}

# Quotes a word for a POSIX sh script: 'it'\''s'.
shell_quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Prints the directory inside the JNA jar that contains libjnidispatch for this JVM, as JNA's
# Platform.RESOURCE_PREFIX names it, or nothing for a platform this script does not map.
jna_resource_dir() {
  local settings os_name os_arch os arch
  settings=$("$java" -XshowSettings:properties -version 2>&1) || return 0
  os_name=$(printf '%s\n' "$settings" | sed -n 's/^ *os\.name = //p' | head -n 1)
  os_arch=$(printf '%s\n' "$settings" | sed -n 's/^ *os\.arch = //p' | head -n 1)
  case $os_name in
    Linux) os=linux ;;
    "Mac OS X" | Darwin) os=darwin ;;
    *) return 0 ;;
  esac
  case $os_arch in
    amd64 | x86_64) arch=x86-64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    ppc64le | s390x | riscv64) arch=$os_arch ;;
    *) return 0 ;;
  esac
  printf '%s-%s\n' "$os" "$arch"
}

# Copies the file ENTRY out of JAR into DEST. Returns 1 if it is not in the jar or no unzip tool
# is present.
extract_jar_entry() {
  local jar=$1 entry=$2 dest=$3 unpack_dir
  if command -v unzip >/dev/null 2>&1; then
    unzip -p "$jar" "$entry" >"$dest.tmp" 2>/dev/null || return 1
  elif [ -x "$java_home/bin/jar" ]; then
    unpack_dir="$work_dir/unpack"
    mkdir -p "$unpack_dir"
    (cd "$unpack_dir" && "$java_home/bin/jar" xf "$jar" "$entry") || return 1
    [ -f "$unpack_dir/$entry" ] || return 1
    mv -f "$unpack_dir/$entry" "$dest.tmp"
  else
    return 1
  fi
  [ -s "$dest.tmp" ] || return 1
  mv -f "$dest.tmp" "$dest"
}

# Copies JNA's native library for this platform out of JAR into DEST. JNA otherwise writes it to
# a temporary file on every start. Returns 1 if it is not in the jar or no unzip tool is present.
extract_jnidispatch() {
  local jar=$1 dest=$2 resource_dir entry
  resource_dir=$(jna_resource_dir)
  [ -n "$resource_dir" ] || return 1
  case $resource_dir in
    darwin-*) entry="com/sun/jna/$resource_dir/libjnidispatch.jnilib" ;;
    *) entry="com/sun/jna/$resource_dir/libjnidispatch.so" ;;
  esac
  extract_jar_entry "$jar" "$entry" "$dest"
}

# Copies pty4j's native library for this platform out of JAR into the folder DEST, laid out as
# pty4j's system property pty4j.preferred.native.folder expects: linux/x86-64/libpty.so,
# darwin/libpty.dylib. Without it pty4j extracts the library into a new temporary directory on
# the first pseudo-terminal session (--mask) of each run. Returns 1 for a platform pty4j lacks.
extract_libpty() {
  local jar=$1 dest=$2 resource_dir subdir name
  resource_dir=$(jna_resource_dir)
  case $resource_dir in
    darwin-*)
      subdir=darwin
      name=libpty.dylib
      ;;
    linux-*)
      subdir="linux/${resource_dir#linux-}"
      name=libpty.so
      ;;
    *) return 1 ;;
  esac
  # The folder is named after the jar, so an existing one contains the same library.
  [ -s "$dest/$subdir/$name" ] && return 0
  rm -rf "$dest.tmp"
  mkdir -p "$dest.tmp/$subdir"
  extract_jar_entry "$jar" "resources/com/pty4j/native/$subdir/$name" "$dest.tmp/$subdir/$name" ||
    return 1
  rm -rf "$dest"
  mv -f "$dest.tmp" "$dest"
}

# Writes the private files of a training run into work_dir: an env file with plain values and
# one reference of each built-in kind (env://, file://, dotenv:), the store they read, a user
# config file and a project manifest keyrun.toml with a profile. Parsing both loads Jackson's TOML
# classes, which then come from the cache. The training run reads this config instead of the
# installing user's own, and finds the manifest in its working directory, as a run in a project does.
write_training_inputs() {
  local store="$work_dir/training-store.env" secret="$work_dir/training-secret.txt"
  training_env="$work_dir/training.env"
  training_store=$store
  training_config_home="$work_dir/training-config"

  (
    umask 077
    printf 'TRAINING_STORE_KEY=value from the store\n' >"$store"
    printf 'value from a file\n' >"$secret"
    {
      printf 'KEYRUN_TRAINING_PLAIN=1\n'
      printf 'KEYRUN_TRAINING_QUOTED="two words"\n'
      printf 'KEYRUN_TRAINING_EXPANDED=${KEYRUN_TRAINING_PLAIN}-x\n'
      printf 'KEYRUN_TRAINING_ENV=env://KEYRUN_TRAINING_SOURCE\n'
      printf 'KEYRUN_TRAINING_FILE=file://%s\n' "$secret"
      printf 'KEYRUN_TRAINING_DOTENV=dotenv:TRAINING_STORE_KEY\n'
    } >"$training_env"
    mkdir -p "$training_config_home/keyrun"
    {
      printf 'profile = "laptop"\n'
      printf 'timeout = 30\n'
      printf 'mask = "auto"\n'
      printf 'keyring = "secret-service"\n'
      printf '\n[dotenv]\nstore = '"'"'%s'"'"'\n' "$store"
      printf '\n[op]\nservice-account-token = "dotenv:KEYRUN_TRAINING_OP_TOKEN"\n'
      printf '\n[credstore]\npath = ["/run/credstore", "/etc/credstore"]\n'
      printf '\n[rotation]\nmax-age-days = 90\n'
    } >"$training_config_home/keyrun/config.toml"
    {
      printf '[project]\nname = "training"\ndefault-profile = "laptop"\n\n'
      printf '[keys.KEYRUN_TRAINING_MANIFEST]\ndescription = "a key of the manifest"\n'
      printf 'ref = "dotenv:TRAINING_STORE_KEY"\nmax-age-days = 90\n\n'
      printf '[keys.KEYRUN_TRAINING_OPTIONAL]\nrequired = false\n\n'
      printf '[profiles.laptop]\nKEYRUN_TRAINING_MANIFEST = { ref = "dotenv:TRAINING_STORE_KEY", delivery = "env" }\n'
    } >"$work_dir/keyrun.toml"
  )
  chmod 600 "$store" "$secret" "$training_env" "$training_config_home/keyrun/config.toml" \
    "$work_dir/keyrun.toml"
}

# Runs keyrun once on the training inputs with the launcher's JVM flags plus "$@", in supervise
# mode (--no-exec): a JVM that replaces itself through execve never writes its cache. The run
# records its references in an inventory under work_dir, not in the user's own.
run_keyrun_on_training_inputs() {
  (
    cd "$work_dir"
    XDG_CONFIG_HOME=$training_config_home XDG_STATE_HOME=$work_dir/state \
      KEYRUN_DOTENV_STORE=$training_store KEYRUN_TRAINING_SOURCE='value from the environment' \
      "$java" "${jvm_flags[@]}" "$@" -cp "$installed_jar" "$MAIN_CLASS" \
      --no-exec --env-file "$training_env" -- true
  ) </dev/null >"$work_dir/training.log" 2>&1
}

fail_with_log() {
  local log=$1
  shift
  note "$*"
  if [ -s "$log" ]; then
    sed 's/^/  | /' "$log" >&2
  fi
  exit 1
}

# --- build -------------------------------------------------------------------------------------

choose_java
java="$java_home/bin/java"

work_dir=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-install.XXXXXX")
trap 'rm -rf "$work_dir"' EXIT

if [ "$build" -eq 1 ]; then
  command -v mvn >/dev/null 2>&1 ||
    die "mvn not found; install Maven, or build elsewhere and run with --no-build"
  note "building with Maven in $repo_root"
  # The output is kept for a failure only: even with -q, some Maven builds print terminal
  # escape codes on success.
  (cd "$repo_root" && mvn -q -B -Dmaven.test.skip=true package) >"$work_dir/build.log" 2>&1 ||
    fail_with_log "$work_dir/build.log" "the Maven build failed; fix it and run install.sh again. Its output:"
fi

built_jar="$repo_root/target/keyrun.jar"
[ -f "$built_jar" ] || die "$built_jar not found; run without --no-build to build it"

# --- lay out lib/keyrun ------------------------------------------------------------------------

mkdir -p "$prefix/lib/keyrun" "$prefix/bin"
# The launcher contains absolute paths, so a relative PREFIX must not end up in it.
prefix=$(cd "$prefix" && pwd)
lib_dir="$prefix/lib/keyrun"
bin_dir="$prefix/bin"

jar_hash=$(sha256_of "$built_jar" | cut -c1-16)
installed_jar="$lib_dir/keyrun-$jar_hash.jar"
# Copy then rename, so that a keyrun starting meanwhile never reads a half-written jar.
cp "$built_jar" "$installed_jar.tmp"
mv -f "$installed_jar.tmp" "$installed_jar"

# --- JVM flags ---------------------------------------------------------------------------------

# Output: the JVM logs warnings to stdout by default, and stdout belongs to the child (an MCP
# stdio server breaks on one stray byte), so -Xlog sends warnings and errors to stderr instead.
# -XX:-DisplayVMOutput keeps the thread dump that SIGQUIT triggers off stdout as well, and
# --enable-native-access stops JDK 25 from warning on every run that JNA loads native code.
#
# Speed, measured as docs/benchmarks.md describes (JDK 25 with the AOT cache, 2 cores): C1 only
# (-XX:TieredStopAtLevel=1) saves 12-23 ms and JNA's extracted library below 8-13 ms. The
# effects of -XX:+UseSerialGC and -XX:-UsePerfData stayed within the run-to-run noise of a few ms.
# -XX:-UsePerfData is kept because in exec mode the child keeps the JVM's PID: without it, the
# JVM's /tmp/hsperfdata_$USER/PID file outlives the JVM, and jps lists the child as a JVM.
jvm_flags=(
  -XX:TieredStopAtLevel=1
  -XX:+UseSerialGC
  -XX:-UsePerfData
  -Xlog:disable
  -Xlog:all=warning:stderr
  -XX:+UnlockDiagnosticVMOptions
  -XX:-DisplayVMOutput
  --enable-native-access=ALL-UNNAMED
)

jna_name="jnidispatch-$jar_hash"
case $(uname -s) in
  Darwin) jna_file="$lib_dir/lib$jna_name.jnilib" ;;
  *) jna_file="$lib_dir/lib$jna_name.so" ;;
esac
# The library is named after the jar, like the cache, so that a launcher never loads the
# libjnidispatch of another JNA version. jna.nosys=true is JNA 5's default, stated here so that a
# system-wide copy is never loaded either.
if extract_jnidispatch "$installed_jar" "$jna_file"; then
  jvm_flags+=("-Djna.boot.library.path=$lib_dir" "-Djna.boot.library.name=$jna_name" -Djna.nosys=true)
else
  jna_file=
  note "JNA's native library for this platform was not extracted (no unzip or jar tool, or an unmapped OS or CPU); keyrun works, and JNA unpacks it to a temporary file on each start"
fi

pty_dir="$lib_dir/pty4j-$jar_hash"
if extract_libpty "$installed_jar" "$pty_dir"; then
  jvm_flags+=("-Dpty4j.preferred.native.folder=$pty_dir")
else
  rm -rf "$pty_dir.tmp"
  pty_dir=
  note "pty4j's native library for this platform was not extracted (no unzip or jar tool, or an OS or CPU that pty4j lacks); a --mask run on a terminal then unpacks it to a temporary directory"
fi

# JDK 25 added one-step AOT cache creation (-XX:AOTCacheOutput); it refuses -Xshare next to
# -XX:AOTCache, and its auto mode is the default. Older JDKs use a dynamic AppCDS archive.
if [ "$java_version" -ge 25 ]; then
  cache_kind="AOT cache"
  cache_file="$lib_dir/keyrun-$jar_hash.aot"
  train_flag="-XX:AOTCacheOutput="
  use_flag="-XX:AOTCache="
  strict_flag="-XX:AOTMode=on"
else
  cache_kind="AppCDS archive"
  cache_file="$lib_dir/keyrun-$jar_hash.jsa"
  train_flag="-XX:ArchiveClassesAtExit="
  jvm_flags+=(-Xshare:auto)
  use_flag="-XX:SharedArchiveFile="
  strict_flag="-Xshare:on"
fi

# --- train and check the cache -----------------------------------------------------------------

note "training the $cache_kind with Java $java_version ($java_home)"
write_training_inputs
rm -f "$cache_file" "$cache_file.tmp"
# A first run writes the inventory, so that the training run finds nothing new to record, as most
# runs do. The cache then holds the classes of reading the inventory only, because the JVM loads
# every class of the cache at start, and writing (temporary file, lock, SecureRandom) adds about
# 100 of them.
run_keyrun_on_training_inputs ||
  fail_with_log "$work_dir/training.log" "the run before training failed; its output:"
# The cache is written under a temporary name and renamed once it has been checked, so that a
# keyrun starting meanwhile never maps a partial file.
run_keyrun_on_training_inputs "$train_flag$cache_file.tmp" ||
  fail_with_log "$work_dir/training.log" "the training run failed; its output:"
[ -s "$cache_file.tmp" ] ||
  fail_with_log "$work_dir/training.log" "the training run wrote no $cache_kind ($cache_file.tmp); its output:"
mv -f "$cache_file.tmp" "$cache_file"

# The JVM skips a cache made with other flags or for another jar, often without a message. So
# this check run uses the launcher's exact flags, and $strict_flag makes the JVM fail if the
# cache is unusable. keyrun's own main class must then come from the cache, and
# -Djna.noclasspath=true makes JNA fail instead of unpacking its library again if the extracted
# copy does not load.
class_log="$work_dir/class-load.log"
check_flags=("$strict_flag" "-Xlog:class+load=info:file=$class_log")
if [ -n "$jna_file" ]; then
  check_flags+=(-Djna.noclasspath=true)
fi
run_keyrun_on_training_inputs "$use_flag$cache_file" "${check_flags[@]}" ||
  fail_with_log "$work_dir/training.log" "keyrun does not start with the new $cache_kind ($strict_flag); its output:"
grep -q "$MAIN_CLASS source: shared objects file" "$class_log" ||
  fail_with_log "$work_dir/training.log" "the JVM did not load keyrun's classes from $cache_file; the run's output:"

# --- launcher ----------------------------------------------------------------------------------

launcher="$bin_dir/keyrun"
{
  printf '#!/bin/sh\n'
  printf '# keyrun launcher, written by scripts/install.sh for Java %s at %s.\n' \
    "$java_version" "$java_home"
  printf '# exec keeps the PID the caller started, and leaves stdin, stdout and stderr as they are.\n'
  printf '# The JVM uses the %s only with exactly these flags, and otherwise skips it, often\n' \
    "$cache_kind"
  printf '# without a message: run install.sh again after changing them, the JDK or keyrun.\n'
  printf 'java=%s\n' "$(shell_quote "$java")"
  printf 'jar=%s\n' "$(shell_quote "$installed_jar")"
  printf 'cache=%s\n' "$(shell_quote "$cache_file")"
  printf '# Without the file, JDK 25 would print errors about the missing cache on every run.\n'
  printf 'cache_option=\n'
  printf 'if [ -f "$cache" ]; then\n'
  printf '  cache_option="%s$cache"\n' "$use_flag"
  printf 'fi\n'
  if [ "$(uname -s)" = Linux ]; then
    # macOS's JDK always encodes file names as UTF-8, so only Linux needs this block.
    cat <<'LOCALE'
# The JVM encodes file names with the locale's charset, so under LANG=C it cannot open a path
# with a non-ASCII character. Outside a UTF-8 locale keyrun runs under LC_ALL=C.UTF-8, and
# KEYRUN_CALLER_LC_ALL ("" when LC_ALL was unset, else "=" and its value) lets keyrun give the
# command the caller's LC_ALL back.
case "${LC_ALL:-${LC_CTYPE:-${LANG:-}}}" in
  *[Uu][Tt][Ff]-8* | *[Uu][Tt][Ff]8*)
    # Set by this launcher only: a value inherited from elsewhere must not change the locale.
    unset KEYRUN_CALLER_LC_ALL
    ;;
  *)
    if [ "${LC_ALL+set}" = set ]; then
      KEYRUN_CALLER_LC_ALL="=$LC_ALL"
    else
      KEYRUN_CALLER_LC_ALL=
    fi
    LC_ALL=C.UTF-8
    export KEYRUN_CALLER_LC_ALL LC_ALL
    ;;
esac
LOCALE
  fi
  printf 'exec "$java"'
  for flag in "${jvm_flags[@]}"; do
    printf ' \\\n  %s' "$(shell_quote "$flag")"
  done
  printf ' \\\n  ${cache_option:+"$cache_option"} -cp "$jar" %s "$@"\n' "$MAIN_CLASS"
} >"$launcher.tmp"
chmod 755 "$launcher.tmp"
mv -f "$launcher.tmp" "$launcher"

# --- remove what older installs left -----------------------------------------------------------

# pty4j-HASH is a folder, so it gets its own loop, which also removes a leftover pty4j-HASH.tmp.
for old in "$lib_dir"/pty4j-*; do
  [ -e "$old" ] || continue
  case $old in
    "$pty_dir") ;;
    *) rm -rf "$old" ;;
  esac
done
for old in "$lib_dir"/keyrun-*.jar "$lib_dir"/keyrun-*.aot "$lib_dir"/keyrun-*.jsa \
  "$lib_dir"/libjnidispatch-* "$lib_dir"/*.tmp; do
  [ -e "$old" ] || continue
  case $old in
    "$installed_jar" | "$cache_file" | "$jna_file") ;;
    *) rm -f "$old" ;;
  esac
done

# --- smoke test --------------------------------------------------------------------------------

# Runs the installed launcher in exec mode and requires the child's output, and nothing else,
# on stdout.
printf 'KEYRUN_INSTALL_CHECK=ok\n' >"$work_dir/check.env"
chmod 600 "$work_dir/check.env"
"$launcher" --env-file "$work_dir/check.env" -- sh -c 'printf %s "$KEYRUN_INSTALL_CHECK"' \
  </dev/null >"$work_dir/check.out" 2>"$work_dir/check.err" ||
  fail_with_log "$work_dir/check.err" "the installed launcher $launcher failed; its stderr:"
[ "$(cat "$work_dir/check.out")" = ok ] && [ "$(wc -c <"$work_dir/check.out")" -eq 2 ] ||
  fail_with_log "$work_dir/check.out" "the installed launcher wrote more than the command's 'ok' on stdout:"

# --- man page and completion scripts -----------------------------------------------------------

# Writes the output of the command "$@" to DEST through a temporary file, so that a failed run
# leaves no empty or partial file behind.
install_generated() {
  local dest=$1
  shift
  mkdir -p "$(dirname "$dest")"
  "$@" </dev/null >"$dest.tmp" 2>"$work_dir/generate.err" ||
    fail_with_log "$work_dir/generate.err" "generating $dest failed; its stderr:"
  [ -s "$dest.tmp" ] || fail_with_log "$work_dir/generate.err" "generating $dest wrote nothing; its stderr:"
  chmod 644 "$dest.tmp"
  mv -f "$dest.tmp" "$dest"
}

share_dir="$prefix/share"
install_generated "$share_dir/man/man1/keyrun.1" "$java" -cp "$installed_jar" dev.keyrun.cli.ManPage
install_generated "$share_dir/bash-completion/completions/keyrun" "$launcher" completion bash
install_generated "$share_dir/zsh/site-functions/_keyrun" "$launcher" completion zsh
install_generated "$share_dir/fish/vendor_completions.d/keyrun.fish" "$launcher" completion fish

# git does not keep file modes, and keyrun reads a plaintext store only at mode 600, so the
# example's demo store gets its mode here.
demo_store="$repo_root/examples/demo-secrets.env"
if [ -f "$demo_store" ]; then
  chmod 600 "$demo_store"
fi

printf 'keyrun installed: %s (Java %s, %s %s)\n' "$launcher" "$java_version" "$cache_kind" \
  "$(basename "$cache_file")" >&2
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) printf '%s is not on PATH; add it with: export PATH="%s:$PATH"\n' "$bin_dir" "$bin_dir" >&2 ;;
esac
