#!/bin/bash
# server-bench.sh: the same plan on a PostgreSQL server over its Unix
# socket next to the SQLite file, in one run (issue 17): opening, the
# Plans view and search, the coordination matrices and the full report.
#
# Usage: bench/server-bench.sh [BUILD-DIR]
#   SIZE=100000  activities generated (bench/sam-generate, the same fixed
#                seed on both sides, so both hold the same rows)
#   ROUNDS=3     alternating rounds: in each, every measurement runs on the
#                file and then on the server, each in a fresh process
#   BENCH_DIR    where the file, the outputs and the figures go (default: a
#                new temporary folder, removed at the end; give one to keep
#                the file for the next run)
#
# Starts a throwaway cluster as the tests do (build-aux/pg-cluster.sh:
# initdb in a temporary folder, a Unix socket only, no fsync, stopped and
# removed at exit), creates a database on it, runs `samordna server init`,
# fills it with bench/sam-generate, runs ANALYZE (what autovacuum does a
# moment after a bulk load) and gives a login the secretariat's role:
# the server side runs as that login, under the rights and row-level
# security a user has, not as the owner.
#
# Prints a table: for each figure the medians on the file and on the
# server, the median of the rounds' ratios (server / file) and their range.
# Exits non-zero when the report on the server takes more than 1.5 times
# the file's (median of the rounds' ratios). Wall-clock times on a shared
# machine vary; the load average is printed at the start and the end.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "${1:-$here/../build}" && pwd)
size=${SIZE:-100000}
rounds=${ROUNDS:-3}
period=2027-T2

for tool in src/samordna bench/sam-generate bench/sam-open-bench bench/sam-ui-bench bench/sam-matrix-bench; do
  [ -x "$build/$tool" ] || { echo "server-bench: $build/$tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
for cmd in xvfb-run psql; do
  command -v "$cmd" >/dev/null || { echo "server-bench: $cmd is missing" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "server-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }

# Inside the cluster (build-aux/pg-cluster.sh runs this script again with
# SAMORDNA_TEST_PG set and SERVER_BENCH_IN_CLUSTER=1).
if [ -z "${SERVER_BENCH_IN_CLUSTER:-}" ]; then
  export SERVER_BENCH_IN_CLUSTER=1
  exec "$here/../build-aux/pg-cluster.sh" "$0" "$build"
fi

if [ -n "${BENCH_DIR:-}" ]; then
  dir=$BENCH_DIR
  mkdir -p "$dir"
else
  dir=$(mktemp -d "${TMPDIR:-/tmp}/samordna-server-bench.XXXXXX")
  trap 'rm -rf "$dir"' EXIT
fi
export GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR="$build/data"
unset DISPLAY WAYLAND_DISPLAY

echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
db="$dir/bench-$size.db"
if [ ! -f "$db" ]; then
  echo "Generating the file …"
  /usr/bin/time -f "  file: $size activities in %e s" "$build/bench/sam-generate" "$db" "$size" >/dev/null
fi

# SAMORDNA_TEST_PG: the cluster's "postgres" database as its superuser.
name=samordna_bench
psql -X -q -v ON_ERROR_STOP=1 "$SAMORDNA_TEST_PG" -c "CREATE DATABASE $name TEMPLATE template0 ENCODING 'UTF8'"
owner="${SAMORDNA_TEST_PG/dbname=postgres/dbname=$name}"
"$build/src/samordna" server init --database "$owner" >/dev/null
echo "Generating the server's plan …"
/usr/bin/time -f "  server: $size activities in %e s" "$build/bench/sam-generate" "$owner" "$size" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 "$owner" -c "ANALYZE"
"$build/src/samordna" server grant --database "$owner" bench_secretariat secretariat >/dev/null
server="${owner/user=postgres/user=bench_secretariat}"

# The same rows on both sides.
for table in activity status_update activity_partner registration; do
  a=$(sqlite3 "$db" "SELECT count(*) FROM $table" 2>/dev/null || echo "?")
  b=$(psql -X -A -t "$server" -c "SELECT count(*) FROM $table")
  [ "$a" = "?" ] || [ "$a" = "$b" ] || { echo "server-bench: $table has $a rows in the file, $b on the server" >&2; exit 1; }
done

# measure SIDE ADDRESS: one process of each benchmark on ADDRESS; prints
# "FIGURE VALUE" lines.
measure () {
  local side=$1 address=$2
  "$build/bench/sam-open-bench" "$address" 3
  xvfb-run -a "$build/bench/sam-ui-bench" "$address" | awk '$1 ~ /-ms$/ { print $1, $2 }'
  xvfb-run -a "$build/bench/sam-matrix-bench" "$address" 1 \
    | awk '$1 ~ /-ms$/ && $1 !~ /again/ { print $1, $2 } $1 == "peak-rss-kib" { print "matrices-peak-MiB", $2 / 1024 }'
  /usr/bin/time -f "%e %M" -o "$dir/report-$side.time" \
    "$build/src/samordna" report --database "$address" --output "$dir/report-$side.xlsx" --language nb \
    --period "$period" >/dev/null
  awk '{ print "report-s", $1; print "report-peak-MiB", $2 / 1024 }' "$dir/report-$side.time"
}

out="$dir/server-bench.txt"
: > "$out"
for i in $(seq "$rounds"); do
  echo "round $i of $rounds …"
  measure file "$db" | sed "s/^/$i file /" >> "$out"
  measure server "$server" | sed "s/^/$i server /" >> "$out"
done

echo
echo "The file next to the server (PostgreSQL $(psql -X -A -t "$server" -c 'SHOW server_version'), Unix socket,"
echo "a secretariat login), $size activities, $rounds alternating rounds; load average at the end:"
echo "$(cut -d' ' -f1-3 /proc/loadavg)."
echo
echo "| figure | file | server | ratio (median of rounds) | ratio range |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -v a=file -v b=server -v units=1 -v limit=1.5 -v limited=report-s -f "$here/rounds-table.awk" "$out"
