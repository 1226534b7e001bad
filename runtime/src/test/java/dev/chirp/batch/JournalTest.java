package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal file holds receivers' numbers: it and SQLite's side files are private. */
class JournalTest {
  @TempDir Path dir;

  static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void createdReadableByItsOwnerOnly() throws Exception {
    Path file = dir.resolve("sub").resolve("j.sqlite");
    try (Journal j = Journal.open(file)) {
      j.put(
          new Journal.Entry(
              "chirp:hello:00000000:0000000000000000",
              2,
              "+31612345601",
              Journal.State.ACCEPTED,
              "id",
              "accepted",
              202,
              null,
              null,
              1,
              null));
      assertEquals("rw-------", perms(file));
      assertEquals("rw-------", perms(dir.resolve("sub").resolve("j.sqlite-wal")));
      assertEquals("rw-------", perms(dir.resolve("sub").resolve("j.sqlite-shm")));
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), j.counts());
    }
    assertEquals("rw-------", perms(file));
  }

  static Journal.Entry outcome(String ref, Journal.State state) {
    return new Journal.Entry(
        ref, 2, "+31612345601", state, "m-1", "accepted", 202, null, null, 1, null);
  }

  @Test
  void queuedEntriesAreDurableOnlyAfterCommitAndAnOutcomeReplacesItsIntent() throws Exception {
    Path file = dir.resolve("j.sqlite");
    String ref = "chirp:hello:00000000:0000000000000001";
    try (Journal j = Journal.open(file);
        Journal other = Journal.open(file)) {
      assertEquals(true, j.isEmpty());
      j.add(Journal.Entry.sending(ref, 2, "+31612345601"));
      assertEquals(true, other.isEmpty(), "queued, not committed: another reader sees nothing");
      j.commit();
      assertEquals(Journal.State.SENDING, other.get(ref).orElseThrow().state());
      assertEquals(false, j.isEmpty());

      j.add(outcome(ref, Journal.State.ACCEPTED));
      j.commit();
      Journal.Entry e = other.get(ref).orElseThrow();
      assertEquals(
          new Journal.Entry(
              ref,
              2,
              "+31612345601",
              Journal.State.ACCEPTED,
              "m-1",
              "accepted",
              202,
              null,
              null,
              1,
              e.updated()),
          e);
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), other.counts());
    }
  }

  @Test
  void closingCommitsWhatWasQueued() throws Exception {
    Path file = dir.resolve("j.sqlite");
    String ref = "chirp:hello:00000000:0000000000000002";
    try (Journal j = Journal.open(file)) {
      j.add(outcome(ref, Journal.State.ACCEPTED));
    }
    try (Journal j = Journal.open(file)) {
      assertEquals(Journal.State.ACCEPTED, j.get(ref).orElseThrow().state());
    }
  }
}
