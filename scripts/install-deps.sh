#!/usr/bin/env bash
# Installs the Debian 12 packages gol needs to build and test, skipping those
# already installed (so it costs nothing on a prepared machine).
set -euo pipefail
packages=(build-essential cmake ninja-build llvm-19-dev libboost-context-dev libgtest-dev
          libbenchmark-dev clang-19 libclang-rt-19-dev zlib1g-dev libzstd-dev libxml2-dev libz3-dev
          libcurl4-openssl-dev libedit-dev libffi-dev python3 golang-1.19-src
          time bc)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
