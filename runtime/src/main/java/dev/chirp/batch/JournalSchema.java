package dev.chirp.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's tables and their format, recorded in SQLite's {@code PRAGMA user_version}: {@link
 * #ROWS} the {@code rows} table of early chirp, updated in place (read and written in its own
 * format); {@link #LOG} the append-only {@code log}; {@link #LOG_WITH_BODY} the log with the hash
 * of each request body. A journal begun before versions were recorded (0) is known by its tables.
 */
record JournalSchema(int version) {
  static final int ROWS = 1;
  static final int LOG = 2;
  static final int LOG_WITH_BODY = 3;

  /** The format this chirp writes; a journal of a later one is not opened. */
  static final int CURRENT = LOG_WITH_BODY;

  /** A journal's database connection and its format. */
  record Opened(Connection db, JournalSchema schema) {}

  /** Connects to the journal at {@code file} and readies it as {@link #prepare} says. */
  static Opened open(Path file, boolean write) throws IOException {
    Connection c = null;
    try {
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      return new Opened(c, prepare(c, file, write));
    } catch (SQLException e) {
      close(c);
      throw new IOException("cannot open the journal " + file + ": " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      close(c);
      throw e;
    }
  }

  private static void close(Connection c) {
    try {
      if (c != null) {
        c.close();
      }
    } catch (SQLException ignored) {
      // the failure to open is the one to report
    }
  }

  /**
   * Readies the database {@code c} of the journal at {@code file}: refuses another program's
   * database and a journal of a later chirp, sets the pragmas, creates missing tables and, when
   * {@code write}, migrates the log to the current format and records its version.
   */
  private static JournalSchema prepare(Connection c, Path file, boolean write)
      throws SQLException, IOException {
    try (Statement s = c.createStatement()) {
      // Another program's database is left as it is: no tables of ours are added to it.
      List<String> tables = new ArrayList<>();
      try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
        while (r.next()) {
          tables.add(r.getString(1));
        }
      }
      if (!tables.isEmpty() && !tables.contains("batch")) {
        throw new Journal.NotAJournal(
            file + " is not a chirp journal (an SQLite database without chirp's tables)");
      }
      int stored = intOf(s, "PRAGMA user_version");
      if (stored > CURRENT) {
        throw new IOException(
            "cannot open the journal "
                + file
                + ": a later chirp wrote it (journal format "
                + stored
                + "; this chirp knows up to "
                + CURRENT
                + ")");
      }
      s.execute("PRAGMA journal_mode=WAL");
      // NORMAL in WAL mode: a commit survives a crash of the process (what a batch must
      // survive); only a power loss may lose the last commits.
      s.execute("PRAGMA synchronous=NORMAL");
      s.execute("PRAGMA busy_timeout=5000");
      s.execute("CREATE TABLE IF NOT EXISTS batch (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
      int version = stored != 0 ? stored : tables.contains("rows") ? ROWS : LOG;
      if (version != ROWS) {
        s.execute(
            "CREATE TABLE IF NOT EXISTS log (ref TEXT NOT NULL, line INTEGER NOT NULL,"
                + " receiver TEXT, state TEXT NOT NULL, message_id TEXT, status TEXT,"
                + " http_status INTEGER, code TEXT, detail TEXT,"
                + " attempts INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL, body TEXT)");
        if (version == LOG && hasBodyColumn(s)) {
          version = LOG_WITH_BODY; // begun before versions were recorded, or just created
        }
        if (version == LOG && write) {
          // A journal begun before rows kept the hash of their request body; a journal opened to
          // read (a report beside a batch) is not changed.
          s.execute("ALTER TABLE log ADD COLUMN body TEXT");
          version = LOG_WITH_BODY;
        }
      }
      if (write && version != stored) {
        s.execute("PRAGMA user_version = " + version);
      }
      return new JournalSchema(version);
    }
  }

  private static int intOf(Statement s, String query) throws SQLException {
    try (ResultSet r = s.executeQuery(query)) {
      return r.next() ? r.getInt(1) : 0;
    }
  }

  private static boolean hasBodyColumn(Statement s) throws SQLException {
    try (ResultSet r = s.executeQuery("PRAGMA table_info(log)")) {
      while (r.next()) {
        if (r.getString("name").equals("body")) {
          return true;
        }
      }
    }
    return false;
  }

  boolean legacy() {
    return version == ROWS;
  }

  /** The table records are written to. */
  String table() {
    return legacy() ? "rows" : "log";
  }

  /** The rows: the latest record of each reference (or the legacy table). */
  String current() {
    return legacy()
        ? "rows"
        : "(SELECT * FROM log WHERE rowid IN (SELECT MAX(rowid) FROM log GROUP BY ref))";
  }

  /** The row of one reference (its parameter). */
  String lookup() {
    return legacy()
        ? "SELECT * FROM rows WHERE ref = ?"
        : "SELECT * FROM log WHERE ref = ? ORDER BY rowid DESC LIMIT 1";
  }

  /** Appends a record (or, in the legacy table, replaces its reference's). */
  String insert() {
    return legacy()
        ? "INSERT INTO rows(ref, line, receiver, state, message_id, status,"
            + " http_status, code, detail, attempts, updated)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)"
            + " ON CONFLICT(ref) DO UPDATE SET line = excluded.line,"
            + " receiver = excluded.receiver, state = excluded.state,"
            + " message_id = excluded.message_id, status = excluded.status,"
            + " http_status = excluded.http_status, code = excluded.code,"
            + " detail = excluded.detail, attempts = excluded.attempts,"
            + " updated = excluded.updated"
        : "INSERT INTO log(ref, line, receiver, state, message_id, status,"
            + " http_status, code, detail, attempts, updated, body)"
            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)";
  }

  /** Sets the parameters of {@link #insert} to {@code e}, updated at {@code now} unless it says. */
  void bind(PreparedStatement p, Journal.Entry e, String now) throws SQLException {
    p.setString(1, e.reference());
    p.setInt(2, e.line());
    p.setString(3, e.receiver());
    p.setString(4, e.state().db());
    p.setString(5, e.messageId());
    p.setString(6, e.status());
    if (e.httpStatus() == null) {
      p.setNull(7, Types.INTEGER);
    } else {
      p.setInt(7, e.httpStatus());
    }
    p.setString(8, e.code());
    p.setString(9, e.detail());
    p.setInt(10, e.attempts());
    p.setString(11, e.updated() == null ? now : e.updated());
    if (!legacy()) {
      p.setString(12, e.body());
    }
  }

  /** The record at {@code r}'s cursor. */
  Journal.Entry entry(ResultSet r) throws SQLException {
    int http = r.getInt("http_status");
    Integer httpStatus = r.wasNull() ? null : http;
    return new Journal.Entry(
        r.getString("ref"),
        r.getInt("line"),
        r.getString("receiver"),
        Journal.State.of(r.getString("state")),
        r.getString("message_id"),
        r.getString("status"),
        httpStatus,
        r.getString("code"),
        r.getString("detail"),
        r.getInt("attempts"),
        r.getString("updated"),
        version >= LOG_WITH_BODY ? r.getString("body") : null);
  }
}
