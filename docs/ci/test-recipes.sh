#!/usr/bin/env bash
# Runs the CI recipe the way CI would, against the example catalog and a broken copy of it, and
# checks exit codes and outputs. Part of `mvn verify` (after the jar is built).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/runtime/target/chirp.jar"
export CHIRP="java -jar $jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
suite=recipes
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"
expect() { # name, expected exit, actual exit
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "recipe FAILED: $1: exit $3, expected $2"; fi
}
lacks() { # name, file, text
  if grep -qF -- "$3" "$2"; then failed=$((failed + 1)); echo "recipe FAILED: $1: $2 has: $3"; else passed=$((passed + 1)); fi
}
contains() { # name, file, text
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "recipe FAILED: $1: $2 lacks: $3"; fi
}
files_in() { # folder: its files and folders, hidden ones too, one a line, sorted
  (cd "$1" && find . -mindepth 1 | sed 's|^\./||' | LC_ALL=C sort)
}

# 1. The example catalog is clean: exit 0, and SARIF with no error (its one info is a note). The
# reports go to chirp-reports/, which ignores itself, and nowhere else.
mkdir "$work/clean"
(cd "$work/clean" && CHIRP_CATALOG="$root/specs" CHIRP_FORMAT=github bash "$root/docs/ci/chirp-ci.sh" > "$work/clean.out" 2>&1)
expect "clean catalog" 0 $?
same "clean: files written" "chirp-reports
chirp-reports/.gitignore
chirp-reports/chirp-junit.xml
chirp-reports/chirp.sarif" "$(files_in "$work/clean")"
same "the reports folder ignores itself" "# reports of docs/ci/chirp-ci.sh: build output, never committed
*" "$(cat "$work/clean/chirp-reports/.gitignore")"
reports="$work/clean/chirp-reports"
grep -A1 '"ruleIndex"' "$reports/chirp.sarif" > "$work/levels.txt"
lacks "clean SARIF" "$work/levels.txt" '"level" : "error"'
contains "clean SARIF note" "$reports/chirp.sarif" '"ruleId" : "content-type-inferred"'
# The catalog was named by absolute path: its files are file: URIs (exactly, when the path needs no
# percent-encoding).
contains "clean SARIF: an absolute path is a file: URI" "$reports/chirp.sarif" '"uri" : "file:///'
if [[ "$root" =~ ^[A-Za-z0-9/._~-]+$ ]]; then
  contains "clean SARIF: the file: URI" "$reports/chirp.sarif" "\"uri\" : \"file://$root/specs/file-inferred-content-type.yaml\""
fi
contains "clean JUnit" "$reports/chirp-junit.xml" 'failures="0"'

# 2. A broken copy: exit 1, a GitHub annotation at the right place, SARIF with the finding.
mkdir -p "$work/broken" && cp -r "$root/specs/." "$work/broken/"
sed -i 's/^  text: "Hi {{name}}, order/  txt: "Hi {{name}}, order/' "$work/broken/order-shipped.yaml"
# CHIRP_REPORTS names another folder, here one that exists already: it is used as it is (no
# .gitignore is put into a folder the script did not create).
mkdir -p "$work/out/ci"
(cd "$work" && CHIRP_CATALOG="$work/broken" CHIRP_FORMAT=github CHIRP_REPORTS=out/ci bash "$root/docs/ci/chirp-ci.sh" > broken.out 2>&1)
expect "broken catalog" 1 $?
contains "annotation" "$work/broken.out" '::error file='
contains "annotation message" "$work/broken.out" 'unknown key `txt` in `message` (did you mean `text`?)'
same "CHIRP_REPORTS: files written" "chirp-junit.xml
chirp.sarif" "$(files_in "$work/out/ci")"
contains "SARIF result" "$work/out/ci/chirp.sarif" '"ruleId" : "schema-unknown-key"'
contains "JUnit failure" "$work/out/ci/chirp-junit.xml" '<failure type="schema-unknown-key"'

# 3. The diff between two revisions of a git repository holding the catalog.
repo="$work/repo"
mkdir -p "$repo" && cp -r "$root/specs" "$repo/specs"
(cd "$repo" && git init -q && git -c user.email=ci@example.com -c user.name=ci add -A && git -c user.email=ci@example.com -c user.name=ci commit -qm base)
sed -i 's/Hi {{name}}, order/Hello {{name}}, order/' "$repo/specs/order-shipped.yaml"
(cd "$repo" && git -c user.email=ci@example.com -c user.name=ci commit -qam change)
(cd "$repo" && CHIRP_BASE=HEAD~1 CHIRP_FORMAT=human bash "$root/docs/ci/chirp-ci.sh" > "$work/diff.out" 2>&1)
expect "diff run (snapshots now differ, so the check fails)" 1 $?
same "diff: files written" "chirp-reports
chirp-reports/.gitignore
chirp-reports/chirp-diff.json
chirp-reports/chirp-diff.txt
chirp-reports/chirp-junit.xml
chirp-reports/chirp.sarif" "$(files_in "$repo" | grep -v -e '^\.git' -e '^specs')"
contains "diff names the spec" "$repo/chirp-reports/chirp-diff.txt" 'changed: order-shipped'
contains "diff shows the payload line" "$repo/chirp-reports/chirp-diff.txt" '+      "text": "Hello Lena, order 482913 is on its way, arriving Friday.",'
contains "diff json" "$repo/chirp-reports/chirp-diff.json" '"spec" : "order-shipped"'
contains "diff printed" "$work/diff.out" 'changed: order-shipped'
# The reports leave the work tree clean: git sees nothing new (the repository has no .gitignore).
same "git status after the recipe" "" "$(cd "$repo" && git status --porcelain --untracked-files=all)"

# 4. The workflow files use the folder the script writes to.
contains "GitHub uploads the SARIF written" "$root/docs/ci/github-actions.yml" 'sarif_file: chirp-reports/chirp.sarif'
contains "GitHub keeps the reports" "$root/docs/ci/github-actions.yml" 'path: chirp-reports/'
contains "GitLab reads the JUnit written" "$root/docs/ci/gitlab-ci.yml" 'junit: chirp-reports/chirp-junit.xml'
contains "GitLab keeps the reports" "$root/docs/ci/gitlab-ci.yml" 'paths: [chirp-reports/]'

finish
