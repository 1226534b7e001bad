#!/usr/bin/env bash
# Lays out the self-contained chirp folder that the linux-x64 archive holds, and packs it into
# TARGET_DIR/chirp-VERSION-linux-x64.tar.gz (dist module; phase verify, or prepare-package with
# -Pdist):
#
#   chirp-VERSION/bin/chirp          launcher (dist/src/bin/chirp)
#   chirp-VERSION/lib/chirp.jar      the shaded CLI jar
#   chirp-VERSION/lib/chirp.aot      AOT cache (JDK 25+) or chirp.jsa (CDS, JDK 19-24) of a training run
#   chirp-VERSION/runtime/           a jlink runtime with only the modules chirp needs (jdeps)
#   chirp-VERSION/completion/chirp.bash   `chirp completion`
#   chirp-VERSION/README.md, LICENSE
#
# and copies the jar to target/chirp-VERSION.jar. The runtime comes from the newest JDK 19+ found
# (dist/jdk.sh). Without one, REQUIRED true (the release build, -Pdist) fails; false (the test
# command) skips the archive, saying so, and so do test-dist.sh and test-e2e.sh.
#
#   build-image.sh VERSION SHADED_JAR TARGET_DIR REQUIRED
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="$1"
jar="$2"
target="$3"
required="$4"

# shellcheck source=dist/jdk.sh
source "$here/jdk.sh"
jdk="$(jlink_jdk)"
if [ -z "$jdk" ]; then
  if [ "$required" = true ]; then
    echo "dist: no JDK 19 or newer with jlink found (set CHIRP_JLINK_JDK)" >&2
    exit 2
  fi
  echo "dist: the archive skipped: no JDK 19 or newer with jlink (set CHIRP_JLINK_JDK)"
  exit 0
fi
feature="$(java_version "$jdk")"
echo "dist: runtime from $jdk (Java $feature)"

mkdir -p "$target"
cp "$jar" "$target/chirp-$version.jar"

image="$target/image/chirp-$version"
rm -rf "$target/image"
mkdir -p "$image/bin" "$image/lib" "$image/completion"

modules="$("$jdk/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release "$feature" "$jar")"
echo "dist: modules $modules"
"$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --generate-cds-archive --output "$image/runtime" > "$target/jlink.log"
# The archive for compressed oops off (heaps over 32 GB) is not worth its 14 MB here.
rm -f "$image/runtime/lib/server/classes_nocoops.jsa"

cp "$jar" "$image/lib/chirp.jar"
cp "$here/src/bin/chirp" "$image/bin/chirp"
chmod 755 "$image/bin/chirp"
cp "$root/README.md" "$root/LICENSE" "$image/"
java="$image/runtime/bin/java"
"$java" -jar "$image/lib/chirp.jar" completion > "$image/completion/chirp.bash"

# A training run, with the launcher's options, over the example catalog (check, compile, preview
# load most of chirp's classes): its classes, linked, go into the cache the launcher uses.
train=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1)
if [ "$feature" -ge 25 ]; then
  "$java" "${train[@]}" -XX:AOTCacheOutput="$image/lib/chirp.aot" -jar "$image/lib/chirp.jar" \
    check "$root/specs" > "$target/aot-training.log" 2>&1
elif [ "$feature" -ge 19 ]; then
  "$java" "${train[@]}" -XX:ArchiveClassesAtExit="$image/lib/chirp.jsa" -jar "$image/lib/chirp.jar" \
    check "$root/specs" > "$target/aot-training.log" 2>&1
  sed -i 's|-XX:AOTCache="$home/lib/chirp.aot"|-XX:SharedArchiveFile="$home/lib/chirp.jsa"|; s|lib/chirp.aot" ]|lib/chirp.jsa" ]|' "$image/bin/chirp"
fi
echo "dist: $(du -sh "$image" | cut -f1) in $image"

# The archive keeps file modes (the launcher and the runtime's binaries stay executable) and times
# (the AOT cache checks the jar's time); owner root.
tar -C "$target/image" --owner=0 --group=0 --numeric-owner -czf "$target/chirp-$version-linux-x64.tar.gz" "chirp-$version"
echo "dist: $target/chirp-$version-linux-x64.tar.gz"
