#!/usr/bin/env bash
# Set up Klarsprog on a fresh machine with Python 3.11: a virtual environment with the pinned packages.
# --test also installs the test tools: pinned test packages, Debian's chromium and npm's vnu-jar/axe-core.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "${1:-}" = "--test" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
  # Debian packages the browser tests and the HTML check need: the browser, Java for vnu.jar, npm.
  MISSING=""
  command -v chromium >/dev/null || MISSING="$MISSING chromium"
  command -v java >/dev/null || MISSING="$MISSING default-jre-headless"
  command -v npm >/dev/null || MISSING="$MISSING npm"
  if [ -n "$MISSING" ]; then
    SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086  # word splitting of the package list is intended
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $MISSING >/dev/null
  fi
  if [ -f package.json ]; then
    # --ignore-scripts: vnu-jar's install script would download a Java runtime; we use Debian's.
    npm ci --silent --no-audit --no-fund --ignore-scripts
  fi
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
fi
# Compile the toolkit's modules once, as pip does for installed packages: each build then reads them
# from __pycache__ (0.05 s of every start), also where PYTHONDONTWRITEBYTECODE keeps Python from writing.
.venv/bin/python -m compileall -q klarsprog
