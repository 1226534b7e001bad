#!/usr/bin/env bash
# Tries the release artifacts as a user would (dist module, phase package, after the archive is
# made): the archive unpacked into a folder with a space in its name, chirp run through a link from
# another folder with no Java on the PATH, with the start-up cache required (-XX:AOTMode=on fails
# when it cannot be used), and its answers compared with those of the plain jar on the build's Java.
#
#   test-dist.sh VERSION TARGET_DIR REQUIRED
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="$1"
target="$2"
# shellcheck source=dist/jdk.sh
source "$here/jdk.sh"
if [ -z "$(jlink_jdk)" ] && [ "${3:-true}" != true ]; then
  echo "dist: test skipped: no JDK 19 or newer with jlink, so no archive (set CHIRP_JLINK_JDK)"
  exit 0
fi
tarball="$target/chirp-$version-linux-x64.tar.gz"
jar="$target/chirp-$version.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
suite=dist
# shellcheck source=scripts/checks.sh
source "$root/scripts/checks.sh"

# The archive: one top folder, the launcher and the runtime's java executable.
same "archive's top folder" "chirp-$version/" "$(tar -tzf "$tarball" | cut -d/ -f1 | sort -u)/"
listing="$(tar -tvzf "$tarball")"
for f in bin/chirp runtime/bin/java; do
  same "$f is executable" "-rwxr-xr-x" "$(grep " chirp-$version/$f\$" <<<"$listing" | cut -c1-10)"
done
# The start-up cache: an AOT cache from JDK 25 on, a CDS archive from a JDK 19-24.
cache=lib/chirp.aot
required=-XX:AOTMode=on
if ! grep -q " chirp-$version/$cache\$" <<<"$listing"; then cache=lib/chirp.jsa; required=-Xshare:on; fi
for f in lib/chirp.jar "$cache" completion/chirp.bash README.md LICENSE runtime/release; do
  same "archive holds $f" 1 "$(grep -c " chirp-$version/$f\$" <<<"$listing")"
done

opt="$work/opt with space"
mkdir -p "$opt" "$work/bin" "$work/tools"
tar -xzf "$tarball" -C "$opt"
ln -s "$opt/chirp-$version/bin/chirp" "$work/bin/chirp"
for tool in bash readlink dirname env; do ln -s "$(command -v "$tool")" "$work/tools/$tool"; done
run() { # chirp as a user with no Java: only the link and the launcher's tools on the PATH
  (cd "$root" && env -i PATH="$work/bin:$work/tools" HOME="$work" LANG=C.UTF-8 "$@")
}
same "no java on the user's PATH" "" "$(run bash -c 'command -v java')"

out="$(run chirp --version)"
same "chirp --version" "0 chirp $version" "$? $out"
start=$(date +%s%N)
out="$(run env CHIRP_JAVA_OPTS=$required chirp --version 2>&1)"
rc=$?
ms=$((($(date +%s%N) - start) / 1000000))
same "chirp --version with the start-up cache required ($required)" "0 chirp $version" "$rc $out"
echo "dist: chirp --version from the unpacked archive, first run: ${ms} ms"

expected="$(cd "$root" && java -jar "$jar" check specs --color never 2>&1)"
same "java -jar chirp-$version.jar check" 0 "$?"
actual="$(run env CHIRP_JAVA_OPTS=$required chirp check specs --color never 2>&1)"
same "archive's chirp check: exit code" 0 "$?"
same "archive's chirp check: output" "$expected" "$actual"

expected="$(cd "$root" && java -jar "$jar" compile specs/order-shipped.yaml --example --compact 2>&1)"
actual="$(run chirp compile specs/order-shipped.yaml --example --compact 2>&1)"
same "archive's chirp compile" "$expected" "$actual"
same "the compiled payload is the committed snapshot" \
  "$(tr -d ' \n' < "$root/specs/payloads/order-shipped.default.json")" "$(tr -d ' \n' <<<"$actual")"

expected="$(cd "$root" && java -jar "$jar" preview specs/text-reply-buttons.yaml 2>&1)"
actual="$(run chirp preview specs/text-reply-buttons.yaml 2>&1)"
same "archive's chirp preview" "$expected" "$actual"

# A broken spec: exit 1 and the diagnostic, as from the jar.
mkdir -p "$work/broken"
sed 's/^  text: "Hi {{name}}, order/  txt: "Hi {{name}}, order/' "$root/specs/order-shipped.yaml" > "$work/broken/order-shipped.yaml"
actual="$(run chirp check "$work/broken/order-shipped.yaml" --format json 2>&1)"
same "archive's chirp check of a broken spec: exit code" 1 "$?"
same "archive's chirp check of a broken spec: the finding" 1 "$(grep -c '"code" : "schema-unknown-key"' <<<"$actual")"

same "completion is chirp's" "$(cd "$root" && java -jar "$jar" completion)" "$(cat "$opt/chirp-$version/completion/chirp.bash")"

finish
