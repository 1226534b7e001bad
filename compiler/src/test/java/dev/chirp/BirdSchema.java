package dev.chirp;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The Channels API request-body schema in schema/, for validating emitted payloads in tests. */
final class BirdSchema {
  static final Path FILE = Path.of("..", "schema", "bird-channels-message.schema.json");
  private static Schema schema;

  private BirdSchema() {}

  static synchronized List<String> problems(JsonNode payload) {
    if (schema == null) {
      try {
        schema =
            SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(FILE), InputFormat.JSON);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema.validate(payload).stream()
        .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
        .toList();
  }
}
