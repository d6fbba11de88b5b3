# rounds-table.awk: one Markdown row per figure of a benchmark run in
# alternating rounds of two sides, A and B (set with -v a=… -v b=…).
#
# Input lines: ROUND SIDE FIGURE VALUE. Prints, for each figure in the
# order first seen: the median of A's values, the median of B's, the
# median of the rounds' ratios B/A, and their range. With -v units=1 the
# figure's name ends in its unit ("report-s": "report", s); otherwise the
# values are in milliseconds. With -v limit=L -v limited=FIGURE it exits 1,
# saying so, when that figure's median ratio is over L.
function median(list,   n, x, i, j, t) {
  n = split(list, x, " ")
  for (i = 2; i <= n; i++)
    for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) { t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
  return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
}
{ v[$1, $2, $3] = $4; if (!($3 in seen)) { seen[$3] = 1; order[++m] = $3 }; if ($1 > r) r = $1 }
END {
  for (k = 1; k <= m; k++) {
    name = order[k]; p = ""; s = ""; q = ""; lo = ""; hi = ""
    for (i = 1; i <= r; i++) {
      x = v[i, a, name]; y = v[i, b, name]
      p = p " " x; s = s " " y
      if (x > 0) {
        q = q " " y / x
        if (lo == "" || y / x < lo) lo = y / x
        if (hi == "" || y / x > hi) hi = y / x
      }
    }
    unit = "ms"; label = name
    if (units) { unit = name; sub(/.*-/, "", unit); sub(/-[^-]*$/, "", label) }
    printf "| %s | %.1f %s | %.1f %s | %.3f | %.2f-%.2f |\n", label, median(p), unit, median(s), unit, median(q), lo, hi
    if (name == limited) over = median(q)
  }
  if (limited != "" && over > limit) {
    printf "\nFAIL: %s takes %.2f times as long on the %s as on the %s, over %s\n", limited, over, b, a, limit
    exit 1
  }
}
