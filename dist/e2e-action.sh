# Part of dist/test-e2e.sh (sourced; its variables and helpers): the pull request's job as the
# workflow `chirp init --ci github` wrote runs it. The runner reads the chirp action's action.yml:
# its one step's `run:`, run as `shell: bash` runs it, with the step's `env:`, whose `${{ inputs.X }}`
# are the workflow's `with:` values, else action.yml's defaults (the base's default is the pull
# request's base commit). The job's setup-java gives the runner a Java (here the build's, in
# $work/runner) and no chirp; the action finds the jar in its folder where its Maven build puts it
# (runtime/target/chirp.jar), here the archive's lib/chirp.jar, the same shaded jar.

workflow="$team/.github/workflows/chirp.yml"
action_yml="$chirp_repo/action.yml"
# The workflow uses this version of the action, on setup-java's Java 17.
same "the workflow uses the action" 1 "$(grep -cxF "        uses: $(cd "$root" && sed -n 's:.*<chirp.github>\(.*\)</chirp.github>.*:\1:p' pom.xml)@v$version" "$workflow")"
same "the workflow sets up Java 17" 1 "$(grep -cxF '          java-version: "17"' "$workflow")"

unquote() { local v="$1"; v="${v#\"}"; v="${v%\"}"; printf '%s' "$v"; }
with_value() { # input name -> the workflow's `with:` value for the chirp step, if any
  awk -v key="$1" '
    /^ *- id: chirp$/ { step = 1; next }
    step && /^ *- / { step = 0 }
    step && /^ *with:$/ { with = 1; next }
    with && $1 == key ":" { sub(/^ *[a-z]+: */, ""); print; exit }' "$workflow"
}
input_default() { # input name -> action.yml's default
  awk -v key="$1" '
    /^inputs:$/ { inputs = 1; next }
    /^[a-z]/ { inputs = 0 }
    inputs && /^  [a-z]+:$/ { name = $1 }
    inputs && name == key ":" && /^    default:/ { sub(/^    default: */, ""); print; exit }' "$action_yml"
}
base_sha="$(cd "$team" && git rev-parse main)"
evaluate() { # an action.yml value -> what the runner makes of it; unknown expressions fail the test
  local v
  v="$(unquote "$1")"
  case "$v" in
    '${{ inputs.'*' }}')
      local name="${v#\$\{\{ inputs.}"
      name="${name% \}\}}"
      if [ -n "$(with_value "$name")" ]; then v="$(with_value "$name")"; else v="$(input_default "$name")"; fi
      evaluate "$v" ;;
    '${{ github.event.pull_request.base.sha }}') printf '%s' "$base_sha" ;;
    *'${{'*) same "an expression the test's runner knows" "" "$v" ;;
    *) printf '%s' "$v" ;;
  esac
}
step_env=()
while IFS= read -r line; do
  key="${line%%:*}"
  key="${key// /}"
  step_env+=("$key=$(evaluate "${line#*: }")")
done < <(awk '/^    - id: chirp$/ { step = 1; next } step && /^      env:$/ { env = 1; next }
  env && /^        [A-Z_]+: / { print; next } env { exit }' "$action_yml")
same "the step's environment" "CHIRP_CATALOG=specs
CHIRP_BASE=$base_sha
CHIRP_STRICT=true
CHIRP_REPORTS=chirp-reports" "$(printf '%s\n' "${step_env[@]}")"
run_text="$(awk '/^    - id: chirp$/ { step = 1; next } step && /^      run: / { sub(/^      run: /, ""); print; exit }' "$action_yml")"
same "the step's run" 'bash "$GITHUB_ACTION_PATH/action/chirp-action.sh"' "$run_text"
same "the step's shell" 1 "$(grep -cxF '      shell: bash' "$action_yml")"
printf '%s\n' "$run_text" > "$work/runner/step.sh"
mkdir -p "$chirp_repo/runtime/target"
cp "$work/opt/chirp-$version/lib/chirp.jar" "$chirp_repo/runtime/target/chirp.jar"

job() { # the chirp step on the pull request: sets rc, out, summary, output
  : > "$work/runner/summary"
  : > "$work/runner/output"
  user env PATH="$work/runner:$work/tools" JAVA_HOME="$runner_java" CI=true GITHUB_ACTIONS=true \
    GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main GITHUB_HEAD_REF=welcome-text \
    GITHUB_WORKSPACE="$team" GITHUB_ACTION_PATH="$chirp_repo" RUNNER_TEMP="$work/runner" \
    GITHUB_STEP_SUMMARY="$work/runner/summary" GITHUB_OUTPUT="$work/runner/output" \
    "${step_env[@]}" bash --noprofile --norc -eo pipefail "$work/runner/step.sh"
  summary="$(cat "$work/runner/summary")"
  output="$(cat "$work/runner/output")"
}
summary_of() { # check's human output, diff -> the job summary
  printf '### chirp check `specs`\n```\n%s\n```\n### chirp diff `%s` → `HEAD`\n```\n%s\n```' "$1" "$base_sha" "$2"
}
outputs="status=%s
sarif=chirp-reports/chirp.sarif
junit=chirp-reports/chirp-junit.xml
diff=chirp-reports/chirp-diff.txt"
reports() { # the SARIF and JUnit files, parsed: their findings and counts, one line each
  if [ -z "$python" ]; then
    echo "python3 is not installed"
    return
  fi
  (cd "$team/chirp-reports" && "$python" -c '
import json, xml.etree.ElementTree as ET
sarif = json.load(open("chirp.sarif"))
print("sarif", sarif["version"], len(sarif["runs"]))
for r in sarif["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    print("sarif result", r["ruleId"], r["level"], loc["artifactLocation"]["uri"], loc["region"]["startLine"], loc["region"]["startColumn"])
junit = ET.parse("chirp-junit.xml").getroot()
print("junit", junit.tag, junit.get("tests"), junit.get("failures"))
for case in junit.iter("testcase"):
    print("junit case", case.get("name"), "failed" if case.find("failure") is not None else "passed")
' 2>&1)
}

job
same "the job on the broken change: exit code" 1 "$rc"
same "the job on the broken change: log" "::error file=specs/welcome.yaml,line=15,col=19,endLine=15,endColumn=62,title=chirp var-value::example \`team\`: \`name\` = \"The whole Nordwind customer service team!\" is 41 characters; at most 40 allowed
--- what this change does to the messages (chirp diff $base_sha HEAD) ---
$diff" "$out"
same "the job on the broken change: summary" "$(summary_of "$finding
1 error, 0 warnings in 2 files" "$diff")" "$summary"
# shellcheck disable=SC2059 # the outputs are the format
same "the job on the broken change: outputs" "$(printf "$outputs" 1)" "$output"
if [ -n "$python" ]; then
  same "the job on the broken change: SARIF and JUnit" "sarif 2.1.0 1
sarif result var-value error specs/welcome.yaml 15 19
junit testsuites 2 1
junit case specs/welcome.yaml failed
junit case specs/chirp.yaml passed" "$(reports)"
else
  echo "e2e: the SARIF and JUnit files not parsed: python3 is not installed"
fi
step "the reports stay out of git" 0 "" git status --porcelain --untracked-files=all

# 6. The fix: the example's name fits; the commit passes the hook, the job passes.
sed -i 's/The whole Nordwind customer service team!/The Nordwind customer service team/' "$team/specs/welcome.yaml"
if [ -n "$has_pre_commit" ]; then
  step "the fix's commit (the hook passes)" 0 "$(dots "chirp check" Passed)" git commit -qam "welcome: a name that fits"
else
  step "the fix's commit" 0 "" git commit -qam "welcome: a name that fits"
fi
fixed_diff="$(sed '/^  example team (new):$/,$d' <<<"$diff")
  example team (new):
    --- /dev/null
    +++ b/welcome/team.json
    @@ -1,0 +1,24 @@
    +{
    +  \"receiver\": {
    +    \"contacts\": [
    +      {
    +        \"identifierKey\": \"phonenumber\",
    +        \"identifierValue\": \"+31612345678\"
    +      }
    +    ]
    +  },
    +  \"body\": {
    +    \"type\": \"text\",
    +    \"text\": {
    +      \"text\": \"Hello The Nordwind customer service team, welcome! Reply to this message any time.\",
    +      \"actions\": [
    +        {
    +          \"type\": \"reply\",
    +          \"reply\": {
    +            \"text\": \"Hello!\"
    +          }
    +        }
    +      ]
    +    }
    +  }
    +}
1 spec differ: 0 added, 0 removed, 1 changed"
job
same "the job on the fix: exit code" 0 "$rc"
same "the job on the fix: log" "--- what this change does to the messages (chirp diff $base_sha HEAD) ---
$fixed_diff" "$out"
same "the job on the fix: summary" "$(summary_of "ok: 2 files checked, no problems" "$fixed_diff")" "$summary"
# shellcheck disable=SC2059
same "the job on the fix: outputs" "$(printf "$outputs" 0)" "$output"
if [ -n "$python" ]; then
  same "the job on the fix: SARIF and JUnit" "sarif 2.1.0 1
junit testsuites 2 0
junit case specs/welcome.yaml passed
junit case specs/chirp.yaml passed" "$(reports)"
fi
