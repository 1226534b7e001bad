package dev.chirp.batch;

import dev.chirp.send.MessageStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The latest delivery status of each sent row, in a table of the batch's journal ({@code delivery},
 * one row a reference, replaced as statuses change). Journals written before it gain the table when
 * `chirp status` first opens them. Every put is committed at once, so a status run that is killed
 * keeps what it read and the next run reads only the rest.
 */
public final class Deliveries implements AutoCloseable {
  private final Connection db;
  private final PreparedStatement put;
  private final boolean present;

  private Deliveries(Connection db, boolean create) throws SQLException {
    this.db = db;
    try (Statement s = db.createStatement()) {
      s.execute("PRAGMA busy_timeout=5000");
      if (!create) {
        try (ResultSet r =
            s.executeQuery(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'delivery'")) {
          this.present = r.next();
        }
        this.put = null;
        return;
      }
      this.present = true;
      s.execute(
          "CREATE TABLE IF NOT EXISTS delivery(ref TEXT PRIMARY KEY, message_id TEXT NOT NULL,"
              + " status TEXT NOT NULL, last_status_at TEXT, failure_code INTEGER,"
              + " failure_description TEXT, failure_source_name TEXT, failure_source_code TEXT,"
              + " checked_at TEXT NOT NULL)");
    }
    this.put =
        db.prepareStatement("INSERT OR REPLACE INTO delivery VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** The delivery table of the journal {@code file} (created when missing). */
  public static Deliveries open(Path file) throws IOException {
    try {
      return new Deliveries(
          DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), true);
    } catch (SQLException e) {
      throw new IOException("journal " + file + ": " + e.getMessage());
    }
  }

  /** The statuses recorded in the journal {@code file}, to read only (none: nothing is created). */
  public static Deliveries openToRead(Path file) throws IOException {
    try {
      return new Deliveries(
          DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()), false);
    } catch (SQLException e) {
      throw new IOException("journal " + file + ": " + e.getMessage());
    }
  }

  /** Records {@code s} as the latest status of the row {@code reference}. */
  public synchronized void put(String reference, MessageStatus s) throws IOException {
    try {
      put.setString(1, reference);
      put.setString(2, s.messageId());
      put.setString(3, s.status());
      put.setString(4, s.lastStatusAt());
      if (s.failureCode() == null) {
        put.setNull(5, Types.INTEGER);
      } else {
        put.setInt(5, s.failureCode());
      }
      put.setString(6, s.failureDescription());
      put.setString(7, s.sourceName());
      put.setString(8, s.sourceCode());
      put.setString(9, Instant.now().toString());
      put.executeUpdate();
    } catch (SQLException e) {
      throw new IOException("journal: " + e.getMessage());
    }
  }

  /** The latest status of the row {@code reference}, if one was read. */
  public synchronized Optional<MessageStatus> get(String reference) throws IOException {
    if (!present) {
      return Optional.empty();
    }
    try {
      if (get == null) {
        get = db.prepareStatement("SELECT * FROM delivery WHERE ref = ?");
      }
      get.setString(1, reference);
      try (ResultSet r = get.executeQuery()) {
        return r.next() ? Optional.of(status(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IOException("journal: " + e.getMessage());
    }
  }

  private PreparedStatement get;

  private static MessageStatus status(ResultSet r) throws SQLException {
    int code = r.getInt("failure_code");
    Integer failureCode = r.wasNull() ? null : code;
    return new MessageStatus(
        r.getString("message_id"),
        r.getString("status"),
        r.getString("last_status_at"),
        failureCode,
        r.getString("failure_description"),
        r.getString("failure_source_name"),
        r.getString("failure_source_code"));
  }

  /** How many rows are in each status, by status. */
  public synchronized Map<String, Integer> counts() throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    if (!present) {
      return out;
    }
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT status, count(*) FROM delivery GROUP BY status")) {
      while (r.next()) {
        out.put(r.getString(1), r.getInt(2));
      }
    } catch (SQLException e) {
      throw new IOException("journal: " + e.getMessage());
    }
    return out;
  }

  /** A failure's downstream code and description with how many rows have it. */
  public record FailureGroup(String sourceName, String sourceCode, String description, int rows) {}

  /** The failed rows grouped by their downstream (WhatsApp) code, most frequent first. */
  public synchronized List<FailureGroup> failures() throws IOException {
    List<FailureGroup> out = new ArrayList<>();
    if (!present) {
      return out;
    }
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT failure_source_name, failure_source_code, min(failure_description),"
                    + " count(*) AS n FROM delivery WHERE status IN ('delivery_failed',"
                    + " 'sending_failed', 'rejected') GROUP BY failure_source_name,"
                    + " failure_source_code ORDER BY n DESC, failure_source_code")) {
      while (r.next()) {
        out.add(new FailureGroup(r.getString(1), r.getString(2), r.getString(3), r.getInt(4)));
      }
    } catch (SQLException e) {
      throw new IOException("journal: " + e.getMessage());
    }
    return out;
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      if (put != null) {
        put.close();
      }
      if (get != null) {
        get.close();
      }
      db.close();
    } catch (SQLException e) {
      throw new IOException("journal: " + e.getMessage());
    }
  }
}
