#!/usr/bin/env bash
# Runs the CI recipe the way CI would, against the example catalog and a broken copy of it, and
# checks exit codes and outputs. Part of `mvn verify` (after the jar is built).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/runtime/target/chirp.jar"
export CHIRP="java -jar $jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
expect() { # name, expected exit, actual exit
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "recipe FAILED: $1: exit $3, expected $2"; fi
}
lacks() { # name, file, text
  if grep -qF -- "$3" "$2"; then failed=$((failed + 1)); echo "recipe FAILED: $1: $2 has: $3"; else passed=$((passed + 1)); fi
}
contains() { # name, file, text
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "recipe FAILED: $1: $2 lacks: $3"; fi
}

# 1. The example catalog is clean: exit 0, and SARIF with no error (its one info is a note).
(cd "$work" && CHIRP_CATALOG="$root/specs" CHIRP_FORMAT=github bash "$root/docs/ci/chirp-ci.sh" > clean.out 2>&1)
expect "clean catalog" 0 $?
grep -A1 '"ruleIndex"' "$work/chirp.sarif" > "$work/levels.txt"
lacks "clean SARIF" "$work/levels.txt" '"level" : "error"'
contains "clean SARIF note" "$work/chirp.sarif" '"ruleId" : "content-type-inferred"'
contains "clean JUnit" "$work/chirp-junit.xml" 'failures="0"'

# 2. A broken copy: exit 1, a GitHub annotation at the right place, SARIF with the finding.
mkdir -p "$work/broken" && cp -r "$root/specs/." "$work/broken/"
sed -i 's/^  text: "Hi {{name}}, order/  txt: "Hi {{name}}, order/' "$work/broken/order-shipped.yaml"
(cd "$work" && CHIRP_CATALOG="$work/broken" CHIRP_FORMAT=github bash "$root/docs/ci/chirp-ci.sh" > broken.out 2>&1)
expect "broken catalog" 1 $?
contains "annotation" "$work/broken.out" '::error file='
contains "annotation message" "$work/broken.out" 'unknown key `txt` in `message` (did you mean `text`?)'
contains "SARIF result" "$work/chirp.sarif" '"ruleId" : "schema-unknown-key"'

# 3. The diff between two revisions of a git repository holding the catalog.
repo="$work/repo"
mkdir -p "$repo" && cp -r "$root/specs" "$repo/specs"
(cd "$repo" && git init -q && git -c user.email=ci@example.com -c user.name=ci add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm base)
sed -i 's/Hi {{name}}, order/Hello {{name}}, order/' "$repo/specs/order-shipped.yaml"
(cd "$repo" && git -c user.email=ci@example.com -c user.name=ci commit -qam change)
(cd "$repo" && CHIRP_BASE=HEAD~1 CHIRP_FORMAT=human bash "$root/docs/ci/chirp-ci.sh" > diff.out 2>&1)
expect "diff run (snapshots now differ, so the check fails)" 1 $?
contains "diff names the spec" "$repo/chirp-diff.txt" 'changed: order-shipped'
contains "diff shows the payload line" "$repo/chirp-diff.txt" '+       "text": "Hello Lena, order 482913 is on its way, arriving Friday.",'
contains "diff json" "$repo/chirp-diff.json" '"spec" : "order-shipped"'

echo "recipes: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
