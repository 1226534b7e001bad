package dev.chirp.send;

import java.util.concurrent.locks.LockSupport;

/**
 * A token bucket: at most {@code perSecond} requests a second on average, with bursts of up to
 * {@code burst}. Thread-safe; {@link #acquire()} blocks until a token is free.
 */
public final class RateLimiter {
  /** Well under Bird's 500 POST/s per workspace, shared by every channel of it. */
  public static final double DEFAULT_PER_SECOND = 50;

  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  public RateLimiter(double perSecond, double burst) {
    if (!(perSecond > 0) || !(burst >= 1)) { // NaN fails too: it would wait forever
      throw new IllegalArgumentException("rate must be positive and burst at least 1");
    }
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  /** No limit at all (for benchmarks against a local server). */
  public static RateLimiter unlimited() {
    return new RateLimiter(Double.MAX_VALUE / 1e10, 1e9);
  }

  public void acquire() {
    while (true) {
      long wait;
      synchronized (this) {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) * perNano);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        wait = (long) Math.ceil((1 - tokens) / perNano);
      }
      LockSupport.parkNanos(wait);
    }
  }
}
