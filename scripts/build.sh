#!/usr/bin/env bash
# Installs what is missing (Debian 12 packages), then configures and builds ppusim in build/.
# Usage: scripts/build.sh [extra cmake arguments]
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j"$(nproc)" >> build.log 2>&1 || { tail -n 80 build.log; exit 1; }
echo "build: ok (build/ppusim, build/ppusim_tests; log in build.log)"
