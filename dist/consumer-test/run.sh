#!/usr/bin/env bash
# The library as a consumer gets it: builds this folder's project, which depends on
# dev.chirp:chirp-compiler by its coordinates alone, against the file repository the chirp build
# deployed into (target/local-repo at the root), and runs it on the example catalog. Part of
# `mvn verify` (compiler module, after the deploy into that repository).
#
#   run.sh VERSION [M2_REPOSITORY]
#
# Third-party artifacts and plugins come from the Maven repository the build itself uses (read
# only, as a file repository) and, for what the build never needed (a consumer reads POMs that
# chirp's own build never reads, such as json-schema-validator's older Jackson), from Maven
# Central; the consumer's own local
# repository is target/consumer-m2, never ~/.m2, and dev.chirp is removed from it on every run, so
# chirp's artifacts always come from target/local-repo.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
version="$1"
m2="$2"
jar_base="$3"
repo="$root/target/local-repo"
local_m2="$root/target/consumer-m2"
work="$root/target/consumer-test"

rm -rf "$work" "$local_m2/dev/chirp" "$repo/dev/chirp"
mkdir -p "$work" "$local_m2"
# The build's repository without dev.chirp (which a `./chirp` run may have installed there): a
# folder of links to everything else in it.
view="$work/build-m2"
mkdir -p "$view/dev"
for entry in "$m2"/*; do
  [ "$(basename "$entry")" = dev ] || ln -s "$entry" "$view/"
done
for entry in "$m2"/dev/*; do
  [ -e "$entry" ] && [ "$(basename "$entry")" != chirp ] && ln -s "$entry" "$view/dev/"
done
cp -r "$here/pom.xml" "$here/src" "$work/"
cat > "$work/settings.xml" <<XML
<settings>
  <localRepository>$local_m2</localRepository>
  <profiles>
    <profile>
      <id>build-m2</id>
      <repositories>
        <repository><id>build-m2</id><url>file://$view</url></repository>
      </repositories>
      <pluginRepositories>
        <pluginRepository><id>build-m2</id><url>file://$view</url></pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>build-m2</activeProfile></activeProfiles>
</settings>
XML

deploy() {
  mvn -B -q -s "$work/settings.xml" org.apache.maven.plugins:maven-deploy-plugin:3.1.4:deploy-file \
    -DrepositoryId=local -Durl="file://$repo" -DgeneratePom=false "$@" > "$work/deploy.txt" 2>&1 || {
    cat "$work/deploy.txt"; echo "consumer test FAILED: deploying $*"; echo "consumer-test: 0 passed, 1 failed"; exit 1; }
}
deploy -Dfile="$root/pom.xml" -DpomFile="$root/pom.xml"
extra=()
for kind in sources javadoc; do
  if [ -f "$jar_base-$kind.jar" ] && ! [ "$jar_base-$kind.jar" -ot "$jar_base.jar" ]; then
    extra+=(-D"$kind=$jar_base-$kind.jar")
  fi
done
deploy -Dfile="$jar_base.jar" -DpomFile="$root/compiler/pom.xml" "${extra[@]}"

expected='{"receiver":{"contacts":[{"identifierKey":"phonenumber","identifierValue":"+31612345678"}]},"body":{"type":"text","text":{"text":"Hi Ada, we received your payment for order 482913. Your invoice is ready to download.","actions":[{"type":"link","link":{"text":"View invoice","url":"https://nordwind.example/account/orders/482913/invoice"}}]}}}'
set +e
(cd "$work" && mvn -B -q -s settings.xml -Dchirp.version="$version" -Dchirp.repo="file://$repo" \
  -Dchirp.specs="$root/specs" -Dchirp.out="$work/body.json" compile exec:exec) > "$work/out.txt" 2>&1
rc=$?
set -e
passed=0
failed=0
check() { # name, expected, actual
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); printf 'consumer test FAILED: %s\n--- expected\n%s\n--- actual\n%s\n' "$1" "$2" "$3"; fi
}
check "exit code" 0 "$rc"
check "the request body" "$expected" "$(cat "$work/body.json" 2>/dev/null)"
# chirp came from the file repository, not from anywhere else Maven could find it.
check "chirp-compiler's origin" "chirp-compiler-$version.jar>chirp-local=" \
  "$(grep -h '^chirp-compiler-.*\.jar>' "$local_m2/dev/chirp/chirp-compiler/$version/_remote.repositories" 2>/dev/null)"
check "chirp-parent's origin" "chirp-parent-$version.pom>chirp-local=" \
  "$(grep -h '^chirp-parent-.*\.pom>' "$local_m2/dev/chirp/chirp-parent/$version/_remote.repositories" 2>/dev/null)"
[ "$failed" -eq 0 ] || { echo "--- maven's output"; cat "$work/out.txt"; }
echo "consumer-test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
