package dev.chirp.batch;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a batch on stderr: a bar on a terminal, else a plain line every few seconds. */
public interface Progress extends AutoCloseable {
  /**
   * One row done; {@code note} says what went wrong so far in the words of the closing summary
   * ({@link Summary#progressNote()}, e.g. "2 rejected, 6 invalid rows"), or is empty.
   */
  void step(String note);

  @Override
  void close();

  /** No progress output (tests, --quiet). */
  static Progress none() {
    return new Progress() {
      @Override
      public void step(String note) {}

      @Override
      public void close() {}
    };
  }

  /** A progress bar (done/total, rate, ETA, failures) drawn by the progressbar library. */
  static Progress bar(long total, PrintStream err) {
    ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("sending")
            .setInitialMax(total)
            .setStyle(ProgressBarStyle.ASCII)
            .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
            .showSpeed()
            .setUpdateIntervalMillis(250)
            .build();
    return new Progress() {
      @Override
      public synchronized void step(String note) {
        bar.step();
        bar.setExtraMessage(extra(note));
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** The bar's extra message: after the speed, so it starts with a separator of its own. */
  static String extra(String note) {
    return note.isEmpty() ? "" : " · " + note;
  }

  /**
   * A line such as {@code progress: 1,200 rows, 240/s, 2 rejected, 6 invalid rows} every {@code
   * every}.
   */
  static Progress lines(PrintWriter err, Duration every) {
    long start = System.nanoTime();
    return new Progress() {
      private long done;
      private long last = start;

      @Override
      public synchronized void step(String note) {
        done++;
        long now = System.nanoTime();
        if (now - last >= every.toNanos()) {
          last = now;
          double rate = done / ((now - start) / 1e9);
          err.printf(
              Locale.ROOT,
              "progress: %,d %s, %,.0f/s%s%n",
              done,
              done == 1 ? "row" : "rows",
              rate,
              note.isEmpty() ? "" : ", " + note);
          err.flush();
        }
      }

      @Override
      public void close() {}
    };
  }
}
