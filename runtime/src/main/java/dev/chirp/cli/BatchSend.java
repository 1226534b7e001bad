package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.batch.BatchOptions;
import dev.chirp.batch.BatchRunner;
import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.batch.Progress;
import dev.chirp.batch.Recipients;
import dev.chirp.batch.Summary;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.vars.Partials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code chirp send SPEC --recipients FILE}: the batch path of the send command. */
final class BatchSend {
  static final int INTERRUPTED = 130;

  /** The journal fact: when a run last took every row of the file, or "no" while one has not. */
  static final String FINISHED = "finished";

  private final SendCommand cmd;
  private final SpecInput.Prepared p;
  private final Map<String, String> env;

  BatchSend(SendCommand cmd, SpecInput.Prepared p, Map<String, String> env) {
    this.cmd = cmd;
    this.p = p;
    this.env = env;
  }

  /** What the fixed-round-trip rule of Little's law gives: in flight = rate × round trip. */
  static final double DESIGN_ROUND_TRIP_SECONDS = 0.25;

  /**
   * The requests in flight a batch needs to reach {@code rate} a second when each takes up to
   * {@link #DESIGN_ROUND_TRIP_SECONDS} (Bird is 30–150 ms away, plus its own time): rate × 0.25 s,
   * at least 4 and at most 128; 64 without a rate limit. More in flight than needed costs nothing
   * but idle threads, since the rate limiter paces the sends; fewer would cap the rate below --rate
   * (4 in flight at 100 ms is 40 a second).
   */
  static int concurrencyFor(double rate) {
    if (rate == 0) {
      return 64;
    }
    return (int) Math.max(4, Math.min(128, Math.ceil(rate * DESIGN_ROUND_TRIP_SECONDS)));
  }

  int run() throws IOException, InterruptedException {
    PrintWriter out = cmd.spec.commandLine().getOut();
    PrintWriter err = cmd.spec.commandLine().getErr();
    if (cmd.concurrency != null && (cmd.concurrency < 1 || cmd.concurrency > 256)) {
      throw new Main.UsageError("--concurrency must be 1 to 256");
    }
    // With --batch-api a request carries up to 100 messages, so a few in flight are plenty, and
    // each one in flight is up to 100 rows in doubt after a crash.
    int concurrency =
        cmd.concurrency != null
            ? cmd.concurrency
            : cmd.batchApi ? 4 : concurrencyFor(cmd.conn.rate());
    if (!Files.isRegularFile(cmd.recipients)) {
      throw new Main.UsageError("no such recipients file: " + cmd.recipients);
    }
    String display = Checker.display(cmd.recipients, Path.of(""));
    String specHash = BatchRunner.hash(sentText(cmd.input.file, p.partialsUsed()));
    Connection connection = cmd.conn.connection(env, cmd.input.file, cmd.dryRun);
    BirdClient client;
    if (cmd.dryRun) {
      client = cmd.conn.dryRunClient(connection);
    } else {
      client =
          cmd.conn.client(
              connection,
              cmd.conn.key(env, " (use --dry-run to try without one)"),
              cmd.parent.env,
              concurrency);
    }
    // The recipients file first: a file that cannot be read leaves no journal behind.
    Recipients r;
    try {
      r = Recipients.open(cmd.recipients, display);
    } catch (IOException e) {
      throw new Main.UsageError(e.getMessage());
    }
    try {
      return run(r, display, specHash, client, concurrency, out, err);
    } finally {
      r.close();
    }
  }

  private int run(
      Recipients r,
      String display,
      String specHash,
      BirdClient client,
      int concurrency,
      PrintWriter out,
      PrintWriter err)
      throws IOException, InterruptedException {
    BatchOptions options =
        new BatchOptions(
            concurrency,
            cmd.dryRun,
            cmd.failFast,
            cmd.allowDuplicates,
            cmd.resendUnknown,
            cmd.batchApi);
    // The header is checked before the journal is opened: a batch that cannot start leaves none.
    BatchRunner check =
        new BatchRunner(p.spec(), specHash, null, null, null, options, out, err, Progress.none());
    if (!check.checkColumns(r)) {
      return Main.PROBLEMS;
    }
    Journal journal = null;
    Path journalFile = null;
    if (!cmd.dryRun) {
      journalFile =
          cmd.journalPath != null ? cmd.journalPath : defaultJournal(p.spec().id(), cmd.recipients);
      boolean existed = Files.exists(journalFile);
      if (cmd.resume && !existed) {
        throw new Main.UsageError(
            "--resume: no journal at "
                + journalFile
                + " (give the same --journal as the first run)");
      }
      try {
        journal = Journal.open(journalFile);
      } catch (Journal.NotAJournal e) {
        throw new Main.UsageError(
            e.getMessage() + "; give --journal a new path or a batch's journal");
      } catch (Journal.InUse e) {
        throw new Main.UsageError(e.getMessage());
      } catch (IOException e) {
        // A folder that cannot be written and the like: the user's to fix, and nothing was sent.
        throw new Main.UsageError(e.getMessage() + "; nothing was sent");
      }
      String before = journal.fact("specHash").orElse(null);
      if (before != null && !before.equals(specHash)) {
        int accepted = journal.counts().getOrDefault(Journal.State.ACCEPTED, 0);
        journal.close();
        throw new Main.UsageError(
            String.format(
                Locale.ROOT,
                "the spec (or a partial it includes) changed since the batch in %s started, and"
                    + " %,d %s already accepted with the old text. Put the old text back to go on"
                    + " with this batch; a new batch (--journal NEW_PATH) sends every row again,"
                    + " %s included",
                journalFile,
                accepted,
                accepted == 1 ? "row was" : "rows were",
                accepted == 1 ? "that one" : "those"));
      }
      if (journal.isEmpty() && journal.fact(BatchRunner.ROW_KEYS).isEmpty()) {
        journal.setFact(BatchRunner.ROW_KEYS, "occurrence"); // a new batch: see BatchRunner
      }
      journal.setFact("specId", p.spec().id());
      journal.setFact("specHash", specHash);
      journal.setFact("recipients", cmd.recipients.toAbsolutePath().toString());
      // Where the rows went, so `chirp status` reads them back from the same place.
      journal.setFact("apiUrl", client.connection().apiUrl().toString());
      journal.setFact("workspaceId", client.connection().workspaceId());
      journal.setFact("channelId", client.connection().channelId());
      journal.setFact(FINISHED, "no"); // until this run reads the file to its end
    }
    Progress progress =
        cmd.parent.env.terminal() && !cmd.dryRun
            ? Progress.bar(count(cmd.recipients), cmd.parent.env.err())
            : cmd.dryRun ? Progress.none() : Progress.lines(err, Duration.ofSeconds(5));
    if (journal != null && cmd.resendUnknown && !cmd.skipLookup) {
      // Before anything is sent again: a row Bird has is recorded as accepted, never resent.
      try (Deliveries deliveries = Deliveries.open(journal.file())) {
        new Reconcile(journal, deliveries, client, err).run();
      } catch (Reconcile.Failed e) {
        journal.close();
        throw new Main.UsageError(
            e.getMessage()
                + ". Check those rows in Bird by hand (chirp report lists them), then run again"
                + " with --resend-unknown --skip-lookup");
      }
    }
    BatchRunner runner =
        new BatchRunner(
            p.spec(),
            specHash,
            new Compiler(Clock.systemUTC()),
            client,
            journal,
            options,
            out,
            err,
            progress);
    int[] stoppedBy = {INTERRUPTED};
    Object previous =
        Interrupts.onInterrupt(
            code -> {
              stoppedBy[0] = code;
              runner.stop();
            });
    Summary summary;
    try {
      summary = runner.run(r);
    } catch (IOException e) {
      err.println("chirp: " + e.getMessage());
      if (journal != null) {
        journal.close();
      }
      return Main.PROBLEMS;
    } finally {
      Interrupts.restore(previous);
    }
    out.flush();
    err.print(
        summary.text(p.spec().id(), display, journalFile == null ? null : journalFile.toString()));
    err.flush();
    if (journal != null) {
      if (summary.readToTheEnd()) {
        journal.setFact(FINISHED, Instant.now().toString());
      }
      if (cmd.reportFile != null) {
        ReportCommand.writeJsonl(journal, cmd.reportFile);
      }
      journal.close();
    }
    if (summary.interrupted()) {
      return stoppedBy[0]; // 130 for Ctrl-C, 143 for SIGTERM
    }
    if (summary.problems() > 0) {
      return Main.PROBLEMS;
    }
    return summary.unknown() > 0 ? SendCommand.UNKNOWN : Main.OK;
  }

  /**
   * What decides the text a batch sends: the spec file's bytes, followed by each partial it
   * includes (name and text, by name), so that a changed partial is a changed spec for the journal.
   * A spec without partials hashes as its bytes alone, as before partials counted.
   */
  static byte[] sentText(Path specFile, Set<String> partials) throws IOException {
    byte[] spec = Files.readAllBytes(specFile);
    if (partials.isEmpty()) {
      return spec;
    }
    Partials found = Partials.forSpec(specFile);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(spec);
    for (String name : new TreeSet<>(partials)) {
      b.write(0);
      b.writeBytes(name.getBytes(StandardCharsets.UTF_8));
      b.write(0);
      b.writeBytes(found.get(name).orElse("").getBytes(StandardCharsets.UTF_8));
    }
    return b.toByteArray();
  }

  /**
   * .chirp/journals/SPEC-XXXXXXXX.sqlite in the recipients file's folder, from the spec id and the
   * file's path: the same file finds the same journal from whatever folder chirp runs in. A batch
   * begun when journals went in the current folder goes on with that journal.
   */
  static Path defaultJournal(String specId, Path recipients) {
    String h =
        BatchRunner.hash(
                recipients.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8))
            .substring(0, 8);
    Path name = Path.of(".chirp", "journals", specId + "-" + h + ".sqlite");
    Path folder = recipients.getParent();
    Path beside = folder == null ? name : folder.resolve(name);
    if (!Files.exists(beside) && Files.exists(name)) {
      return name;
    }
    return beside;
  }

  /** Rows in the file, for the progress bar's total (physical lines less the header). */
  private static long count(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      long n = lines.filter(l -> !l.isBlank()).count();
      return file.toString().endsWith(".csv") ? Math.max(0, n - 1) : n;
    } catch (UncheckedIOException e) {
      return -1;
    }
  }
}
