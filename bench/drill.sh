#!/usr/bin/env bash
# Fault drill: a batch against the loopback Channels API server while both the sender and the
# server are killed (SIGKILL) and restarted at random moments; then the server's log is compared
# with the journal. Every row must have arrived exactly once, except rows the journal reports as
# unknown (in flight at a kill), which arrived at most once.
#
#   bash bench/drill.sh           the full drill: 5,000 rows, 8 kills
#   bash bench/drill.sh --quick   the short form (part of mvn verify): 600 rows, 4 kills
#
# Needs the built jars (mvn -q -DskipTests package). Prints "drill: N passed, M failed" and exits non-zero on a
# failure, leaving its folder for a post-mortem.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
rows=5000; kills=8; rate=400
[ "${1:-}" = "--quick" ] && { rows=600; kills=4; rate=300; }
jar="runtime/target/chirp.jar"
bench_jar="bench/target/benchmarks.jar"
[ -f "$jar" ] && [ -f "$bench_jar" ] || { echo "drill: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"
key="drill-key-$$"
log="$work/server.log"
server=""
sender=""
cleanup() { kill -9 $server $sender 2>/dev/null; }
trap cleanup EXIT

java bench/Gen.java recipients "$work/r.csv" "$rows"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18765)

start_server() {
  java -cp "$bench_jar" dev.chirp.bench.BenchServer "$key" "$port" "$log" >"$work/server.out" 2>&1 &
  server=$!
  for _ in $(seq 100); do grep -q http "$work/server.out" 2>/dev/null && break; sleep 0.05; done
  read -r url ws ch < "$work/server.out"
}
start_sender() {
  BIRD_ACCESS_KEY="$key" java -jar "$jar" send bench/drill-spec.yaml \
    --recipients "$work/r.csv" --api-url "http://127.0.0.1:$port" \
    --workspace-id "$ws" --channel-id "$ch" --rate "$rate" --concurrency 8 \
    --journal "$work/j.sqlite" >>"$work/sender.out" 2>>"$work/sender.err" &
  sender=$!
}

: > "$work/server.out"
start_server
for k in $(seq "$kills"); do
  start_sender
  sleep "0.$(( (RANDOM % 8) + 6 ))"
  if [ $((k % 2)) -eq 0 ]; then
    kill -9 "$server"; wait "$server" 2>/dev/null
    sleep 0.2
    : > "$work/server.out"; start_server
    sleep 0.3
  fi
  kill -9 "$sender" 2>/dev/null; wait "$sender" 2>/dev/null
done
# The last run goes to the end.
BIRD_ACCESS_KEY="$key" java -jar "$jar" send bench/drill-spec.yaml \
  --recipients "$work/r.csv" --api-url "http://127.0.0.1:$port" --workspace-id "$ws" --channel-id "$ch" \
  --rate 0 --concurrency 8 --journal "$work/j.sqlite" >>"$work/sender.out" 2>"$work/last.err"
last=$?
java -jar "$jar" report "$work/j.sqlite" > "$work/report.txt"

passed=0; failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "drill FAILED: $1" >&2; fi; }
grep -o '"outcome":"accepted","reference":"[^"]*"' "$work/report.txt" | sed 's/.*"reference":"\([^"]*\)"/\1/' | sort > "$work/accepted"
grep -o '"outcome":"unknown","reference":"[^"]*"' "$work/report.txt" | sed 's/.*"reference":"\([^"]*\)"/\1/' | sort > "$work/unknown"
sort "$log" > "$work/arrived"
uniq -d "$work/arrived" > "$work/twice"
n_acc=$(wc -l < "$work/accepted"); n_unk=$(wc -l < "$work/unknown")
check "every row is accepted or unknown ($n_acc + $n_unk of $rows)" '[ $((n_acc + n_unk)) -eq "$rows" ]'
check "no row arrived twice ($(wc -l < "$work/twice") did)" '[ ! -s "$work/twice" ]'
check "every accepted row arrived" '[ -z "$(comm -23 "$work/accepted" "$work/arrived")" ]'
check "everything that arrived is accepted or unknown" '[ -z "$(comm -23 "$work/arrived" <(sort -m "$work/accepted" "$work/unknown"))" ]'
check "the last run finished (exit $last: 0, or 3 with unknown rows)" '[ "$last" -eq 0 ] || [ "$last" -eq 3 ]'
echo "drill: $rows rows, $kills kills (half of them of the server too): $n_acc accepted, $n_unk unknown, $(wc -l < "$work/arrived") arrived"
echo "drill: $passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then rm -rf "$work"; else echo "drill: kept $work" >&2; fi
[ "$failed" -eq 0 ]
