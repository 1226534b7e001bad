#!/usr/bin/env bash
# chirp benchmarks: each number is a ratio against a peer measured in the same run, or a rate.
#
#   bash bench/run.sh           full run (minutes): 1,000-spec catalog, 1M-row batch, JMH, send pace,
#                               status reads, chirp lsp latency
#   bash bench/run.sh --quick   a smoke run on tiny inputs (part of mvn verify), checks it works
#
# Needs: the built jars (mvn -q -DskipTests package), ajv-cli and yaml-language-server in bench/node_modules
# (`npm ci --prefix bench`),
# and for the send-pace peer wrk (Debian package wrk; skipped when missing, never installed here).
# Writes bench/results.md (full runs) and prints a summary.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
work="$(mktemp -d)"
# The bench's own resident checkers (in its own XDG_RUNTIME_DIR, below) are stopped by chirp.
trap 'kill $server 2>/dev/null; [ -n "$sock" ] && ./chirp daemon stop >/dev/null 2>&1; rm -rf "$work"' EXIT
server=""
sock=""
# Every measurement runs chirp cold (a new JVM), except the one that says it uses the daemon.
export CHIRP_DAEMON=0
# The bench's own resident checker, apart from any this user already runs (one serving this
# directory would answer the bench's check, and `daemon status`/`stop` would see it).
export XDG_RUNTIME_DIR="$work/run"
mkdir -m 700 "$XDG_RUNTIME_DIR"
jar="runtime/target/chirp.jar"
bench_jar="bench/target/benchmarks.jar"
cds="runtime/target/chirp.jsa"
[ -f "$jar" ] && [ -f "$bench_jar" ] || { echo "bench: build first: mvn -q -DskipTests package" >&2; exit 2; }
JAVA=(java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
[ -f "$cds" ] && JAVA+=(-XX:SharedArchiveFile="$cds")
chirp() { ./chirp "$@"; }

if [ $quick = 1 ]; then specs=20; rows_small=1000; rows_big=5000; runs=3; wrk_secs=2; else specs=1000; rows_small=100000; rows_big=1000000; runs=5; wrk_secs=10; fi
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "bench FAILED: $*" >&2; }

# Median wall time in seconds of running "$@" $runs times.
median() {
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    times+=("$(( (e - s) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p" | awk '{printf "%.3f", $1 / 1000}'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "== inputs: $specs specs, $rows_small and $rows_big recipients"
java bench/Gen.java catalog "$work/catalog" "$specs" || bad "generate catalog"
java bench/Gen.java recipients "$work/small.csv" "$rows_small" || bad "generate recipients"
java bench/Gen.java recipients "$work/big.csv" "$rows_big" || bad "generate recipients"
chirp check specs >/dev/null 2>&1 # warm the page cache and the CDS archive

# 1. check versus ajv-cli on the same files and schema.
check_line="(ajv-cli not available)"
# ajv-cli is used where it is installed (npm ci --prefix bench; .ci/run does it): this script
# installs nothing.
if [ -x bench/node_modules/.bin/ajv ]; then
  t_chirp=$(median chirp check "$work/catalog")
  t_ajv=$(median bench/node_modules/.bin/ajv validate --spec=draft2020 --strict=false -s schema/chirp-spec.schema.json -d "$work/catalog/[a-z]*-[0-9]*.yaml")
  # The same check through the resident chirp the launcher starts (see README, "Fast checks"):
  # the first run starts it; once its socket is there, checks go to it.
  ddir="${XDG_RUNTIME_DIR:-/tmp}/chirp-$(id -u)"
  touch "$work/mark"
  CHIRP_DAEMON=1 ./chirp check "$work/catalog" >"$work/cold.out" 2>&1
  for _ in $(seq 120); do
    sock="$(find "$ddir" -maxdepth 1 -name '*.sock' -newer "$work/mark" 2>/dev/null | head -1)"
    [ -n "$sock" ] && break
    sleep 0.5
  done
  t_warm="n/a"
  t_warm_one="n/a"
  if [ -n "$sock" ]; then
    CHIRP_DAEMON=1 ./chirp check "$work/catalog" >"$work/warm.out" 2>&1
    if cmp -s "$work/cold.out" "$work/warm.out"; then ok; else bad "the daemon's check printed something else than a direct check"; fi
    t_warm=$(CHIRP_DAEMON=1 median chirp check "$work/catalog")
    one="$(ls "$work"/catalog/*.yaml | head -1)"
    t_warm_one=$(CHIRP_DAEMON=1 median chirp check "$one")
    # The launcher's own commands for it: status names it, stop ends it and its socket.
    if ./chirp daemon status | grep -q "serves $PWD\$"; then ok; else bad "chirp daemon status does not name this directory's daemon"; fi
    ./chirp daemon stop >/dev/null
    if [ ! -e "$sock" ] && [ "$(./chirp daemon status)" = "chirp: no resident checker is running" ]; then ok; else bad "chirp daemon stop left a daemon or its socket"; fi
  else
    bad "no daemon socket appeared in $ddir"
  fi
  check_line="chirp check ${t_chirp} s (new JVM) and ${t_warm} s (through the daemon), ajv-cli ${t_ajv} s: ratio $(ratio "$t_chirp" "$t_ajv") new JVM, $(ratio "${t_warm/n\/a/0}" "$t_ajv") through the daemon"
  ok
elif [ $quick = 1 ]; then
  echo "bench: skipped the check comparison: ajv-cli is not installed (npm ci --prefix bench)"
else
  bad "ajv-cli is not installed: run npm ci --prefix bench first"
fi
echo "check ($specs specs): $check_line"

# 2. Start-up.
t_version=$(median chirp --version)
t_one=$(median chirp check specs/text-plain.yaml)
startup_line="--version ${t_version} s (target 0.25), check of one spec ${t_one} s in a new JVM, ${t_warm_one:-n/a} s through the daemon (target 0.5)"
echo "startup: $startup_line"
ok

# 3. Dry-run batches to /dev/null with a 256 MB heap: payloads/s and peak memory, small vs big.
dry() { # file -> "seconds peak_kb"
  CHIRP_JAVA_OPTS=-Xmx256m /usr/bin/time -f "%e %M" -o "$work/time" ./chirp send specs/order-shipped.yaml --recipients "$1" --dry-run >/dev/null 2>"$work/dry.err"
  local rc=$?
  [ $rc -eq 0 ] || { bad "dry-run exit $rc: $(tail -3 "$work/dry.err")"; }
  cat "$work/time"
}
read -r s_small kb_small < <(dry "$work/small.csv")
read -r s_big kb_big < <(dry "$work/big.csv")
rate_big=$(awk -v n="$rows_big" -v s="$s_big" 'BEGIN { printf "%.0f", n / s }')
echo "dry-run: $rows_big rows in ${s_big} s = ${rate_big} payloads/s (target 100,000); peak RSS ${kb_small} KB at $rows_small rows, ${kb_big} KB at $rows_big rows (-Xmx256m)"
# Flat memory: the same big batch within a heap of 96 MB (the duplicate index, ~12 bytes a row, is
# the only thing that grows with the rows).
if CHIRP_JAVA_OPTS=-Xmx96m ./chirp send specs/order-shipped.yaml --recipients "$work/big.csv" --dry-run >/dev/null 2>"$work/dry96.err"; then
  small_heap="completes with -Xmx96m too"
else
  small_heap="does NOT complete with -Xmx96m: $(tail -1 "$work/dry96.err")"
fi
echo "dry-run: $rows_big rows $small_heap"
ok

# 4. JMH: compile and resolve in process.
if [ $quick = 1 ]; then jmh_args=(-f 0 -wi 0 -i 1 -r 1 -p spec=order-shipped); else jmh_args=(-p spec=order-shipped,list-custom-button,carousel-images,template-typed-parameters); fi
java -jar "$bench_jar" CompileBench "${jmh_args[@]}" -rf csv -rff "$work/jmh.csv" >"$work/jmh.out" 2>&1 && ok || bad "jmh: $(tail -3 "$work/jmh.out")"
echo "jmh (ops/s):"
[ -f "$work/jmh.csv" ] && awk -F, 'NR > 1 { gsub(/"/, ""); printf "  %-28s %-28s %12.0f\n", $1, $8, $5 }' "$work/jmh.csv"

# 5. Send pace against a server 30/100/150 ms away (bench/pace.sh): --rate 500, default concurrency,
# beside wrk with as many connections and, in full runs, the previous HTTP/1.1 client.
pace_args=(); [ $quick = 1 ] && pace_args=(--quick) || pace_args=(--previous 8bbf5d0)
if bash bench/pace.sh "${pace_args[@]}" > "$work/pace.md" 2>"$work/pace.err"; then ok; else bad "pace: $(grep FAILED "$work/pace.err" | head -3)"; fi
echo "send pace:"; cat "$work/pace.md"
# 6. Status reads at Bird's read cap (bench/status.sh): no 429, memory alike at 10k and 100k rows.
status_args=(); [ $quick = 1 ] && status_args=(--quick)
if bash bench/status.sh "${status_args[@]}" > "$work/status.md" 2>"$work/status.err"; then ok; else bad "status: $(grep FAILED "$work/status.err" | head -3)"; fi
echo "status reads:"; cat "$work/status.md"
# 7. chirp lsp: didChange to publishDiagnostics on a 1,000-spec catalog beside yaml-language-server
# (bench/lsp.sh; the quick run skips yaml-language-server with a line when it is not installed).
lsp_args=(); [ $quick = 1 ] && lsp_args=(--quick)
if bash bench/lsp.sh "${lsp_args[@]}" > "$work/lsp.md" 2>"$work/lsp.err"; then ok; else bad "lsp: $(grep FAILED "$work/lsp.err" | head -3)"; fi
grep -h "skipped" "$work/lsp.err"
echo "chirp lsp:"; cat "$work/lsp.md"

if [ $quick = 0 ]; then
  {
    echo "# Latest benchmark figures"
    echo
    echo "Run: \`bash bench/run.sh\` on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%d)."
    echo
    echo "- check ($specs specs): $check_line (target <= 1.0)"
    echo "- startup: $startup_line"
    echo "- dry-run: $rows_big rows in ${s_big} s = ${rate_big} payloads/s (target 100,000); peak RSS ${kb_small} KB at $rows_small rows, ${kb_big} KB at $rows_big rows (-Xmx256m); $small_heap"
    echo
    echo "Send pace (\`bench/pace.sh\`): 10,000 rows, \`--rate 500\`, default concurrency; targets >= 485 msg/s, <= 1.0 s CPU per 1,000, <= 256 MB:"
    echo
    cat "$work/pace.md"
    echo
    echo "Status reads (\`bench/status.sh\`): 40 s each against a server 100 ms away allowing 50 reads a second:"
    echo
    cat "$work/status.md"
    echo
    echo "chirp lsp (\`bench/lsp.sh\`): didChange to publishDiagnostics for one spec of a 1,000-spec catalog, 200 edits after 50 warm-up ones, beside yaml-language-server validating the same text against chirp's schema; targets: ratio <= 1.0, p95 <= 50 ms:"
    echo
    cat "$work/lsp.md"
    echo
    echo "JMH (ops/s, in process):"
    echo
    [ -f "$work/jmh.csv" ] && awk -F, 'NR > 1 { gsub(/"/, ""); printf "- %s %s: %.0f ± %.0f\n", $1, $8, $5, $6 }' "$work/jmh.csv"
  } > bench/results.md
  echo "wrote bench/results.md"
fi
echo "bench: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
