#!/usr/bin/env bash
# Which JIT set-up the launcher's fixed options should use: the quick compiler only
# (-XX:TieredStopAtLevel=1) against the JVM's default tiered compilation (C1 then C2), on what
# people run: `check` of the example catalog (start-up), `check` of a 1,000-spec catalog, and
# dry-runs of 20k and 200k recipients (chirp's own CPU). The two set-ups take turns run by run, so
# a machine busy with other work slows both alike. Prints a Markdown table: median wall time and
# median CPU time (user + system) of each.
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
modes=("-XX:TieredStopAtLevel=1" "-XX:+TieredCompilation")
loads=("check specs" "check $work/catalog" "send specs/order-shipped.yaml --recipients $work/r20k.csv --dry-run"
  "send specs/order-shipped.yaml --recipients $work/r200k.csv --dry-run")

for _ in $(seq "$runs"); do
  for l in "${!loads[@]}"; do
    for m in "${!modes[@]}"; do
      # shellcheck disable=SC2086 # a workload is a list of arguments
      CHIRP_DAEMON=0 /usr/bin/time -f "%e %U %S" -a -o "$work/t.$m.$l" \
        "${base[@]}" "${modes[$m]}" -jar "$jar" ${loads[$l]} >/dev/null 2>&1
    done
  done
done
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }
echo "| JIT | check specs | check 1,000 specs | dry-run 20k | dry-run 200k |"
echo "|---|---|---|---|---|"
for m in "${!modes[@]}"; do
  row="| \`${modes[$m]}\`"
  for l in "${!loads[@]}"; do
    wall=$(awk '{print $1}' "$work/t.$m.$l" | median)
    cpu=$(awk '{printf "%.2f\n", $2 + $3}' "$work/t.$m.$l" | median)
    row="$row | $wall s ($cpu s CPU)"
  done
  echo "$row |"
done
