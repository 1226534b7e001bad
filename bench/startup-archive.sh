#!/usr/bin/env bash
# Start-up of the release archive: the median of N runs of the installed `chirp --version` against
# the median of its own runtime's `java -version` (the floor any Java program pays), as a ratio.
# Build the archive first: mvn -B -Pdist -DskipTests package.
#
#   bash bench/startup-archive.sh [N]        (default 15)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-15}"
tarball="$(ls "$root"/dist/target/chirp-*-linux-x64.tar.gz 2>/dev/null | head -1)"
[ -n "$tarball" ] || { echo "no archive in dist/target: run mvn -B -Pdist -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
tar -xzf "$tarball" -C "$work"
home="$(ls -d "$work"/chirp-*)"
median_ms() { # command...: the median wall time of n runs, in ms
  local i start times=()
  for i in $(seq "$n"); do
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    times+=($((($(date +%s%N) - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((n + 1) / 2))p"
}
chirp_ms="$(median_ms "$home/bin/chirp" --version)"
java_ms="$(median_ms "$home/runtime/bin/java" -version)"
echo "chirp --version: ${chirp_ms} ms; its runtime's java -version: ${java_ms} ms; ratio $(awk -v a="$chirp_ms" -v b="$java_ms" 'BEGIN { printf "%.2f", a / b }') (median of $n)"
