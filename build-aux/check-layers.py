#!/usr/bin/env python3
"""Fails when the code breaks the layers of STYLE.md:

- SQL, a database library or a store-private header outside src/store
  (the store's interface is the only door to the data);
- inside src/store, SQLite's or libpq's API outside its backend (the
  store runs on SamDb, sam-db-private.h: sam-db-sqlite.c wraps sqlite3,
  sam-db-pg.c libpq);
- GTK below src/gui;
- files of src/gui that call each other in a circle (views use the
  window's shared parts, never the reverse).

Usage: check-layers.py [SOURCE_ROOT]
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
os.chdir(root)

DATABASE = re.compile(r'sqlite3[_.]|<sqlite3\.h>|libpq-fe\.h|\bPQ[a-z]+\(|'
                      r'#include\s*"store/sam-[a-z-]*-private\.h"')
GTK = re.compile(r'#include\s*<(gtk|adwaita|gdk)')
# Each database library's API, and the only files of src/store that use it.
BACKENDS = [
    ("SQLite", re.compile(r'\bsqlite3_[a-z0-9_]+|<sqlite3\.h>|\bsqlite3\s*\*|\bSQLITE_[A-Z]'),
     {"src/store/sam-db-sqlite.c"}),
    ("libpq", re.compile(r'libpq-fe\.h|\bPQ[a-z]+\(|\bPG(conn|result)\b'),
     {"src/store/sam-db-pg.c", "src/store/sam-db-pg-private.h"}),
]
DEFINITION = re.compile(r'^(sam_[a-z0-9_]+) \(', re.M)
NAME = re.compile(r'\bsam_[a-z0-9_]+\b')


def sources(top):
    for folder, _, files in os.walk(top):
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                yield os.path.join(folder, name)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


problems = []
for path in sources("src"):
    text = read(path)
    if not path.startswith("src/store/") and DATABASE.search(text):
        problems.append("%s: SQL, a database library or a store-private header outside src/store" % path)
    if not path.startswith(("src/gui/", "src/main.c")) and GTK.search(text):
        problems.append("%s: GTK below src/gui" % path)
    for name, api, allowed in BACKENDS:
        if path.startswith("src/store/") and path not in allowed and api.search(text):
            problems.append("%s: %s's API outside its backend (%s); use SamDb (sam-db-private.h)"
                            % (path, name, ", ".join(sorted(allowed))))

# Who defines each public function of src/gui, and who calls it.
gui = [p for p in sources("src/gui") if p.endswith(".c")]
texts = {p: read(p) for p in gui}
owner = {}
for path, text in texts.items():
    for name in DEFINITION.findall(text):
        owner[name] = path
calls = {path: sorted({owner[n] for n in NAME.findall(text) if n in owner and owner[n] != path})
         for path, text in texts.items()}


def find_cycle():
    state = {}

    def visit(node, trail):
        state[node] = "open"
        for other in calls[node]:
            if state.get(other) == "open":
                return trail[trail.index(other):] + [other]
            if other not in state:
                found = visit(other, trail + [other])
                if found:
                    return found
        state[node] = "done"
        return None

    for start in sorted(calls):
        if start not in state:
            found = visit(start, [start])
            if found:
                return found
    return None


cycle = find_cycle()
if cycle:
    problems.append("src/gui has files that call each other in a circle: " + " → ".join(cycle))

for p in problems:
    print(p)
sys.exit(1 if problems else 0)
