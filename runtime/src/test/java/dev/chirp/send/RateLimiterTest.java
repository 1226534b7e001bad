package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The token bucket: coarse lower bounds only, never upper bounds on a busy machine. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class RateLimiterTest {
  @Test
  void rateBoundsThroughput() {
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
                for (int i = 0; i < 5; i++) {
                  l.acquire();
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
  void burstIsImmediateThenTheRateApplies() {
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
  void unlimitedDoesNotWait() {
    RateLimiter l = RateLimiter.unlimited();
    for (int i = 0; i < 100_000; i++) {
      l.acquire();
    }
  }

  @Test
  void badArguments() {
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(-1, 1));
    assertThrows(IllegalArgumentException.class, () -> new RateLimiter(10, 0.5));
  }
}
