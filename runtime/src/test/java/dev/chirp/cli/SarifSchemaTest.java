package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.chirp.cli.ChirpCli.Result;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code chirp check --format sarif} output validated against the SARIF 2.1.0 JSON schema, which is
 * a committed test resource ({@code sarif/sarif-schema-2.1.0.json}): no network at test time.
 */
class SarifSchemaTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static Schema sarif;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        SarifSchemaTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      sarif =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
              .getSchema(text, InputFormat.JSON);
    }
  }

  private static JsonNode sarifOf(String... paths) throws IOException {
    String[] args = new String[paths.length + 3];
    args[0] = "check";
    args[1] = "--format";
    args[2] = "sarif";
    System.arraycopy(paths, 0, args, 3, paths.length);
    Result r = ChirpCli.exec(args);
    assertEquals("", r.err());
    return MAPPER.readTree(r.out());
  }

  private static List<String> problems(JsonNode log) {
    return sarif.validate(log).stream().map(Error::toString).toList();
  }

  @Test
  void reportWithProblemsIsValidSarif() throws IOException {
    JsonNode log = sarifOf(MainTest.TWO_PROBLEMS);

    assertEquals(2, log.at("/runs/0/results").size());
    assertEquals(List.of(), problems(log));
  }

  @Test
  void cleanReportIsValidSarif() throws IOException {
    JsonNode log = sarifOf(MainTest.CLEAN);

    assertEquals(0, log.at("/runs/0/results").size());
    assertEquals(List.of(), problems(log));
  }

  @Test
  void notesFixesSpacesInPathsAndWholeFileSpansAreValidSarif() throws IOException {
    JsonNode log =
        sarifOf(
            "src/test/resources/cli/sarif/with space.yaml",
            "src/test/resources/cli/sarif/empty.yaml",
            MainTest.TWO_PROBLEMS);

    assertEquals(List.of(), problems(log));
    assertEquals(4, log.at("/runs/0/results").size());
    assertEquals(
        "src/test/resources/cli/sarif/with%20space.yaml",
        log.at("/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri").asText());
    assertEquals(
        "unknown key `mesage` in the spec\nhelp: did you mean `message`?",
        log.at("/runs/0/results/1/message/text").asText());
  }

  /** A guard against a validator that accepts anything (a broken $ref, a schema not loaded). */
  @Test
  void validatorRejectsInvalidSarif() throws IOException {
    ObjectNode log = (ObjectNode) sarifOf(MainTest.TWO_PROBLEMS);
    ((ObjectNode) log.at("/runs/0/results/0")).put("level", "fatal");
    ((ObjectNode) log.at("/runs/0/results/1/locations/0/physicalLocation/region"))
        .put("startLine", 0);

    List<String> problems = problems(log);

    assertFalse(problems.isEmpty());
    assertEquals(2, problems.size(), String.join("\n", problems));
  }
}
