#!/usr/bin/env bash
# Fails when code breaks the layers of STYLE.md: SQL, a database library or
# a store-private header outside src/store (the store's interface is the
# only door to the data), GTK below src/gui, or two files of src/gui that
# include each other's headers in a circle (views use the window's shared
# parts, never the reverse).
set -eu
top="${1:-$(dirname "$0")/..}"
cd "$top"
status=0

leaks=$(grep -rlE 'sqlite3[_.]|<sqlite3\.h>|libpq-fe\.h|PQ[a-z]+\(|#include[[:space:]]*"store/sam-[a-z-]*-private\.h"' \
        src --include='*.c' --include='*.h' | grep -v '^src/store/' || true)
for f in $leaks; do
  echo "$f: SQL, a database library or a store-private header outside src/store"
  status=1
done

gtk=$(grep -rlE '#include[[:space:]]*<(gtk|adwaita|gdk)' src --include='*.c' --include='*.h' \
      | grep -vE '^src/(gui/|main\.c)' || true)
for f in $gtk; do
  echo "$f: GTK below src/gui"
  status=1
done

# Which file of src/gui calls which: "caller callee" pairs of file stems,
# from the functions each file defines (a name at the start of a line,
# followed by its parameters) and the names each file uses.
defs=$(for f in $(find src/gui -name '*.c' | sort); do
         sed -n 's/^\(sam_[a-z0-9_]*\) (.*/\1/p' "$f" | sed "s|\$| $(basename "$f" .c)|"
       done)
pairs=$(for f in $(find src/gui -name '*.c' | sort); do
          stem=$(basename "$f" .c)
          printf '%s\n' "$defs" | while read -r fn owner; do
            [ -n "$fn" ] && [ "$owner" != "$stem" ] && grep -qw "$fn" "$f" && echo "$stem $owner"
          done
        done | sort -u)
if [ -n "$pairs" ]; then
  cycle=$(printf '%s\n' "$pairs" | tsort 2>&1 >/dev/null || true)
  if [ -n "$cycle" ]; then
    echo "src/gui has files that call each other in a circle:"
    printf '%s\n' "$cycle" | sed 's/^/  /'
    status=1
  fi
fi
exit $status
