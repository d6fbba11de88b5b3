#!/bin/sh
# period-bench.sh: the report and the Overview's figures as at an old
# period, next to the latest period's, at the same size.
#
# Usage: [RUNS=N] [OLD=2027-T2] bench/period-bench.sh [ACTIVITIES] [BUILD-DIR]
#        (defaults: 3 runs, 100000 activities and build; the database is
#        generated once and kept in $BENCH_DIR, default /tmp/samordna-bench)
#
# In each run, one after the other so that all see the machine alike:
# `samordna report` for the latest period (the generated plan's "today",
# with every period before it), for the old period OLD, and for OLD closed
# (its frozen figures, in a copy of the database where it was closed), each
# under /usr/bin/time. Prints the medians of the times and the largest
# peaks, and the ratio of each to the latest period's. Then the figures as
# at each period and the one before it, as the Overview counts them, from
# bench/sam-report-bench (one run). The Overview switched between the two
# periods in the window is in sam-ui-bench (bench.sh).
set -eu

size=${1:-100000}
build=${2:-build}
runs=${RUNS:-3}
old=${OLD:-2027-T2}
dir=${BENCH_DIR:-/tmp/samordna-bench}
db="$dir/bench-$size.db"
closed="$dir/bench-$size-closed.db"

for tool in "$build/bench/sam-generate" "$build/bench/sam-report-bench" "$build/src/samordna"; do
  [ -x "$tool" ] || { echo "period-bench: $tool is missing; build first (ninja -C $build)" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "period-bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$dir"
[ -f "$db" ] || "$build/bench/sam-generate" "$db" "$size" >/dev/null
latest=$("$build/src/samordna" period list --database "$db" | tail -n 1 | cut -f 1)
cp "$db" "$closed"
"$build/src/samordna" period close "$old" --database "$closed" >/dev/null

: > "$dir/period-runs.txt"
for run in $(seq "$runs"); do
  for what in latest old closed; do
    case $what in
      latest) file=$db; code=$latest ;;
      old) file=$db; code=$old ;;
      closed) file=$closed; code=$old ;;
    esac
    env -u DISPLAY -u WAYLAND_DISPLAY /usr/bin/time -f "%e %M" -o "$dir/period.time" \
      "$build/src/samordna" report --database "$file" --output "$dir/period-$what.xlsx" --language nb --period "$code"
    echo "$what $(cat "$dir/period.time")" >> "$dir/period-runs.txt"
  done
done
awk -v latest="$latest" -v old="$old" -v n="$size" '
  function median (v, k,   i, j, t) {
    for (i = 2; i <= k; i++) for (j = i; j > 1 && v[j - 1] > v[j]; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
    return v[int ((k + 1) / 2)]
  }
  { k = ++count[$1]; s[$1, k] = $2; if ($3 > peak[$1]) peak[$1] = $3 }
  END {
    split ("latest old closed", order, " ")
    name["latest"] = "report as at " latest " (latest)"
    name["old"] = "report as at " old
    name["closed"] = "report as at " old ", closed"
    for (i = 1; i <= 3; i++) {
      w = order[i]
      for (k = 1; k <= count[w]; k++) v[k] = s[w, k]
      m[w] = median(v, count[w])
    }
    for (i = 1; i <= 3; i++) {
      w = order[i]
      printf "%-36s %d activities  %6.2f s  ratio %.2f  peak %.1f MiB  (median of %d)\n", name[w], n, m[w],
             m[w] / m["latest"], peak[w] / 1024, count[w]
    }
  }' "$dir/period-runs.txt"
for code in "$latest" "$old"; do
  "$build/bench/sam-report-bench" "$db" "$dir/period-in-process.xlsx" "$code" | grep '^figures_as_at'
done
