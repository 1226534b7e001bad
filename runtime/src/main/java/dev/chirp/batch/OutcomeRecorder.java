package dev.chirp.batch;

import dev.chirp.send.Outcome;
import java.io.IOException;

/**
 * Turns a sent row's outcome into its count, its line on the error stream and its journal record
 * (queued: committed with the next group of intents, or at the end). Thread-safe.
 */
final class OutcomeRecorder {
  private final Journal journal;
  private final Summary summary;
  private final BatchOutput output;
  private final AbortPolicy abort;

  OutcomeRecorder(Journal journal, Summary summary, BatchOutput output, AbortPolicy abort) {
    this.journal = journal;
    this.summary = summary;
    this.output = output;
    this.abort = abort;
  }

  void record(Job job, Outcome o) throws IOException {
    abort.observe(o);
    Journal.Entry entry;
    if (o instanceof Outcome.Accepted a) {
      summary.accepted.incrementAndGet();
      entry =
          Journal.Entry.accepted(
              job.reference(), job.line(), job.receiver(), a.messageId(), a.status(), a.attempts());
    } else if (o instanceof Outcome.Rejected rj) {
      summary.rejected.incrementAndGet();
      summary.failure("HTTP " + rj.httpStatus() + (rj.code() == null ? "" : " " + rj.code()));
      output.err(
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
          Journal.Entry.rejected(
              job.reference(),
              job.line(),
              job.receiver(),
              rj.httpStatus(),
              rj.code(),
              rj.message(),
              rj.attempts());
    } else if (o instanceof Outcome.Failed f) {
      summary.failed.incrementAndGet();
      summary.failure("gave up");
      output.err("row " + job.line() + " (" + job.receiver() + "): failed: " + f.reason());
      entry =
          Journal.Entry.failed(
              job.reference(), job.line(), job.receiver(), f.reason(), f.attempts());
    } else {
      Outcome.Unknown u = (Outcome.Unknown) o;
      summary.unknown.incrementAndGet();
      output.err(
          "row "
              + job.line()
              + " ("
              + job.receiver()
              + "): outcome unknown: "
              + u.reason()
              + "; not resent");
      entry =
          Journal.Entry.unknown(
              job.reference(), job.line(), job.receiver(), u.reason(), u.attempts());
    }
    journal.add(entry.withBody(job.bodyHash()));
  }

  /**
   * A row whose intent was committed but which was not begun when the batch was stopped: it is not
   * sent now, and its intent must not read as "maybe sent", or a re-run would hold it back as
   * unknown. Failed, so a re-run sends it.
   */
  void notBegun(Job job) {
    journal.add(
        Journal.Entry.failed(
                job.reference(),
                job.line(),
                job.receiver(),
                "not sent: the batch was stopped before its turn",
                0)
            .withBody(job.bodyHash()));
    summary.failed.incrementAndGet(); // as the journal and `chirp report` count it
    summary.notBegun.incrementAndGet();
  }
}
