#!/usr/bin/env bash
# Runs the GitHub Action's step as the runner would (action.yml's `run:` with its `env:` from the
# inputs, GITHUB_ACTIONS=true, GITHUB_WORKSPACE, GITHUB_STEP_SUMMARY, GITHUB_OUTPUT and
# GITHUB_ACTION_PATH set, in a separate git repository) and checks its exit codes, its output
# (the annotations), the job summary and the step outputs exactly. Part of `mvn verify` (runtime
# module, after the jar is built): GITHUB_ACTION_PATH is this repository, whose built jar the step
# finds as it would on a runner after its first build.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/runtime/target/chirp.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
suite=action
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"
git_() { git -c user.email=ci@example.com -c user.name=ci "$@"; }

# action.yml runs the script with the inputs as its environment: these are the lines the runner
# reads (the step below replays them).
for line in \
  '      run: bash "$GITHUB_ACTION_PATH/action/chirp-action.sh"' \
  '        CHIRP_CATALOG: ${{ inputs.catalog }}' \
  '        CHIRP_BASE: ${{ inputs.base }}' \
  '        CHIRP_STRICT: ${{ inputs.strict }}' \
  '        CHIRP_REPORTS: ${{ inputs.reports }}' \
  '    default: ${{ github.event.pull_request.base.sha }}' \
  '    value: ${{ steps.chirp.outputs.status }}'; do
  same "action.yml has: $line" 1 "$(grep -cxF -- "$line" "$root/action.yml")"
done

step() { # name, catalog, base, strict: runs the step in $repo; sets rc, out, summary, output
  rm -f "$work/summary" "$work/output"
  touch "$work/summary" "$work/output"
  out="$(cd "$repo" && env -u CHIRP -u CHIRP_FORMAT GITHUB_ACTIONS=true CI=true \
    GITHUB_WORKSPACE="$repo" GITHUB_STEP_SUMMARY="$work/summary" GITHUB_OUTPUT="$work/output" \
    GITHUB_ACTION_PATH="$root" CHIRP_CATALOG="$2" CHIRP_BASE="$3" CHIRP_STRICT="$4" \
    CHIRP_REPORTS=chirp-reports bash "$root/action/chirp-action.sh" 2>&1)"
  rc=$?
  summary="$(cat "$work/summary")"
  output="$(cat "$work/output")"
}

# A repository whose catalog is messages/; a pull request that changes a text and its snapshots.
repo="$work/repo"
mkdir -p "$repo" && cp -r "$root/specs" "$repo/messages"
(cd "$repo" && git init -q && git_ add -A && git_ commit -qm base)
# The example catalog's files as check counts them: its specs and chirp.yaml.
files=$(find "$repo/messages" -maxdepth 1 -name '*.yaml' | wc -l)
sed -i 's/Hi {{name}}, order/Hello {{name}}, order/' "$repo/messages/order-shipped.yaml"
(cd "$repo" && java -jar "$jar" check messages --update-snapshots > /dev/null 2>&1 && git_ commit -qam change)
notice='::notice file=messages/file-inferred-content-type.yaml,line=10,col=12,endLine=10,endColumn=81,title=chirp content-type-inferred::contentType inferred as application/pdf from the URL'"'"'s extension .pdf'
info_lines='messages/file-inferred-content-type.yaml:10:12: info[content-type-inferred]: contentType inferred as application/pdf from the URL'"'"'s extension .pdf
 10 |     - url: "https://cdn.nordwind.example/recipes/{{recipeSlug}}/recipe-card.pdf"
    |            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^'
diff='changed: order-shipped
  example default:
    --- a/order-shipped/default.json
    +++ b/order-shipped/default.json
    @@ -10,7 +10,7 @@
       "body": {
         "type": "text",
         "text": {
    -      "text": "Hi Lena, order 482913 is on its way, arriving Friday.",
    +      "text": "Hello Lena, order 482913 is on its way, arriving Friday.",
           "actions": [
             {
               "type": "link",
  example no-eta:
    --- a/order-shipped/no-eta.json
    +++ b/order-shipped/no-eta.json
    @@ -10,7 +10,7 @@
       "body": {
         "type": "text",
         "text": {
    -      "text": "Hi Jonas, order 482914 is on its way.",
    +      "text": "Hello Jonas, order 482914 is on its way.",
           "actions": [
             {
               "type": "link",
1 spec differ: 0 added, 0 removed, 1 changed'

# 1. The pull request: clean, so exit 0; the diff in the log and in the summary.
step "pull request" messages HEAD~1 true
same "pull request: exit code" 0 "$rc"
same "pull request: log" "$notice
--- what this change does to the messages (chirp diff HEAD~1 HEAD) ---
$diff" "$out"
same "pull request: summary" '### chirp check `messages`
```
'"$info_lines"'
0 errors, 0 warnings, 1 info in '"$files"' files
```
### chirp diff `HEAD~1` → `HEAD`
```
'"$diff"'
```' "$summary"
same "pull request: outputs" "status=0
sarif=chirp-reports/chirp.sarif
junit=chirp-reports/chirp-junit.xml
diff=chirp-reports/chirp-diff.txt" "$output"
same "pull request: SARIF has the finding" 1 "$(grep -c '"ruleId" : "content-type-inferred"' "$repo/chirp-reports/chirp.sarif")"
same "pull request: JUnit" 1 "$(grep -c '<testsuites name="chirp check" tests="'"$files"'" failures="0">' "$repo/chirp-reports/chirp-junit.xml")"
same "pull request: git status stays clean" "" "$(cd "$repo" && git status --porcelain --untracked-files=all)"

# 2. A push (no base): no diff, and an empty diff output.
step "push" messages "" true
same "push: exit code" 0 "$rc"
same "push: log" "$notice" "$out"
same "push: summary" '### chirp check `messages`
```
'"$info_lines"'
0 errors, 0 warnings, 1 info in '"$files"' files
```' "$summary"
same "push: outputs" "status=0
sarif=chirp-reports/chirp.sarif
junit=chirp-reports/chirp-junit.xml
diff=" "$output"

# 3. A broken spec: exit 1, an error annotation at the key, status=1.
sed -i 's/^  text: "Hello {{name}}, order/  txt: "Hello {{name}}, order/' "$repo/messages/order-shipped.yaml"
step "broken" messages "" true
same "broken: exit code" 1 "$rc"
same "broken: the error annotation" \
  '::error file=messages/order-shipped.yaml,line=15,col=3,endLine=15,endColumn=6,title=chirp schema-unknown-key::unknown key `txt` in `message` (did you mean `text`?)' \
  "$(grep '^::error' <<<"$out")"
same "broken: summary's last line" "1 error, 0 warnings, 1 info in $files files" "$(tail -2 "$work/summary" | head -1)"
same "broken: status output" "status=1" "$(head -1 <<<"$output")"
(cd "$repo" && git checkout -q -- messages)

# 4. strict: a warning (a variable declared but never used) fails only with strict: true.
sed -i 's/^  total: /  unused:  { type: string, required: false, maxLength: 5 }\n  total: /' "$repo/messages/text-plain.yaml"
step "warning, strict" messages "" true
same "warning, strict: exit code" 1 "$rc"
same "warning, strict: the annotation" \
  '::warning file=messages/text-plain.yaml,line=8,col=3,endLine=8,endColumn=9,title=chirp var-unused::variable `unused` is declared but never used' \
  "$(grep '^::warning' <<<"$out")"
step "warning, not strict" messages "" false
same "warning, not strict: exit code" 0 "$rc"
same "warning, not strict: status output" "status=0" "$(head -1 <<<"$output")"
(cd "$repo" && git checkout -q -- messages)

# 5. A catalog folder that does not exist: exit 2, status=2.
step "no catalog" nowhere "" true
same "no catalog: exit code" 2 "$rc"
same "no catalog: status output" "status=2" "$(head -1 <<<"$output")"

finish
