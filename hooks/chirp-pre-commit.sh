#!/usr/bin/env bash
# The pre-commit hook chirp-check (.pre-commit-hooks.yaml): `chirp check` over the staged files
# pre-commit passes (paths relative to the repository root, where it runs us).
#
#  - a spec file (.yaml/.yml inside a catalog: a folder with chirp.yaml, or below one) is checked
#    on its own (with its catalog's settings);
#  - a staged chirp.yaml, partial (.mustache) or payload snapshot (payloads/*.json) checks its
#    whole catalog, since ids, the template registry, locales and partials are catalog-wide;
#  - files outside any catalog, or in a hidden folder (.github/, .gitlab/...), are left alone.
#
# chirp is, in this order: CHIRP (a command), `chirp` on the PATH (an installed release), or the jar
# of this hook's repository, which pre-commit cloned; it is built there with Maven on first use.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"

catalog_of() { # a file -> the nearest folder at or above it with a chirp.yaml, or nothing
  local dir
  dir="$(dirname "$1")"
  while :; do
    if [ -f "$dir/chirp.yaml" ]; then printf '%s\n' "$dir"; return; fi
    [ "$dir" = . ] || [ "$dir" = / ] && return
    dir="$(dirname "$dir")"
  done
}

whole=()
specs=()
for f in "$@"; do
  case "/$f" in */.*) continue ;; esac
  catalog="$(catalog_of "$f")"
  [ -n "$catalog" ] || continue
  case "/$f" in
    */chirp.yaml | *.mustache | */payloads/*.json) whole+=("$catalog") ;;
    *.yaml | *.yml) specs+=("$f") ;;
  esac
done

# Each catalog once; a spec whose catalog is checked whole needs no check of its own.
targets=()
if [ ${#whole[@]} -gt 0 ]; then
  while IFS= read -r c; do targets+=("$c"); done < <(printf '%s\n' "${whole[@]}" | LC_ALL=C sort -u)
fi
for f in ${specs[@]+"${specs[@]}"}; do
  inside=no
  for c in ${targets[@]+"${targets[@]}"}; do
    case "$f" in "$c"/*) [ "$(catalog_of "$f")" = "$c" ] && inside=yes ;; esac
  done
  [ "$inside" = yes ] || targets+=("$f")
done
[ ${#targets[@]} -gt 0 ] || exit 0

if [ -n "${CHIRP:-}" ]; then
  read -r -a chirp <<<"$CHIRP"
elif command -v chirp >/dev/null 2>&1; then
  chirp=(chirp)
else
  repo="$(cd "$here/.." && pwd)"
  jar="$repo/runtime/target/chirp.jar"
  if [ ! -f "$jar" ]; then
    command -v mvn >/dev/null || {
      echo "chirp-check: chirp is not installed and Maven (mvn) is needed to build it: install a release (README, Install) or Maven" >&2
      exit 2
    }
    echo "chirp-check: building chirp once (mvn package in $repo)..." >&2
    (cd "$repo" && mvn -B -q -DskipTests -Dspotless.check.skip=true -pl runtime -am package) >&2
  fi
  chirp=(java -jar "$jar")
fi
exec "${chirp[@]}" check "${targets[@]}"
