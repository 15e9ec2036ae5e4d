#!/usr/bin/env bash
# Installs ppusim's build dependencies from Debian 12 packages when they are missing.
# Safe to run repeatedly: it only calls apt-get when a package is not installed.
set -euo pipefail

packages=(
  build-essential cmake
  libsimgrid-dev          # SimGrid 3.32: discrete-event engine, CPU and network models
  libboost-graph-dev      # topology graph analysis
  nlohmann-json3-dev      # scenario and report JSON
  catch2                  # unit tests (v2)
  libcli11-dev            # command line
)

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
