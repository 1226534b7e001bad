#!/usr/bin/env bash
# `chirp status` against a server 100 ms away that allows 50 reads a second (LatencyServer): over a
# journal of 10,000 and of 100,000 sent rows, for a fixed 40 s each (100,000 rows take over half an
# hour at Bird's pace), reads a second, 429s and the peak RSS of the status process. Targets: no
# 429, about 48 reads a second (chirp's pace, under Bird's 50), and the same memory at both sizes
# (the journal is streamed, not loaded).
#
#   bash bench/status.sh [--quick]     (--quick: 2,000 rows, 10 s; part of the smoke run)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
quick=0; [ "${1:-}" = "--quick" ] && quick=1
jar="runtime/target/chirp.jar"; bench_jar="bench/target/benchmarks.jar"
[ -f "$jar" ] && [ -f "$bench_jar" ] || { echo "status: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"; servers=()
trap 'kill "${servers[@]}" 2>/dev/null; rm -rf "$work"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "status FAILED: $*" >&2; }
if [ $quick = 1 ]; then sizes=(2000); secs=10; else sizes=(10000 100000); secs=40; fi
ws=2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10; ch=8b5e1d2a-3c4f-4e6a-b7d8-9e0f1a2b3c4d; key="status-key-$$"
serve() { # DELAY_MS OUT
  java -XX:+UseSerialGC -cp "$bench_jar" dev.chirp.bench.LatencyServer "$key" "$1" >"$2" 2>&1 &
  servers+=($!)
  for _ in $(seq 100); do [ -s "$2" ] && break; sleep 0.05; done
}
serve 0 "$work/fast.out"; fast=$(cat "$work/fast.out")
serve 100 "$work/slow.out"; slow=$(cat "$work/slow.out")
echo "| journal rows | reads/s over ${secs} s | 429s | peak RSS MB |"
echo "|---|---|---|---|"
for n in "${sizes[@]}"; do
  java bench/Gen.java recipients "$work/r$n.csv" "$n" >/dev/null 2>&1
  BIRD_ACCESS_KEY="$key" java -XX:+UseSerialGC -jar "$jar" send specs/order-shipped.yaml --recipients "$work/r$n.csv" \
    --api-url "$fast" --workspace-id "$ws" --channel-id "$ch" --rate 0 --concurrency 32 \
    --journal "$work/j$n.sqlite" >/dev/null 2>"$work/send$n.err" || { bad "send of $n rows: $(tail -2 "$work/send$n.err")"; continue; }
  curl -s "$slow/stats" >/dev/null
  BIRD_ACCESS_KEY="$key" java -XX:+UseSerialGC -jar "$jar" status "$work/j$n.sqlite" --api-url "$slow" \
    >/dev/null 2>"$work/status$n.err" &
  pid=$!
  sleep "$secs"
  # The status process's peak resident memory so far, then it is stopped (it is not done).
  rss=$(( $(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0) / 1024 ))
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  read -r _ _ _ _ reads tooMany < <(curl -s "$slow/stats")
  rate=$(awk -v r="$reads" -v s="$secs" 'BEGIN { printf "%.1f", r / s }')
  echo "| $n | $rate | $tooMany | $rss |"
  [ "$tooMany" = 0 ] && ok || bad "$n rows: $tooMany answers 429"
  [ "$reads" -gt 0 ] && ok || bad "$n rows: nothing read: $(tail -3 "$work/status$n.err")"
done
echo "status: $passed passed, $failed failed" >&2
[ "$failed" -eq 0 ]
