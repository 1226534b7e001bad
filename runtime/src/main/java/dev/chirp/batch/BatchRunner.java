package dev.chirp.batch;

import dev.chirp.Compiler;
import dev.chirp.send.BirdClient;
import dev.chirp.spec.Spec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Sends one spec to every row of a recipients file: validates each row, skips what the journal says
 * was sent, journals intent before and outcome after each request, and never sends a row twice.
 * Rows are streamed; memory does not grow with the file beyond the duplicate index.
 *
 * <p>The reading thread prepares rows ({@link RowPreparer}, asking {@link Resume}) and hands them
 * to a {@link Dispatcher}, whose pool sends them ({@link RowSender}) and records their outcomes
 * ({@link OutcomeRecorder}); {@link AbortPolicy} says when to stop taking rows.
 */
public final class BatchRunner {
  /** The journal fact that says rows of --allow-duplicates are keyed by occurrence, not line. */
  public static final String ROW_KEYS = "rowKeys";

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private final Spec spec;
  private final String specHash;
  private final Compiler compiler;
  private final Journal journal;
  private final BatchOptions options;
  private final Progress progress;
  private final Summary summary = new Summary();
  private final BatchOutput output;
  private final AbortPolicy abort;
  private final RowSender sender;
  private final DryRunPrinter dryRun;

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
    this.journal = journal;
    this.options = options;
    this.progress = progress;
    this.output = new BatchOutput(out, err);
    this.abort = new AbortPolicy(options, summary, output);
    this.sender =
        new RowSender(
            client,
            journal,
            summary,
            progress,
            abort,
            new OutcomeRecorder(journal, summary, output, abort));
    this.dryRun = new DryRunPrinter(client, output, summary);
  }

  /** Asks the run to stop taking rows; in-flight requests finish. Safe from a signal handler. */
  public void stop() {
    abort.interrupt();
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
    return ColumnCheck.check(spec, r, output);
  }

  /** Runs the batch over {@code r}. */
  public Summary run(Recipients r) throws IOException, InterruptedException {
    Resume resume = Resume.start(journal, options, summary, output);
    RowPreparer rows =
        new RowPreparer(spec, specHash, compiler, journal, options, summary, output, resume);
    Dispatcher dispatcher = new Dispatcher(options.concurrency(), journal, sender, abort);
    try {
      while (!abort.stopped() && r.hasNext()) {
        Recipients.Entry e = r.next();
        summary.rows.incrementAndGet();
        Job job = rows.prepare(r, e);
        if (job == null) {
          progress.step(summary.progressNote());
          if (abort.failFast()) {
            break;
          }
          continue;
        }
        if (options.dryRun()) {
          dryRun.print(job);
          progress.step(summary.progressNote());
          continue;
        }
        if (options.batchApi()) {
          dispatcher.grouped(job);
        } else {
          dispatcher.single(job);
        }
        if (abort.failFast()) {
          break;
        }
      }
      dispatcher.flush();
    } finally {
      dispatcher.finish();
      progress.close();
    }
    return summary;
  }
}
