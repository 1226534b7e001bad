package dev.chirp;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** An example's payload against its snapshot in {@code payloads/} beside the spec. */
final class SnapshotCheck {
  private SnapshotCheck() {}

  /**
   * Compares the example's payload {@code actual} with its snapshot beside {@code file}; a mismatch
   * is a diagnostic. With {@code update}, a missing or different snapshot goes into {@code toWrite}
   * instead, for the caller to write.
   */
  static Optional<Diagnostic> compare(
      Spec spec, Example ex, String actual, Path file, boolean update, Map<Path, String> toWrite) {
    Path dir = file.toAbsolutePath().getParent().resolve("payloads");
    Path snap = dir.resolve(spec.id() + "." + ex.name() + ".json");
    try {
      if (update) {
        if (!Files.exists(snap) || !Files.readString(snap).equals(actual)) {
          toWrite.put(snap, actual);
        }
        return Optional.empty();
      }
      if (!Files.exists(snap)) {
        // Pinned specs stay pinned: with a snapshot for another example of this spec, a missing
        // one was deleted or forgotten, and the gate would no longer see this payload change.
        if (spec.examples().stream()
            .anyMatch(o -> Files.exists(dir.resolve(spec.id() + "." + o.name() + ".json")))) {
          return Optional.of(
              Diagnostic.of(
                      Code.SNAPSHOT_MISSING,
                      spec.file(),
                      ex.span(),
                      "example `"
                          + ex.name()
                          + "` has no snapshot payloads/"
                          + snap.getFileName()
                          + ", though other examples of "
                          + spec.id()
                          + " have theirs")
                  .withFix("run `chirp check --update-snapshots` and commit the new snapshot"));
        }
        return Optional.empty();
      }
      String expected = Files.readString(snap);
      if (expected.equals(actual)) {
        return Optional.empty();
      }
      // Both end with a newline; split without it so "past the end" reads as end of file.
      String[] e = expected.stripTrailing().split("\n", -1);
      String[] a = actual.stripTrailing().split("\n", -1);
      int line = 0;
      while (line < e.length && line < a.length && e[line].equals(a[line])) {
        line++;
      }
      String was = line < e.length ? e[line].trim() : "(end of file)";
      String now = line < a.length ? a[line].trim() : "(end of file)";
      return Optional.of(
          Diagnostic.of(
                  Code.SNAPSHOT_MISMATCH,
                  spec.file(),
                  ex.span(),
                  "example `"
                      + ex.name()
                      + "`: the payload differs from payloads/"
                      + snap.getFileName()
                      + " at line "
                      + (line + 1))
              .withNote("snapshot: " + was)
              .withNote("now:      " + now)
              .withFix(
                  "if the change is intended, run `chirp check --update-snapshots` and commit"));
    } catch (IOException ex2) {
      return Optional.of(
          Diagnostic.of(
              Code.FILE_UNREADABLE,
              spec.file(),
              ex.span(),
              "cannot read or write snapshot " + snap));
    }
  }
}
