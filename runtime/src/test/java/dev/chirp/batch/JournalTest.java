package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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
          Journal.Entry.accepted(
              "chirp:hello:00000000:0000000000000000", 2, "+31612345601", "id", "accepted", 1));
      assertEquals("rw-------", perms(file));
      assertEquals("rw-------", perms(dir.resolve("sub").resolve("j.sqlite-wal")));
      assertEquals("rw-------", perms(dir.resolve("sub").resolve("j.sqlite-shm")));
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), j.counts());
    }
    assertEquals("rw-------", perms(file));
  }

  @Test
  void aJournalBegunWithoutBodyHashesGainsTheColumnAndKeepsItsRows() throws Exception {
    Path file = dir.resolve("old.sqlite");
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE batch (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      st.execute(
          "CREATE TABLE log (ref TEXT NOT NULL, line INTEGER NOT NULL, receiver TEXT, state TEXT"
              + " NOT NULL, message_id TEXT, status TEXT, http_status INTEGER, code TEXT, detail"
              + " TEXT, attempts INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL)");
      st.execute(
          "INSERT INTO log VALUES ('r1', 2, '+31612345601', 'accepted', 'm-1', 'accepted', 202,"
              + " NULL, NULL, 1, '2026-01-01T00:00:00Z')");
    }
    try (Journal j = Journal.open(file)) {
      assertEquals(null, j.get("r1").orElseThrow().body());
      j.add(Journal.Entry.sending("r2", 3, "+31612345602", "0123456789abcdef"));
      j.commit();
      assertEquals("0123456789abcdef", j.get("r2").orElseThrow().body());
      assertEquals(Map.of(Journal.State.ACCEPTED, 1, Journal.State.SENDING, 1), j.counts());
    }
  }

  static Journal.Entry accepted(String ref) {
    return Journal.Entry.accepted(ref, 2, "+31612345601", "m-1", "accepted", 1);
  }

  @Test
  void queuedEntriesAreDurableOnlyAfterCommitAndAnOutcomeReplacesItsIntent() throws Exception {
    Path file = dir.resolve("j.sqlite");
    String ref = "chirp:hello:00000000:0000000000000001";
    try (Journal j = Journal.open(file);
        Journal other = Journal.openToRead(file)) {
      assertEquals(true, j.isEmpty());
      j.add(Journal.Entry.sending(ref, 2, "+31612345601"));
      assertEquals(true, other.isEmpty(), "queued, not committed: another reader sees nothing");
      j.commit();
      assertEquals(Journal.State.SENDING, other.get(ref).orElseThrow().state());
      assertEquals(false, j.isEmpty());

      j.add(accepted(ref));
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
              e.updated(),
              null),
          e);
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), other.counts());
    }
  }

  @Test
  void closingCommitsWhatWasQueued() throws Exception {
    Path file = dir.resolve("j.sqlite");
    String ref = "chirp:hello:00000000:0000000000000002";
    try (Journal j = Journal.open(file)) {
      j.add(accepted(ref));
    }
    try (Journal j = Journal.open(file)) {
      assertEquals(Journal.State.ACCEPTED, j.get(ref).orElseThrow().state());
    }
  }

  static java.util.List<String> tables(Path file) throws Exception {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (r.next()) {
        out.add(r.getString(1));
      }
    }
    return out;
  }

  @Test
  void aNewJournalAppendsAndItsLatestRecordIsTheRow() throws Exception {
    Path file = dir.resolve("j.sqlite");
    String a = "chirp:hello:00000000:000000000000000a";
    String b = "chirp:hello:00000000:000000000000000b";
    try (Journal j = Journal.open(file)) {
      j.add(Journal.Entry.sending(a, 3, "+31612345603"));
      j.add(Journal.Entry.sending(b, 2, "+31612345602"));
      j.commit();
      j.add(Journal.Entry.accepted(a, 3, "+31612345603", "m-1", "accepted", 1));
      j.add(Journal.Entry.unknown(b, 2, "+31612345602", "no answer", 1));
      j.commit();
      j.indexForLookups();
      assertEquals(Journal.State.ACCEPTED, j.get(a).orElseThrow().state());
      assertEquals(Map.of(Journal.State.ACCEPTED, 1, Journal.State.UNKNOWN, 1), j.counts());
      java.util.List<String> order = new java.util.ArrayList<>();
      j.forEach(e -> order.add(e.line() + " " + e.state()));
      assertEquals(java.util.List.of("2 UNKNOWN", "3 ACCEPTED"), order);
      assertEquals(
          java.util.List.of(b), j.inDoubt().stream().map(Journal.Entry::reference).toList());
    }
    assertEquals(java.util.List.of("batch", "log"), tables(file));
  }

  @Test
  void aJournalOfTheEarlierFormatIsReadAndWrittenInIt() throws Exception {
    Path file = dir.resolve("old.sqlite");
    String ref = "chirp:hello:00000000:00000000000000cc";
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file)) {
      var s = c.createStatement();
      s.execute("CREATE TABLE batch (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      s.execute(
          "CREATE TABLE rows (ref TEXT PRIMARY KEY, line INTEGER NOT NULL, receiver TEXT,"
              + " state TEXT NOT NULL, message_id TEXT, status TEXT, http_status INTEGER,"
              + " code TEXT, detail TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
              + " updated TEXT NOT NULL)");
      s.execute("CREATE INDEX rows_line ON rows(line)");
      s.execute(
          "INSERT INTO rows VALUES ('"
              + ref
              + "', 2, '+31612345601', 'sending', NULL, NULL, NULL, NULL, NULL, 0, 't')");
    }
    try (Journal j = Journal.open(file)) {
      assertEquals(false, j.isEmpty());
      j.indexForLookups();
      assertEquals(Journal.State.SENDING, j.get(ref).orElseThrow().state());
      j.put(accepted(ref));
      assertEquals(Journal.State.ACCEPTED, j.get(ref).orElseThrow().state());
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), j.counts());
    }
    assertEquals(java.util.List.of("batch", "rows"), tables(file));
  }

  @Test
  void theFoldersChirpMakesForAJournalKeepThemselvesOutOfGit(@TempDir Path d) throws Exception {
    Path file = d.resolve("campaign").resolve(".chirp").resolve("journals").resolve("x.sqlite");
    Files.createDirectories(d.resolve("campaign"));
    Files.writeString(d.resolve("campaign").resolve("keep.txt"), "mine");
    try (Journal j = Journal.open(file)) {
      j.commit();
    }
    // The topmost folder chirp created holds the .gitignore; the user's folder is left alone.
    assertEquals(
        "# made by chirp: batch journals list receivers' phone numbers\n*\n",
        Files.readString(d.resolve("campaign").resolve(".chirp").resolve(".gitignore")));
    assertFalse(Files.exists(d.resolve("campaign").resolve(".gitignore")));
    assertFalse(
        Files.exists(
            d.resolve("campaign").resolve(".chirp").resolve("journals").resolve(".gitignore")));
  }

  @Test
  void aJournalInAnExistingFolderWritesNoGitignore(@TempDir Path d) throws Exception {
    try (Journal j = Journal.open(d.resolve("j.sqlite"))) {
      j.commit();
    }
    assertFalse(Files.exists(d.resolve(".gitignore")));
  }
}
