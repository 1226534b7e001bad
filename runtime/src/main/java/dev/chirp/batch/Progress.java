package dev.chirp.batch;

import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Progress of a batch on stderr: a bar on a terminal, else a plain line every few seconds. */
public interface Progress extends AutoCloseable {
  /** One row done; {@code failed} is the count of problems so far. */
  void step(int failed);

  @Override
  void close();

  /** No progress output (tests, --quiet). */
  static Progress none() {
    return new Progress() {
      @Override
      public void step(int failed) {}

      @Override
      public void close() {}
    };
  }

  /** A progress bar (done/total, rate, ETA, failures) drawn by the progressbar library. */
  static Progress bar(long total, java.io.PrintStream err) {
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
      public synchronized void step(int failed) {
        bar.step();
        if (failed > 0) {
          bar.setExtraMessage(failed + " failed");
        }
      }

      @Override
      public void close() {
        bar.close();
      }
    };
  }

  /** A line such as {@code progress: 1,200 rows, 240/s, 3 failed} every {@code every}. */
  static Progress lines(PrintWriter err, Duration every) {
    long start = System.nanoTime();
    return new Progress() {
      private long done;
      private long last = start;

      @Override
      public synchronized void step(int failed) {
        done++;
        long now = System.nanoTime();
        if (now - last >= every.toNanos()) {
          last = now;
          double rate = done / ((now - start) / 1e9);
          err.printf(
              java.util.Locale.ROOT,
              "progress: %,d rows, %,.0f/s, %,d failed%n",
              done,
              rate,
              failed);
          err.flush();
        }
      }

      @Override
      public void close() {}
    };
  }
}
