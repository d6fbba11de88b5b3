#!/usr/bin/env bash
# Writes and imports a reporting round: 40 agencies × 50 activities and
# 500 agencies × 200 activities (databases from sam-generate, lead agencies
# limited to the first N). For each: the time and peak memory of
# `samordna forms` (every agency's form) and of `samordna import` (every
# form back as it was written: reading and reviewing every row; a row that
# comes back as written is unchanged and not recorded, so few or no status
# updates are recorded), next to writing as many cells with plain libxlsxwriter
# (plain-xlsx) as the yardstick, in alternating rounds. Prints a table and
# rewrites its part of bench/RESULTS.md.
#
#   bench/forms-bench.sh [BUILD_DIR]     (RUNS=3 by default)
set -euo pipefail

cd "$(dirname "$0")/.."
build="${1:-build}"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
samordna="$build/src/samordna"
period=2030-T1   # the last generated period: nearly every activity has started

measure () {   # prints "seconds peak-MiB" of the command
  local out="$work/time.txt"
  /usr/bin/time -f '%e %M' -o "$out" "$@" >/dev/null || true
  # GNU time puts "Command exited with non-zero status N" first then.
  tail -n 1 "$out" | awk '{ printf "%.2f %.0f\n", $1, $2 / 1024 }'
}

least () {   # prints the smaller of two numbers, the second when the first is empty
  awk -v a="$1" -v b="$2" 'BEGIN { print (a == "" || b + 0 < a + 0) ? b : a }'
}

table="$work/table.md"
{
  echo "| round | forms written | rows | write forms (s / MiB) | plain libxlsxwriter, as many cells (s) | import all (s / MiB) | status updates recorded |"
  echo "| --- | --- | --- | --- | --- | --- | --- |"
} > "$table"

for size in "40 2000" "500 100000"; do
  set -- $size
  agencies=$1 activities=$2
  db="$work/round-$agencies.db"
  "$build/bench/sam-generate" "$db" "$activities" "$agencies" >/dev/null
  best_write="" best_plain="" best_import="" mem_write=0 mem_import=0
  for r in $(seq "$runs"); do
    forms="$work/forms-$agencies-$r"
    mkdir -p "$forms"
    cp "$db" "$work/run.db"
    read -r t m < <(measure "$samordna" forms --database "$work/run.db" --period "$period" --output "$forms")
    best_write=$(least "$best_write" "$t")
    mem_write=$m
    cells=$(( activities * 9 ))
    read -r t _ < <(measure "$build/bench/plain-xlsx" "$work/plain.xlsx" "$cells" "$(( activities * 5 ))")
    best_plain=$(least "$best_plain" "$t")
    # import exits 1 when a row is left out (rows whose activity is done
    # below 100 % in the generated data); the rest is recorded all the same.
    read -r t m < <(measure "$samordna" import --database "$work/run.db" "$forms"/*.xlsx)
    best_import=$(least "$best_import" "$t")
    mem_import=$m
    written=$(ls "$forms" | wc -l)
    rows=$(sqlite3 "$work/run.db" "SELECT sum(rows_total) FROM round_form")
    recorded=$(sqlite3 "$work/run.db" "SELECT count(*) FROM status_update WHERE source_hash IS NOT NULL")
    rm -rf "$forms"
  done
  echo "| $agencies agencies | $written | $rows | $best_write / $mem_write | $best_plain | $best_import / $mem_import | $recorded |" >> "$table"
done

cat "$table"
results=bench/RESULTS.md
begin='<!-- forms-bench begin -->'
end='<!-- forms-bench end -->'
if ! grep -q "$begin" "$results"; then
  printf '\n## Reporting round (bench/forms-bench.sh)\n\n%s\n%s\n' "$begin" "$end" >> "$results"
fi
awk -v b="$begin" -v e="$end" -v t="$table" -v d="$(date -u +%Y-%m-%d) on $(nproc) cores, best of $runs runs" '
  $0 == b { print; print "Measured " d ":"; print ""; while ((getline line < t) > 0) print line; skip = 1; next }
  $0 == e { skip = 0 }
  !skip { print }' "$results" > "$work/results" && cp "$work/results" "$results"
