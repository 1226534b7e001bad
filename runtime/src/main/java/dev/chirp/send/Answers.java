package dev.chirp.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.send.Transport.Answer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an answer of Bird's means, with no I/O: the outcome of a send, a short description, the
 * parsed body, Retry-After. Every text taken from an answer is made {@link BirdClient#printable}.
 */
final class Answers {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  /**
   * What one answer means: {@link Outcome.Accepted} for 200/201/202, {@link Outcome.Rejected} for a
   * final status, else {@link Outcome.Failed} with the reason to retry for. Any status and any
   * bytes give an outcome, never null and never an exception (fuzzed by AnswerFuzzTest).
   */
  static Outcome outcomeOf(RetryPolicy policy, Answer a, int attempt) {
    return switch (policy.forStatus(a.status())) {
      case DONE ->
          a.status() >= 200 && a.status() <= 299 ? accepted(a, attempt) : rejected(a, attempt);
      case RETRY -> new Outcome.Failed(describe(a), attempt);
      case UNKNOWN ->
          new Outcome.Unknown(
              "Bird answered " + describe(a) + ", which is neither an acceptance nor a refusal",
              attempt);
    };
  }

  /** The status and Bird's message (or a piece of the body): "HTTP 500 (busy)". */
  static String describe(Answer a) {
    JsonNode n = parse(a.body());
    String msg = n != null && n.hasNonNull("message") ? text(n, "message") : snippet(a.body());
    return "HTTP " + a.status() + (msg.isEmpty() ? "" : " (" + msg + ")");
  }

  /** The body as a JSON object, or null when it is empty, not JSON or not an object. */
  static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** Retry-After as delay seconds or an HTTP date; null when absent or unreadable. */
  static Duration retryAfter(String value) {
    if (value == null) {
      return null;
    }
    try {
      long s = Long.parseLong(value.trim());
      return Duration.ofSeconds(Math.max(0, Math.min(s, 3600)));
    } catch (NumberFormatException e) {
      try {
        ZonedDateTime t = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(Instant.now(), t.toInstant());
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** {@code s} cut to 80 characters. */
  static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  private static String text(JsonNode n, String field) {
    return n != null && n.hasNonNull(field) ? BirdClient.printable(n.get(field).asText()) : null;
  }

  private static Outcome accepted(Answer a, int attempts) {
    JsonNode n = parse(a.body());
    String id = text(n, "id");
    String status = text(n, "status");
    return new Outcome.Accepted(id, status, attempts, n);
  }

  private static Outcome rejected(Answer a, int attempts) {
    JsonNode n = parse(a.body());
    String code = text(n, "code");
    String message = text(n, "message");
    if (message == null) {
      message = snippet(a.body());
    }
    Map<String, List<String>> details = new LinkedHashMap<>();
    if (n != null && n.get("details") instanceof ObjectNode d) {
      d.fields()
          .forEachRemaining(
              e -> {
                List<String> msgs = new ArrayList<>();
                if (e.getValue().isArray()) {
                  e.getValue().forEach(m -> msgs.add(BirdClient.printable(m.asText())));
                } else {
                  msgs.add(BirdClient.printable(e.getValue().asText()));
                }
                details.put(BirdClient.printable(e.getKey()), msgs);
              });
    }
    return new Outcome.Rejected(a.status(), code, message, details, attempts);
  }

  /** A short, printable piece of a non-JSON answer. */
  private static String snippet(byte[] body) {
    if (body == null) {
      return "";
    }
    String s =
        BirdClient.printable(
            new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8));
    return body.length > 200 ? s + "..." : s;
  }
}
