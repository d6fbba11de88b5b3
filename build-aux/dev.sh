#!/usr/bin/env bash
# Sets up a Debian 12 machine for Samordna, builds it, and then either opens
# it (run) or runs the whole test suite, GUI tests and a sanitizer build
# included (test). Installs with apt-get, through sudo when not root.
#
#   build-aux/dev.sh run [samordna options]
#   build-aux/dev.sh test
set -euo pipefail

cd "$(dirname "$0")/.."
mode="${1:-}"
shift || true
case "$mode" in
  run|test) ;;
  *) echo "usage: $0 run [options] | test" >&2; exit 2 ;;
esac

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

packages=(
  gcc pkg-config meson ninja-build gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev
  libsqlite3-dev libjson-glib-dev libxlsxwriter-dev libminizip-dev zlib1g-dev libgsf-1-dev libxml2-dev libgmime-3.0-dev
  appstream desktop-file-utils
  xvfb xauth python3 python3-openpyxl locales sqlite3 time
  fonts-cantarell adwaita-icon-theme
  libreoffice-calc-nogui gnumeric
  # The report test prints a workbook to PDF as a reader would and reads
  # the pages back; Carlito has Calibri's metrics, which the report is
  # laid out by.
  poppler-utils fonts-crosextra-carlito
  # The shared store on a PostgreSQL server: libpq to build, and a
  # throwaway cluster for the tests (build-aux/pg-cluster.sh).
  libpq-dev postgresql-15
  # The GUI tests press keys as a person would, through the X server.
  xdotool
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The report must read the same under a Norwegian locale; the tests use it.
if ! locale -a 2>/dev/null | grep -qix 'nb_NO.utf8'; then
  $sudo sed -i 's/^# *\(nb_NO.UTF-8 UTF-8\)/\1/' /etc/locale.gen
  grep -q '^nb_NO.UTF-8 UTF-8' /etc/locale.gen || echo 'nb_NO.UTF-8 UTF-8' | $sudo tee -a /etc/locale.gen >/dev/null
  $sudo locale-gen >/dev/null
fi

build() {
  local dir="$1"; shift
  if [ ! -f "$dir/build.ninja" ]; then
    meson setup "$dir" "$@" >/dev/null
  fi
  ninja -C "$dir"
}

if [ "$mode" = run ]; then
  build build
  export GSETTINGS_SCHEMA_DIR="$PWD/build/data"
  export SAMORDNA_LOCALEDIR="$PWD/build/po"
  exec ./build/src/samordna "$@"
fi

# test: the normal build, then AddressSanitizer + UndefinedBehaviorSanitizer.
passed=0
failed=0
status=0
run_suite() {
  local dir="$1"
  shift
  local log="$dir/meson-logs/dev-test.txt"
  set +e
  meson test -C "$dir" --print-errorlogs --num-processes 2 "$@" 2>&1 | tee "$log"
  local rc="${PIPESTATUS[0]}"
  set -e
  passed=$((passed + $(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)))
  failed=$((failed + $(sed -n 's/^Fail: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)))
  failed=$((failed + $(sed -n 's/^Timeout: *\([0-9]*\).*/\1/p' "$log" | tail -n 1)))
  [ "$rc" -eq 0 ] || status=1
}

# One throwaway PostgreSQL cluster for both runs, removed however the run
# ends (a test run alone starts its own; see tests/sam-test-pg.h). The
# PostgreSQL tests never skip: a cluster that cannot start fails the run.
source build-aux/pg-cluster.sh
trap pg_cluster_stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! pg_cluster_start; then
  echo "The PostgreSQL test cluster did not start, and the tests need it." >&2
  exit 1
fi

build build
run_suite build
build build-asan -Db_sanitize=address,undefined -Db_lundef=false
# The sanitizers make every test several times slower.
run_suite build-asan --timeout-multiplier 3

echo
echo "$passed passed, $failed failed"
exit "$status"
