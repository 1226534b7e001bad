package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** What became of one send. */
public sealed interface Outcome {
  /** How many HTTP attempts were made. */
  int attempts();

  /**
   * Bird accepted the message (202); {@code messageId} is null if Bird sent none. {@code answer} is
   * the answer's JSON (for batch answers that list each message), or null.
   */
  record Accepted(String messageId, String status, int attempts, JsonNode answer)
      implements Outcome {
    public Accepted(String messageId, String status, int attempts) {
      this(messageId, status, attempts, null);
    }
  }

  /** Bird refused the message for good (400, 404, 409, 413, 422 or another 4xx); never resent. */
  record Rejected(
      int httpStatus, String code, String message, Map<String, List<String>> details, int attempts)
      implements Outcome {}

  /** Every attempt failed with a retryable answer or fault, within the policy's bounds. */
  record Failed(String reason, int attempts) implements Outcome {}

  /**
   * The request was sent but no answer came (a timeout or a dropped connection after sending): the
   * message may or may not have been accepted, so it is not resent automatically.
   */
  record Unknown(String reason, int attempts) implements Outcome {}
}
