package dev.chirp.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * rows} table updated in place) are read and written in their own format.
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
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static State of(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
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
      return new Entry(
          reference,
          line,
          receiver,
          State.ACCEPTED,
          messageId,
          status,
          202,
          null,
          null,
          attempts,
          null,
          null);
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
      return new Entry(
          reference,
          line,
          receiver,
          State.REJECTED,
          null,
          null,
          httpStatus,
          code,
          message,
          attempts,
          null,
          null);
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
      return new Entry(
          "line:" + line,
          line,
          receiver,
          State.INVALID,
          null,
          null,
          null,
          column,
          reason,
          0,
          null,
          null);
    }

    /** A row skipped because the row at {@code firstLine} sends to the same receiver. */
    public static Entry duplicate(int line, String receiver, int firstLine) {
      return of(
          "line:" + line, line, receiver, State.DUPLICATE, "duplicate of line " + firstLine, 0);
    }

    /** This row, found accepted at Bird by a later lookup ({@code how}); its body hash is kept. */
    public Entry foundAtBird(String messageId, String status, String how) {
      return new Entry(
          reference,
          line,
          receiver,
          State.ACCEPTED,
          messageId,
          status,
          null,
          null,
          how,
          attempts,
          null,
          body);
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
  }

  private final Connection db;
  private final Path file;
  private final boolean legacy;

  /** The rows: the latest record of each reference (or the legacy table). */
  private final String current;

  /** Whether the log has the body column (journals begun before it, opened to read, have not). */
  private final boolean bodyColumn;

  private Journal(Path file, Connection db, boolean legacy, boolean bodyColumn) {
    this.file = file;
    this.db = db;
    this.legacy = legacy;
    this.bodyColumn = bodyColumn;
    this.current =
        legacy
            ? "rows"
            : "(SELECT * FROM log WHERE rowid IN (SELECT MAX(rowid) FROM log GROUP BY ref))";
  }

  /**
   * Makes {@link #get} fast: for a batch that resumes (a first run looks nothing up, and its
   * appends are cheaper without the index).
   */
  public synchronized void indexForLookups() throws IOException {
    if (legacy) {
      return;
    }
    try (Statement s = db.createStatement()) {
      s.execute("CREATE INDEX IF NOT EXISTS log_ref ON log(ref)");
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /**
   * Opens or creates the journal at {@code file} for a batch, holding its lock until {@link
   * #close}: a second chirp on the same journal would send the same rows.
   */
  public static Journal open(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    java.nio.channels.FileChannel lock;
    try {
      Path created = parent;
      while (created.getParent() != null && !Files.exists(created.getParent())) {
        created = created.getParent();
      }
      boolean fresh = !Files.exists(parent);
      Files.createDirectories(parent);
      if (fresh) {
        // Journals list receivers' phone numbers: the folders chirp makes for them keep
        // themselves out of git, as cache folders of other tools do.
        Files.writeString(
            created.resolve(".gitignore"),
            "# made by chirp: batch journals list receivers' phone numbers\n*\n",
            StandardCharsets.UTF_8);
      }
      lock = lock(file);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException(
          "cannot create the journal " + file + ": " + e.getFile() + " is a file, not a folder");
    } catch (java.nio.file.AccessDeniedException e) {
      throw new IOException(
          "cannot create the journal " + file + ": no permission to write in " + e.getFile());
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

  /** Another chirp holds the journal's lock. */
  public static final class InUse extends IOException {
    InUse(String message) {
      super(message);
    }
  }

  private java.nio.channels.FileChannel lock;

  /**
   * The lock beside {@code file} ({@code FILE.lock}, holding the pid of its owner). The operating
   * system releases it when the process ends, however it ends, so a killed batch never leaves its
   * journal locked.
   */
  private static java.nio.channels.FileChannel lock(Path file) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    java.nio.channels.FileChannel ch;
    try {
      ch =
          java.nio.channels.FileChannel.open(
              lockFile,
              Set.of(
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.READ,
                  java.nio.file.StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      ch =
          java.nio.channels.FileChannel.open(
              lockFile,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.READ,
              java.nio.file.StandardOpenOption.WRITE);
    }
    java.nio.channels.FileLock l;
    try {
      l = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      l = null; // held by this process already
    } catch (IOException e) {
      // A file system without locks (some network mounts): the batch goes on unguarded rather
      // than not at all; the journal itself still never sends a row twice within one run.
      return ch;
    }
    if (l == null) {
      String owner = "";
      try {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(32);
        ch.read(b, 0);
        owner = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
      } catch (IOException e) {
        // the message goes without the pid
      }
      ch.close();
      throw new InUse(
          "the journal "
              + file
              + " is in use by another chirp"
              + (owner.matches("[0-9]+") ? " (pid " + owner + ")" : "")
              + "; two batches on one journal would send the same rows. Wait for it to end, or"
              + " stop it");
    }
    ch.truncate(0);
    ch.write(
        java.nio.ByteBuffer.wrap(
            (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    return ch;
  }

  private static Journal openUnlocked(Path file, boolean write) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    }
    if (Files.size(file) > 0 && !sqliteHeader(file)) {
      throw new NotAJournal(file + " is not a chirp journal (not an SQLite database)");
    }
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        // Another program's database is left as it is: no tables of ours are added to it.
        List<String> tables = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
          while (r.next()) {
            tables.add(r.getString(1));
          }
        }
        if (!tables.isEmpty() && !tables.contains("batch")) {
          c.close();
          throw new NotAJournal(
              file + " is not a chirp journal (an SQLite database without chirp's tables)");
        }
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode: a commit survives a crash of the process (what a batch must
        // survive); only a power loss may lose the last commits.
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("CREATE TABLE IF NOT EXISTS batch (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
        boolean legacy;
        try (ResultSet r =
            s.executeQuery(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'rows'")) {
          legacy = r.next() && r.getInt(1) > 0;
        }
        boolean body = false;
        if (!legacy) {
          s.execute(
              "CREATE TABLE IF NOT EXISTS log (ref TEXT NOT NULL, line INTEGER NOT NULL,"
                  + " receiver TEXT, state TEXT NOT NULL, message_id TEXT, status TEXT,"
                  + " http_status INTEGER, code TEXT, detail TEXT,"
                  + " attempts INTEGER NOT NULL DEFAULT 0, updated TEXT NOT NULL, body TEXT)");
          try (ResultSet r = s.executeQuery("PRAGMA table_info(log)")) {
            while (r.next()) {
              body |= r.getString("name").equals("body");
            }
          }
          if (!body && write) {
            // A journal begun before rows kept the hash of their request body.
            s.execute("ALTER TABLE log ADD COLUMN body TEXT");
            body = true;
          }
        }
        return new Journal(file, c, legacy, body);
      }
    } catch (SQLException e) {
      throw new IOException("cannot open the journal " + file + ": " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  /** The file at the journal's path is something else; nothing was written to it. */
  public static final class NotAJournal extends IOException {
    NotAJournal(String message) {
      super(message);
    }
  }

  private static boolean sqliteHeader(Path file) throws IOException {
    byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    try (java.io.InputStream in = Files.newInputStream(file)) {
      return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
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
    // A reader connection of its own: WAL lets it read while the writer commits, so looking up
    // rows never waits for a commit of other rows (it sees every commit that has finished).
    synchronized (readerLock) {
      try {
        if (reader == null) {
          reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
          try (Statement st = reader.createStatement()) {
            st.execute("PRAGMA busy_timeout=5000");
          }
          lookup =
              reader.prepareStatement(
                  legacy
                      ? "SELECT * FROM rows WHERE ref = ?"
                      : "SELECT * FROM log WHERE ref = ? ORDER BY rowid DESC LIMIT 1");
        }
        lookup.setString(1, reference);
        try (ResultSet r = lookup.executeQuery()) {
          return r.next() ? Optional.of(entry(r)) : Optional.empty();
        }
      } catch (SQLException e) {
        throw io(e);
      }
    }
  }

  private final Object readerLock = new Object();
  private Connection reader;
  private PreparedStatement lookup;

  private final Object queueLock = new Object();
  private List<Entry> queue = new ArrayList<>();
  private long enqueued;
  private volatile long committed;
  private volatile IOException failure;

  /**
   * Records {@code e}, replacing what was known of its reference; committed on return. Concurrent
   * callers share commits (group commit): whoever holds the database commits every entry queued so
   * far in one transaction, and the others find theirs already committed.
   */
  public void put(Entry e) throws IOException {
    commit(add(e));
  }

  /**
   * Queues {@code e} for the next commit and returns at once: for records whose loss in a crash is
   * safe (an outcome not committed leaves its row {@code sending}, which is never resent without
   * asking). Returns the entry's sequence number for {@link #commit(long)}.
   */
  public long add(Entry e) {
    synchronized (queueLock) {
      queue.add(e);
      return ++enqueued;
    }
  }

  /** Commits every queued entry in one transaction; durable on return. */
  public void commit() throws IOException {
    long upTo;
    synchronized (queueLock) {
      upTo = enqueued;
    }
    commit(upTo);
  }

  private void commit(long mine) throws IOException {
    synchronized (this) {
      if (committed < mine) {
        List<Entry> batch;
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

  /** True when the journal holds no row: a first run, where no row needs looking up. */
  public synchronized boolean isEmpty() throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT EXISTS (SELECT 1 FROM " + (legacy ? "rows" : "log") + ")")) {
      return !r.next() || r.getInt(1) == 0;
    } catch (SQLException e) {
      throw io(e);
    }
  }

  private PreparedStatement insert;

  private void write(List<Entry> batch) throws IOException {
    if (batch.isEmpty()) {
      return;
    }
    try {
      db.setAutoCommit(false);
      if (insert == null) {
        // Prepared once: every commit reuses it (callers hold the lock on this journal).
        insert =
            db.prepareStatement(
                legacy
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
                        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
      }
      PreparedStatement p = insert;
      String now = Instant.now().toString(); // one time per commit: when these became durable
      for (Entry e : batch) {
        p.setString(1, e.reference());
        p.setInt(2, e.line());
        p.setString(3, e.receiver());
        p.setString(4, e.state().db());
        p.setString(5, e.messageId());
        p.setString(6, e.status());
        if (e.httpStatus() == null) {
          p.setNull(7, java.sql.Types.INTEGER);
        } else {
          p.setInt(7, e.httpStatus());
        }
        p.setString(8, e.code());
        p.setString(9, e.detail());
        p.setInt(10, e.attempts());
        p.setString(11, e.updated() == null ? now : e.updated());
        if (!legacy) {
          p.setString(12, e.body());
        }
        p.addBatch();
      }
      p.executeBatch();
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
      throw io(ex);
    } finally {
      try {
        db.setAutoCommit(true);
      } catch (SQLException ignored) {
        // the connection is unusable; the next statement reports it
      }
    }
  }

  /** Forgets invalid and duplicate rows: each run finds them again. */
  public synchronized void clearRowProblems() throws IOException {
    try (Statement s = db.createStatement()) {
      s.executeUpdate(
          legacy
              ? "DELETE FROM rows WHERE state IN ('invalid', 'duplicate')"
              : "DELETE FROM log WHERE ref IN (SELECT ref FROM "
                  + current
                  + " WHERE state IN ('invalid', 'duplicate'))");
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** Every row in line order, streamed to {@code each}. */
  public synchronized void forEach(Consumer<Entry> each) throws IOException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM " + current + " ORDER BY line, ref")) {
      while (r.next()) {
        each.accept(entry(r));
      }
    } catch (SQLException e) {
      throw io(e);
    }
  }

  /** How many rows are in each state. */
  public synchronized Map<State, Integer> counts() throws IOException {
    Map<State, Integer> out = new LinkedHashMap<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery("SELECT state, COUNT(*) FROM " + current + " GROUP BY state")) {
      while (r.next()) {
        out.put(State.of(r.getString(1)), r.getInt(2));
      }
    } catch (SQLException e) {
      throw io(e);
    }
    return out;
  }

  /** The rows whose outcome is in doubt. */
  public synchronized List<Entry> inDoubt() throws IOException {
    List<Entry> out = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT * FROM "
                    + current
                    + " WHERE state IN ('sending', 'unknown') ORDER BY line")) {
      while (r.next()) {
        out.add(entry(r));
      }
    } catch (SQLException e) {
      throw io(e);
    }
    return out;
  }

  private Entry entry(ResultSet r) throws SQLException {
    int http = r.getInt("http_status");
    Integer httpStatus = r.wasNull() ? null : http;
    return new Entry(
        r.getString("ref"),
        r.getInt("line"),
        r.getString("receiver"),
        State.of(r.getString("state")),
        r.getString("message_id"),
        r.getString("status"),
        httpStatus,
        r.getString("code"),
        r.getString("detail"),
        r.getInt("attempts"),
        r.getString("updated"),
        bodyColumn ? r.getString("body") : null);
  }

  private static IOException io(SQLException e) {
    return new IOException("journal: " + e.getMessage());
  }

  @Override
  public synchronized void close() throws IOException {
    if (failure == null) {
      commit(); // what was queued is not lost by closing
    }
    try {
      synchronized (readerLock) {
        if (reader != null) {
          reader.close();
          reader = null;
        }
      }
      if (insert != null) {
        insert.close();
        insert = null;
      }
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
