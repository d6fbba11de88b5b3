#!/bin/sh
# bench.sh: Samordna's start-up, opening, search and coordination figures,
# each next to a baseline measured in the same run.
#
# Usage: bench/bench.sh [--smoke] [BUILD-DIR]
#   --smoke   only 1,000 activities, one round (a quick check that it runs)
#
# After the README's set-up (the build and xvfb-run are there). Databases
# are generated once into $BENCH_DIR (default /tmp/samordna-bench). Both
# sides of every GUI figure run headless under xvfb-run with the same
# renderer, GSK_RENDERER=cairo. The Excel report runs next to plain
# libxlsxwriter through report-bench.sh (three rounds; one with --smoke).
# Prints a table and rewrites the generated part of bench/RESULTS.md.
set -eu

smoke=0
if [ "${1:-}" = "--smoke" ]; then smoke=1; shift; fi
build=${1:-build}
dir=${BENCH_DIR:-/tmp/samordna-bench}
here=$(cd "$(dirname "$0")" && pwd)
if [ "$smoke" = 1 ]; then sizes="1000"; rounds=1; else sizes="1000 10000 100000"; rounds=7; fi

for tool in src/samordna bench/sam-generate bench/minimal-columnview bench/sam-ui-bench bench/sam-open-bench bench/sam-report-bench bench/plain-xlsx; do
  [ -x "$build/$tool" ] || { echo "bench: $build/$tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
command -v xvfb-run >/dev/null || { echo "bench: xvfb-run is missing" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$dir"

export GSK_RENDERER=cairo GTK_A11Y=none GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
export GSETTINGS_SCHEMA_DIR="$build/data"
results="$dir/results.txt"
: > "$results"

# The default plan's database: made by opening a new file once.
default_db="$dir/default.db"
rm -f "$default_db"
"$build/bench/sam-open-bench" "$default_db" 1 >/dev/null

median () { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# first_frame CMD…: one run's first-frame ms and peak RSS (KiB).
first_frame () {
  out=$(xvfb-run -a /usr/bin/time -f "rss %M" "$@" 2>&1) || { echo "$out" >&2; exit 1; }
  echo "$(echo "$out" | awk '$1 == "first-frame-ms" { print $2 }') $(echo "$out" | awk '$1 == "rss" { print $2 }')"
}

# Start-up of samordna and of the minimal program, one after the other in
# each round so that both see the machine alike; the ratio is the median of
# the rounds' ratios, the times the medians of each, the peaks the largest.
startup () {
  label=$1; db=$2
  n=$(sqlite3 "$db" "SELECT count(*) FROM activity" 2>/dev/null || echo 0)
  runs=""
  for i in $(seq "$rounds"); do
    set -- $(SAMORDNA_BENCH_STARTUP=1 first_frame "$build/src/samordna" --database "$db")
    app_ms=$1; app_kib=$2
    set -- $(first_frame "$build/bench/minimal-columnview" "$n")
    runs="$runs$app_ms $1 $app_kib $2
"
  done
  printf '%s' "$runs" | awk -v label="$label" -v n="$n" '
    function median (v, k,   i, j, t) {
      for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
      return v[int ((k + 1) / 2)]
    }
    { a[NR] = $1; m[NR] = $2; r[NR] = $1 / $2; if ($3 > ak) ak = $3; if ($4 > mk) mk = $4 }
    END { print "startup", label, n, median(a, NR), median(m, NR), ak, mk, median(r, NR) }' >> "$results"
}

startup default "$default_db"
for size in $sizes; do
  db="$dir/bench-$size.db"
  [ -f "$db" ] || "$build/bench/sam-generate" "$db" "$size" >/dev/null
  "$build/bench/sam-open-bench" "$db" 1 >/dev/null    # migrate once, outside the timing
  startup "$size" "$db"
  "$build/bench/sam-open-bench" "$db" "$rounds" | sed "s/^/open $size /" >> "$results"
done

largest=$(echo "$sizes" | tr ' ' '\n' | tail -n 1)
xvfb-run -a "$build/bench/sam-ui-bench" "$dir/bench-$largest.db" | sed "s/^/ui $largest /" >> "$results"
# The Plans view's first frame once per process: the median of as many
# processes as start-up's rounds, each with rows in its first frame.
for i in $(seq "$rounds"); do
  BENCH_SHOWN_ONLY=1 xvfb-run -a "$build/bench/sam-ui-bench" "$dir/bench-$largest.db"
done > "$dir/plans-shown.txt"
if awk '$1 == "plans-view-shown-ms" && $6 != "yes"' "$dir/plans-shown.txt" | grep -q .; then
  echo "bench: a Plans view first frame without rows" >&2
  exit 1
fi
awk '$1 == "plans-view-shown-ms" { print $2 }' "$dir/plans-shown.txt" \
  | median | sed "s/^/ui $largest plans-view-first-rows-median-ms /" >> "$results"
"$build/bench/sam-report-bench" "$dir/bench-$largest.db" "$dir/matrices.xlsx" \
  | awk '/_s / && $1 != "report_s" { print "coordination '"$largest"' " $1 " " $2 }' >> "$results"
# The smoke run checks that everything runs, in any build (sanitizers too),
# not the report's memory limit.
report_rounds=$([ "$smoke" = 1 ] && echo 1 || echo 3)
peak_limit=$([ "$smoke" = 1 ] && echo 0 || echo 64)
# Its verdict on the memory limit is kept: the tables are written either
# way, and bench.sh ends with report-bench's status and says why.
report_status=0
RUNS=$report_rounds PEAK_LIMIT_MIB=$peak_limit BENCH_DIR="$dir" sh "$here/report-bench.sh" "$largest" "$build" \
  > "$dir/report-bench.txt" || report_status=$?
# Medians over the rounds of each time and of the ratios within a round.
awk -v n="$largest" '
  function median (v, k,   i, j, t) {
    for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return v[int ((k + 1) / 2)]
  }
  { r[NR] = $1; p[NR] = $3; m[NR] = $5; rp[NR] = $1 / $3; rm[NR] = $1 / $5
    if ($2 > rk) rk = $2; if ($4 > pk) pk = $4; if ($6 > mk) mk = $6 }
  END { print "report", n, median(r, NR), median(p, NR), median(m, NR), median(rp, NR), median(rm, NR), rk, pk, mk, NR }
' "$dir/report-runs.txt" >> "$results"

table=$(awk '
  $1 == "startup" { printf "| start-up to first frame | %s | %s | %.0f ms | %.0f ms | %.2f | %.1f MiB | %.1f MiB |\n", $2, $3, $4, $5, $8, $6 / 1024, $7 / 1024 }
' "$results")
report=$(awk '
  $1 == "report" { printf "| full Excel report, median of %d | %s | %.2f s | %.2f s | %.2f | %.2f s | %.2f | %.1f MiB | %.1f MiB |\n", $11, $2, $3, $4, $6, $5, $7, $8 / 1024, $9 / 1024 }
' "$results")
others=$(awk -v rounds="$rounds" '
  $1 == "open" { printf "| opening the database (%s) | %s activities | %.1f ms |\n", $3 == "open-full-check-ms" ? "every check" : "as the window does", $2, $4 }
  $1 == "ui" && $3 ~ /^search-(median|p90|worst)-ms$/ { printf "| search, %s per keystroke, to the frame with its matches | %s activities | %.1f ms |\n", substr($3, 8, length($3) - 10), $2, $4 }
  $1 == "ui" && $3 ~ /^search-done-(p90|worst)-ms$/ { printf "| search, %s per keystroke, until every match is in | %s activities | %.1f ms |\n", substr($3, 13, length($3) - 15), $2, $4 }
  $1 == "ui" && $3 == "search-held-ms" { printf "| search, main loop held while the matches come in | %s activities | %.1f ms |\n", $2, $4 }
  $1 == "ui" && $3 == "plans-view-first-rows-median-ms" { printf "| Plans view first rows drawn, median of %s runs | %s activities | %.0f ms |\n", rounds, $2, $4; next }
  $1 == "ui" && $3 ~ /^plans-view/ { what = $3 == "plans-view-shown-ms" ? "shown" : $3 == "plans-view-first-rows-ms" ? "first rows drawn" : $3 == "plans-view-fill-held-ms" ? "main loop held while filling" : "filled in"
    printf "| Plans view %s | %s activities | %.0f ms |\n", what, $2, $4 }
  $1 == "coordination" { printf "| %s | %s activities | %.3f s |\n", $3, $2, $4 }
' "$results")

cat <<EOF2

Start-up: samordna against a minimal GTK 4 program showing the same number of rows
in a GtkColumnView from an in-memory model (GSK_RENDERER=cairo, xvfb-run; $rounds rounds of one run
each, medians of the times and of the rounds' ratios)

| what | database | activities | samordna | minimal | ratio | samordna peak | minimal peak |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |
$table

Report: \`samordna report\` against plain libxlsxwriter in constant-memory mode
writing as many cells (as many of them text), then writing content like the report's
(as many bytes of text, blank formatted and formatted cells); see report-bench.sh

| what | activities | samordna | plain | ratio | plain, same content | ratio | samordna peak | plain peak |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
$report

| what | size | time |
| --- | --- | ---: |
$others
EOF2

if [ "$smoke" = 0 ]; then
  {
    sed '/<!-- bench.sh: start -->/,$d' "$here/RESULTS.md"
    echo "<!-- bench.sh: start -->"
    echo "## Start-up, opening, search and coordination ($(date -u +%Y-%m-%d), bench/bench.sh)"
    echo
    echo "Start-up: samordna against a minimal GTK 4 program showing the same number of rows"
    echo "in a GtkColumnView from an in-memory model (GSK_RENDERER=cairo, xvfb-run; $rounds rounds of one run
each, medians of the times and of the rounds' ratios)."
    echo
    echo "| what | database | activities | samordna | minimal | ratio | samordna peak | minimal peak |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "$table"
    echo
    echo "Report: \`samordna report\` against plain libxlsxwriter in constant-memory mode writing as"
    echo "many cells (as many of them text), then writing content like the report's (as many bytes"
    echo "of text, blank formatted and formatted cells); see report-bench.sh."
    echo
    echo "| what | activities | samordna | plain | ratio | plain, same content | ratio | samordna peak | plain peak |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    echo "$report"
    echo
    echo "| what | size | time |"
    echo "| --- | --- | ---: |"
    echo "$others"
    echo "<!-- bench.sh: end -->"
    sed -n '/<!-- bench.sh: end -->/,$p' "$here/RESULTS.md" | sed '1d'
  } > "$here/RESULTS.md.new"
  mv "$here/RESULTS.md.new" "$here/RESULTS.md"
fi
if [ "$report_status" != 0 ]; then
  grep '^FAIL' "$dir/report-bench.txt" | sort -u >&2 || true
  echo "bench: report-bench.sh failed (status $report_status); its output is in $dir/report-bench.txt" >&2
  exit "$report_status"
fi
