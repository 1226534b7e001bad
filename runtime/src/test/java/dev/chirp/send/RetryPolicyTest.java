package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.send.RetryPolicy.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The retry policy and Retry-After parsing: pure functions, no sleeping. */
class RetryPolicyTest {
  static final RetryPolicy P =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofSeconds(10));

  /** A generator whose bounded draws are {@code draw} of the bound; an unbounded draw fails. */
  static RandomGenerator fixed(LongUnaryOperator draw) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new AssertionError("unbounded draw");
      }

      @Override
      public long nextLong(long bound) {
        return draw.applyAsLong(bound);
      }
    };
  }

  /** A generator whose bounded draws are always the largest allowed value. */
  static final RandomGenerator MAX = fixed(bound -> bound - 1);

  /** A generator whose bounded draws are always 0. */
  static final RandomGenerator ZERO = fixed(bound -> 0);

  @Test
  void capDoublesPerAttemptUpToMaxDelay() {
    long[] expected = {100, 200, 400, 800, 1000, 1000, 1000};
    for (int i = 0; i < expected.length; i++) {
      int next = i + 2;
      assertEquals(Duration.ofMillis(expected[i]), P.delay(next, null, MAX), "attempt " + next);
      assertEquals(Duration.ZERO, P.delay(next, null, ZERO), "attempt " + next);
    }
  }

  @Test
  void capStaysAtMaxDelayForHugeAttemptNumbers() {
    assertEquals(Duration.ofMillis(1000), P.delay(64, null, MAX));
    assertEquals(Duration.ofMillis(1000), P.delay(1000, null, MAX));
    assertEquals(Duration.ofMillis(1000), P.delay(Integer.MAX_VALUE, null, MAX));
  }

  @Test
  void fullJitterStaysWithinZeroAndTheCapAndUsesTheRange() {
    SplittableRandom random = new SplittableRandom(42);
    for (int next = 2; next <= 8; next++) {
      long cap = Math.min(1000, 100L << (next - 2));
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int i = 0; i < 2000; i++) {
        long d = P.delay(next, null, random).toMillis();
        assertTrue(d >= 0 && d <= cap, "attempt " + next + ": " + d + " outside [0, " + cap + "]");
        min = Math.min(min, d);
        max = Math.max(max, d);
      }
      // Full jitter: the whole range is used, not just the top (coarse, seed fixed).
      assertTrue(min < cap / 10, "attempt " + next + ": smallest " + min);
      assertTrue(max > cap * 9 / 10, "attempt " + next + ": largest " + max);
    }
  }

  @Test
  void retryAfterIsAFloor() {
    assertEquals(Duration.ofMillis(300), P.delay(2, Duration.ofMillis(300), ZERO));
    assertEquals(Duration.ofMillis(100), P.delay(2, Duration.ofMillis(30), MAX));
    assertEquals(Duration.ZERO, P.delay(2, Duration.ZERO, ZERO));
    // Above maxDelay it still wins: retrying earlier than Bird asked would only earn another 429.
    assertEquals(Duration.ofSeconds(5), P.delay(2, Duration.ofSeconds(5), MAX));
    assertEquals(Duration.ofSeconds(60), P.delay(3, Duration.ofSeconds(60), ZERO));
  }

  @Test
  void allowsBoundsAttempts() {
    assertTrue(P.allows(2, Duration.ZERO, Duration.ZERO));
    assertTrue(P.allows(5, Duration.ZERO, Duration.ZERO));
    assertFalse(P.allows(6, Duration.ZERO, Duration.ZERO));
    assertFalse(P.allows(100, Duration.ZERO, Duration.ZERO));
  }

  @Test
  void allowsBoundsTotalTimeIncludingTheWait() {
    assertTrue(P.allows(2, Duration.ofSeconds(9), Duration.ofSeconds(1)));
    assertFalse(P.allows(2, Duration.ofSeconds(9), Duration.ofMillis(1001)));
    assertFalse(P.allows(2, Duration.ofSeconds(11), Duration.ZERO));
    // A Retry-After longer than the total budget means giving up now rather than waiting.
    assertFalse(P.allows(2, Duration.ZERO, P.delay(2, Duration.ofSeconds(60), ZERO)));
  }

  @Test
  void defaultPolicy() {
    assertEquals(
        new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(120)),
        RetryPolicy.DEFAULT);
    assertEquals(Duration.ofMillis(500), RetryPolicy.DEFAULT.delay(2, null, MAX));
    assertEquals(Duration.ofMillis(4000), RetryPolicy.DEFAULT.delay(5, null, MAX));
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 501, 502, 503, 504, 599})
  void retryableStatuses(int status) {
    assertEquals(Verdict.RETRY, P.forStatus(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {200, 201, 202, 400, 401, 403, 404, 405, 409, 413, 415, 422, 428, 431})
  void finalStatuses(int status) {
    assertEquals(Verdict.DONE, P.forStatus(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {100, 101, 103, 199, 300, 301, 302, 307, 308, 399, 600})
  void statusesThatAnswerNoSendLeaveItUnknown(int status) {
    assertEquals(Verdict.UNKNOWN, P.forStatus(status));
  }

  @Test
  void faults() {
    assertEquals(Verdict.RETRY, P.forFault(false));
    assertEquals(Verdict.UNKNOWN, P.forFault(true));
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503, 599})
  void readsRetryWhatSendsRetry(int status) {
    assertEquals(Verdict.RETRY, P.forRead(status));
  }

  @ParameterizedTest
  @ValueSource(ints = {101, 200, 204, 302, 400, 401, 404})
  void readsTakeEveryOtherAnswerAsFinal(int status) {
    assertEquals(Verdict.DONE, P.forRead(status));
  }

  @Test
  void aReadThatFailedChangedNothingSoItIsRetried() {
    assertEquals(Verdict.RETRY, P.forReadFault());
  }

  // ---------------------------------------------------------------------------------------------
  // Retry-After

  @Test
  void retryAfterSeconds() {
    assertEquals(Duration.ofSeconds(1), Answers.retryAfter("1"));
    assertEquals(Duration.ofSeconds(120), Answers.retryAfter(" 120 "));
    assertEquals(Duration.ZERO, Answers.retryAfter("0"));
    assertEquals(Duration.ZERO, Answers.retryAfter("-5"));
    assertEquals(Duration.ofHours(1), Answers.retryAfter("999999"));
  }

  @Test
  void retryAfterHttpDate() {
    String in30 =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.ofInstant(Instant.now().plusSeconds(30), ZoneOffset.UTC));
    Duration d = Answers.retryAfter(in30);
    // Whole seconds in the header and time passing while the test runs: 28..30 s.
    assertTrue(
        d.compareTo(Duration.ofSeconds(28)) >= 0 && d.compareTo(Duration.ofSeconds(30)) <= 0,
        in30 + " -> " + d);
  }

  @Test
  void retryAfterHttpDateInThePastIsZero() {
    assertEquals(Duration.ZERO, Answers.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @Test
  void retryAfterUnreadable() {
    assertNull(Answers.retryAfter(null));
    assertNull(Answers.retryAfter(""));
    assertNull(Answers.retryAfter("soon"));
    assertNull(Answers.retryAfter("1.5"));
    assertNull(Answers.retryAfter("2015-10-21T07:28:00Z"));
  }
}
