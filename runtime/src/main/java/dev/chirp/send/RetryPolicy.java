package dev.chirp.send;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The one place that decides what is safe to resend, and when. Bird says a 429 was not processed
 * and that 5xx answers may be retried; a connection that never opened sent nothing. Anything that
 * fails after the request went out may have been processed, so it is never resent here.
 */
public record RetryPolicy(
    int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal) {
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(120));

  /** What to do after an answer or a fault. */
  public enum Verdict {
    /** Done: success, or a final refusal. */
    DONE,
    /** Nothing was processed: try again after a delay. */
    RETRY,
    /** The request may have been processed: report, do not resend. */
    UNKNOWN
  }

  /**
   * The verdict for the answer to a send: 2xx is done (accepted), 429 and 5xx were not processed
   * (Bird says so for 429 and calls retrying 5xx safe), other 4xx are final refusals. Anything else
   * (1xx, 3xx: chirp follows no redirects) is no answer to the send, so its fate is unknown.
   */
  public Verdict forStatus(int status) {
    if (status == 429 || (status >= 500 && status <= 599)) {
      return Verdict.RETRY;
    }
    if ((status >= 200 && status <= 299) || (status >= 400 && status <= 499)) {
      return Verdict.DONE;
    }
    return Verdict.UNKNOWN;
  }

  /**
   * The verdict for a send that failed without an answer: {@code maybeSent} when any byte of the
   * request had been written (the rule lives in {@code Transport}). Nothing written: retry; else
   * the request may have been processed, and Bird has no idempotency key: never resend.
   */
  public Verdict forFault(boolean maybeSent) {
    return maybeSent ? Verdict.UNKNOWN : Verdict.RETRY;
  }

  /** The verdict for the answer to a read (GET): retry 429 and 5xx; anything else is final. */
  public Verdict forRead(int status) {
    return status == 429 || (status >= 500 && status <= 599) ? Verdict.RETRY : Verdict.DONE;
  }

  /** A read that failed without an answer changed nothing, so it is always retried. */
  public Verdict forReadFault() {
    return Verdict.RETRY;
  }

  /**
   * The wait before attempt {@code next} (2 for the first retry): exponential backoff with full
   * jitter, but never less than the server's Retry-After: that is a floor, not a hint, so it is not
   * capped here; {@link #allows} gives up instead when it would not fit in {@code maxTotal}.
   */
  public Duration delay(int next, Duration retryAfter, RandomGenerator random) {
    long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(20, next - 2));
    long jitter = cap <= 0 ? 0 : random.nextLong(cap + 1);
    long wait = Math.max(jitter, retryAfter == null ? 0 : retryAfter.toMillis());
    return Duration.ofMillis(wait);
  }

  /** Whether another attempt fits: attempts left and the wait stays within the total time. */
  public boolean allows(int next, Duration elapsed, Duration wait) {
    return next <= maxAttempts && elapsed.plus(wait).compareTo(maxTotal) <= 0;
  }
}
