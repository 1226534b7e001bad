package dev.chirp.send;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * At most {@code perSecond} requests a second on average, with bursts of up to {@code burst}.
 * Thread-safe. Each {@link #acquire()} reserves its own moment under a short lock and sleeps until
 * then, so a permit wakes exactly one waiting sender (no herd of waiters racing for each token).
 */
public final class RateLimiter {
  /**
   * chirp's default rate. Bird allows 500 POST/s per workspace, shared by every channel and every
   * other sender of the workspace; WhatsApp takes about 80 messages/s per number (Bird buffers the
   * excess). 50 leaves most of the workspace's budget to the rest of the team and stays under one
   * number's pace; raise it with {@code --rate} for a dedicated workspace.
   */
  public static final double DEFAULT_PER_SECOND = 50;

  /**
   * chirp's pace of reads (GET: status reads, windows, templates): a little under Bird's 50 a
   * second per workspace, evenly spaced (no bursts), so no second ever holds more than 50.
   */
  public static final double READS_PER_SECOND = 48;

  /** A limiter at chirp's read pace. */
  public static RateLimiter forReads() {
    return new RateLimiter(READS_PER_SECOND, 1);
  }

  private final long intervalNanos;
  private final long burstNanos;
  private final LongSupplier clock;
  private long next;

  public RateLimiter(double perSecond, double burst) {
    this(perSecond, burst, System::nanoTime);
  }

  /** With its own clock of nanoseconds (tests). */
  RateLimiter(double perSecond, double burst, LongSupplier clock) {
    if (!(perSecond > 0) || !(burst >= 1)) { // NaN fails too: it would wait forever
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    double interval = 1e9 / perSecond;
    this.intervalNanos = interval < 1 ? 0 : (long) interval;
    this.burstNanos = (long) Math.min(Long.MAX_VALUE / 4.0, (burst - 1) * interval);
    this.clock = clock;
    this.next = clock.getAsLong() - burstNanos; // a full bucket at the start
  }

  /** No limit at all (for benchmarks against a local server). */
  public static RateLimiter unlimited() {
    return new RateLimiter(Double.MAX_VALUE, 1);
  }

  /**
   * Reserves the next free moment and returns how long to wait for it, in nanoseconds (0: now).
   * Unused permits are kept for at most {@code burst} requests.
   */
  synchronized long reserve() {
    long now = clock.getAsLong();
    if (next < now - burstNanos) {
      next = now - burstNanos;
    }
    long at = next;
    next += intervalNanos;
    return Math.max(0, at - now);
  }

  /** Waits for this caller's turn. */
  public void acquire() throws InterruptedException {
    if (intervalNanos == 0) {
      return;
    }
    long wait = reserve();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }
}
