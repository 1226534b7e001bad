#!/usr/bin/env bash
# The step of the chirp GitHub Action (action.yml at the repository root), run in the checked-out
# repository (GITHUB_WORKSPACE) with the inputs as CHIRP_CATALOG, CHIRP_BASE, CHIRP_STRICT and
# CHIRP_REPORTS. It
#   1. finds chirp: CHIRP if set (a command, e.g. an unpacked release's bin/chirp), else the jar in
#      the action's folder (GITHUB_ACTION_PATH), built there with Maven when it is not yet;
#   2. runs the CI recipe docs/ci/chirp-ci.sh: annotations (--format github), the SARIF and JUnit
#      files, and with a base the payload diff (chirp diff BASE HEAD);
#   3. writes the job summary (GITHUB_STEP_SUMMARY): the check's findings and the diff;
#   4. writes the outputs (GITHUB_OUTPUT): status, sarif, junit, diff.
# Exits with the recipe's status: 0 clean, 1 problems found, 2 chirp could not run.
set -uo pipefail
action="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"
catalog="${CHIRP_CATALOG:-specs}"
reports="${CHIRP_REPORTS:-chirp-reports}"
base="${CHIRP_BASE:-}"
cd "${GITHUB_WORKSPACE:-.}" || exit 2

if [ -z "${CHIRP:-}" ]; then
  jar="$action/runtime/target/chirp.jar"
  if [ ! -f "$jar" ]; then
    echo "::group::Building chirp (mvn package in $action)"
    if ! (cd "$action" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl runtime -am package); then
      echo "::endgroup::"
      echo "::error title=chirp::chirp could not be built in $action (it needs Java 17+ and Maven)"
      echo "status=2" >> "${GITHUB_OUTPUT:-/dev/null}"
      exit 2
    fi
    echo "::endgroup::"
  fi
  CHIRP="java -jar $jar"
fi
export CHIRP

# The recipe writes no summary of its own here: this step writes the whole summary below.
env -u GITHUB_STEP_SUMMARY CHIRP_CATALOG="$catalog" CHIRP_REPORTS="$reports" CHIRP_BASE="$base" \
  bash "$action/docs/ci/chirp-ci.sh"
status=$?

if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
  {
    echo "### chirp check \`$catalog\`"
    echo '```'
    $CHIRP check "$catalog" --format human --color never 2>&1 | head -c 400000
    echo '```'
    if [ -n "$base" ] && [ -f "$reports/chirp-diff.txt" ]; then
      echo "### chirp diff \`$base\` → \`HEAD\`"
      echo '```'
      head -c 400000 "$reports/chirp-diff.txt"
      echo '```'
    fi
  } >> "$GITHUB_STEP_SUMMARY"
fi

if [ -n "${GITHUB_OUTPUT:-}" ]; then
  {
    echo "status=$status"
    echo "sarif=$reports/chirp.sarif"
    echo "junit=$reports/chirp-junit.xml"
    if [ -n "$base" ]; then echo "diff=$reports/chirp-diff.txt"; else echo "diff="; fi
  } >> "$GITHUB_OUTPUT"
fi
exit $status
