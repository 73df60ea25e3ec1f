#!/usr/bin/env bash
# Starts a gnome-keyring daemon with an unlocked "login" collection on a private D-Bus session
# bus, for keyrun's Secret Service tests. Nothing here connects to the caller's own session bus.
#
#   eval "$(scripts/test-keyring.sh)"   start, and print export lines for DBUS_SESSION_BUS_ADDRESS,
#                                       KEYRING_TEST_DIR, KEYRING_TEST_DBUS_PID and
#                                       KEYRING_TEST_KEYRING_PID
#   scripts/test-keyring.sh --stop      stop the instance those variables name, then remove its
#                                       directory; stopping a stopped instance succeeds
#   scripts/test-keyring.sh --lock      lock the instance's "login" collection
#
# Environment: KEYRING_TEST_PASSWORD sets the login collection's password (default "test").
# Exit status: 0 on success, 1 when the start, stop or lock failed, 2 when a required program is
# missing (the message names the Debian package), 64 on invalid arguments.
set -u
umask 077

readonly PROG=test-keyring.sh
readonly MAX_ATTEMPTS=3
readonly READY_TIMEOUT_MS=3000
readonly POLL_INTERVAL_S=0.02
readonly STOP_TIMEOUT_MS=5000
readonly SERVICE=org.freedesktop.secrets
readonly LOGIN_PATH=/org/freedesktop/secrets/collection/login

log() {
  printf '%s: %s\n' "$PROG" "$*" >&2
}

now_ms() {
  echo $(($(date +%s%N) / 1000000))
}

# Prints the text on one line, with each run of whitespace replaced by one space.
squash() {
  printf '%s' "$1" | tr -s ' \t\n' '   ' | sed 's/^ //; s/ $//'
}

# Prints VALUE in single quotes, safe to paste into a POSIX shell.
shell_quote() {
  printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"
}

# Prints the D-Bus address of the bus socket in DIR. Every byte of the path outside
# [-0-9A-Za-z_/.*] is written as %XX, which the D-Bus specification allows for any byte.
bus_address() {
  local LC_ALL=C path=$1/bus escaped='' char i
  for ((i = 0; i < ${#path}; i++)); do
    char=${path:i:1}
    case $char in
      [-0-9A-Za-z_/.*]) escaped+=$char ;;
      *) escaped+=$(printf '%%%02X' "'$char") ;;
    esac
  done
  printf 'unix:path=%s' "$escaped"
}

# Exits 1 unless DIR has the form of the directories this script creates, so that a wrong
# KEYRING_TEST_DIR such as $HOME makes --stop and --lock fail instead of removing it.
check_instance_dir() {
  case $1 in
    /*/keyrun-keyring.??????) ;;
    *)
      log "invalid KEYRING_TEST_DIR '$1': expected an absolute path ending in keyrun-keyring.XXXXXX, as this script prints"
      exit 1
      ;;
  esac
}

# Sets DBUS_CLIENT to gdbus or dbus-send, whichever is installed, or to nothing.
find_dbus_client() {
  if command -v gdbus >/dev/null 2>&1; then
    DBUS_CLIENT=gdbus
  elif command -v dbus-send >/dev/null 2>&1; then
    DBUS_CLIENT=dbus-send
  else
    DBUS_CLIENT=''
  fi
}

# Exits 2, naming each missing program and its Debian package, unless the programs that
# start_needs (dbus-daemon, gnome-keyring-daemon) and a D-Bus client are installed.
require_tools() {
  local start_needs=$1 missing=() packages=()
  if [ "$start_needs" = yes ] && ! command -v dbus-daemon >/dev/null 2>&1; then
    missing+=("dbus-daemon (package dbus)")
    packages+=(dbus)
  fi
  if [ "$start_needs" = yes ] && ! command -v gnome-keyring-daemon >/dev/null 2>&1; then
    missing+=("gnome-keyring-daemon (package gnome-keyring)")
    packages+=(gnome-keyring)
  fi
  find_dbus_client
  if [ -z "$DBUS_CLIENT" ]; then
    missing+=("gdbus (package libglib2.0-bin) or dbus-send (package dbus-bin)")
    packages+=(libglib2.0-bin)
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    local list
    list=$(printf '%s, ' "${missing[@]}")
    log "missing programs: ${list%, }; install them with apt-get install ${packages[*]}"
    exit 2
  fi
}

# D-Bus calls. Each takes the private bus's address as $1 and sets DBUS_SESSION_BUS_ADDRESS to
# it, so no call reaches the caller's own session bus. The calls made while polling wait at most
# 1 s for a reply.

# Prints true when a connection owns org.freedesktop.secrets, else false. Unlike a call to the
# service itself, NameHasOwner never makes the bus start gnome-keyring-daemon through D-Bus
# activation, which would race with the daemon this script started.
call_name_has_owner() {
  local reply
  if [ "$DBUS_CLIENT" = gdbus ]; then
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 gdbus call --session --timeout 1 \
      --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.NameHasOwner "$SERVICE" 2>&1) || return 1
    [ "$reply" = "(true,)" ] && echo true || echo false
  else
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 dbus-send --session --print-reply=literal \
      --reply-timeout=1000 --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner "string:$SERVICE" 2>&1) || return 1
    [ "$(squash "$reply")" = "boolean true" ] && echo true || echo false
  fi
}

# Prints the PID of the process that owns org.freedesktop.secrets, as the bus daemon reports it.
call_service_pid() {
  local reply
  if [ "$DBUS_CLIENT" = gdbus ]; then
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 gdbus call --session --timeout 1 \
      --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
      --method org.freedesktop.DBus.GetConnectionUnixProcessID "$SERVICE" 2>&1) || return 1
    reply=${reply#"(uint32 "}
    reply=${reply%",)"}
  else
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 dbus-send --session --print-reply=literal \
      --reply-timeout=1000 --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.GetConnectionUnixProcessID "string:$SERVICE" 2>&1) || return 1
    reply=$(squash "$reply")
    reply=${reply#"uint32 "}
  fi
  case $reply in
    '' | *[!0-9]*) return 1 ;;
  esac
  echo "$reply"
}

# Prints false when the login collection exists and is unlocked. Otherwise prints the reply,
# such as true or an "Object does not exist at path" error, and returns 1.
call_login_locked() {
  local reply
  if [ "$DBUS_CLIENT" = gdbus ]; then
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 gdbus call --session --timeout 1 --dest "$SERVICE" \
      --object-path "$LOGIN_PATH" --method org.freedesktop.DBus.Properties.Get \
      org.freedesktop.Secret.Collection Locked 2>&1)
    [ "$reply" = "(<false>,)" ] && reply=false
  else
    reply=$(DBUS_SESSION_BUS_ADDRESS=$1 dbus-send --session --print-reply=literal \
      --reply-timeout=1000 --dest="$SERVICE" "$LOGIN_PATH" org.freedesktop.DBus.Properties.Get \
      string:org.freedesktop.Secret.Collection string:Locked 2>&1)
    [ "$(squash "$reply")" = "variant boolean false" ] && reply=false
  fi
  echo "$reply"
  [ "$reply" = false ]
}

call_lock_login() {
  if [ "$DBUS_CLIENT" = gdbus ]; then
    DBUS_SESSION_BUS_ADDRESS=$1 gdbus call --session --timeout 10 --dest "$SERVICE" \
      --object-path /org/freedesktop/secrets --method org.freedesktop.Secret.Service.Lock \
      "['$LOGIN_PATH']"
  else
    DBUS_SESSION_BUS_ADDRESS=$1 dbus-send --session --print-reply --reply-timeout=10000 \
      --dest="$SERVICE" /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock \
      "array:objpath:$LOGIN_PATH"
  fi
}

# Processes. Every process this script starts runs with XDG_RUNTIME_DIR=$dir/run, and so does
# any service the private bus starts through D-Bus activation. Matching that variable, rather
# than a process name, distinguishes this instance's processes from every other process,
# including one that reuses the PID of a daemon that has exited.

# Succeeds when PID is a live (not zombie) process started for the instance in DIR.
is_instance_process() {
  local pid=$1 dir=$2 stat
  case $pid in
    '' | *[!0-9]*) return 1 ;;
  esac
  stat=$(cat "/proc/$pid/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # A zombie has exited and only waits for its parent to reap it, which takes a while where PID 1
  # reaps slowly, as in some containers. So a zombie counts as stopped.
  [ "${stat%% *}" = Z ] && return 1
  grep -qzxF "XDG_RUNTIME_DIR=$dir/run" "/proc/$pid/environ" 2>/dev/null
}

# Prints the PIDs, other than this shell's, of all live processes started for the instance.
instance_processes() {
  local dir=$1 entry pid
  for entry in /proc/[0-9]*; do
    pid=${entry#/proc/}
    [ "$pid" = "$$" ] && continue
    is_instance_process "$pid" "$dir" && echo "$pid"
  done
}

# Sends SIGTERM to those of the given PIDs that belong to the instance in DIR, and SIGKILL to
# any still running STOP_TIMEOUT_MS later. Fails when one is still running 2 s after SIGKILL.
stop_processes() {
  local dir=$1 signal wait_ms deadline pid remaining alive=()
  shift
  for pid in "$@"; do
    is_instance_process "$pid" "$dir" && alive+=("$pid")
  done
  for signal in TERM KILL; do
    [ ${#alive[@]} -eq 0 ] && return 0
    if [ "$signal" = TERM ]; then
      wait_ms=$STOP_TIMEOUT_MS
    else
      log "process ${alive[*]} of $dir still running ${STOP_TIMEOUT_MS} ms after SIGTERM; sending SIGKILL"
      wait_ms=2000
    fi
    kill "-$signal" "${alive[@]}" 2>/dev/null
    deadline=$(($(now_ms) + wait_ms))
    while [ ${#alive[@]} -gt 0 ] && [ "$(now_ms)" -lt "$deadline" ]; do
      sleep "$POLL_INTERVAL_S"
      remaining=()
      for pid in "${alive[@]}"; do
        is_instance_process "$pid" "$dir" && remaining+=("$pid")
      done
      alive=("${remaining[@]}")
    done
  done
  [ ${#alive[@]} -eq 0 ] && return 0
  log "failed to stop process ${alive[*]} of $dir: still running 2 s after SIGKILL"
  return 1
}

# Stops the keyring daemon, then the bus, then any process the bus started through activation,
# and removes DIR. Each PID may be empty.
stop_instance() {
  local dir=$1 bus_pid=$2 keyring_pid=$3 leftover status=0
  if [ -z "$dir" ]; then
    return 0
  fi
  stop_processes "$dir" "$keyring_pid" || status=1
  stop_processes "$dir" "$bus_pid" || status=1
  leftover=$(instance_processes "$dir")
  if [ -n "$leftover" ]; then
    # shellcheck disable=SC2086 # one PID a line
    log "stopping leftover processes" $leftover "that the bus in $dir started"
    # shellcheck disable=SC2086
    stop_processes "$dir" $leftover || status=1
  fi
  rm -rf -- "$dir" || status=1
  return $status
}

# Prints the daemon's stderr on one line. It drops the harmless "Failed to set fd limit to 65536:
# Operation not permitted", which dbus-daemon run as root logs where it may not raise the limit.
daemon_errors() {
  squash "$(grep -v 'Failed to set fd limit' "$1" 2>/dev/null)"
}

# One start attempt. On success sets DIR, BUS_PID, KEYRING_PID and READY_MS. On failure sets
# FAILURE to the reason, stops what it started and removes its directory.
try_start() {
  local password=$1 address started reply
  DIR='' BUS_PID='' KEYRING_PID='' FAILURE=''
  if ! DIR=$(mktemp -d "${TMPDIR:-/tmp}/keyrun-keyring.XXXXXX"); then
    FAILURE="mktemp -d failed in ${TMPDIR:-/tmp}"
    return 1
  fi
  if ! chmod 700 "$DIR" || ! mkdir -m 700 "$DIR/home" "$DIR/data" "$DIR/run"; then
    FAILURE="failed to create directories in $DIR"
    rm -rf -- "$DIR"
    return 1
  fi
  address=$(bus_address "$DIR")

  # Its output goes to files: a daemon that kept the caller's stdout open would make
  # eval "$(scripts/test-keyring.sh)" wait forever.
  if ! env HOME="$DIR/home" XDG_DATA_HOME="$DIR/data" XDG_RUNTIME_DIR="$DIR/run" \
    dbus-daemon --session --address="$address" --fork --print-pid \
    </dev/null >"$DIR/dbus.out" 2>"$DIR/dbus.err"; then
    FAILURE="dbus-daemon failed to start: $(daemon_errors "$DIR/dbus.err")"
    stop_instance "$DIR" "" ""
    return 1
  fi
  BUS_PID=$(head -n 1 "$DIR/dbus.out")
  if ! is_instance_process "$BUS_PID" "$DIR"; then
    FAILURE="dbus-daemon printed PID '$BUS_PID', which is not running: $(daemon_errors "$DIR/dbus.err")"
    stop_instance "$DIR" "" ""
    return 1
  fi

  started=$(now_ms)
  # --unlock reads the password from stdin, then creates the login collection if it is missing
  # and unlocks it.
  if ! printf '%s' "$password" | env HOME="$DIR/home" XDG_DATA_HOME="$DIR/data" \
    XDG_RUNTIME_DIR="$DIR/run" DBUS_SESSION_BUS_ADDRESS="$address" \
    gnome-keyring-daemon --daemonize --unlock --components=secrets \
    >"$DIR/keyring.out" 2>"$DIR/keyring.err"; then
    FAILURE="gnome-keyring-daemon --daemonize failed: $(daemon_errors "$DIR/keyring.err")"
    stop_instance "$DIR" "$BUS_PID" ""
    return 1
  fi

  # The daemon process that owns the bus name is a child of the one that just exited, so its PID
  # comes from the bus.
  until [ "$(call_name_has_owner "$address")" = true ]; do
    if [ $(($(now_ms) - started)) -ge "$READY_TIMEOUT_MS" ]; then
      FAILURE="gnome-keyring-daemon did not take the bus name $SERVICE within ${READY_TIMEOUT_MS} ms: $(daemon_errors "$DIR/keyring.err")"
      stop_instance "$DIR" "$BUS_PID" ""
      return 1
    fi
    sleep "$POLL_INTERVAL_S"
  done
  KEYRING_PID=$(call_service_pid "$address")

  # NOTE: on Debian 12 with gnome-keyring 42.1, about 1 start in 30 has been reported where the
  # daemon owns the bus name but never exports the login collection. The cause is not known, and
  # start() retries such an attempt with a new directory.
  until reply=$(call_login_locked "$address"); do
    if [ $(($(now_ms) - started)) -ge "$READY_TIMEOUT_MS" ]; then
      FAILURE="gnome-keyring-daemon (PID ${KEYRING_PID:-unknown}) did not unlock $LOGIN_PATH within ${READY_TIMEOUT_MS} ms; last reply: $(squash "$reply")"
      stop_instance "$DIR" "$BUS_PID" "$KEYRING_PID"
      return 1
    fi
    sleep "$POLL_INTERVAL_S"
  done
  READY_MS=$(($(now_ms) - started))

  if [ -z "$KEYRING_PID" ]; then
    FAILURE="failed to read the PID of $SERVICE from the bus"
    stop_instance "$DIR" "$BUS_PID" ""
    return 1
  fi
  return 0
}

start() {
  local password=${KEYRING_TEST_PASSWORD-test} attempt=1
  require_tools yes
  # An interrupted start stops what the current attempt started.
  DIR='' BUS_PID='' KEYRING_PID=''
  trap 'log "interrupted: stopping the daemons of this attempt"
    stop_instance "$DIR" "$BUS_PID" "$KEYRING_PID"
    exit 1' HUP INT TERM
  until try_start "$password"; do
    if [ "$attempt" -ge "$MAX_ATTEMPTS" ]; then
      log "failed to start a gnome-keyring Secret Service after $MAX_ATTEMPTS attempts: $FAILURE. Check that the Debian packages gnome-keyring and dbus are installed and that gnome-keyring-daemon --daemonize --unlock --components=secrets works on this machine."
      exit 1
    fi
    log "attempt $attempt of $MAX_ATTEMPTS failed: $FAILURE; retrying with a new directory"
    attempt=$((attempt + 1))
  done
  trap - HUP INT TERM

  log "gnome-keyring-daemon (PID $KEYRING_PID) ready on $(bus_address "$DIR") after ${READY_MS} ms (attempt $attempt)"
  printf 'export DBUS_SESSION_BUS_ADDRESS=%s\n' "$(shell_quote "$(bus_address "$DIR")")"
  printf 'export KEYRING_TEST_DIR=%s\n' "$(shell_quote "$DIR")"
  printf 'export KEYRING_TEST_DBUS_PID=%s\n' "$(shell_quote "$BUS_PID")"
  printf 'export KEYRING_TEST_KEYRING_PID=%s\n' "$(shell_quote "$KEYRING_PID")"
}

stop() {
  local dir=${KEYRING_TEST_DIR-}
  if [ -z "$dir" ]; then
    return 0
  fi
  check_instance_dir "$dir"
  if ! stop_instance "$dir" "${KEYRING_TEST_DBUS_PID-}" "${KEYRING_TEST_KEYRING_PID-}"; then
    log "failed to stop the test keyring in $dir"
    exit 1
  fi
}

lock() {
  local dir=${KEYRING_TEST_DIR-} output
  if [ -z "$dir" ]; then
    log "KEYRING_TEST_DIR is not set: run eval \"\$(scripts/test-keyring.sh)\" first"
    exit 1
  fi
  check_instance_dir "$dir"
  require_tools no
  if ! output=$(call_lock_login "$(bus_address "$dir")" 2>&1); then
    log "failed to lock $LOGIN_PATH on $(bus_address "$dir"): $(squash "$output")"
    exit 1
  fi
}

case "${1-}" in
  '') start ;;
  --stop) stop ;;
  --lock) lock ;;
  -h | --help) sed -n '2,14s/^# \{0,1\}//p' "$0" ;;
  *)
    log "invalid argument '$1': expected no argument, --stop, --lock or --help"
    exit 64
    ;;
esac
