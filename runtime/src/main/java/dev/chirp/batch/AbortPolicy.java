package dev.chirp.batch;

import dev.chirp.send.Outcome;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * When a batch stops taking rows: on request (a signal), after the first problem with {@code
 * --fail-fast}, or on its own when every further row would meet the same fate. Thread-safe.
 */
final class AbortPolicy {
  /** Answers that every row of the batch would get: the key, or the workspace or channel. */
  private static final Set<Integer> AUTH_OR_PLACE = Set.of(401, 403, 404);

  private final BatchOptions options;
  private final Summary summary;
  private final BatchOutput output;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicInteger failuresInARow = new AtomicInteger();

  AbortPolicy(BatchOptions options, Summary summary, BatchOutput output) {
    this.options = options;
    this.summary = summary;
    this.output = output;
  }

  /** Whether rows are no longer taken; in-flight requests finish. */
  boolean stopped() {
    return stop.get();
  }

  /** Stops on request. Safe from a signal handler. */
  void interrupt() {
    summary.interrupted = true;
    stop.set(true);
  }

  /** With {@code --fail-fast}, stops reading once a row had a problem; true when it does. */
  boolean failFast() {
    if (options.failFast() && summary.problems() > 0) {
      summary.stoppedEarly = true;
      return true;
    }
    return false;
  }

  /** Stops the batch when {@code o} says every further row would fail the same way. */
  void observe(Outcome o) {
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
  }

  /** Failures in a row (no acceptance between) after which the batch stops. */
  private int failuresToStop() {
    return Math.max(10, 2 * options.concurrency());
  }

  /**
   * Rows not yet sent stay unsent, and the same command resumes: a refused key, a wrong channel or
   * Bird unreachable would fail them all.
   */
  private void abort(String why) {
    synchronized (this) {
      if (summary.abortedBecause != null) {
        return;
      }
      summary.abortedBecause = why;
    }
    output.err(
        "chirp: stopping the batch: "
            + why
            + "; rows not sent yet are sent by the same command once that is fixed");
    stop.set(true);
  }
}
