#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temporary
# folder, a server that listens on a Unix socket in that folder only (no
# TCP), trust for local logins, no fsync. SAMORDNA_TEST_PG names it for
# the tests (a libpq connection string to its "postgres" database, as its
# superuser "postgres").
#
#   build-aux/pg-cluster.sh COMMAND [ARGS…]
#       starts a cluster, runs COMMAND with SAMORDNA_TEST_PG set, stops the
#       cluster and removes its folder (also when COMMAND fails or is
#       interrupted), and exits with COMMAND's status. For example:
#       build-aux/pg-cluster.sh meson test -C build test-db-pg
#
#   build-aux/pg-cluster.sh --for-pid PID
#       starts a cluster for process PID, prints SAMORDNA_TEST_PG=… and
#       returns; the cluster is stopped and removed when PID ends. A test
#       run without SAMORDNA_TEST_PG does this (tests/sam-test-pg.c), so a
#       single test needs no set-up: meson test -C build test-db-pg
#
# build-aux/dev.sh sources this file and calls pg_cluster_start and
# pg_cluster_stop itself. initdb refuses to run as root, so as root the
# cluster runs as the "postgres" user that Debian's postgresql package
# makes, in a folder it owns.

pg_cluster_dir=""
pg_cluster_as=()

pg_cluster_bindir() {
  local d
  d="$(pg_config --bindir 2>/dev/null || true)"
  if [ -n "$d" ] && [ -x "$d/initdb" ]; then
    echo "$d"
    return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/initdb" ]; then
      echo "$d"
      return 0
    fi
  done
  return 1
}

# Starts the cluster and exports SAMORDNA_TEST_PG; returns 1, saying why on
# stderr and leaving nothing behind, when it cannot.
pg_cluster_start() {
  local bin dir
  if ! bin="$(pg_cluster_bindir)"; then
    echo "pg-cluster: PostgreSQL's initdb is not installed (Debian: postgresql-15)" >&2
    return 1
  fi
  dir="$(mktemp -d "${TMPDIR:-/tmp}/samordna-pg.XXXXXX")"
  # A Unix socket's path may not be longer than 107 bytes.
  if [ "${#dir}" -gt 80 ]; then
    rmdir "$dir"
    dir="$(mktemp -d /tmp/samordna-pg.XXXXXX)"
  fi
  pg_cluster_dir="$dir"
  pg_cluster_as=()
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-cluster: running as root, but there is no postgres user to run the cluster as" >&2
      pg_cluster_stop
      return 1
    fi
    chown postgres: "$dir"
    pg_cluster_as=(runuser -u postgres --)
  fi
  if ! "${pg_cluster_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync \
       -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1; then
    echo "pg-cluster: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    pg_cluster_stop
    return 1
  fi
  cat >>"$dir/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5432
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 32MB
max_connections = 120
EOF
  # Members of samordna_password_test log in with a password, so that the
  # tests can try a wrong one; everyone else is trusted.
  { echo "local all +samordna_password_test scram-sha-256"; cat "$dir/data/pg_hba.conf"; } >"$dir/hba.new"
  cat "$dir/hba.new" >"$dir/data/pg_hba.conf"
  rm -f "$dir/hba.new"
  if ! "${pg_cluster_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null; then
    echo "pg-cluster: the server did not start:" >&2
    cat "$dir/server.log" >&2
    pg_cluster_stop
    return 1
  fi
  export SAMORDNA_TEST_PG="host=$dir port=5432 user=postgres dbname=postgres"
  echo "pg-cluster: PostgreSQL test cluster on $dir"
}

# Stops the cluster and removes its folder; safe to call twice.
pg_cluster_stop() {
  local bin
  if [ -z "$pg_cluster_dir" ]; then
    return 0
  fi
  if [ -f "$pg_cluster_dir/data/postmaster.pid" ] && bin="$(pg_cluster_bindir)"; then
    "${pg_cluster_as[@]}" "$bin/pg_ctl" -D "$pg_cluster_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$pg_cluster_dir"
  pg_cluster_dir=""
  unset SAMORDNA_TEST_PG
}

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = --for-pid ]; then
  # A cluster for one process, which the tests start for themselves when
  # SAMORDNA_TEST_PG is not set: prints SAMORDNA_TEST_PG=… on its last
  # line, and stops and removes the cluster once process $2 has ended
  # (however it ended: a failed assertion aborts it).
  set -euo pipefail
  pid="${2:?usage: $0 --for-pid PID}"
  # The test may be gone before the cluster is up: nothing is written to
  # it until the watcher runs, and a closed pipe stops nothing.
  trap '' PIPE
  log="$(mktemp)"
  if ! pg_cluster_start >"$log" 2>&1; then
    cat "$log" >&2 || true
    rm -f "$log"
    exit 1
  fi
  # In a session of its own: meson kills a test's process group when it
  # times out, and the watcher must outlive it.
  setsid "$0" --stop-after "$pid" "$pg_cluster_dir" </dev/null >/dev/null 2>&1 &
  { cat "$log" >&2; echo "SAMORDNA_TEST_PG=$SAMORDNA_TEST_PG"; } || true
  rm -f "$log"
  exit 0
fi

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = --stop-after ]; then
  # The watcher of --for-pid: waits for process $2 to end, then stops the
  # cluster in folder $3 and removes it.
  pid="$2"
  pg_cluster_dir="$3"
  if [ "$(id -u)" -eq 0 ]; then
    pg_cluster_as=(runuser -u postgres --)
  fi
  while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
  pg_cluster_stop
  exit 0
fi

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = --ctl ]; then
  # For a test that restarts its own cluster (in folder $2) under its
  # clients: runs pg_ctl $3 (stop, start, restart) on it as its owner.
  set -euo pipefail
  dir="${2:?usage: $0 --ctl DIR stop|start|restart}"
  action="${3:?usage: $0 --ctl DIR stop|start|restart}"
  bin="$(pg_cluster_bindir)"
  if [ "$(id -u)" -eq 0 ]; then
    pg_cluster_as=(runuser -u postgres --)
  fi
  exec "${pg_cluster_as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -m fast -w -t 60 "$action" >/dev/null
fi

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS…]" >&2
    exit 2
  fi
  trap pg_cluster_stop EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  pg_cluster_start
  set +e
  "$@"
  status=$?
  set -e
  exit "$status"
fi
