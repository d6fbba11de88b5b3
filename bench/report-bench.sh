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
# the same cells in constant-memory mode under /usr/bin/time (as many
# cells, as many of them text with as many bytes, as many blank formatted
# cells and as many formatted), and prints both times, their ratio, the
# CPU time of both (the report reads ahead in a second thread) and both
# peaks.
# Exits non-zero when the report's peak passes 64 MiB.
set -eu

size=${1:-100000}
build=${2:-build}
runs=${RUNS:-1}
dir=${BENCH_DIR:-/tmp/samordna-bench}
db="$dir/bench-$size.db"
period=2027-T2
limit_kib=65536

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
for run in $(seq "$runs"); do
  env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/time -f "%e %U %S %M" -o "$dir/report.time" \
    "$build/src/samordna" report --database "$db" --output "$dir/report.xlsx" --language nb --period "$period"
  /usr/bin/time -f "%e %U %S %M" -o "$dir/plain.time" "$build/bench/plain-xlsx" "$dir/plain.xlsx" "$cells" "$strings" \
    "$text_bytes" "$blanks" "$formatted"
  read -r report_s report_user report_sys report_kib < "$dir/report.time"
  read -r plain_s plain_user plain_sys plain_kib < "$dir/plain.time"
  [ "$runs" -gt 1 ] && echo "run $run:"
  awk -v rs="$report_s" -v rc="$report_user $report_sys" -v rk="$report_kib" \
      -v ps="$plain_s" -v pc="$plain_user $plain_sys" -v pk="$plain_kib" -v lim="$limit_kib" '
    BEGIN {
      split (rc, r, " "); split (pc, p, " ")
      printf "%-34s %8.2f s   cpu %6.2f s   peak %7.1f MiB\n", "samordna report (command line)", rs, r[1] + r[2], rk / 1024
      printf "%-34s %8.2f s   cpu %6.2f s   peak %7.1f MiB\n", "plain libxlsxwriter, same cells", ps, p[1] + p[2], pk / 1024
      printf "%-34s %8.2f\n", "ratio report / plain", (ps > 0 ? rs / ps : 0)
      if (rk > lim) { printf "FAIL: the report peaked at %.1f MiB, over %d MiB\n", rk / 1024, lim / 1024; exit 1 }
    }' || status=1
done
echo "report file $(du -h "$dir/report.xlsx" | cut -f1), plain file $(du -h "$dir/plain.xlsx" | cut -f1)"
exit $status
