#!/usr/bin/env bash
# chirp in CI: check the catalog (annotations for the pull request, SARIF and JUnit files for
# upload), and show what the change does to the compiled messages.
#
#   CHIRP          how to run chirp (default ./chirp)
#   CHIRP_CATALOG  the catalog folder (default specs)
#   CHIRP_BASE     a git revision to diff against, e.g. origin/main (default: no diff)
#   CHIRP_FORMAT   the check output: github on GitHub Actions, human elsewhere
#   CHIRP_REPORTS  the folder the report files go to (default chirp-reports)
#   CHIRP_STRICT   true (default): warnings fail the check too; false: only errors do
#
# Exit 0 when the catalog is clean, 1 when it has problems, 2 on errors. Writes chirp.sarif,
# chirp-junit.xml and (with CHIRP_BASE) chirp-diff.txt / chirp-diff.json into CHIRP_REPORTS,
# relative to the current folder. A reports folder this script creates gets a .gitignore of its own
# (`*`), so git ignores it and everything in it without any set-up; `chirp init` also lists
# chirp-reports/ in the .gitignore it writes.
set -uo pipefail
CHIRP=${CHIRP:-./chirp}
CATALOG=${CHIRP_CATALOG:-specs}
BASE=${CHIRP_BASE:-}
REPORTS=${CHIRP_REPORTS:-chirp-reports}
STRICT=(--strict)
[ "${CHIRP_STRICT:-true}" = false ] && STRICT=()
if [ -n "${CHIRP_FORMAT:-}" ]; then
  FORMAT=$CHIRP_FORMAT
elif [ "${GITHUB_ACTIONS:-}" = "true" ]; then
  FORMAT=github
else
  FORMAT=human
fi

if [ ! -d "$REPORTS" ]; then
  mkdir -p "$REPORTS" || exit 2
  printf '# reports of docs/ci/chirp-ci.sh: build output, never committed\n*\n' > "$REPORTS/.gitignore"
fi

status=0
$CHIRP check "$CATALOG" --format "$FORMAT" "${STRICT[@]}"
rc=$?
[ $rc -gt $status ] && status=$rc
$CHIRP check "$CATALOG" --format sarif > "$REPORTS/chirp.sarif"
$CHIRP check "$CATALOG" --format junit > "$REPORTS/chirp-junit.xml"

if [ -n "$BASE" ]; then
  $CHIRP diff "$BASE" HEAD --catalog "$CATALOG" > "$REPORTS/chirp-diff.txt"
  rc=$?
  $CHIRP diff "$BASE" HEAD --catalog "$CATALOG" --format json > "$REPORTS/chirp-diff.json"
  if [ $rc -eq 2 ]; then
    status=2
  fi
  echo "--- what this change does to the messages (chirp diff $BASE HEAD) ---"
  cat "$REPORTS/chirp-diff.txt"
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    { echo '### chirp diff'; echo '```'; cat "$REPORTS/chirp-diff.txt"; echo '```'; } >> "$GITHUB_STEP_SUMMARY"
  fi
fi
exit $status
