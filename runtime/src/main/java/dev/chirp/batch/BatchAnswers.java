package dev.chirp.batch;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chirp.send.Outcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Bird's answer to a batch request, item by item: which item is whose, and what it says. */
final class BatchAnswers {
  /** Known statuses of a message Bird took; anything else is not counted as accepted. */
  private static final Set<String> TAKEN =
      Set.of("accepted", "pending", "processing", "scheduled", "sending", "sent", "delivered");

  private BatchAnswers() {}

  /**
   * The item of Bird's batch answer for each job, in the jobs' order (null where there is none), or
   * null when the answer lists no items at all: Bird took the whole batch with its 202 and
   * validates it later, so every row is accepted as the request was. Bird does not document the
   * answer's shape, so an item is matched by the reference the row sent when the items carry
   * references, and by position only when there is one item per row and none has a reference.
   */
  static List<JsonNode> itemsFor(List<Job> jobs, JsonNode answer) {
    JsonNode messages = answer == null ? null : answer.get("messages");
    if (messages == null || !messages.isArray()) {
      return null;
    }
    List<JsonNode> out = new ArrayList<>(Collections.nCopies(jobs.size(), null));
    Map<String, Integer> byRef = new HashMap<>();
    for (int i = 0; i < jobs.size(); i++) {
      String ref = jobs.get(i).payload().path("reference").asText(null);
      if (ref != null && byRef.putIfAbsent(ref, i) != null) {
        byRef.put(ref, -1); // not unique: cannot match by it
      }
    }
    boolean anyRef = false;
    for (JsonNode m : messages) {
      JsonNode ref = m.path("reference");
      if (ref.isTextual()) {
        anyRef = true;
        Integer i = byRef.get(ref.asText());
        if (i != null && i >= 0 && out.get(i) == null) {
          out.set(i, m);
        }
      }
    }
    if (!anyRef && messages.size() == jobs.size()) {
      for (int i = 0; i < jobs.size(); i++) {
        out.set(i, messages.get(i));
      }
    }
    return out;
  }

  /**
   * What one item of a batch answer says about its row (null item: the answer did not say). Its
   * texts are printed and journaled, so they are passed through {@code scrub} like single answers.
   */
  static Outcome itemOutcome(JsonNode m, int attempts, UnaryOperator<String> scrub) {
    if (m == null) {
      return new Outcome.Unknown(
          "Bird's batch answer has no item for this row; it may have been accepted", attempts);
    }
    String status = m.path("status").asText(null);
    if ("rejected".equals(status) || "failed".equals(status)) {
      JsonNode failure = m.path("failure");
      JsonNode code = failure.path("code");
      // Bird's batch failure code is the HTTP status of the item (422), not an error code.
      return new Outcome.Rejected(
          code.isIntegralNumber() ? code.asInt() : 422,
          code.isTextual() ? scrub.apply(code.asText()) : null,
          scrub.apply(failure.path("description").asText(status + " in the batch")),
          Map.of(),
          attempts);
    }
    if (status == null || !TAKEN.contains(status)) {
      return new Outcome.Unknown(
          "Bird's batch answer gives this row the status "
              + (status == null ? "(none)" : "\"" + scrub.apply(status) + "\"")
              + ", not accepted",
          attempts);
    }
    return new Outcome.Accepted(
        scrub.apply(m.path("id").asText(null)), scrub.apply(status), attempts);
  }
}
