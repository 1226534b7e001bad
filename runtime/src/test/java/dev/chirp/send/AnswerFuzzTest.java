package dev.chirp.send;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;

/**
 * Fuzzes how chirp reads Bird's answers: {@link Answers#outcomeOf} (status and body bytes to an
 * {@link Outcome}) and {@link Answers#retryAfter}. Invariants: no exception, never a null outcome
 * or reason, a printable message for every refusal, a Retry-After that is never negative.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/chirp/send/AnswerFuzzTestInputs/answer/}.
 */
class AnswerFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void answer(FuzzedDataProvider data) {
    int status = data.consumeInt(100, 599);
    String contentType = data.consumeString(60);
    String retryAfter = data.consumeBoolean() ? data.consumeString(60) : null;
    byte[] body = data.consumeRemainingAsBytes();
    Transport.Answer a = new Transport.Answer(status, body, retryAfter, contentType);

    Outcome o = Answers.outcomeOf(RetryPolicy.DEFAULT, a, 1);

    assertNotNull(o, "no outcome for HTTP " + status);
    assertEquals(1, o.attempts());
    if (o instanceof Outcome.Rejected r) {
      assertNotNull(r.message(), "a refusal without a message");
      assertFalse(r.message().chars().anyMatch(c -> c < 0x20), "control characters in the message");
      assertNotNull(r.details());
      assertEquals(status, r.httpStatus());
    } else if (o instanceof Outcome.Failed f) {
      assertNotNull(f.reason());
      assertTrue(f.reason().startsWith("HTTP " + status), f.reason());
      assertFalse(f.reason().chars().anyMatch(c -> c < 0x20), "control characters in the reason");
    } else if (o instanceof Outcome.Unknown u) {
      // 1xx and 3xx answer no send: neither accepted nor refused, so never resent on its own
      assertTrue(status < 200 || (status >= 300 && status <= 399), u.toString());
      assertTrue(u.reason().startsWith("Bird answered HTTP " + status), u.reason());
      assertFalse(u.reason().chars().anyMatch(c -> c < 0x20), "control characters in the reason");
    } else {
      assertTrue(o instanceof Outcome.Accepted, o.toString());
      assertTrue(status >= 200 && status <= 299);
    }
    Duration d = Answers.retryAfter(retryAfter);
    assertTrue(d == null || !d.isNegative(), "negative Retry-After " + d);
  }
}
