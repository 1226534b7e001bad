package dev.chirp.lsp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keys chirp's JSON Schemas (the spec's, and chirp.yaml's) allow at a path, with their
 * descriptions: what completion offers and hover shows.
 */
final class SchemaKeys {
  private static final SchemaKeys SPEC = new SchemaKeys(SpecSchema.text());
  private static final SchemaKeys CATALOG = new SchemaKeys(SpecSchema.catalogText());

  private final JsonNode root;

  private SchemaKeys(String text) {
    try {
      this.root = new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema of a file: chirp.yaml's, or a spec's. */
  static SchemaKeys of(Path file) {
    return file.getFileName().toString().equals("chirp.yaml") ? CATALOG : SPEC;
  }

  /** The keys allowed in the mapping at {@code path}, each with its description, schema order. */
  Map<String, String> keys(List<String> path) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode s : at(path)) {
      s.path("properties")
          .fields()
          .forEachRemaining(e -> out.putIfAbsent(e.getKey(), description(e.getValue())));
    }
    return out;
  }

  /** The description of key {@code key} in the mapping at {@code path}, if the schema has one. */
  Optional<String> description(List<String> path, String key) {
    for (JsonNode s : at(path)) {
      JsonNode p = s.path("properties").path(key);
      if (!p.isMissingNode()) {
        String d = description(p);
        if (d != null) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /** A property's own description, else that of what it refers to. */
  private String description(JsonNode property) {
    if (property.has("description")) {
      return property.get("description").asText();
    }
    for (JsonNode s : expand(property)) {
      if (s.has("description")) {
        return s.get("description").asText();
      }
    }
    return null;
  }

  /** The schemas that apply at {@code path} (keys, and {@code []} for list items). */
  private List<JsonNode> at(List<String> path) {
    List<JsonNode> here = expand(root);
    for (String step : path) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode s : here) {
        if (step.equals("[]")) {
          if (s.has("items")) {
            next.addAll(expand(s.get("items")));
          }
        } else if (s.path("properties").has(step)) {
          next.addAll(expand(s.path("properties").get(step)));
        } else if (s.path("additionalProperties").isObject()) {
          next.addAll(expand(s.get("additionalProperties")));
        }
      }
      here = next;
    }
    return here;
  }

  /** A schema with its references followed and its alternatives and parts spread out. */
  private List<JsonNode> expand(JsonNode s) {
    List<JsonNode> out = new ArrayList<>();
    expand(s, out, 0);
    return out;
  }

  private void expand(JsonNode s, List<JsonNode> out, int depth) {
    if (s == null || !s.isObject() || depth > 16 || out.contains(s)) {
      return;
    }
    out.add(s);
    if (s.has("$ref")) {
      String ref = s.get("$ref").asText();
      if (ref.startsWith("#/")) {
        expand(root.at(ref.substring(1)), out, depth + 1);
      }
    }
    for (String k : new String[] {"allOf", "anyOf", "oneOf"}) {
      for (JsonNode sub : s.path(k)) {
        expand(sub, out, depth + 1);
      }
    }
    for (String k : new String[] {"then", "else"}) {
      expand(s.get(k), out, depth + 1);
    }
    s.path("dependentSchemas").forEach(sub -> expand(sub, out, depth + 1));
  }
}
