package dev.chirp.batch;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal's writes with group commit: entries are queued by any thread, and whoever commits
 * writes every entry queued so far in one transaction, so concurrent callers share commits.
 */
final class JournalWriter {
  private final Connection db;
  private final JournalSchema schema;

  /** Guards {@link #db}: the journal, whose other statements use the same connection. */
  private final Object dbLock;

  private final Object queueLock = new Object();
  private List<Journal.Entry> queue = new ArrayList<>();
  private long enqueued;
  private volatile long committed;
  private volatile IOException failure;

  /** Prepared once: every commit reuses it (under {@link #dbLock}). */
  private PreparedStatement insert;

  JournalWriter(Connection db, JournalSchema schema, Object dbLock) {
    this.db = db;
    this.schema = schema;
    this.dbLock = dbLock;
  }

  /** Queues {@code e}; returns its sequence number for {@link #commit(long)}. */
  long add(Journal.Entry e) {
    synchronized (queueLock) {
      queue.add(e);
      return ++enqueued;
    }
  }

  /** Commits every queued entry in one transaction; durable on return. */
  void commit() throws IOException {
    long upTo;
    synchronized (queueLock) {
      upTo = enqueued;
    }
    commit(upTo);
  }

  /** Makes the entry of sequence number {@code mine} durable, with every entry queued before it. */
  void commit(long mine) throws IOException {
    synchronized (dbLock) {
      if (committed < mine) {
        List<Journal.Entry> batch;
        long upTo;
        synchronized (queueLock) {
          batch = queue;
          queue = new ArrayList<>();
          upTo = enqueued;
        }
        try {
          write(batch);
        } catch (IOException ex) {
          failure = ex;
          throw ex;
        }
        committed = upTo;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Whether a commit failed (what is queued then is not written on closing). */
  boolean failed() {
    return failure != null;
  }

  /** Closes the prepared statement; the connection is the journal's. */
  void close() throws SQLException {
    if (insert != null) {
      insert.close();
      insert = null;
    }
  }

  private void write(List<Journal.Entry> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      db.setAutoCommit(false);
      if (insert == null) {
        insert = db.prepareStatement(schema.insert());
      }
      String now = Instant.now().toString(); // one time per commit: when these became durable
      for (Journal.Entry e : batch) {
        schema.bind(insert, e, now);
        insert.addBatch();
      }
      insert.executeBatch();
      db.commit();
    } catch (SQLException ex) {
      try {
        if (insert != null) {
          insert.clearBatch(); // nothing of the failed batch may ride along with the next one
        }
        db.rollback();
      } catch (SQLException ignored) {
        // the original failure is the one to report
      }
      throw Journal.io(ex);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable; the next statement reports it
      }
    }
  }
}
