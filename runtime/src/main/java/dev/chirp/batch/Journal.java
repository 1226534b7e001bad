package dev.chirp.batch;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The crash-safe record of a batch: an SQLite database in WAL mode. The intent to send a row is
 * committed before its request goes out and the outcome after, so after a crash every row is either
 * known (accepted, refused, failed) or known to be in doubt ({@code sending}: the request may have
 * been sent). The file is created readable by its owner only.
 *
 * <p>Records are appended to a {@code log} table and the latest record of a reference is its row's
 * state: appending touches no index, which a send's throughput needs (bench/README.md). The index
 * by reference is built only when a batch resumes. Journals of chirp before this format (a {@code
 * rows} table updated in place) are read and written in their own format ({@link JournalSchema});
 * {@link JournalLock} keeps a second chirp off a journal in use, and {@link JournalWriter} commits.
 */
public final class Journal implements AutoCloseable {
  /** The states of a row. */
  public enum State {
    SENDING,
    ACCEPTED,
    REJECTED,
    FAILED,
    UNKNOWN,
    INVALID,
    DUPLICATE;

    String db() {
      return name().toLowerCase(Locale.ROOT);
    }

    static State of(String s) {
      return valueOf(s.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One row's record. Null fields are unknown or not applicable; the factories say which apply to
   * each kind of record.
   */
  public record Entry(
      String reference,
      int line,
      String receiver,
      State state,
      String messageId,
      String status,
      Integer httpStatus,
      String code,
      String detail,
      int attempts,
      String updated,
      String body) {
    /** The intent to send a row, recorded before its request goes out. */
    public static Entry sending(String reference, int line, String receiver) {
      return sending(reference, line, receiver, null);
    }

    /** The intent to send a row whose request body has the hash {@code body}. */
    public static Entry sending(String reference, int line, String receiver, String body) {
      return of(reference, line, receiver, State.SENDING, null, 0).withBody(body);
    }

    /** A row Bird accepted (HTTP 202) as message {@code messageId}, in {@code status}. */
    public static Entry accepted(
        String reference,
        int line,
        String receiver,
        String messageId,
        String status,
        int attempts) {
      return of(reference, line, receiver, State.ACCEPTED, null, attempts)
          .answered(messageId, status, 202, null);
    }

    /** A row Bird refused with {@code httpStatus}, its error {@code code} and {@code message}. */
    public static Entry rejected(
        String reference,
        int line,
        String receiver,
        int httpStatus,
        String code,
        String message,
        int attempts) {
      return of(reference, line, receiver, State.REJECTED, message, attempts)
          .answered(null, null, httpStatus, code);
    }

    /** A row that was certainly not processed, for {@code reason}: a re-run sends it again. */
    public static Entry failed(
        String reference, int line, String receiver, String reason, int attempts) {
      return of(reference, line, receiver, State.FAILED, reason, attempts);
    }

    /** A row that may have been processed, for {@code reason}: never resent without asking. */
    public static Entry unknown(
        String reference, int line, String receiver, String reason, int attempts) {
      return of(reference, line, receiver, State.UNKNOWN, reason, attempts);
    }

    /**
     * A row that could not be sent as it is: {@code column} (null: none in particular) holds what
     * {@code reason} says; {@code receiver} is null when the row names none that is valid.
     */
    public static Entry invalid(int line, String receiver, String column, String reason) {
      return of("line:" + line, line, receiver, State.INVALID, reason, 0)
          .answered(null, null, null, column);
    }

    /** A row skipped because the row at {@code firstLine} sends to the same receiver. */
    public static Entry duplicate(int line, String receiver, int firstLine) {
      String detail = "duplicate of line " + firstLine;
      return of("line:" + line, line, receiver, State.DUPLICATE, detail, 0);
    }

    /** This row, found accepted at Bird by a later lookup ({@code how}); its body hash is kept. */
    public Entry foundAtBird(String messageId, String status, String how) {
      return of(reference, line, receiver, State.ACCEPTED, how, attempts)
          .answered(messageId, status, null, null)
          .withBody(body);
    }

    /** This entry for a row whose request body has the hash {@code body}. */
    public Entry withBody(String body) {
      return new Entry(
          reference,
          line,
          receiver,
          state,
          messageId,
          status,
          httpStatus,
          code,
          detail,
          attempts,
          updated,
          body);
    }

    private static Entry of(
        String reference, int line, String receiver, State state, String detail, int attempts) {
      return new Entry(
          reference, line, receiver, state, null, null, null, null, detail, attempts, null, null);
    }

    /** This entry with what an answer said (or, for an invalid row, its column as the code). */
    private Entry answered(String messageId, String status, Integer httpStatus, String code) {
      return new Entry(
          reference,
          line,
          receiver,
          state,
          messageId,
          status,
          httpStatus,
          code,
          detail,
          attempts,
          updated,
          body);
    }
  }

  private final Path file;
  private final Connection db;
  private final JournalSchema schema;
  private final JournalWriter writer;
  private final JournalLookup lookup;

  /** The lock of a journal opened for a batch, released on {@link #close}; null when reading. */
  private FileChannel lock;

  private Journal(Path file, Connection db, JournalSchema schema) {
    this.file = file;
    this.db = db;
    this.schema = schema;
    this.writer = new JournalWriter(db, schema, this);
    this.lookup = new JournalLookup(file, schema);
  }

  /** Another chirp holds the journal's lock. */
  public static final class InUse extends IOException {
    InUse(String message) {
      super(message);
    }
  }

  /** The file at the journal's path is something else; nothing was written to it. */
  public static final class NotAJournal extends IOException {
    NotAJournal(String message) {
      super(message);
    }
  }

  /**
   * Opens or creates the journal at {@code file} for a batch, holding its lock until {@link
   * #close}: a second chirp on the same journal would send the same rows.
   */
  public static Journal open(Path file) throws IOException {
    FileChannel lock;
    try {
      JournalFile.makeFolder(file);
      lock = JournalLock.acquire(file);
    } catch (FileSystemException e) {
      throw JournalFile.cannotCreate(file, e);
    }
    try {
      Journal j = openUnlocked(file, true);
      j.lock = lock;
      return j;
    } catch (IOException | RuntimeException e) {
      lock.close();
      throw e;
    }
  }

  /**
   * Opens an existing journal to read it (a report), without its lock: reads may go on beside a
   * batch.
   */
  public static Journal openToRead(Path file) throws IOException {
    return openUnlocked(file, false);
  }

  private static Journal openUnlocked(Path file, boolean write) throws IOException {
    JournalFile.createOrCheck(file);
    JournalSchema.Opened o = JournalSchema.open(file, write);
    return new Journal(file, o.db(), o.schema());
  }

  public Path file() {
    return file;
  }

  /**
   * Makes {@link #get} fast: for a batch that resumes (a first run looks nothing up, and its
   * appends are cheaper without the index).
   */
  public synchronized void indexForLookups() throws IOException {
    if (schema.legacy()) {
      return;
    }
    try (Statement s = db.createStatement()) {
      s.execute("CREATE INDEX IF NOT EXISTS log_ref ON log(ref)");
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** A fact about the batch (spec id, spec hash, recipients file), if recorded. */
  public synchronized Optional<String> fact(String key) throws IOException {
    try (PreparedStatement p = db.prepareStatement("SELECT value FROM batch WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw io(e);
    }
  }

  public synchronized void setFact(String key, String value) throws IOException {
    try (PreparedStatement p =
        db.prepareStatement("INSERT OR REPLACE INTO batch(key, value) VALUES (?, ?)")) {
      p.setString(1, key);
      p.setString(2, value);
      p.executeUpdate();
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** The record of a row by its reference. */
  public Optional<Entry> get(String reference) throws IOException {
    return lookup.get(reference);
  }

  /**
   * Records {@code e}, replacing what was known of its reference; committed on return. Concurrent
   * callers share commits (group commit): whoever holds the database commits every entry queued so
   * far in one transaction, and the others find theirs already committed.
   */
  public void put(Entry e) throws IOException {
    writer.commit(writer.add(e));
  }

  /**
   * Queues {@code e} for the next commit and returns at once: for records whose loss in a crash is
   * safe (an outcome not committed leaves its row {@code sending}, which is never resent without
   * asking). Returns the entry's sequence number.
   */
  public long add(Entry e) {
    return writer.add(e);
  }

  /** Commits every queued entry in one transaction; durable on return. */
  public void commit() throws IOException {
    writer.commit();
  }

  /** True when the journal holds no row: a first run, where no row needs looking up. */
  public synchronized boolean isEmpty() throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + schema.table() + ")")) {
      return !r.next() || r.getInt(1) == 0;
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** Forgets invalid and duplicate rows: each run finds them again. */
  public synchronized void clearRowProblems() throws IOException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate(
          schema.legacy()
              ? "DELETE FROM rows WHERE state IN ('invalid', 'duplicate')"
              : "DELETE FROM log WHERE ref IN (SELECT ref FROM "
                  + schema.current()
                  + " WHERE state IN ('invalid', 'duplicate'))");
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** Every row in line order, streamed to {@code each}. */
  public void forEach(Consumer<Entry> each) throws IOException {
    rows("ORDER BY line, ref", each);
  }

  /** How many rows are in each state. */
  public synchronized Map<State, Integer> counts() throws IOException {
    Map<State, Integer> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT state, COUNT(*) FROM " + schema.current() + " GROUP BY state")) {
      while (r.next()) {
        out.put(State.of(r.getString(1)), r.getInt(2));
      }
    } catch (SQLException e) {
      throw io(e);
    }
    return out;
  }

  /** The rows whose outcome is in doubt. */
  public List<Entry> inDoubt() throws IOException {
    List<Entry> out = new ArrayList<>();
    rows("WHERE state IN ('sending', 'unknown') ORDER BY line", out::add);
    return out;
  }

  private synchronized void rows(String where, Consumer<Entry> each) throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + schema.current() + " " + where)) {
      while (r.next()) {
        each.accept(schema.entry(r));
      }
    } catch (SQLException e) {
      throw io(e);
    }
  }

  static IOException io(SQLException e) {
    return new IOException("journal: " + e.getMessage());
  }

  @Override
  public synchronized void close() throws IOException {
    if (!writer.failed()) {
      commit(); // what was queued is not lost by closing
    }
    try {
      lookup.close();
      writer.close();
      db.close();
    } catch (SQLException e) {
      throw io(e);
    } finally {
      if (lock != null) {
        lock.close(); // releases the lock
        lock = null;
      }
    }
  }
}
