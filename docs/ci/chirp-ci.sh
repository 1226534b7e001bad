#!/usr/bin/env bash
# chirp in CI: check the catalog (annotations for the pull request, SARIF and JUnit files for
# upload), and show what the change does to the compiled messages.
#
#   CHIRP          how to run chirp (default ./chirp)
#   CHIRP_CATALOG  the catalog folder (default specs)
#   CHIRP_BASE     a git revision to diff against, e.g. origin/main (default: no diff)
#   CHIRP_FORMAT   the check output: github on GitHub Actions, human elsewhere
#
# Exit 0 when the catalog is clean, 1 when it has problems, 2 on errors. Writes chirp.sarif,
# chirp-junit.xml and (with CHIRP_BASE) chirp-diff.txt / chirp-diff.json in the current folder.
set -uo pipefail
CHIRP=${CHIRP:-./chirp}
CATALOG=${CHIRP_CATALOG:-specs}
BASE=${CHIRP_BASE:-}
if [ -n "${CHIRP_FORMAT:-}" ]; then
  FORMAT=$CHIRP_FORMAT
elif [ "${GITHUB_ACTIONS:-}" = "true" ]; then
  FORMAT=github
else
  FORMAT=human
fi

status=0
$CHIRP check "$CATALOG" --format "$FORMAT" --strict
rc=$?
[ $rc -gt $status ] && status=$rc
$CHIRP check "$CATALOG" --format sarif > chirp.sarif
$CHIRP check "$CATALOG" --format junit > chirp-junit.xml

if [ -n "$BASE" ]; then
  $CHIRP diff "$BASE" HEAD --catalog "$CATALOG" > chirp-diff.txt
  rc=$?
  $CHIRP diff "$BASE" HEAD --catalog "$CATALOG" --format json > chirp-diff.json
  if [ $rc -eq 2 ]; then
    status=2
  fi
  echo "--- what this change does to the messages (chirp diff $BASE HEAD) ---"
  cat chirp-diff.txt
  if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
    { echo '### chirp diff'; echo '```'; cat chirp-diff.txt; echo '```'; } >> "$GITHUB_STEP_SUMMARY"
  fi
fi
exit $status
