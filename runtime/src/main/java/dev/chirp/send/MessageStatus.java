package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;

/**
 * What Bird says became of one sent message ({@code GET .../messages/{id}}): its status, when it
 * last changed and, on failure, Bird's code and the downstream (WhatsApp) code. Built from an
 * answer by {@link #of}, which reads defensively: any JSON gives a value or an empty result, never
 * an exception, and every text is bounded and printable (fuzzed by MessageStatusFuzzTest).
 */
public record MessageStatus(
    String messageId,
    String status,
    String lastStatusAt,
    Integer failureCode,
    String failureDescription,
    String sourceName,
    String sourceCode) {

  /** Bird's statuses (its enum); anything else an answer says is kept as "unknown:VALUE". */
  public static final Set<String> KNOWN =
      Set.of(
          "accepted",
          "rejected",
          "processing",
          "scheduled",
          "sent",
          "sending_failed",
          "delivered",
          "delivery_failed",
          "deleted",
          "skipped");

  /**
   * The statuses after which nothing changes: delivered, or failed for good (delivery_failed,
   * sending_failed, rejected), deleted, skipped. accepted, processing, scheduled and sent are on
   * their way (a sent message is delivered or fails later), so they are read again.
   */
  public static final Set<String> FINAL =
      Set.of("delivered", "delivery_failed", "sending_failed", "rejected", "deleted", "skipped");

  /** The statuses that mean the message did not reach the person. */
  public static final Set<String> FAILED = Set.of("delivery_failed", "sending_failed", "rejected");

  private static final int MAX_TEXT = 300;

  public boolean isFinal() {
    return FINAL.contains(status);
  }

  public boolean failed() {
    return FAILED.contains(status);
  }

  /** The message {@code answer} describes, or empty when it has no usable id or status. */
  public static Optional<MessageStatus> of(JsonNode answer) {
    if (answer == null || !answer.isObject()) {
      return Optional.empty();
    }
    String id = text(answer.get("id"));
    String status = text(answer.get("status"));
    if (id == null || status == null) {
      return Optional.empty();
    }
    if (!KNOWN.contains(status)) {
      status = "unknown:" + status;
    }
    String at = text(answer.get("lastStatusAt"));
    if (at != null) {
      try {
        at = Instant.parse(at).toString();
      } catch (DateTimeParseException e) {
        at = null; // not a time: left out rather than stored as one
      }
    }
    JsonNode f = answer.get("failure");
    Integer code = null;
    String description = null;
    String sourceName = null;
    String sourceCode = null;
    if (f != null && f.isObject()) {
      JsonNode c = f.get("code");
      code = c != null && c.canConvertToInt() && c.isIntegralNumber() ? c.intValue() : null;
      description = text(f.get("description"));
      JsonNode src = f.get("source");
      if (src != null && src.isObject()) {
        sourceName = text(src.get("name"));
        sourceCode = text(src.get("code"));
      }
    }
    return Optional.of(
        new MessageStatus(id, status, at, code, description, sourceName, sourceCode));
  }

  /** A scalar's text, printable and at most 300 characters; null for anything else. */
  private static String text(JsonNode n) {
    if (n == null || !(n.isTextual() || n.isNumber() || n.isBoolean())) {
      return null;
    }
    String s = BirdClient.printable(n.asText());
    if (s == null || s.isEmpty()) {
      return null;
    }
    return s.length() > MAX_TEXT ? s.substring(0, MAX_TEXT) + "..." : s;
  }
}
