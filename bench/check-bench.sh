#!/bin/sh
# check-bench.sh: what checking a database costs (issue 11): SQLite's full
# integrity check, which Samordna runs, next to the quick check it replaced,
# in alternating rounds; and opening as the window does, the first time in
# a process (which builds the schemas of every version once) and after.
#
# Usage: bench/check-bench.sh [BUILD-DIR]   (ROUNDS=7 by default)
# Databases are generated once into $BENCH_DIR (default /tmp/samordna-bench),
# as bench.sh does.
set -eu

build=${1:-build}
dir=${BENCH_DIR:-/tmp/samordna-bench}
rounds=${ROUNDS:-7}
for tool in bench/sam-generate bench/sam-check-bench; do
  [ -x "$build/$tool" ] || { echo "check-bench: $build/$tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
mkdir -p "$dir"
export GSETTINGS_SCHEMA_DIR="$build/data"

echo "| activities | quick_check | integrity_check | ratio | first open | later opens | schema verified |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for size in 1000 10000 100000; do
  db="$dir/bench-$size.db"
  [ -f "$db" ] || "$build/bench/sam-generate" "$db" "$size" >/dev/null
  "$build/bench/sam-check-bench" "$db" "$rounds" | awk -v n="$size" '
    { v[$1] = $2 }
    END { printf "| %s | %.0f ms | %.0f ms | %.1f | %.1f ms | %.1f ms | %.2f ms |\n", n,
            v["quick-check-ms"], v["full-check-ms"], v["full-check-ms"] / v["quick-check-ms"],
            v["first-open-ms"], v["open-ms"], v["schema-verify-ms"] }'
done
