package dev.chirp.schema;

import static dev.chirp.schema.InstancePath.last;
import static dev.chirp.schema.InstancePath.ownerSpan;
import static dev.chirp.schema.InstancePath.walk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.schema.InstancePath.Step;
import dev.chirp.yaml.YMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The spec JSON Schema, and validation whose every error is placed on the exact node and worded for
 * people: a missing key on the mapping that lacks it, an unknown key on the key itself (with a
 * suggestion), a bad value on the value.
 */
public final class SpecSchema {
  /** Classpath location of the schema; the file is {@code schema/chirp-spec.schema.json}. */
  public static final String RESOURCE = "/dev/chirp/schema/chirp-spec.schema.json";

  private final Schema schema;

  /** Words each error for people, on the node it concerns. */
  private final SchemaErrors wording;

  private SpecSchema(JsonNode document, Schema schema, String rootName) {
    this.schema = schema;
    this.wording = new SchemaErrors(document, rootName);
  }

  /** Loads the schema from the classpath (no network). */
  public static SpecSchema load() {
    return load(RESOURCE, "the spec");
  }

  /** Classpath location of the catalog file schema ({@code schema/chirp-catalog.schema.json}). */
  public static final String CATALOG_RESOURCE = "/dev/chirp/schema/chirp-catalog.schema.json";

  /** The schema of the catalog file chirp.yaml. */
  public static SpecSchema loadCatalog() {
    return load(CATALOG_RESOURCE, "chirp.yaml");
  }

  private static SpecSchema load(String resource, String rootName) {
    try (InputStream in = SpecSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + resource);
      }
      JsonNode doc = new ObjectMapper().readTree(in);
      SchemaRegistry registry =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
      Schema schema = registry.getSchema(doc);
      return new SpecSchema(doc, schema, rootName);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema text as shipped, for {@code chirp schema}. */
  public static String text() {
    return shipped(RESOURCE);
  }

  /** The catalog file's schema text as shipped, for {@code chirp schema catalog}. */
  public static String catalogText() {
    return shipped(CATALOG_RESOURCE);
  }

  private static String shipped(String resource) {
    try (InputStream in = SpecSchema.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema missing from the classpath: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Validates a spec's root mapping; returns diagnostics sorted by position, one per problem. */
  public List<Diagnostic> validate(String file, YMap root) {
    List<Error> errors = schema.validate(Json.of(root));
    Map<String, Diagnostic> unique = new LinkedHashMap<>();
    // "required" failures under one anyOf are alternatives: say "needs `a` or `b`" once.
    Map<String, List<Error>> alternatives = new LinkedHashMap<>();
    for (Error e : errors) {
      String eval = e.getEvaluationPath().toString();
      int any = eval.lastIndexOf("/anyOf/");
      if ("required".equals(e.getKeyword()) && any >= 0 && eval.endsWith("/required")) {
        alternatives
            .computeIfAbsent(
                e.getInstanceLocation() + "|" + eval.substring(0, any), k -> new ArrayList<>())
            .add(e);
      }
    }
    for (List<Error> group : alternatives.values()) {
      Step here = last(walk(root, group.get(0).getInstanceLocation()));
      String keys =
          group.stream().map(e -> "`" + e.getProperty() + "`").collect(Collectors.joining(" or "));
      Diagnostic d =
          Diagnostic.of(
              Code.SCHEMA_MISSING_KEY,
              file,
              ownerSpan(here),
              wording.whereOf(here) + " needs " + keys);
      unique.putIfAbsent(d.span() + d.message(), d);
    }
    for (Error e : errors) {
      if (alternatives.values().stream().anyMatch(g -> g.contains(e))) {
        continue;
      }
      Diagnostic d = wording.describe(file, root, e);
      if (d != null) {
        unique.putIfAbsent(d.span() + d.message(), d);
      }
    }
    List<Diagnostic> out = new ArrayList<>(unique.values());
    // A missing key that an unknown key's suggestion already names is the same mistake: say it
    // once.
    List<String> suggested = new ArrayList<>();
    for (Diagnostic d : out) {
      if (d.code() == Code.SCHEMA_UNKNOWN_KEY && d.fix() != null) {
        String where = d.message().substring(d.message().lastIndexOf(" in ") + 4);
        String key = d.fix().replace("did you mean ", "").replace("?", "");
        suggested.add(where + " is missing required key " + key);
        suggested.add(where + " needs " + key);
      }
    }
    out.removeIf(
        d ->
            d.code() == Code.SCHEMA_MISSING_KEY
                && suggested.stream().anyMatch(p -> d.message().startsWith(p)));
    out.sort(
        Comparator.comparingInt((Diagnostic d) -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::message));
    return out;
  }
}
