#!/bin/sh
# Fails when a source or UI file with translatable strings is missing from
# po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -eu
top="${1:-$(dirname "$0")/..}"
cd "$top"
status=0
found=$(grep -rlE '(^|[^A-Za-z_])(N_|_|C_|g_dngettext|ngettext|g_dpgettext2) ?\(|translatable="yes"' src ui data --include='*.c' --include='*.ui' --include='*.in' --include='*.xml' 2>/dev/null | sort)
for f in $found; do
  if ! grep -qx "$f" po/POTFILES.in; then
    echo "missing from po/POTFILES.in: $f"
    status=1
  fi
done
while read -r f; do
  case "$f" in ''|'#'*) continue ;; esac
  [ -e "$f" ] || { echo "po/POTFILES.in names a missing file: $f"; status=1; }
done < po/POTFILES.in
LC_ALL=C sort -c po/POTFILES.in 2>/dev/null || { echo "po/POTFILES.in is not sorted"; status=1; }
exit $status
