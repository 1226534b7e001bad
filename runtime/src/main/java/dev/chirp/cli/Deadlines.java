package dev.chirp.cli;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Timeouts for blocking socket I/O: a channel whose read or write has not finished in time is
 * closed, which ends the blocked call with an exception. Unix-domain channels have no socket
 * timeouts of their own. One timer thread serves every connection of a daemon or client.
 */
final class Deadlines implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "chirp-deadlines");
            t.setDaemon(true);
            return t;
          });

  /** A deadline that has not passed yet; closing it before then keeps the channel open. */
  interface Armed extends AutoCloseable {
    @Override
    void close();
  }

  /** Closes {@code c} unless the returned deadline is closed within {@code d}. */
  Armed arm(Closeable c, Duration d) {
    ScheduledFuture<?> f =
        timer.schedule(() -> closeQuietly(c), d.toMillis(), TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  /** Runs {@code task} every {@code period} until this is closed. */
  void every(Duration period, Runnable task) {
    timer.scheduleWithFixedDelay(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@code out} with each write bounded by {@code d}: a peer that stops reading is cut off. */
  OutputStream writes(OutputStream out, Closeable channel, Duration d) {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        try (Armed a = arm(channel, d)) {
          out.write(b);
        }
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        try (Armed a = arm(channel, d)) {
          out.write(b, off, len);
        }
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }
    };
  }

  static void closeQuietly(Closeable c) {
    try {
      c.close();
    } catch (IOException ignored) {
      // closing to end a blocked call; nothing more to do
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
