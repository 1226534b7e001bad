# The checks of chirp's script tests (action, dist, e2e, hooks, recipes): each counts as passed or
# failed, a failure prints what was expected and what came. Source it after setting suite=NAME;
# end the script with `finish`, whose status is the script's.
passed=0
failed=0
same() { # name, expected, actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf '%s FAILED: %s:\n--- expected\n%s\n--- actual\n%s\n' "$suite" "$1" "$2" "$3"; fi
}
has_line() { # name, text, line: the text has exactly this line
  if grep -qxF -- "$3" <<<"$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf '%s FAILED: %s: no line\n%s\n--- in\n%s\n' "$suite" "$1" "$3" "$2"; fi
}
finish() {
  echo "$suite: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
