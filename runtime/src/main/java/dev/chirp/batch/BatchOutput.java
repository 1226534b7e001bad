package dev.chirp.batch;

import java.io.PrintWriter;

/** A batch's two streams: the reading thread and the senders print whole lines, one at a time. */
final class BatchOutput {
  private final PrintWriter out;
  private final PrintWriter err;

  BatchOutput(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  /** A line of the result (a dry-run's request). */
  synchronized void out(String line) {
    out.println(line);
  }

  /** A line about a row or the batch, flushed at once. */
  synchronized void err(String line) {
    err.println(line);
    err.flush();
  }
}
