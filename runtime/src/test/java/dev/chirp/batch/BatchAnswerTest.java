package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which item of Bird's batch answer belongs to which row: by reference, else by position. */
class BatchAnswerTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static List<Job> jobs(String... refs) {
    List<Job> out = new ArrayList<>();
    for (int i = 0; i < refs.length; i++) {
      ObjectNode payload = JSON.createObjectNode();
      if (refs[i] != null) {
        payload.put("reference", refs[i]);
      }
      out.add(new Job(i + 2, "+3161234560" + i, "ref-" + i, new byte[0], payload, null));
    }
    return out;
  }

  /** The ids of the items chosen for each row ("-" for none). */
  static List<String> ids(List<JsonNode> items) {
    return items.stream().map(n -> n == null ? "-" : n.path("id").asText()).toList();
  }

  static JsonNode answer(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void itemsAreMatchedByTheReferenceEachRowSent() throws Exception {
    JsonNode a =
        answer(
            "{\"messages\":[{\"id\":\"m3\",\"reference\":\"c\"},{\"id\":\"m1\",\"reference\":\"a\"},"
                + "{\"id\":\"mx\",\"reference\":\"nobody\"}]}");
    assertEquals(List.of("m1", "-", "m3"), ids(BatchAnswers.itemsFor(jobs("a", "b", "c"), a)));
  }

  @Test
  void aReferenceTwoRowsShareMatchesNeither() throws Exception {
    JsonNode a =
        answer(
            "{\"messages\":[{\"id\":\"m1\",\"reference\":\"a\"},{\"id\":\"m2\",\"reference\":\"a\"}]}");
    assertEquals(List.of("-", "-"), ids(BatchAnswers.itemsFor(jobs("a", "a"), a)));
  }

  @Test
  void withoutReferencesOnlyOneItemPerRowIsMatchedByPosition() throws Exception {
    JsonNode same = answer("{\"messages\":[{\"id\":\"m1\"},{\"id\":\"m2\"}]}");
    assertEquals(List.of("m1", "m2"), ids(BatchAnswers.itemsFor(jobs("a", "b"), same)));
    JsonNode fewer = answer("{\"messages\":[{\"id\":\"m1\"}]}");
    assertEquals(List.of("-", "-"), ids(BatchAnswers.itemsFor(jobs("a", "b"), fewer)));
  }

  @Test
  void anAnswerWithoutItemsLeavesTheWholeBatchToItsStatus() throws Exception {
    assertNull(BatchAnswers.itemsFor(jobs("a"), answer("{\"batchId\":\"b-1\"}")));
    assertNull(BatchAnswers.itemsFor(jobs("a"), null));
    assertEquals(
        Arrays.asList("-"),
        ids(BatchAnswers.itemsFor(jobs((String) null), answer("{\"messages\":[]}"))));
  }
}
