package dev.chirp.batch;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * Looks rows up by reference on a connection of its own: WAL lets it read while the writer commits,
 * so a lookup never waits for a commit of other rows (it sees every commit that has finished). The
 * connection is opened on first use. Thread-safe.
 */
final class JournalLookup {
  private final Path file;
  private final JournalSchema schema;
  private Connection reader;
  private PreparedStatement lookup;

  JournalLookup(Path file, JournalSchema schema) {
    this.file = file;
    this.schema = schema;
  }

  synchronized Optional<Journal.Entry> get(String reference) throws IOException {
    try {
      if (reader == null) {
        reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement st = reader.createStatement()) {
          st.execute("PRAGMA busy_timeout=5000");
        }
        lookup = reader.prepareStatement(schema.lookup());
      }
      lookup.setString(1, reference);
      try (ResultSet r = lookup.executeQuery()) {
        return r.next() ? Optional.of(schema.entry(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw Journal.io(e);
    }
  }

  synchronized void close() throws SQLException {
    if (reader != null) {
      reader.close();
      reader = null;
    }
  }
}
