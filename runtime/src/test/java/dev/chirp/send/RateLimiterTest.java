package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The rate limiter: exact reservations on a still clock; coarse lower bounds on the real one. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RateLimiterTest {
  @Test
  void rateBoundsThroughput() throws InterruptedException {
    RateLimiter l = new RateLimiter(100, 1);
    long start = System.nanoTime();
    for (int i = 0; i < 21; i++) {
      l.acquire();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    // The first token is free; 20 more at 100/s take at least 200 ms (190 for clock slack).
    assertTrue(ms >= 190, "21 acquires at 100/s with burst 1 took only " + ms + " ms");
  }

  @Test
  void rateHoldsAcrossThreads() throws InterruptedException {
    RateLimiter l = new RateLimiter(100, 1);
    Thread[] ts = new Thread[4];
    long start = System.nanoTime();
    l.acquire();
    for (int t = 0; t < ts.length; t++) {
      ts[t] =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 5; i++) {
                    l.acquire();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertTrue(ms >= 190, "21 acquires from 4 threads took only " + ms + " ms");
  }

  @Test
  void burstIsImmediateThenTheRateApplies() throws InterruptedException {
    RateLimiter l = new RateLimiter(10, 5);
    long start = System.nanoTime();
    for (int i = 0; i < 6; i++) {
      l.acquire();
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    // 5 from the burst, the 6th waits for a token at 10/s: at least ~100 ms.
    assertTrue(ms >= 90, "the 6th acquire did not wait: " + ms + " ms");
  }

  @Test
  void unlimitedDoesNotWait() throws InterruptedException {
    RateLimiter l = RateLimiter.unlimited();
    for (int i = 0; i < 100_000; i++) {
      l.acquire();
    }
  }

  /** A clock that stands still unless moved: reservations are then exact. */
  static final class Clock implements java.util.function.LongSupplier {
    long now = 1_000_000_000L;

    @Override
    public long getAsLong() {
      return now;
    }
  }

  @Test
  void eachCallerReservesItsOwnTurnSoOnePermitWakesOneSender() {
    Clock c = new Clock();
    RateLimiter l = new RateLimiter(10, 1, c);
    // Four senders asking at the same instant each get their own moment, 100 ms apart: each
    // sleeps once, exactly until its turn, instead of all waking for every token.
    assertEquals(
        java.util.List.of(0L, 100_000_000L, 200_000_000L, 300_000_000L),
        java.util.List.of(l.reserve(), l.reserve(), l.reserve(), l.reserve()));
    c.now += 250_000_000L; // turns stay where they were reserved
    assertEquals(150_000_000L, l.reserve());
  }

  @Test
  void anIdleLimiterKeepsAtMostABurstOfPermits() {
    Clock c = new Clock();
    RateLimiter l = new RateLimiter(10, 3, c);
    assertEquals(
        java.util.List.of(0L, 0L, 0L, 100_000_000L),
        java.util.List.of(l.reserve(), l.reserve(), l.reserve(), l.reserve()));
    c.now += 60_000_000_000L; // a minute idle refills 3 permits, not 600
    assertEquals(
        java.util.List.of(0L, 0L, 0L, 100_000_000L),
        java.util.List.of(l.reserve(), l.reserve(), l.reserve(), l.reserve()));
  }

  @Test
  void fiveHundredASecondIsTwoMillisecondsApart() {
    Clock c = new Clock();
    RateLimiter l = new RateLimiter(500, 1, c);
    l.reserve();
    assertEquals(2_000_000L, l.reserve());
    assertEquals(4_000_000L, l.reserve());
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(10, 0.5));
  }
}
