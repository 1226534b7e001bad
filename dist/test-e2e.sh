#!/usr/bin/env bash
# The end-to-end test of issue 19: one story a new team lives, outside this repository, with only
# the release archive and the README's commands. In a temporary folder (HOME there too, git's
# identity from the environment, no global or system git config read):
#
#   1. Install: the archive unpacked and linked as README "Install" says; no java on the PATH.
#   2. `chirp init specs --ci github` in a new git repository, `chirp check specs`.
#   3. The pre-commit hook as README "pre-commit hook" sets it up (repo: a clone of this repository
#      at a commit, with this work tree's hook files), `pre-commit install`, the first commit.
#   4. On a branch, one spec changes: one error, one payload change. The commit is refused by the
#      hook; `chirp check --changed-since main`, the hook script run as pre-commit runs it,
#      `SKIP=chirp-check git commit`, `chirp diff main HEAD`.
#   5. The pull request's job as `chirp init --ci github` wrote it: action.yml's step run as the
#      runner runs it (its `env:` from the workflow's `with:` and action.yml's defaults), on the
#      runner's Java (setup-java), with the jar in the action's folder where its build puts it.
#   6. The fix: the commit passes the hook, the job passes.
#
# Every output is compared whole (the temporary folder shown as $WORK). Part of `mvn verify`
# (dist module, after test-dist.sh); skipped, saying so, without a JDK 19+ with jlink (no archive
# then) and, for the pre-commit steps, without pre-commit.
#
#   test-e2e.sh VERSION TARGET_DIR REQUIRED [RUNNER_JAVA_HOME]
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="$1"
required="$3"
runner_java="${4:-}"
# shellcheck source=dist/jdk.sh
source "$here/jdk.sh"
if [ -z "$(jlink_jdk)" ] && [ "$required" != true ]; then
  echo "e2e: skipped: no JDK 19 or newer with jlink, so no archive (set CHIRP_JLINK_JDK)"
  exit 0
fi
target="$(cd "$2" && pwd)"
tarball="$target/chirp-$version-linux-x64.tar.gz"
[ -f "$tarball" ] || { echo "e2e: no archive at $tarball" >&2; exit 1; }
if [ -z "$runner_java" ]; then
  runner_java="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
fi
# python3 reads the report files (the test's, not the user's tool): its executable, not a shim.
python="$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null || true)"
has_pre_commit="$(command -v pre-commit || true)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# The test's own git commands (the clone below) read no global or system git config either.
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1
suite=e2e
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"

# The user's machine: the tools the story uses, and no Java (test-dist.sh: the archive needs only bash,
# readlink, dirname and env).
mkdir -p "$work/home" "$work/opt" "$work/bin" "$work/tools" "$work/runner"
for tool in bash sh env git tar gzip ln readlink dirname basename sed grep cat head tail tr sort \
  wc cut mkdir rm cp mv ls touch uname pre-commit; do
  path="$(command -v "$tool")" && ln -s "$path" "$work/tools/$tool"
done
ln -s "$runner_java/bin/java" "$work/runner/java"
team="$work/team"
typed=()
user() { # a command as the user, in the team's repository: sets rc, out (stdout and stderr)
  local word line=""
  for word in "$@"; do
    case "$word" in *' '*) word="\"$word\"" ;; esac
    line="${line:+$line }$word"
  done
  typed+=("${line#env }")
  out="$(cd "$team" && env -i PATH="$work/bin:$work/tools" HOME="$work/home" LANG=C.UTF-8 \
    TMPDIR="$work" GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=Team GIT_AUTHOR_EMAIL=team@example.com \
    GIT_COMMITTER_NAME=Team GIT_COMMITTER_EMAIL=team@example.com "$@" 2>&1)"
  rc=$?
  out="${out//"$work"/\$WORK}"
}
step() { # name, expected exit code, expected output, command...: the command as the user
  local name="$1" code="$2" expected="$3"
  shift 3
  user "$@"
  same "$name: exit code" "$code" "$rc"
  same "$name: output" "$expected" "$out"
}

# 1. Install, as README "Install" says (/opt and /usr/local/bin are folders of $WORK here).
mkdir -p "$team"
step "no java on the user's PATH" 1 "" bash -c 'command -v java'
step "unpack the archive" 0 "" tar -xzf "$tarball" -C "$work/opt"
step "link chirp" 0 "" ln -s "$work/opt/chirp-$version/bin/chirp" "$work/bin/chirp"
step "chirp --version" 0 "chirp $version" chirp --version

# 2. A new repository and its catalog.
step "git init" 0 "" git init -q -b main
step "chirp init specs --ci github" 0 "created specs/chirp.yaml, specs/welcome.yaml, specs/.gitignore and specs/schema/chirp-spec.schema.json
created .github/workflows/chirp.yml (checks specs)
next: chirp check specs" chirp init specs --ci github
step "the files init wrote" 0 "?? .github/workflows/chirp.yml
?? specs/.gitignore
?? specs/chirp.yaml
?? specs/schema/chirp-spec.schema.json
?? specs/welcome.yaml" git status --porcelain --untracked-files=all
step "chirp check specs" 0 "ok: 2 files checked, no problems" chirp check specs

# 3. The pre-commit hook: its repository is a clone of this one at a commit, carrying this work
# tree's hook and action files, as a user's `repo:` and `rev:` name a release.
chirp_repo="$work/chirp"
git clone -q "$root" "$chirp_repo"
for f in .pre-commit-hooks.yaml hooks action.yml action docs/ci; do
  rm -rf "${chirp_repo:?}/$f" && cp -r "$root/$f" "$chirp_repo/$f"
done
(cd "$chirp_repo" && git add -A && { git diff --cached --quiet ||
  git -c user.name=ci -c user.email=ci@example.com -c commit.gpgsign=false commit -qm "the work tree's hook and action files"; })
rev="$(cd "$chirp_repo" && git rev-parse HEAD)"
cat > "$team/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $chirp_repo
    rev: $rev
    hooks:
      - id: chirp-check
YAML
dots() { printf '%s%s%s' "$1" "$(printf '%*s' $((79 - ${#1} - ${#2})) '' | tr ' ' .)" "$2"; }
if [ -n "$has_pre_commit" ]; then
  step "pre-commit install" 0 "pre-commit installed at .git/hooks/pre-commit" pre-commit install
  user git add -A
  step "the first commit (the hook passes)" 0 "[INFO] Initializing environment for \$WORK/chirp.
$(dots "chirp check" Passed)" git commit -qm "chirp catalog"
else
  echo "e2e: the pre-commit steps skipped: pre-commit is not installed (Debian package pre-commit)"
  user git add -A
  step "the first commit" 0 "" git commit -qm "chirp catalog"
fi

# 4. A branch: the welcome text changes, and a new example is one character too long.
user git switch -q -c welcome-text
sed -i 's/Hi {{name}}, welcome!/Hello {{name}}, welcome!/' "$team/specs/welcome.yaml"
printf '  - name: team\n    vars: { name: "The whole Nordwind customer service team!" }\n' >> "$team/specs/welcome.yaml"
user git add specs/welcome.yaml
finding='specs/welcome.yaml:15:19: error[var-value]: example `team`: `name` = "The whole Nordwind customer service team!" is 41 characters; at most 40 allowed
 15 |     vars: { name: "The whole Nordwind customer service team!" }
    |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'
if [ -n "$has_pre_commit" ]; then
  step "the branch's commit is refused" 1 "$(dots "chirp check" Failed)
- hook id: chirp-check
- exit code: 1

$finding
1 error, 0 warnings in 2 files" git commit -qm "welcome: say hello"
fi
step "chirp check --changed-since main" 1 "$finding
1 error, 0 warnings in 1 file" chirp check --changed-since main
# pre-commit runs the hook from the repository's root with the staged files that match `files:`.
step "the hook script, as pre-commit runs it" 1 "$finding
1 error, 0 warnings in 2 files" "$chirp_repo/hooks/chirp-pre-commit.sh" specs/welcome.yaml
if [ -n "$has_pre_commit" ]; then
  step "SKIP=chirp-check git commit" 0 "$(dots "chirp check" Skipped)" \
    env SKIP=chirp-check git commit -qm "welcome: say hello"
else
  step "the branch's commit" 0 "" git commit -qm "welcome: say hello"
fi
diff='changed: welcome
  example default:
    --- a/welcome/default.json
    +++ b/welcome/default.json
    @@ -10,7 +10,7 @@
       "body": {
         "type": "text",
         "text": {
    -      "text": "Hi Ada, welcome! Reply to this message any time.",
    +      "text": "Hello Ada, welcome! Reply to this message any time.",
           "actions": [
             {
               "type": "reply",
  example team (new):
    --- /dev/null
    +++ b/welcome/team.json
    @@ -1,0 +1,2 @@
    +(does not compile)
    +welcome.yaml:15:19: error[var-value]: example `team`: `name` = "The whole Nordwind customer service team!" is 41 characters; at most 40 allowed
1 spec differ: 0 added, 0 removed, 1 changed'
step "chirp diff main HEAD" 1 "$diff" chirp diff main HEAD

# 5. The pull request's job, as .github/workflows/chirp.yml runs it.
source "$here/e2e-action.sh"

# The README's commands for this story ("Use it in your repository") are the ones typed here, in
# this order (the test types a few more between them).
readme=()
while IFS= read -r line; do readme+=("$line"); done < <(awk '
  /^A new team.s first day/ { story = 1 } story && /^```sh$/ { block = 1; next }
  block && /^```$/ { exit } block { sub(/ *#.*$/, ""); print }' "$root/README.md" |
  if [ -n "$has_pre_commit" ]; then cat; else grep -v -e pre-commit -e SKIP=; fi)
same "the README tells the story" yes "$([ ${#readme[@]} -gt 5 ] && echo yes)"
next=0
for line in ${typed[@]+"${typed[@]}"}; do
  [ "$next" -lt ${#readme[@]} ] && [ "$line" = "${readme[$next]}" ] && next=$((next + 1))
done
same "the README's commands, typed in order" "${#readme[@]} of ${#readme[@]}" "$next of ${#readme[@]}"
[ "$next" -eq ${#readme[@]} ] || printf 'e2e: the README has, and the test did not type next:\n%s\n' "${readme[$next]}"

finish
