package dev.chirp.batch;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts of a batch run, thread-safe; printed at the end and checked by tests. */
public final class Summary {
  final AtomicInteger rows = new AtomicInteger();
  final AtomicInteger accepted = new AtomicInteger();
  final AtomicInteger alreadyAccepted = new AtomicInteger();
  final AtomicInteger rejected = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger unknown = new AtomicInteger();
  final AtomicInteger skippedUnknown = new AtomicInteger();
  final AtomicInteger invalid = new AtomicInteger();
  final AtomicInteger duplicates = new AtomicInteger();
  final AtomicInteger dryRun = new AtomicInteger();

  /** Failed rows that were handed to a sender but not begun when the batch was stopped. */
  final AtomicInteger notBegun = new AtomicInteger();

  /** Rows accepted earlier with other values, so not sent again. */
  final AtomicInteger changed = new AtomicInteger();

  final Map<String, Integer> failuresByCode = new TreeMap<>();
  volatile boolean interrupted;
  volatile boolean stoppedEarly;

  /** The recipients file could not be read to its end (rows counts only those before). */
  volatile boolean unreadRest;

  /** Why the batch stopped on its own before the end (every further row would fail), or null. */
  volatile String abortedBecause;

  synchronized void failure(String code) {
    failuresByCode.merge(code, 1, Integer::sum);
  }

  public int accepted() {
    return accepted.get();
  }

  public int invalid() {
    return invalid.get();
  }

  public int unknown() {
    return unknown.get() + skippedUnknown.get();
  }

  /** Rows that did not reach "accepted" for a reason other than doubt. */
  public int problems() {
    return rejected.get() + failed.get() + invalid.get() + changed.get();
  }

  /**
   * What went wrong so far, in the words and counts of the closing summary (zero counts left out):
   * "2 rejected, 1 failed, 6 invalid rows", or "" while nothing has.
   */
  public String progressNote() {
    StringBuilder b = new StringBuilder();
    note(b, rejected.get(), "rejected");
    note(b, failed.get(), "failed");
    note(b, unknown(), "unknown");
    note(b, changed.get(), "changed");
    note(b, invalid.get(), invalid.get() == 1 ? "invalid row" : "invalid rows");
    return b.toString();
  }

  private static void note(StringBuilder b, int n, String what) {
    if (n > 0) {
      b.append(b.length() == 0 ? "" : ", ")
          .append(String.format(Locale.ROOT, "%,d ", n))
          .append(what);
    }
  }

  /** Whether the run took every row of the file (not stopped, not cut short). */
  public boolean readToTheEnd() {
    return !interrupted && !stoppedEarly && !unreadRest && abortedBecause == null;
  }

  public boolean interrupted() {
    return interrupted;
  }

  /** The closing report, one fact a line. */
  public synchronized String text(String specId, String file, String journal) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "batch %s: %,d %s in %s%s%n",
            specId,
            rows.get(),
            rows.get() == 1 ? "row" : "rows",
            file,
            interrupted
                ? " (interrupted)"
                : abortedBecause != null
                    ? " (stopped: every further row would fail)"
                    : stoppedEarly
                        ? " (stopped at the first problem: --fail-fast)"
                        : unreadRest ? " (the rest of the file could not be read)" : ""));
    if (dryRun.get() > 0 || (accepted.get() == 0 && journal == null)) {
      line(b, "dry run", dryRun.get(), "requests printed, none sent");
    }
    if (journal != null) {
      line(
          b,
          "accepted",
          accepted.get() + alreadyAccepted.get(),
          alreadyAccepted.get() > 0
              ? String.format(
                  Locale.ROOT, "%,d now, %,d earlier", accepted.get(), alreadyAccepted.get())
              : null);
      line(b, "rejected", rejected.get(), null);
      line(
          b,
          "failed",
          failed.get(),
          notBegun.get() > 0
              ? String.format(
                  Locale.ROOT,
                  "%,d of them stopped before their turn; the same command sends them",
                  notBegun.get())
              : null);
      if (!failuresByCode.isEmpty()) {
        StringBuilder codes = new StringBuilder();
        failuresByCode.forEach(
            (k, v) ->
                codes.append(codes.length() == 0 ? "" : ", ").append(k).append(" ×").append(v));
        b.append("    by code: ").append(codes).append('\n');
      }
      line(
          b,
          "unknown",
          unknown.get() + skippedUnknown.get(),
          unknown.get() + skippedUnknown.get() > 0
              ? "may have been sent; chirp status --reconcile looks them up"
              : null);
    }
    if (changed.get() > 0) {
      line(b, "changed", changed.get(), "accepted earlier with other values; not sent again");
    }
    line(b, "invalid rows", invalid.get(), null);
    line(b, "duplicates", duplicates.get(), duplicates.get() > 0 ? "sent once" : null);
    if (journal != null) {
      b.append("journal: ")
          .append(journal)
          .append("  (chirp report ")
          .append(journal)
          .append(")\n");
    }
    return b.toString();
  }

  private static void line(StringBuilder b, String what, int n, String note) {
    b.append(String.format(Locale.ROOT, "  %-13s %,9d", what, n));
    if (note != null) {
      b.append("   (").append(note).append(")");
    }
    b.append('\n');
  }
}
