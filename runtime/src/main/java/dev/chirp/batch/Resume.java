package dev.chirp.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/**
 * What the journal of earlier runs of the same batch says about a row about to be sent: send it, or
 * skip it because it was accepted (with these values or other ones) or may have been sent.
 */
final class Resume {
  private final Journal journal;
  private final BatchOptions options;
  private final Summary summary;
  private final BatchOutput output;
  private final boolean lookups;
  private final boolean occurrenceKeys;

  private Resume(
      Journal journal,
      BatchOptions options,
      Summary summary,
      BatchOutput output,
      boolean lookups,
      boolean occurrenceKeys) {
    this.journal = journal;
    this.options = options;
    this.summary = summary;
    this.output = output;
    this.lookups = lookups;
    this.occurrenceKeys = occurrenceKeys;
  }

  /**
   * Readies {@code journal} (null: none) for a run: forgets its invalid and duplicate rows, which
   * the run finds again, and indexes it when there is anything to look up.
   */
  static Resume start(Journal journal, BatchOptions options, Summary summary, BatchOutput output)
      throws IOException {
    if (journal == null) {
      return new Resume(null, options, summary, output, true, true);
    }
    boolean occurrenceKeys = "occurrence".equals(journal.fact(BatchRunner.ROW_KEYS).orElse(null));
    journal.clearRowProblems();
    // A first run has nothing to look up: every row is new (the batch's spec hash is checked
    // before this, so a journal of another batch never gets here).
    boolean lookups = !journal.isEmpty();
    if (lookups) {
      journal.indexForLookups();
    }
    return new Resume(journal, options, summary, output, lookups, occurrenceKeys);
  }

  /**
   * Whether rows of {@code --allow-duplicates} are keyed by their occurrence among the receiver's
   * rows; a journal begun before occurrence keys keeps line keys.
   */
  boolean occurrenceKeys() {
    return occurrenceKeys;
  }

  /**
   * Whether the row at {@code line} of {@code file} is sent; if not, it is counted and, unless it
   * was accepted as it is now, said why on the error stream.
   */
  boolean sends(
      String file, int line, String receiver, String ref, ObjectNode payload, String bodyHash)
      throws IOException {
    if (journal == null || options.dryRun() || !lookups) {
      return true;
    }
    Optional<Journal.Entry> before = journal.get(ref);
    if (before.isEmpty()) {
      return true;
    }
    Journal.State s = before.get().state();
    if (s == Journal.State.ACCEPTED
        && before.get().body() != null
        && !before.get().body().equals(bodyHash)) {
      summary.changed.incrementAndGet();
      output.err(
          file
              + ":"
              + line
              + ": error[changed]: row "
              + line
              + " ("
              + receiver
              + ") was accepted earlier with other values (reference "
              + payload.path("reference").asText(ref)
              + "); it is not sent again. To send the new values, start a new batch with"
              + " --journal NEW_PATH");
      return false;
    }
    if (s == Journal.State.ACCEPTED) {
      summary.alreadyAccepted.incrementAndGet();
      return false; // counted in the progress by the run, like every row without a job
    }
    if ((s == Journal.State.SENDING || s == Journal.State.UNKNOWN) && !options.resendUnknown()) {
      summary.skippedUnknown.incrementAndGet();
      output.err(
          file
              + ":"
              + line
              + ": warning[unknown]: row "
              + line
              + " ("
              + receiver
              + ") may already have been sent (reference "
              // what Bird has: the spec's own reference when it sets one, else chirp's
              + payload.path("reference").asText(ref)
              + "); skipped: --resend-unknown looks it up at Bird and sends it only if Bird does not have it");
      return false;
    }
    return true;
  }
}
