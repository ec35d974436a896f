#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine:
# the package with its test extras and the Zensical engine (parity tests), Chromium and its driver
# (browser tests), jq (the CI workflows' steps, run by tests/test_workflows.py, as on GitHub's runners)
# and axe-core from the npm registry (accessibility checks).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v jq >/dev/null || ! command -v pdftotext >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver jq poppler-utils >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver jq poppler-utils >/dev/null
  fi
fi
pip install -q -e ".[test,zensical]"
npm install --prefix tests/browser --no-audit --no-fund --no-package-lock --silent
