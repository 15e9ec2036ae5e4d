#!/usr/bin/env bash
# Installs ppusim's build dependencies from Debian 12 packages when they are missing.
# Safe to run repeatedly: it only calls apt-get when a package is not installed.
# Usage: scripts/setup.sh [--fuzz]   (--fuzz: also what fuzz/run.sh needs)
set -euo pipefail

packages=(
  build-essential cmake
  libsimgrid-dev          # SimGrid 3.32: discrete-event engine, CPU and network models
  libboost-graph-dev      # topology graph analysis
  nlohmann-json3-dev      # scenario and report JSON
  catch2                  # unit tests (v2)
  libcli11-dev            # command line
  jq time                 # bench/topology-build.sh: scenario variants and /usr/bin/time
  valgrind                # scripts/ci-instructions.sh: the instruction-count gate (callgrind)
  clang-format            # scripts/ci-format.sh: every C++ file clang-format clean (clang-format 14)
  libasan8 libubsan1      # g++'s sanitizer runtimes, for scripts/ci-sanitizers.sh (normally
                          # already there: g++ depends on them)
  libjs-chart.js          # Chart.js 3.9.1 (MIT), embedded into ppusim at build time so that
                          # report.html and compare.html open offline (docs/html-report.md)
  chromium                # headless browser for tests/test_html_browser.cpp, which checks that
                          # every chart of the HTML reports renders (about 122 MB to download,
                          # 414 MB installed, under a minute); the test is skipped without it
)
if [ "${1:-}" = "--fuzz" ]; then
  # Fuzzing (fuzz/run.sh, docs/robustness.md) is not part of CI or of the normal build.
  packages+=(
    clang                 # libFuzzer needs clang's -fsanitize=fuzzer
    libclang-rt-14-dev    # libFuzzer itself and clang's ASan/UBSan runtimes (only recommended by clang)
  )
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all dependencies present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
