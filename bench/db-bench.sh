#!/bin/sh
# db-bench.sh: what the store's statement layer (SamDb/SamStmt, issue 17)
# costs: the store's reads through many rows, built from this tree, next
# to the same reads built from the store before it ran on SamStmt, which
# called sqlite3 directly. Both run bench/sam-db-bench.c on one database,
# in alternating rounds (base, then this tree, each in a fresh process).
#
# Usage: bench/db-bench.sh [BUILD-DIR]
#   ROUNDS=7   alternating rounds; each process times INNER=3 runs of each
#              read and gives their median
#   SIZE=100000 activities in the generated database
#   BASE=c5a9e7f  the commit whose store calls sqlite3 directly (main just
#              before the statement layer); built once into $BENCH_DIR
#   COUNT_SIZE=10000  activities for the instruction count (below)
#
# Prints a table: for each read, wall-clock (-ms) and CPU time (-cpu-ms,
# which other sessions on a shared machine disturb less), the medians of
# both sides and the median and range of the rounds' ratios (this tree /
# base). Times on a shared machine vary with what else runs; so, when
# valgrind is installed, both sides also run once under callgrind on a
# smaller database, and the instructions each read executes are printed
# next to each other: a count the machine's load does not change. Databases and the base build are kept in
# $BENCH_DIR (default /tmp/samordna-bench) for the next run.
set -eu

build=${1:-build}
dir=${BENCH_DIR:-/tmp/samordna-bench}
rounds=${ROUNDS:-7}
inner=${INNER:-3}
size=${SIZE:-100000}
base=${BASE:-c5a9e7f}
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

for tool in bench/sam-generate bench/sam-db-bench; do
  [ -x "$build/$tool" ] || { echo "db-bench: $build/$tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
mkdir -p "$dir"
export GSETTINGS_SCHEMA_DIR="$build/data"

# The base: its sources with this tree's sam-db-bench.c (which uses only
# calls the store had before), only the benchmark's target built.
commit=$(git -C "$top" rev-parse --short "$base^{commit}")
src="$dir/db-bench-base-$commit"
if [ ! -f "$src/build/build.ninja" ]; then
  rm -rf "$src"
  mkdir -p "$src"
  git -C "$top" archive "$commit" | tar -x -C "$src"
  grep -q sam-db-bench "$src/bench/meson.build" \
    || echo "executable('sam-db-bench', 'sam-db-bench.c', dependencies: [libsamordna_dep])" >> "$src/bench/meson.build"
  cp "$here/sam-db-bench.c" "$src/bench/"
  meson setup "$src/build" "$src" >/dev/null
fi
cmp -s "$here/sam-db-bench.c" "$src/bench/sam-db-bench.c" || cp "$here/sam-db-bench.c" "$src/bench/"
ninja -C "$src/build" bench/sam-db-bench >/dev/null

db="$dir/bench-$size.db"
[ -f "$db" ] || "$build/bench/sam-generate" "$db" "$size" >/dev/null

out="$dir/db-bench.txt"
: > "$out"
for i in $(seq "$rounds"); do
  "$src/build/bench/sam-db-bench" "$db" "$inner" | sed "s/^/$i base /" >> "$out"
  "$build/bench/sam-db-bench" "$db" "$inner" | sed "s/^/$i new /" >> "$out"
done

echo "Base $commit (sqlite3 called directly) against this tree (through SamStmt), $size activities,"
echo "$rounds alternating rounds, each the median of $inner runs in one process:"
echo
echo "| read | direct | SamStmt | ratio (median of rounds) | ratio range |"
echo "| --- | ---: | ---: | ---: | ---: |"
awk -v a=base -v b=new -f "$here/rounds-table.awk" "$out"

command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null || {
  echo; echo "(valgrind is not installed: no instruction count)"; exit 0; }
count_size=${COUNT_SIZE:-10000}
count_db="$dir/bench-$count_size.db"
[ -f "$count_db" ] || "$build/bench/sam-generate" "$count_db" "$count_size" >/dev/null
for side in base new; do
  if [ "$side" = base ]; then exe="$src/build/bench/sam-db-bench"; else exe="$build/bench/sam-db-bench"; fi
  valgrind -q --tool=callgrind --callgrind-out-file="$dir/db-bench-$side.callgrind" "$exe" "$count_db" 1 >/dev/null
  callgrind_annotate --inclusive=yes "$dir/db-bench-$side.callgrind" 2>/dev/null \
    | awk -v side="$side" '$NF ~ /^\[/ && $(NF - 1) ~ /sam-db-bench\.c:[a-z_]+$/ {
        gsub(",", "", $1); n = $(NF - 1); sub(".*:", "", n); if (n != "main") print side, n, $1 }
      $NF ~ /^\[/ && $(NF - 1) ~ /sam-store\.c:sam_store_open_with_flags$/ { gsub(",", "", $1); print side, "open", $1 }'
done > "$dir/db-bench-count.txt"
echo
echo "Instructions executed (callgrind), $count_size activities, one run of each:"
echo
echo "| read | direct | SamStmt | ratio |"
echo "| --- | ---: | ---: | ---: |"
awk '{ v[$1, $2] = $3; if (!($2 in seen)) { seen[$2] = 1; order[++m] = $2 } }
  END { for (k = 1; k <= m; k++) { n = order[k]
          printf "| %s | %.1f M | %.1f M | %.4f |\n", n, v["base", n] / 1e6, v["new", n] / 1e6, v["new", n] / v["base", n] } }' \
  "$dir/db-bench-count.txt"
