#!/usr/bin/env bash
# How long an editor waits for chirp lsp's findings: one spec of a generated 1,000-spec catalog is
# open, and each of 200 edits is timed from didChange to the publishDiagnostics for that version
# (dev.chirp.bench.LspBench), after 50 warm-up edits that are not counted. Edits alternate between
# inserting an unknown key and removing it, and every answer is checked. Beside it, in the same
# run and in turns, yaml-language-server (bench/node_modules) validates the same text against
# chirp's JSON Schema (through its yaml.schemas setting), edited the same way. Both are started as
# an editor starts them: `./chirp lsp` (CHIRP_DAEMON=0) and `yaml-language-server --stdio`.
# Targets: chirp's median and p95 no higher than yaml-language-server's (ratio <= 1.0), p95 <= 50 ms.
# Resident memory (VmRSS, and VmHWM, its peak) of each server with the catalog open, after the edits.
#
#   bash bench/lsp.sh [--quick]    (--quick: 50 specs, 10 edits after 4; part of the smoke run)
#
# Prints a Markdown table on stdout and "lsp: N passed, N failed" on stderr; exit 1 on a miss.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
quick=0; [ "${1:-}" = "--quick" ] && quick=1
jar="runtime/target/chirp.jar"; bench_jar="bench/target/benchmarks.jar"
[ -f "$jar" ] && [ -f "$bench_jar" ] || { echo "lsp: build first: mvn -q -DskipTests package" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "lsp FAILED: $*" >&2; }
if [ $quick = 1 ]; then specs=50; edits=10; warmup=4; else specs=1000; edits=200; warmup=50; fi
pause=50 # ms between an answer and the next edit

java bench/Gen.java catalog "$work/catalog" "$specs" >/dev/null 2>&1 || { bad "gen"; exit 1; }
servers=("chirp=$root/chirp lsp")
yls="bench/node_modules/.bin/yaml-language-server"
if [ -x "$yls" ]; then
  servers+=("yaml-language-server=$root/$yls --stdio")
elif [ $quick = 1 ]; then
  echo "lsp: skipped yaml-language-server: it is not installed (npm ci --prefix bench)" >&2
else
  bad "yaml-language-server is not installed: run npm ci --prefix bench first"
fi
if CHIRP_DAEMON=0 java -XX:+UseSerialGC -cp "$bench_jar" dev.chirp.bench.LspBench "$work/catalog" \
  schema/chirp-spec.schema.json "$edits" "$warmup" "$pause" "${servers[@]}" >"$work/out" 2>"$work/err"; then
  ok
else
  bad "$(cat "$work/err")"
fi

echo "| server ($specs specs, $edits edits) | sync | median ms | p95 ms | max ms | RSS MB (peak) |"
echo "|---|---|---|---|---|---|"
awk '/^RESULT/ { printf "| %s | %s | %s | %s | %s | %.0f (%.0f) |\n", $2, $9, $4, $5, $6, $7 / 1024, $8 / 1024 }' "$work/out"
read -r _ _ _ c_med c_p95 _ < <(grep '^RESULT chirp ' "$work/out" || echo "- - - 0 0")
read -r _ _ _ y_med y_p95 _ < <(grep '^RESULT yaml-language-server ' "$work/out" || echo "- - - 0 0")
if [ "$y_med" != 0 ] && [ "$c_med" != 0 ]; then
  awk -v cm="$c_med" -v cp="$c_p95" -v ym="$y_med" -v yp="$y_p95" \
    'BEGIN { printf "\nratio chirp / yaml-language-server: median %.2f, p95 %.2f\n", cm / ym, cp / yp }'
  # The machine is shared: its load says how much the timings include waiting for a core.
  echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
  if [ $quick = 0 ]; then
    awk -v c="$c_med" -v y="$y_med" 'BEGIN { exit !(c <= y) }' && ok || bad "median $c_med ms against $y_med ms (target ratio <= 1.0)"
    awk -v c="$c_p95" -v y="$y_p95" 'BEGIN { exit !(c <= y) }' && ok || bad "p95 $c_p95 ms against $y_p95 ms (target ratio <= 1.0)"
  fi
fi
if [ $quick = 0 ] && [ "$c_p95" != 0 ]; then
  awk -v c="$c_p95" 'BEGIN { exit !(c <= 50) }' && ok || bad "chirp p95 $c_p95 ms (target <= 50)"
fi
echo "lsp: $passed passed, $failed failed" >&2
[ "$failed" -eq 0 ]
