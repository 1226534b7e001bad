# Sourced by build-image.sh, test-dist.sh and test-e2e.sh: which JDK the archive's runtime and its
# start-up cache come from. CHIRP_JLINK_JDK if set, else the highest version under /usr/lib/jvm
# (or JAVA_HOME) with a jlink; only JDK 19 or newer, whose cache (CDS from 19, AOT from 25) the
# launcher and test-dist.sh rely on.

java_version() { # JDK folder -> its feature version (25), from its release file
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

jlink_jdk() { # prints the JDK folder, or nothing when there is none
  local jdk="" best=18 candidate v
  if [ -n "${CHIRP_JLINK_JDK:-}" ]; then
    candidate="${CHIRP_JLINK_JDK%/}"
    v="$(java_version "$candidate")"
    [ -x "$candidate/bin/jlink" ] && [ -n "$v" ] && [ "$v" -gt "$best" ] && printf '%s\n' "$candidate"
    return 0
  fi
  for candidate in /usr/lib/jvm/*/ "${JAVA_HOME:-}"; do
    candidate="${candidate%/}"
    [ -n "$candidate" ] && [ -x "$candidate/bin/jlink" ] || continue
    v="$(java_version "$candidate")"
    if [ -n "$v" ] && [ "$v" -gt "$best" ]; then best="$v"; jdk="$candidate"; fi
  done
  [ -z "$jdk" ] || printf '%s\n' "$jdk"
}
