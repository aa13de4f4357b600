# pgtest.sh: a throw-away PostgreSQL on loopback for the sync tests; sourced by bash scripts.
# pg_start makes a cluster in a fresh temporary folder (initdb, trust on loopback only,
# superuser "infokaart"), starts it on a free TCP port of 127.0.0.1 with its socket in that
# folder, creates a database and exports PG_URL. A trap on EXIT stops the server and deletes
# the folder however the test ends. Missing server binaries skip the test (exit 77) with a
# message saying so; anything else that goes wrong fails it. Never touches another cluster.

PGT_DIR= PGT_BIN= PG_PORT= PG_URL= PGT_RUNAS= PGT_FAIL=0 PGT_WORK= PGT_LOG= PGT_STARTS=0

# Prints a failed check and marks the test failed; the script goes on, to report them all.
say() { echo "not ok: $*"; PGT_FAIL=1; }
die() { echo "FAIL: $*" >&2; PGT_FAIL=1; exit 1; }

# The folder with initdb, pg_ctl and postgres: pg_config's, else the newest of Debian's.
pgt_find_bin() {
  local d v best= bestv=0
  if command -v pg_config >/dev/null 2>&1; then
    d=$(pg_config --bindir 2>/dev/null)
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ]; then PGT_BIN=$d; return 0; fi
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] || continue
    v=${d#/usr/lib/postgresql/}; v=${v%%/*}; v=${v%%.*}
    case $v in *[!0-9]*|'') continue ;; esac
    if [ "$v" -gt "$bestv" ]; then bestv=$v best=$d; fi
  done
  [ -n "$best" ] || return 1
  PGT_BIN=$best
}

# Runs a server program as the cluster's owner: initdb and postgres refuse to run as root.
pgt_as_owner() {
  if [ -n "$PGT_RUNAS" ]; then runuser -u "$PGT_RUNAS" -- "$@"; else "$@"; fi
}

# Tears everything down: the test's own background jobs, the server, the folders.
pgt_cleanup() {
  local rc=$?
  trap - EXIT INT TERM HUP
  [ $rc -eq 0 ] && [ $PGT_FAIL -ne 0 ] && rc=1
  local j
  for j in $(jobs -p); do kill -9 "$j" 2>/dev/null; done
  if [ -n "$PGT_DIR" ] && [ -f "$PGT_DIR/data/postmaster.pid" ]; then
    pgt_as_owner "$PGT_BIN/pg_ctl" stop -D "$PGT_DIR/data" -m immediate -w -t 20 >/dev/null 2>&1
  fi
  if [ $rc -ne 0 ] && [ $rc -ne 77 ] && [ -n "$PGT_LOG" ] && [ -s "$PGT_LOG" ]; then
    echo "the server's log ($PGT_LOG), last lines:"
    pgt_log_tail 15
  fi
  [ -n "$PGT_DIR" ] && rm -rf "$PGT_DIR"
  [ -n "$PGT_WORK" ] && rm -rf "$PGT_WORK"
  exit $rc
}

# A watchdog in its own session: when meson's timeout kills the test's process group (SIGTERM,
# then SIGKILL half a second later) the trap may not finish, and the server, which pg_ctl put
# in a session of its own, would outlive the test. The watchdog waits for the test to end and
# then stops the server and deletes the folders, if the trap has not. Started from a subshell
# that ends at once, so it is no job of the test's shell (a bare `wait` does not wait for it).
pgt_start_reaper() {
  (setsid bash -c '
    while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
    if [ -f "$2/data/postmaster.pid" ]; then
      if [ -n "$5" ]; then runuser -u "$5" -- "$3/pg_ctl" stop -D "$2/data" -m immediate
      else "$3/pg_ctl" stop -D "$2/data" -m immediate; fi
    fi
    rm -rf "$2" "$4"' pgt-reaper $$ "$PGT_DIR" "$PGT_BIN" "$PGT_WORK" "$PGT_RUNAS" </dev/null >/dev/null 2>&1 &)
}

# The log of the latest start, for a failure message.
pgt_log_tail() { tail -n "${1:-20}" "$PGT_LOG" 2>/dev/null | sed 's/^/  server: /'; }

# Waits until the server accepts connections, at most $1 seconds (default 30). 0 when it does.
pg_wait_ready() {
  local deadline=$((SECONDS + ${1:-30}))
  while [ $SECONDS -lt $deadline ]; do
    "$PGT_BIN/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" -d postgres -U infokaart -t 2 && return 0
    sleep 0.1
  done
  return 1
}

# Starts the server on $PG_PORT. Returns 0; 1 when the port was taken; 2 on any other failure.
pgt_start_on_port() {
  PGT_STARTS=$((PGT_STARTS + 1))
  PGT_LOG=$PGT_DIR/log.$PGT_STARTS
  # fsync off: the tests stop the server, never the machine, so the page cache keeps every
  # write; client_connection_check_interval ends a backend whose client was killed.
  if pgt_as_owner "$PGT_BIN/pg_ctl" start -D "$PGT_DIR/data" -l "$PGT_LOG" -w -t 60 -o \
    "-p $PG_PORT -k $PGT_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c client_connection_check_interval=200ms -c max_connections=40 -c shared_buffers=16MB" \
    >"$PGT_DIR/pg_ctl.out" 2>&1; then
    pg_wait_ready 30 && return 0
    return 2
  fi
  grep -q -i 'could not bind\|address already in use\|could not create any TCP/IP sockets\|lock file .* already exists' "$PGT_LOG" && return 1
  return 2
}

# Sets PGT_FREE_PORT to a TCP port on 127.0.0.1 that nothing listens on now. (Not run in a
# $(…) subshell, so $RANDOM moves on between calls.) 0, or 1 when none was found.
pgt_free_port() {
  local p i
  for i in $(seq 1 50); do
    p=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    # bash's /dev/tcp: a refused connection means the port is free (pg_start tries another
    # one if someone takes it before the server binds).
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then PGT_FREE_PORT=$p; return 0; fi
  done
  return 1
}

pg_start() {
  pgt_find_bin || {
    echo "SKIP: PostgreSQL server binaries (initdb, pg_ctl) not found; install Debian's postgresql package (the README's commands do)"
    exit 77
  }
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 ||
      die "running as root, and initdb refuses root, but there is no user 'postgres' to run it as (Debian's postgresql package creates it)"
    PGT_RUNAS=postgres
  fi
  trap pgt_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  trap 'exit 129' HUP
  # The cluster's folder: under $TMPDIR unless the socket path would be too long (107 bytes)
  # or the owner cannot reach it there (root's private TMPDIR), then under /tmp.
  local base
  for base in "${TMPDIR:-/tmp}" /tmp; do
    PGT_DIR=$(mktemp -d "$base/infokaart-pg.XXXXXX") || die "mktemp failed in $base"
    mkdir -p "$PGT_DIR/sock"
    [ -n "$PGT_RUNAS" ] && chown -R "$PGT_RUNAS" "$PGT_DIR"
    if [ ${#PGT_DIR} -le 70 ] && pgt_as_owner test -w "$PGT_DIR/sock"; then break; fi
    rm -rf "$PGT_DIR"
    PGT_DIR=
  done
  [ -n "$PGT_DIR" ] || die "no temporary folder that the server's owner ${PGT_RUNAS:-$(id -un)} can write"
  # The test's own files (databases, outputs) in a second folder, owned by whoever runs it.
  PGT_WORK=$(mktemp -d "${TMPDIR:-/tmp}/infokaart-pgwork.XXXXXX") || die "mktemp failed"
  pgt_start_reaper
  if ! pgt_as_owner "$PGT_BIN/initdb" -D "$PGT_DIR/data" -U infokaart --auth=trust --no-sync \
    -E UTF8 --locale=C.UTF-8 >"$PGT_DIR/initdb.out" 2>&1; then
    sed 's/^/  initdb: /' "$PGT_DIR/initdb.out"
    die "initdb failed"
  fi
  # Loopback only, trust: initdb's defaults are local socket and 127.0.0.1/::1; keep exactly that.
  printf 'local all all trust\nhost all all 127.0.0.1/32 trust\n' >"$PGT_DIR/data/pg_hba.conf"
  local try rc
  for try in 1 2 3 4 5 6 7 8; do
    pgt_free_port || die "no free TCP port found on 127.0.0.1"
    PG_PORT=$PGT_FREE_PORT
    pgt_start_on_port
    rc=$?
    [ $rc -eq 0 ] && break
    if [ $rc -eq 2 ]; then
      pgt_log_tail
      sed 's/^/  pg_ctl: /' "$PGT_DIR/pg_ctl.out"
      die "the PostgreSQL server did not start"
    fi
    pgt_as_owner "$PGT_BIN/pg_ctl" stop -D "$PGT_DIR/data" -m immediate >/dev/null 2>&1
  done
  [ $rc -eq 0 ] || die "port collisions eight times in a row"
  PG_ADMIN_URL="postgresql://infokaart@127.0.0.1:$PG_PORT/postgres"
  "$PGT_BIN/psql" -XAtq -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -c "CREATE DATABASE central" ||
    die "CREATE DATABASE failed"
  PG_URL="postgresql://infokaart@127.0.0.1:$PG_PORT/central"
  export PG_URL PG_PORT
}

# psql against the central database: one value per line, fields split by |.
q() { "$PGT_BIN/psql" -XAtq -v ON_ERROR_STOP=1 "$PG_URL" -c "$1"; }

# Stops the server: fast (clean) or immediate (as if it crashed: no checkpoint, connections cut).
pg_stop_fast() { pgt_as_owner "$PGT_BIN/pg_ctl" stop -D "$PGT_DIR/data" -m fast -w -t 30 >/dev/null; }
pg_kill() { pgt_as_owner "$PGT_BIN/pg_ctl" stop -D "$PGT_DIR/data" -m immediate -w -t 30 >/dev/null; }

# Starts the stopped server again on the same port (PG_URL stays valid).
pg_restart() {
  pgt_start_on_port || { pgt_log_tail; die "the server did not start again on port $PG_PORT"; }
}

# Waits until $1 (a SQL query) prints $2, at most $3 seconds. 0 when it did.
wait_for_sql() {
  local deadline=$((SECONDS + ${3:-30}))
  while [ $SECONDS -lt $deadline ]; do
    [ "$(q "$1" 2>/dev/null)" = "$2" ] && return 0
    sleep 0.1
  done
  return 1
}

# Waits until process $1 ends, at most $2 seconds; its exit status, or 124 when it did not end.
wait_pid() {
  local deadline=$((SECONDS + ${2:-30}))
  while kill -0 "$1" 2>/dev/null; do
    [ $SECONDS -lt $deadline ] || return 124
    sleep 0.1
  done
  wait "$1"
}

# Ends the test: exit 1 when any check failed.
pgt_done() {
  if [ $PGT_FAIL -eq 0 ]; then echo "ok: ${1:-all checks}"; exit 0; fi
  exit 1
}
