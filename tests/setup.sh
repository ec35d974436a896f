#!/usr/bin/env bash
# Install everything the test suite needs on a fresh Debian machine, one list per registry:
# - Debian: Chromium and its driver (browser tests), jq (the CI workflows' own steps, as on
#   GitHub's runners), poppler-utils' pdftotext (the printed handout);
# - PyPI: the package with its test extras and the Zensical engine (parity tests), and Ralph,
#   a real LRS (tests/lms, in a virtual environment of its own);
# - npm: axe-core (accessibility), scorm-again and the SCORM XSDs (tests/lms).
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1

DEBIAN_PACKAGES=(chromium chromium-driver jq poppler-utils)
missing=()
for cmd in chromium chromedriver jq pdftotext; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && $sudo apt-get install -y -qq "${DEBIAN_PACKAGES[@]}" >/dev/null
fi
pip install -q -e ".[test,zensical]"
# Ralph 5.1.0 exactly (tests/lms/ralph_lrs.py works around its filesystem backend's bugs), in a
# virtual environment of its own: it pins an older click than check-jsonschema needs.
[ -x tests/lms/.ralph-venv/bin/python ] || python -m venv tests/lms/.ralph-venv
tests/lms/.ralph-venv/bin/python -m pip install -q --disable-pip-version-check "ralph-malph[cli,lrs]==5.1.0" requests
npm install --prefix tests/browser --no-audit --no-fund --no-package-lock --silent
npm install --prefix tests/lms --no-audit --no-fund --no-package-lock --silent
