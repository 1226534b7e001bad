package dev.chirp.send;

import dev.chirp.send.Transport.Answer;
import dev.chirp.send.Transport.MaybeSent;
import dev.chirp.send.Transport.NotSent;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * The attempts of one request, each under the rate limit, as often and as late as the {@link
 * RetryPolicy} says; texts are not yet scrubbed of the key. Thread-safe.
 */
final class Attempts {
  private final Transport http;
  private final RetryPolicy policy;
  private final RateLimiter limiter;
  private final RateLimiter readLimiter;
  private final BirdClient.Sleeper sleeper;
  private final RandomGenerator random;

  Attempts(
      Transport http,
      RetryPolicy policy,
      RateLimiter limiter,
      RateLimiter readLimiter,
      BirdClient.Sleeper sleeper,
      RandomGenerator random) {
    this.http = http;
    this.policy = policy;
    this.limiter = limiter;
    this.readLimiter = readLimiter;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Waits for a turn under the send rate limit. */
  void awaitTurn() throws InterruptedException {
    limiter.acquire();
  }

  /** POSTs {@code body}; {@code turnTaken}: the first attempt's turn was awaited. */
  Outcome post(URI url, byte[] body, boolean turnTaken) throws InterruptedException {
    Instant start = Instant.now();
    int attempt = 0;
    String lastReason;
    while (true) {
      attempt++;
      if (attempt > 1 || !turnTaken) {
        limiter.acquire();
      }
      Duration retryAfter = null;
      try {
        Answer a = http.exchange("POST", url, body);
        Outcome o = Answers.outcomeOf(policy, a, attempt);
        if (!(o instanceof Outcome.Failed retryable)) {
          return o;
        }
        lastReason = retryable.reason();
        retryAfter = Answers.retryAfter(a.retryAfter());
      } catch (NotSent | MaybeSent e) {
        if (policy.forFault(e instanceof MaybeSent) == RetryPolicy.Verdict.UNKNOWN) {
          return new Outcome.Unknown(e.getMessage(), attempt);
        }
        lastReason = e.getMessage();
      }
      Duration wait = policy.delay(attempt + 1, retryAfter, random);
      if (!policy.allows(attempt + 1, Duration.between(start, Instant.now()), wait)) {
        return new Outcome.Failed(
            lastReason + "; gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"),
            attempt);
      }
      sleeper.sleep(wait);
    }
  }

  /**
   * GETs {@code url} under the read rate limit, retrying as the policy says for reads (a GET
   * changes nothing, so any fault may be retried); the first answer the policy calls final is
   * returned.
   */
  Answer read(URI url) throws IOException, InterruptedException {
    int attempt = 0;
    Instant start = Instant.now();
    while (true) {
      attempt++;
      readLimiter.acquire();
      Duration retryAfter = null;
      String reason;
      try {
        Answer a = http.exchange("GET", url, null);
        if (policy.forRead(a.status()) == RetryPolicy.Verdict.DONE) {
          return a;
        }
        reason = Answers.describe(a);
        retryAfter = Answers.retryAfter(a.retryAfter());
      } catch (NotSent | MaybeSent e) {
        if (policy.forReadFault() != RetryPolicy.Verdict.RETRY) {
          throw new IOException(e.getMessage());
        }
        reason = e.getMessage();
      }
      Duration wait = policy.delay(attempt + 1, retryAfter, random);
      if (!policy.allows(attempt + 1, Duration.between(start, Instant.now()), wait)) {
        throw new IOException(
            reason + "; gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
      }
      sleeper.sleep(wait);
    }
  }
}
