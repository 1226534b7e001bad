package dev.chirp.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.Compiler;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Outcome;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Variable;
import dev.chirp.vars.Bindings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one spec to every row of a recipients file: validates each row, skips what the journal says
 * was sent, journals intent before and outcome after each request, and never sends a row twice.
 * Rows are streamed; memory does not grow with the file beyond the duplicate index.
 */
public final class BatchRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Spec spec;
  private final String specHash;
  private final Compiler compiler;
  private final BirdClient client;
  private final Journal journal;
  private final BatchOptions options;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Progress progress;
  private final Summary summary = new Summary();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final Object printLock = new Object();

  public BatchRunner(
      Spec spec,
      String specHash,
      Compiler compiler,
      BirdClient client,
      Journal journal,
      BatchOptions options,
      PrintWriter out,
      PrintWriter err,
      Progress progress) {
    this.spec = spec;
    this.specHash = specHash;
    this.compiler = compiler;
    this.client = client;
    this.journal = journal;
    this.options = options;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  /** Asks the run to stop taking rows; in-flight requests finish. Safe from a signal handler. */
  public void stop() {
    summary.interrupted = true;
    stop.set(true);
  }

  public Summary summary() {
    return summary;
  }

  /** The SHA-256 of a spec file's bytes, in hex: part of every row's reference. */
  public static String hash(byte[] bytes) {
    MessageDigest md = SHA256.get();
    md.reset();
    return HexFormat.of().formatHex(md.digest(bytes));
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  /** The deterministic reference of a row: spec id, spec content hash and the row's receiver. */
  public static String reference(String specId, String specHash, String key) {
    String k = hash(key.getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    return "chirp:" + specId + ":" + specHash.substring(0, 8) + ":" + k;
  }

  /**
   * Checks the header against the spec before any row: a receiver column is needed, a required
   * variable without a column would fail every row, and extra columns are only worth a warning.
   * Returns false when the batch cannot start.
   */
  public boolean checkColumns(Recipients r) {
    List<String> cols = r.columns();
    if (cols == null) {
      return true; // JSON Lines: each row names its own keys
    }
    if (!cols.contains("to") && !cols.contains("contactId")) {
      String phone =
          cols.stream()
              .filter(c -> PHONE_COLUMN.matcher(c).matches() && !spec.variables().containsKey(c))
              .findFirst()
              .orElse(null);
      printErr(
          r.display()
              + ":1: error[recipients]: the header has no `to` or `contactId` column; one names each receiver"
              + (phone == null ? "" : " (rename `" + phone + "` to `to` if it holds the numbers)"));
      return false;
    }
    boolean ok = true;
    for (Variable v : spec.variables().values()) {
      if (v.required() && v.defaultValue() == null && !cols.contains(v.name())) {
        printErr(
            r.display()
                + ":1: error[var-missing]: the header has no column `"
                + v.name()
                + "`, which "
                + spec.id()
                + " requires");
        ok = false;
      }
    }
    for (String c : cols) {
      if (!c.equals("to") && !c.equals("contactId") && !spec.variables().containsKey(c)) {
        printErr(
            r.display()
                + ":1: warning[var-unknown]: column `"
                + c
                + "` is not a variable of "
                + spec.id()
                + "; it is ignored");
      }
    }
    return ok;
  }

  /** Column names that usually hold phone numbers, for the hint when `to` is missing. */
  private static final java.util.regex.Pattern PHONE_COLUMN =
      java.util.regex.Pattern.compile(
          "(?i)(phone|phone_?number|number|mobile|msisdn|tel|telephone|whatsapp|cell|receiver|recipient)");

  /** Runs the batch over {@code r}. */
  public Summary run(Recipients r) throws IOException, InterruptedException {
    if (journal != null) {
      occurrenceKeys = "occurrence".equals(journal.fact(ROW_KEYS).orElse(null));
      journal.clearRowProblems();
      // A first run has nothing to look up: every row is new (the batch's spec hash is checked
      // before this, so a journal of another batch never gets here).
      lookups = !journal.isEmpty();
      if (lookups) {
        journal.indexForLookups();
      }
    }
    Seen seen = options.allowDuplicates() ? null : new Seen();
    int workers = Math.max(1, options.concurrency());
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            t -> {
              Thread th = new Thread(t, "chirp-send");
              th.setDaemon(true);
              return th;
            });
    // Intents are committed by this thread, a group at a time, just before the group is handed to
    // the workers; so no worker waits for the journal, and after a crash at most
    // `workers + group` rows are in doubt (committed as sending, perhaps never sent).
    int group = Math.min(workers, 64);
    Semaphore slots = new Semaphore(workers + group);
    List<Job> ready = new ArrayList<>();
    List<Job> batch = new ArrayList<>();
    try {
      while (!stop.get() && r.hasNext()) {
        Recipients.Entry e = r.next();
        summary.rows.incrementAndGet();
        Job job = prepare(r, e, seen);
        if (job == null) {
          progress.step(summary.progressNote());
          if (options.failFast() && summary.problems() > 0) {
            summary.stoppedEarly = true;
            break;
          }
          continue;
        }
        if (options.dryRun()) {
          dryRun(job);
          progress.step(summary.progressNote());
          continue;
        }
        if (options.batchApi()) {
          batch.add(job);
          if (batch.size() == 100) {
            List<Job> g = List.copyOf(batch);
            batch.clear();
            acquire(slots, 1);
            execute(pool, slots, () -> sendGroup(g));
          }
          if (options.failFast() && summary.problems() > 0) {
            summary.stoppedEarly = true;
            break;
          }
          continue;
        }
        ready.add(job);
        if (ready.size() == group) {
          dispatch(pool, slots, ready);
        }
        if (options.failFast() && summary.problems() > 0) {
          summary.stoppedEarly = true;
          break;
        }
      }
      if (!ready.isEmpty() && !stop.get()) { // --fail-fast: rows read before the problem go
        dispatch(pool, slots, ready);
      }
      if (!batch.isEmpty() && !stop.get()) {
        // Through the pool like the other groups: sent from this thread, it would be one request
        // more in flight than --concurrency allows, and out of order with the groups before it.
        List<Job> g = List.copyOf(batch);
        acquire(slots, 1);
        execute(pool, slots, () -> sendGroup(g));
      }
    } finally {
      pool.shutdown();
      long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
      while (!pool.awaitTermination(COMMIT_EVERY_MS, TimeUnit.MILLISECONDS)
          && System.nanoTime() < until) {
        commitOutcomes();
      }
      if (journal != null) {
        journal.commit();
      }
      progress.close();
    }
    return summary;
  }

  /** How often outcomes are committed while this thread waits (they are queued, not waited for). */
  private static final long COMMIT_EVERY_MS = 100;

  private boolean lookups = true;

  /** Answers that every row of the batch would get: the key, or the workspace or channel. */
  private static final java.util.Set<Integer> AUTH_OR_PLACE = java.util.Set.of(401, 403, 404);

  /** The journal fact that says rows of --allow-duplicates are keyed by occurrence, not line. */
  public static final String ROW_KEYS = "rowKeys";

  private boolean occurrenceKeys = true;
  private final java.util.Map<String, Integer> occurrences = new java.util.HashMap<>();

  /** Commits the intents of {@code jobs} (with the outcomes queued so far), then hands them out. */
  private void dispatch(ExecutorService pool, Semaphore slots, List<Job> jobs)
      throws IOException, InterruptedException {
    acquire(slots, jobs.size());
    for (Job j : jobs) {
      journal.add(Journal.Entry.sending(j.reference(), j.line(), j.receiver(), j.bodyHash()));
    }
    journal.commit();
    for (Job j : jobs) {
      execute(pool, slots, () -> send(j));
    }
    jobs.clear();
  }

  private void commitOutcomes() throws IOException {
    if (journal != null) {
      journal.commit();
    }
  }

  /** Waits for {@code n} bounded slots (back-pressure), committing outcomes meanwhile. */
  private void acquire(Semaphore slots, int n) throws InterruptedException, IOException {
    while (!slots.tryAcquire(n, COMMIT_EVERY_MS, TimeUnit.MILLISECONDS)) {
      commitOutcomes();
    }
  }

  /** Runs {@code task} on the pool; its slot is freed when it ends. */
  private static void execute(ExecutorService pool, Semaphore slots, Runnable task) {
    pool.execute(
        () -> {
          try {
            task.run();
          } finally {
            slots.release();
          }
        });
  }

  /** A row ready to send: where it came from, its reference and its request body. */
  record Job(
      int line,
      String receiver,
      String reference,
      byte[] body,
      ObjectNode payload,
      String bodyHash) {}

  private Job prepare(Recipients r, Recipients.Entry e, Seen seen) throws IOException {
    if (e instanceof Recipients.Bad b) {
      if (b.fatal()) {
        summary.unreadRest = true;
      }
      invalid(r.display(), b.line(), b.column(), "row " + b.line() + " " + b.reason());
      return null;
    }
    Recipients.Row row = (Recipients.Row) e;
    Receiver receiver;
    if (row.to() != null) {
      Optional<String> p = Receivers.problem(row.to());
      if (p.isPresent()) {
        invalid(r.display(), row.line(), "to", "row " + row.line() + ", column to: " + p.get());
        return null;
      }
      receiver = Receiver.phone(row.to());
    } else {
      if (!dev.chirp.text.Uuids.isUuid(row.contactId())) {
        invalid(
            r.display(),
            row.line(),
            "contactId",
            "row " + row.line() + ", column contactId: \"" + row.contactId() + "\" is not a UUID");
        return null;
      }
      receiver = Receiver.contact(row.contactId());
    }
    String key = row.receiver();
    if (seen != null) {
      int first = seen.firstLine(key, row.line());
      if (first != 0) {
        summary.duplicates.incrementAndGet();
        printErr(
            r.display()
                + ":"
                + row.line()
                + ": warning[duplicate]: row "
                + row.line()
                + " sends to "
                + key
                + " again (first at line "
                + first
                + "); it is skipped (--allow-duplicates sends both)");
        if (journal != null) {
          journal.add(
              new Journal.Entry(
                  "line:" + row.line(),
                  row.line(),
                  key,
                  Journal.State.DUPLICATE,
                  null,
                  null,
                  null,
                  null,
                  "duplicate of line " + first,
                  0,
                  null));
        }
        return null;
      }
    } else if (occurrenceKeys) {
      // With --allow-duplicates a receiver's rows are told apart by their order among its rows,
      // not by line: a row inserted or removed elsewhere in the file changes no other row's key.
      key = key + "#" + occurrences.merge(key, 1, Integer::sum);
    } else {
      key = key + "#" + row.line(); // a journal begun before occurrence keys keeps line keys
    }
    Bindings bindings =
        new Bindings(row.values(), r.display(), Span.at(row.line(), 1), "row " + row.line(), false);
    String ref = reference(spec.id(), specHash, key);
    Compiler.Resolution res = compiler.resolve(spec, bindings, receiver, false, ref);
    if (!res.ok()) {
      for (Diagnostic d : res.diagnostics()) {
        if (d.severity() == Severity.ERROR) {
          String where =
              d.file().equals(r.display())
                  ? d.file() + ":" + d.span().line()
                  : r.display() + ":" + row.line();
          printErr(
              where
                  + ": error["
                  + d.code()
                  + "]: "
                  + (d.message().startsWith("row ")
                      ? d.message()
                      : "row " + row.line() + ": " + d.message()));
        }
      }
      summary.invalid.incrementAndGet();
      if (journal != null) {
        String first =
            res.diagnostics().stream()
                .filter(d -> d.severity() == Severity.ERROR)
                .map(Diagnostic::message)
                .findFirst()
                .orElse("invalid");
        journal.add(
            new Journal.Entry(
                "line:" + row.line(),
                row.line(),
                row.receiver(),
                Journal.State.INVALID,
                null,
                null,
                null,
                null,
                first,
                0,
                null));
      }
      return null;
    }
    for (Diagnostic d : res.diagnostics()) {
      // Other warnings belong to the spec and were shown by its check; this one is the row's.
      if (d.code() == dev.chirp.diag.Code.HIDDEN_CHARACTERS) {
        printErr(
            r.display()
                + ":"
                + row.line()
                + ": warning["
                + d.code()
                + "]: row "
                + row.line()
                + ": "
                + d.message()
                + " (sent as it is)");
      }
    }
    ObjectNode payload = res.payload();
    byte[] body = res.json().getBytes(StandardCharsets.UTF_8);
    // The hash of what this row sends, journaled with it: a re-run tells a row accepted with
    // other values (a file changed at the same path) from one accepted as it is now.
    String bodyHash = journal == null ? null : hash(body).substring(0, 16);
    if (journal != null && !options.dryRun() && lookups) {
      Optional<Journal.Entry> before = journal.get(ref);
      if (before.isPresent()) {
        Journal.State s = before.get().state();
        if (s == Journal.State.ACCEPTED
            && before.get().body() != null
            && !before.get().body().equals(bodyHash)) {
          summary.changed.incrementAndGet();
          printErr(
              r.display()
                  + ":"
                  + row.line()
                  + ": error[changed]: row "
                  + row.line()
                  + " ("
                  + row.receiver()
                  + ") was accepted earlier with other values (reference "
                  + payload.path("reference").asText(ref)
                  + "); it is not sent again. To send the new values, start a new batch with"
                  + " --journal NEW_PATH");
          return null;
        }
        if (s == Journal.State.ACCEPTED) {
          summary.alreadyAccepted.incrementAndGet();
          return null; // counted in the progress by run(), like every row without a job
        }
        if ((s == Journal.State.SENDING || s == Journal.State.UNKNOWN)
            && !options.resendUnknown()) {
          summary.skippedUnknown.incrementAndGet();
          printErr(
              r.display()
                  + ":"
                  + row.line()
                  + ": warning[unknown]: row "
                  + row.line()
                  + " ("
                  + row.receiver()
                  + ") may already have been sent (reference "
                  // what Bird has: the spec's own reference when it sets one, else chirp's
                  + payload.path("reference").asText(ref)
                  + "); skipped: --resend-unknown looks it up at Bird and sends it only if Bird does not have it");
          return null;
        }
      }
    }
    return new Job(row.line(), row.receiver(), ref, body, payload, bodyHash);
  }

  private void invalid(String file, int line, String column, String reason) throws IOException {
    summary.invalid.incrementAndGet();
    printErr(file + ":" + line + ": error[recipients]: " + reason);
    if (journal != null) {
      journal.add(
          new Journal.Entry(
              "line:" + line,
              line,
              null,
              Journal.State.INVALID,
              null,
              null,
              null,
              column,
              reason,
              0,
              null));
    }
  }

  private String dryRunPrefix;

  private void dryRun(Job job) {
    if (dryRunPrefix == null) {
      // Everything but the body is the same for every row: build it once.
      ObjectNode line = JSON.createObjectNode();
      line.put("method", "POST");
      line.put("url", client == null ? "" : client.connection().messagesUrl().toString());
      ObjectNode headers = line.putObject("headers");
      if (client != null) {
        client.redactedHeaders().forEach(headers::put);
      }
      line.putNull("body");
      String text = Payload.compact(line);
      dryRunPrefix = text.substring(0, text.length() - "null}".length());
    }
    String text = dryRunPrefix + new String(job.body(), StandardCharsets.UTF_8) + "}";
    synchronized (printLock) {
      out.println(text);
    }
    summary.dryRun.incrementAndGet();
  }

  private void send(Job job) {
    try {
      if (stop.get()) {
        // Queued but not begun when the batch was stopped: it is not sent now, and its intent
        // must not read as "maybe sent", or a re-run would hold it back as unknown.
        journal.add(notSent(job).withBody(job.bodyHash()));
        summary.failed.incrementAndGet(); // as the journal and `chirp report` count it
        summary.notBegun.incrementAndGet();
        return;
      }
      // its intent was committed by dispatch()
      Outcome o = client.send(job.body(), job.payload().path("reference").textValue());
      record(job, o);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      progress.step(summary.progressNote());
    }
  }

  /** Failures in a row (no acceptance between) after which the batch stops. */
  private int failuresToStop() {
    return Math.max(10, 2 * options.concurrency());
  }

  private final java.util.concurrent.atomic.AtomicInteger failuresInARow =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Stops the batch because every further row would meet the same fate (a refused key, a wrong
   * channel, Bird unreachable): rows not yet sent stay unsent, and the same command resumes.
   */
  private void abort(String why) {
    synchronized (printLock) {
      if (summary.abortedBecause != null) {
        return;
      }
      summary.abortedBecause = why;
    }
    printErr(
        "chirp: stopping the batch: "
            + why
            + "; rows not sent yet are sent by the same command once that is fixed");
    stop.set(true);
  }

  private void record(Job job, Outcome o) throws IOException {
    Journal.Entry entry;
    if (!(o instanceof Outcome.Failed)) {
      failuresInARow.set(0);
    }
    if (o instanceof Outcome.Rejected rj && AUTH_OR_PLACE.contains(rj.httpStatus())) {
      abort(
          "Bird answered HTTP "
              + rj.httpStatus()
              + (rj.httpStatus() == 404
                  ? " (no such workspace or channel: check --workspace-id and --channel-id)"
                  : " (the access key was refused: check BIRD_ACCESS_KEY or --access-key-file)")
              + ", which every row would get");
    } else if (o instanceof Outcome.Failed f
        && failuresInARow.incrementAndGet() >= failuresToStop()) {
      abort(failuresToStop() + " rows in a row failed (the last: " + f.reason() + ")");
    }
    if (o instanceof Outcome.Accepted a) {
      summary.accepted.incrementAndGet();
      entry =
          new Journal.Entry(
              job.reference(),
              job.line(),
              job.receiver(),
              Journal.State.ACCEPTED,
              a.messageId(),
              a.status(),
              202,
              null,
              null,
              a.attempts(),
              null);
    } else if (o instanceof Outcome.Rejected rj) {
      summary.rejected.incrementAndGet();
      summary.failure("HTTP " + rj.httpStatus() + (rj.code() == null ? "" : " " + rj.code()));
      printErr(
          "row "
              + job.line()
              + " ("
              + job.receiver()
              + "): refused by Bird: HTTP "
              + rj.httpStatus()
              + (rj.code() == null ? "" : " " + rj.code())
              + ": "
              + rj.message());
      entry =
          new Journal.Entry(
              job.reference(),
              job.line(),
              job.receiver(),
              Journal.State.REJECTED,
              null,
              null,
              rj.httpStatus(),
              rj.code(),
              rj.message(),
              rj.attempts(),
              null);
    } else if (o instanceof Outcome.Failed f) {
      summary.failed.incrementAndGet();
      summary.failure("gave up");
      printErr("row " + job.line() + " (" + job.receiver() + "): failed: " + f.reason());
      entry = failed(job, f.reason(), f.attempts());
    } else {
      Outcome.Unknown u = (Outcome.Unknown) o;
      summary.unknown.incrementAndGet();
      printErr(
          "row "
              + job.line()
              + " ("
              + job.receiver()
              + "): outcome unknown: "
              + u.reason()
              + "; not resent");
      entry =
          new Journal.Entry(
              job.reference(),
              job.line(),
              job.receiver(),
              Journal.State.UNKNOWN,
              null,
              null,
              null,
              null,
              u.reason(),
              u.attempts(),
              null);
    }
    journal.add(entry.withBody(job.bodyHash())); // committed with the next group, or at the end
  }

  /**
   * The item of Bird's batch answer for each job, in the jobs' order (null where there is none), or
   * null when the answer lists no items at all: Bird took the whole batch with its 202 and
   * validates it later, so every row is accepted as the request was. Bird does not document the
   * answer's shape, so an item is matched by the reference the row sent when the items carry
   * references, and by position only when there is one item per row and none has a reference.
   */
  static List<JsonNode> itemsFor(List<Job> jobs, JsonNode answer) {
    JsonNode messages = answer == null ? null : answer.get("messages");
    if (messages == null || !messages.isArray()) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>(java.util.Collections.nCopies(jobs.size(), null));
    java.util.Map<String, Integer> byRef = new java.util.HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      String ref = jobs.get(i).payload().path("reference").asText(null);
      if (ref != null && byRef.putIfAbsent(ref, i) != null) {
        byRef.put(ref, -1); // not unique: cannot match by it
      }
    }
    boolean anyRef = false;
    for (JsonNode m : messages) {
      JsonNode ref = m.path("reference");
      if (ref.isTextual()) {
        anyRef = true;
        Integer i = byRef.get(ref.asText());
        if (i != null && i >= 0 && out.get(i) == null) {
          out.set(i, m);
        }
      }
    }
    if (!anyRef && messages.size() == jobs.size()) {
      for (int i = 0; i < jobs.size(); i++) {
        out.set(i, messages.get(i));
      }
    }
    return out;
  }

  /** Known statuses of a message Bird took; anything else is not counted as accepted. */
  private static final java.util.Set<String> TAKEN =
      java.util.Set.of(
          "accepted", "pending", "processing", "scheduled", "sending", "sent", "delivered");

  /** What one item of a batch answer says about its row (null item: the answer did not say). */
  private Outcome itemOutcome(JsonNode m, int attempts) {
    if (m == null) {
      return new Outcome.Unknown(
          "Bird's batch answer has no item for this row; it may have been accepted", attempts);
    }
    String status = m.path("status").asText(null);
    if ("rejected".equals(status) || "failed".equals(status)) {
      JsonNode failure = m.path("failure");
      JsonNode code = failure.path("code");
      // Bird's batch failure code is the HTTP status of the item (422), not an error code.
      return new Outcome.Rejected(
          code.isIntegralNumber() ? code.asInt() : 422,
          code.isTextual() ? client.scrub(code.asText()) : null,
          client.scrub(failure.path("description").asText(status + " in the batch")),
          java.util.Map.of(),
          attempts);
    }
    if (status == null || !TAKEN.contains(status)) {
      return new Outcome.Unknown(
          "Bird's batch answer gives this row the status "
              + (status == null ? "(none)" : "\"" + client.scrub(status) + "\"")
              + ", not accepted",
          attempts);
    }
    // Texts of the answer are printed and journaled: scrubbed like single answers.
    return new Outcome.Accepted(
        client.scrub(m.path("id").asText(null)), client.scrub(status), attempts);
  }

  /** The journal entry of a row whose intent was committed but which was never sent. */
  private static Journal.Entry notSent(Job job) {
    return failed(job, "not sent: the batch was stopped before its turn", 0);
  }

  /** A failed row: a re-run sends it again. */
  private static Journal.Entry failed(Job job, String reason, int attempts) {
    return new Journal.Entry(
        job.reference(),
        job.line(),
        job.receiver(),
        Journal.State.FAILED,
        null,
        null,
        null,
        null,
        reason,
        attempts,
        null);
  }

  /** Sends up to 100 rows through Bird's batch endpoint, journaling each as for single sends. */
  private void sendGroup(List<Job> jobs) {
    try {
      if (stop.get()) {
        return; // no intent was written for these rows: a re-run sends them
      }
      // The turn under the rate limit first, then the intents: a crash while waiting for a turn
      // leaves these rows unsent, not "maybe sent".
      client.awaitTurn();
      if (stop.get()) {
        return;
      }
      for (Job j : jobs) {
        journal.add(Journal.Entry.sending(j.reference(), j.line(), j.receiver(), j.bodyHash()));
      }
      journal.commit();
      ObjectNode req = JSON.createObjectNode();
      ArrayNode arr = req.putArray("messageRequests");
      jobs.forEach(j -> arr.add(j.payload()));
      Outcome o =
          client.post(
              client.connection().batchUrl(),
              Payload.compact(req).getBytes(StandardCharsets.UTF_8),
              true);
      List<JsonNode> items = o instanceof Outcome.Accepted a ? itemsFor(jobs, a.answer()) : null;
      for (int i = 0; i < jobs.size(); i++) {
        Outcome each = items == null ? o : itemOutcome(items.get(i), o.attempts());
        record(jobs.get(i), each);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      for (int i = 0; i < jobs.size(); i++) {
        progress.step(summary.progressNote());
      }
    }
  }

  private void printErr(String line) {
    synchronized (printLock) {
      err.println(line);
      err.flush();
    }
  }
}
