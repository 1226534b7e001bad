#!/usr/bin/env bash
# Which JIT set-up the launcher's fixed options should use: the quick compiler only
# (-XX:TieredStopAtLevel=1) against the JVM's default tiered compilation, on what people run:
# `check` of the example catalog (start-up), `check` of a 1,000-spec catalog, and dry-runs of
# 20k and 200k recipients (chirp's own CPU). Prints one Markdown table of median wall times.
#
#   bash bench/jit.sh [RUNS]     (default 5 runs each; needs runtime/target/chirp.jar)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
runs="${1:-5}"
jar="runtime/target/chirp.jar"
cds="runtime/target/chirp.jsa"
[ -f "$jar" ] || { echo "bench: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
java bench/Gen.java catalog "$work/catalog" 1000 >/dev/null
java bench/Gen.java recipients "$work/r20k.csv" 20000 >/dev/null
java bench/Gen.java recipients "$work/r200k.csv" 200000 >/dev/null
base=(java -XX:+UseSerialGC -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
[ -f "$cds" ] && base+=(-XX:SharedArchiveFile="$cds")

median() { # command... -> median seconds
  local times=() s e
  for _ in $(seq "$runs"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=("$(((e - s) / 1000000))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p" | awk '{printf "%.2f", $1 / 1000}'
}

echo "| JIT | check specs | check 1,000 specs | dry-run 20k | dry-run 200k |"
echo "|---|---|---|---|---|"
for mode in "-XX:TieredStopAtLevel=1" "-XX:+TieredCompilation"; do
  run=("${base[@]}" "$mode" -jar "$jar")
  a=$(CHIRP_DAEMON=0 median "${run[@]}" check specs)
  b=$(CHIRP_DAEMON=0 median "${run[@]}" check "$work/catalog")
  c=$(median "${run[@]}" send specs/order-shipped.yaml --recipients "$work/r20k.csv" --dry-run)
  d=$(median "${run[@]}" send specs/order-shipped.yaml --recipients "$work/r200k.csv" --dry-run)
  echo "| \`$mode\` | $a s | $b s | $c s | $d s |"
done
