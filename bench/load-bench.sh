#!/bin/bash
# The load run of a plan on a server (issue 17): USERS simulated people,
# each on its own connection with its own login, for SECONDS, on a
# throwaway PostgreSQL cluster over its Unix socket. Prints the saves'
# 95th percentile, how soon every other client hears of a save, and an
# audit that no edit was lost or overwritten unseen.
#
#   bench/load-bench.sh [BUILD_DIR] [USERS] [SECONDS]     (default: build 50 60)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-$here/../build}" && pwd)"
users="${2:-50}"
seconds="${3:-60}"
exec "$here/../build-aux/pg-cluster.sh" bash -c \
  'exec "$0/bench/sam-load-bench" "$SAMORDNA_TEST_PG" "$1" "$2"' "$build" "$users" "$seconds"
