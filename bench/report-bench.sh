#!/bin/sh
# report-bench.sh: times the Excel report next to plain libxlsxwriter.
#
# Usage: [RUNS=N] bench/report-bench.sh [ACTIVITIES] [BUILD-DIR]
#        (defaults: 100000 and build; the database is generated once and
#        kept in $BENCH_DIR, default /tmp/samordna-bench; RUNS repeats the
#        report and the yardstick, one after the other, N times)
#
# In one run: generates (or reuses) a database with ACTIVITIES activities,
# times the coordination matrices and checks, writes the full report with
# `samordna report` under /usr/bin/time, then has bench/plain-xlsx write
# the same cells in constant-memory mode under /usr/bin/time twice: once
# as many cells with as many of them text, each the same short sentence
# (the yardstick issue 7 names), and once matching the report's content
# too (as many bytes of text, blank formatted cells and formatted cells).
# Prints the three times, the report's ratio to each, the CPU times (the
# report reads ahead in helper threads) and the peaks.
# Each run's figures also go to $BENCH_DIR/report-runs.txt, one line of
# "SECONDS KIB" for the report, the plain and the matched program, for
# bench.sh to put in bench/RESULTS.md.
# Exits non-zero when the report's peak passes 64 MiB (PEAK_LIMIT_MIB;
# 0 checks nothing, for builds with sanitizers, which take much more).
set -eu

size=${1:-100000}
build=${2:-build}
runs=${RUNS:-1}
dir=${BENCH_DIR:-/tmp/samordna-bench}
db="$dir/bench-$size.db"
period=2027-T2
limit_kib=$(( ${PEAK_LIMIT_MIB:-64} * 1024 ))

for tool in "$build/bench/sam-generate" "$build/bench/sam-report-bench" "$build/bench/plain-xlsx" "$build/src/samordna"; do
  [ -x "$tool" ] || { echo "report-bench: $tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "report-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$dir"
if [ ! -f "$db" ]; then
  echo "Generating $db …"
  /usr/bin/time -f "  generated in %e s" "$build/bench/sam-generate" "$db" "$size"
fi

echo "Coordination and report, in process:"
"$build/bench/sam-report-bench" "$db" "$dir/in-process.xlsx" "$period" | tee "$dir/stats.txt" | sed 's/^/  /'
cells=$(awk '$1 == "cells" { print $2 }' "$dir/stats.txt")
strings=$(awk '$1 == "strings" { print $2 }' "$dir/stats.txt")
text_bytes=$(awk '$1 == "text_bytes" { print $2 }' "$dir/stats.txt")
blanks=$(awk '$1 == "blanks" { print $2 }' "$dir/stats.txt")
formatted=$(awk '$1 == "formatted" { print $2 }' "$dir/stats.txt")

echo
echo "activities: $size generated; cells written: $cells ($strings text of $text_bytes bytes), $blanks blank, $formatted formatted"
status=0
: > "$dir/report-runs.txt"
for run in $(seq "$runs"); do
  env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/time -f "%e %U %S %M" -o "$dir/report.time" \
    "$build/src/samordna" report --database "$db" --output "$dir/report.xlsx" --language nb --period "$period"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/plain.time" "$build/bench/plain-xlsx" "$dir/plain.xlsx" "$cells" "$strings"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/matched.time" "$build/bench/plain-xlsx" "$dir/matched.xlsx" "$cells" \
    "$strings" "$text_bytes" "$blanks" "$formatted"
  [ "$runs" -gt 1 ] && echo "run $run:"
  cat "$dir/report.time" "$dir/plain.time" "$dir/matched.time" | awk '{ printf "%s %s ", $1, $4 } END { print "" }' \
    >> "$dir/report-runs.txt"
  cat "$dir/report.time" "$dir/plain.time" "$dir/matched.time" | awk -v lim="$limit_kib" '
    { s[NR] = $1; cpu[NR] = $2 + $3; kib[NR] = $4 }
    END {
      split ("samordna report (command line)|plain, same number of cells|plain, same cells and content", name, "|")
      for (i = 1; i <= 3; i++)
        printf "%-34s %8.2f s   cpu %6.2f s   peak %7.1f MiB\n", name[i], s[i], cpu[i], kib[i] / 1024
      printf "%-34s %8.2f\n", "ratio report / plain", (s[2] > 0 ? s[1] / s[2] : 0)
      printf "%-34s %8.2f\n", "ratio report / plain, same content", (s[3] > 0 ? s[1] / s[3] : 0)
      if (lim > 0 && kib[1] > lim) { printf "FAIL: the report peaked at %.1f MiB, over %d MiB\n", kib[1] / 1024, lim / 1024; exit 1 }
    }' || status=1
done
echo "report file $(du -h "$dir/report.xlsx" | cut -f1), plain files $(du -h "$dir/plain.xlsx" | cut -f1)" \
  "and $(du -h "$dir/matched.xlsx" | cut -f1)"
exit $status
