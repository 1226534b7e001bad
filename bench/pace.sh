#!/usr/bin/env bash
# The send pace a real API allows: a batch of 10,000 rows with --rate 500 (Bird's POST cap per
# workspace) and the default concurrency, against a loopback server that answers every POST after
# 30, 100 and 150 ms (dev.chirp.bench.LatencyServer), measured beside its peers in the same run:
#   - wrk with as many connections as chirp keeps in flight: the physical limit (in flight / RTT);
#   - the previous client (chirp's own HTTP/1.1 client, default --concurrency 4), built from the
#     last commit that had it (8bbf5d0), in full runs only (--previous REV), on 2,000 rows.
# Targets per delay: >= 485 messages/s sustained (first to last arrival at the server), <= 1.0 s of
# CPU per 1,000 messages (user + system of the whole chirp process, JVM start included), peak RSS
# <= 256 MB.
#
#   bash bench/pace.sh [--quick] [--previous REV]
#
# Prints a Markdown table on stdout and "pace: N passed, N failed" on stderr; exit 1 on a miss.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
quick=0; previous=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --previous) previous="$2"; shift ;;
  esac
  shift
done
jar="runtime/target/chirp.jar"
bench_jar="bench/target/benchmarks.jar"
[ -f "$jar" ] && [ -f "$bench_jar" ] || { echo "pace: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"
server=""
trap 'kill $server 2>/dev/null; [ -d "$work/prev" ] && git worktree remove --force "$work/prev" >/dev/null 2>&1; rm -rf "$work"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "pace FAILED: $*" >&2; }

if [ $quick = 1 ]; then rows=300; delays=(30); wrk_secs=2; else rows=10000; delays=(30 100 150); wrk_secs=5; fi
rate=500
ws=2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10
ch=8b5e1d2a-3c4f-4e6a-b7d8-9e0f1a2b3c4d
key="pace-key-$$"
java bench/Gen.java recipients "$work/r.csv" "$rows" >/dev/null 2>&1 || { bad "gen"; exit 1; }
./chirp compile specs/order-shipped.yaml --example --compact > "$work/body.json"
# The concurrency chirp picks by default for --rate 500 (BatchSend.concurrencyFor).
conc=$(awk -v r="$rate" 'BEGIN { c = r * 0.25; c = (c == int(c)) ? c : int(c) + 1; if (c < 4) c = 4; if (c > 128) c = 128; print c }')

prev_jar=""
if [ -n "$previous" ] && [ $quick = 0 ]; then
  if git worktree add --detach "$work/prev" "$previous" >/dev/null 2>&1 &&
    (cd "$work/prev" && mvn -q -o -DskipTests -pl runtime -am package >/dev/null 2>&1); then
    prev_jar="$work/prev/runtime/target/chirp.jar"
  else
    echo "pace: could not build the previous client at $previous; its column stays empty" >&2
  fi
fi

start_server() {
  java -XX:+UseSerialGC -cp "$bench_jar" dev.chirp.bench.LatencyServer "$key" "$1" >"$work/server.out" 2>&1 &
  server=$!
  for _ in $(seq 100); do [ -s "$work/server.out" ] && break; sleep 0.05; done
  url=$(cat "$work/server.out")
}

# send CMD...: runs a batch with CMD as chirp, prints "rate cpu_per_1000 rss_mb accepted".
send() {
  rm -f "$work"/j.sqlite*
  curl -s "$url/stats" >/dev/null
  BIRD_ACCESS_KEY="$key" /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" send specs/order-shipped.yaml \
    --recipients "${csv:-$work/r.csv}" --api-url "$url" --workspace-id "$ws" --channel-id "$ch" \
    --rate "$rate" --journal "$work/j.sqlite" >/dev/null 2>"$work/send.err"
  local stats accepted
  stats=$(curl -s "$url/stats")
  accepted=$(grep -o 'accepted *[0-9,]*' "$work/send.err" | head -1 | tr -dc '0-9')
  read -r n first last _ <<<"$stats"
  read -r _ user sys rss < "$work/time"
  awk -v n="$n" -v f="$first" -v l="$last" -v u="$user" -v s="$sys" -v rss="$rss" -v rows="$rows" -v acc="${accepted:-0}" \
    'BEGIN { r = (l > f) ? (n - 1) / ((l - f) / 1e9) : 0; printf "%.0f %.2f %.0f %d\n", r, (u + s) / rows * 1000, rss / 1024, acc }'
}

echo "| server delay | chirp msg/s | CPU s / 1,000 msg | peak RSS MB | wrk, $conc connections (limit $conc / RTT) | previous client (default --concurrency 4) msg/s |"
echo "|---|---|---|---|---|---|"
for d in "${delays[@]}"; do
  start_server "$d"
  read -r r cpu rss acc < <(send ./chirp)
  [ "$acc" = "$rows" ] && ok || bad "delay $d ms: $acc of $rows accepted: $(tail -3 "$work/send.err")"
  if [ $quick = 0 ]; then
    [ "$r" -ge 485 ] && ok || bad "delay $d ms: $r msg/s (target >= 485)"
    awk -v c="$cpu" 'BEGIN { exit !(c <= 1.0) }' && ok || bad "delay $d ms: $cpu s CPU per 1,000 (target <= 1.0)"
    [ "$rss" -le 256 ] && ok || bad "delay $d ms: RSS $rss MB (target <= 256)"
  fi
  wrk_rps="(wrk not installed)"
  if command -v wrk >/dev/null; then
    wrk_rps=$(BODY_FILE="$work/body.json" KEY="$key" wrk -t2 -c"$conc" -d"${wrk_secs}s" -s bench/post.lua \
      "$url/workspaces/$ws/channels/$ch/messages" 2>/dev/null | awk '/Requests\/sec/ { printf "%.0f", $2 }')
  fi
  prev="—"
  if [ -n "$prev_jar" ]; then
    # 2,000 rows: at 4 in flight it manages about 4 / RTT, so 10,000 would take minutes.
    head -n 2001 "$work/r.csv" > "$work/r2k.csv"
    read -r pr _ _ _ < <(csv="$work/r2k.csv" send java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$prev_jar")
    prev="$pr"
  fi
  limit=$(( conc * 1000 / d ))
  echo "| $d ms | $r | $cpu | $rss | $wrk_rps req/s (limit $limit) | $prev |"
  kill $server; wait $server 2>/dev/null; server=""
done
echo "pace: $passed passed, $failed failed" >&2
[ "$failed" -eq 0 ]
