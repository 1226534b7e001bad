package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal's format version (PRAGMA user_version): recorded, inferred, migrated, respected. */
class JournalSchemaTest {
  @TempDir Path dir;

  static int version(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        ResultSet r = c.createStatement().executeQuery("PRAGMA user_version")) {
      return r.getInt(1);
    }
  }

  static void sql(Path file, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  static final String BATCH = "CREATE TABLE batch (key TEXT PRIMARY KEY, value TEXT NOT NULL)";
  static final String LOG_WITHOUT_BODY =
      "CREATE TABLE log (ref TEXT NOT NULL, line INTEGER NOT NULL, receiver TEXT, state TEXT"
          + " NOT NULL, message_id TEXT, status TEXT, http_status INTEGER, code TEXT, detail"
          + " TEXT, attempts INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL)";

  @Test
  void aNewJournalRecordsTheCurrentFormat() throws Exception {
    Path file = dir.resolve("j.sqlite");
    try (Journal j = Journal.open(file)) {
      j.put(Journal.Entry.sending("r1", 2, "+31612345601", "0123456789abcdef"));
    }
    assertEquals(3, version(file));
    assertEquals(JournalSchema.CURRENT, version(file));
  }

  @Test
  void anUnversionedLogIsMigratedWhenWrittenAndLeftAsItIsWhenRead() throws Exception {
    Path file = dir.resolve("old.sqlite");
    sql(
        file,
        BATCH,
        LOG_WITHOUT_BODY,
        "INSERT INTO log VALUES ('r1', 2, '+31612345601', 'accepted', 'm-1', 'accepted', 202,"
            + " NULL, NULL, 1, '2026-01-01T00:00:00Z')");
    try (Journal j = Journal.openToRead(file)) {
      assertEquals(Map.of(Journal.State.ACCEPTED, 1), j.counts());
      assertEquals(null, j.get("r1").orElseThrow().body());
    }
    assertEquals(0, version(file));
    try (Journal j = Journal.open(file)) {
      j.put(Journal.Entry.sending("r2", 3, "+31612345602", "0123456789abcdef"));
      assertEquals("0123456789abcdef", j.get("r2").orElseThrow().body());
    }
    assertEquals(3, version(file));
  }

  @Test
  void theEarliestFormatIsRecordedAsItIs() throws Exception {
    Path file = dir.resolve("rows.sqlite");
    sql(
        file,
        BATCH,
        "CREATE TABLE rows (ref TEXT PRIMARY KEY, line INTEGER NOT NULL, receiver TEXT,"
            + " state TEXT NOT NULL, message_id TEXT, status TEXT, http_status INTEGER,"
            + " code TEXT, detail TEXT, attempts INTEGER NOT NULL DEFAULT 0,"
            + " updated TEXT NOT NULL)");
    try (Journal j = Journal.open(file)) {
      j.put(Journal.Entry.failed("r1", 2, "+31612345601", "gave up", 5));
      assertEquals(Journal.State.FAILED, j.get("r1").orElseThrow().state());
    }
    assertEquals(1, version(file));
    assertEquals(List.of("batch", "rows"), JournalTest.tables(file));
  }

  @Test
  void aJournalOfALaterChirpIsNotOpenedNorChanged() throws Exception {
    Path file = dir.resolve("later.sqlite");
    sql(file, BATCH, LOG_WITHOUT_BODY, "PRAGMA user_version = 4");
    IOException e = assertThrows(IOException.class, () -> Journal.open(file).close());
    assertEquals(
        "cannot open the journal "
            + file
            + ": a later chirp wrote it (journal format 4; this chirp knows up to 3)",
        e.getMessage());
    assertEquals(4, version(file));
    assertEquals(List.of("batch", "log"), JournalTest.tables(file));
  }
}
