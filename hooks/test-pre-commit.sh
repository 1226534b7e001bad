#!/usr/bin/env bash
# The pre-commit hook chirp-check with the real pre-commit, as a user sets it up: a separate git
# repository whose .pre-commit-config.yaml points at a clone of this repository (`repo:` its path,
# `rev:` a commit hash), `pre-commit install`, then `git commit`s that must pass or be refused.
# The clone carries this work tree's .pre-commit-hooks.yaml and hooks/ (committed in the clone when
# they differ), so what is tested is what is here. chirp is found on the PATH (the built jar behind
# a `chirp` command), as for someone who installed a release. Part of `mvn verify` (runtime module);
# skipped, saying so, when pre-commit is not installed (Debian package pre-commit; .ci/run installs
# it).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/runtime/target/chirp.jar"
if ! command -v pre-commit >/dev/null 2>&1; then
  echo "pre-commit hook test skipped: pre-commit is not installed (Debian package pre-commit: apt-get install pre-commit)"
  exit 0
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
suite=pre-commit
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"
git_() { git -c user.email=ci@example.com -c user.name=ci -c commit.gpgsign=false "$@"; }
export PRE_COMMIT_HOME="$work/pre-commit-cache"
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec java -jar "%s" "$@"\n' "$jar" > "$work/bin/chirp"
chmod +x "$work/bin/chirp"
export PATH="$work/bin:$PATH"
unset CHIRP

# The hook's repository: a clone of this one, with the work tree's hook files.
hooks="$work/chirp"
git clone -q "$root" "$hooks"
rm -rf "$hooks/hooks" && cp -r "$root/hooks" "$hooks/hooks" && cp "$root/.pre-commit-hooks.yaml" "$hooks/"
(cd "$hooks" && git_ add -A .pre-commit-hooks.yaml hooks && { git diff --cached --quiet || git_ commit -qm "hook files of the work tree"; })
rev="$(cd "$hooks" && git rev-parse HEAD)"

# The user's repository: a catalog in specs/, other YAML elsewhere.
repo="$work/repo"
mkdir -p "$repo" && cp -r "$root/specs" "$repo/specs"
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: chirp-check
YAML
(cd "$repo" && git init -q && git_ add -A && git_ commit -qm base && pre-commit install > /dev/null)
commit() { # message: git commit (the hook runs); sets rc and out
  out="$(cd "$repo" && git_ commit -qm "$1" 2>&1)"
  rc=$?
}

# 1. A changed spec with its snapshots: the commit goes through.
sed -i 's/Hi {{name}}, order/Hello {{name}}, order/' "$repo/specs/order-shipped.yaml"
(cd "$repo" && chirp check specs --update-snapshots > /dev/null 2>&1 && git add -A)
commit "a spec"
same "a good spec: commit exit code" 0 "$rc"
has_line "a good spec: the hook passed" "$out" "chirp check..............................................................Passed"

# 2. A broken spec: refused, with the finding at its place.
sed -i 's/^  text: "Hello {{name}}, order/  txt: "Hello {{name}}, order/' "$repo/specs/order-shipped.yaml"
(cd "$repo" && git add specs/order-shipped.yaml)
commit "a broken spec"
same "a broken spec: commit exit code" 1 "$rc"
has_line "a broken spec: the hook failed" "$out" "chirp check..............................................................Failed"
has_line "a broken spec: the finding" "$out" 'specs/order-shipped.yaml:15:3: error[schema-unknown-key]: unknown key `txt` in `message`'
# The staged spec and its catalog's chirp.yaml, not the other specs.
has_line "a broken spec: only the staged file" "$out" '1 error, 0 warnings in 2 files'
(cd "$repo" && git reset -q && git checkout -q -- specs)

# 3. YAML outside the catalog (and in hidden folders) is not chirp's: the hook leaves it alone (it
# would fail if chirp read config/app.yaml, which is not even valid YAML).
mkdir -p "$repo/config" "$repo/.github/workflows"
printf 'not: [a, spec\n' > "$repo/config/app.yaml"
printf 'name: ci\non: push\n' > "$repo/.github/workflows/ci.yml"
(cd "$repo" && git add config .github)
commit "other YAML"
same "other YAML: commit exit code" 0 "$rc"
has_line "other YAML: the hook passed" "$out" "chirp check..............................................................Passed"

# 4. chirp.yaml staged: the whole catalog is checked, so a spec that is not staged but no longer
# fits the changed template registry stops the commit.
sed -i '0,/    locales: \[en\]/s//    locales: [de]/' "$repo/specs/chirp.yaml"
(cd "$repo" && git add specs/chirp.yaml)
commit "the catalog file"
same "chirp.yaml staged: commit exit code" 1 "$rc"
has_line "chirp.yaml staged: the unstaged spec's finding" "$out" \
  'specs/template-text.yaml:11:11: error[template-locale]: template `order-confirmation` is not approved in en; it has de'
files=$(find "$repo/specs" -maxdepth 1 -name '*.yaml' | wc -l) # its specs and chirp.yaml
has_line "chirp.yaml staged: every file checked" "$out" "1 error, 0 warnings, 1 info in $files files"
(cd "$repo" && git reset -q && git checkout -q -- specs)

finish
