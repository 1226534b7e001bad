package dev.chirp.schema;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YSeq;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The spec JSON Schema, and validation whose every error is placed on the exact node and worded for
 * people: a missing key on the mapping that lacks it, an unknown key on the key itself (with a
 * suggestion), a bad value on the value.
 */
public final class SpecSchema {
  /** Classpath location of the schema; the file is {@code schema/chirp-spec.schema.json}. */
  public static final String RESOURCE = "/dev/chirp/schema/chirp-spec.schema.json";

  private static final String[] KIND_KEYS = {"images", "files", "location", "list", "cards"};

  private final JsonNode document;
  private final Schema schema;

  /** What the root of a validated document is called in messages: "the spec", "chirp.yaml". */
  private final String rootName;

  private SpecSchema(JsonNode document, Schema schema, String rootName) {
    this.document = document;
    this.schema = schema;
    this.rootName = rootName;
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
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
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
              Code.SCHEMA_MISSING_KEY, file, ownerSpan(here), whereOf(here) + " needs " + keys);
      unique.putIfAbsent(d.span() + d.message(), d);
    }
    for (Error e : errors) {
      if (alternatives.values().stream().anyMatch(g -> g.contains(e))) {
        continue;
      }
      Diagnostic d = describe(file, root, e);
      if (d != null) {
        unique.putIfAbsent(d.span() + d.message(), d);
      }
    }
    List<Diagnostic> out = new ArrayList<>(unique.values());
    // A missing key that an unknown key's suggestion already names is the same mistake: say it
    // once.
    List<String> suggested = new ArrayList<>();
    for (Diagnostic d : out) {
      if (d.code().equals(Code.SCHEMA_UNKNOWN_KEY.id()) && d.fix() != null) {
        String where = d.message().substring(d.message().lastIndexOf(" in ") + 4);
        String key = d.fix().replace("did you mean ", "").replace("?", "");
        suggested.add(where + " is missing required key " + key);
        suggested.add(where + " needs " + key);
      }
    }
    out.removeIf(
        d ->
            d.code().equals(Code.SCHEMA_MISSING_KEY.id())
                && suggested.stream().anyMatch(p -> d.message().startsWith(p)));
    out.sort(
        Comparator.comparingInt((Diagnostic d) -> d.span().line())
            .thenComparingInt(d -> d.span().column())
            .thenComparing(Diagnostic::message));
    return out;
  }

  /** A located step of an instance path: the node, and the key entry that holds it if any. */
  private record Step(YNode node, YMap.Entry entry, String display) {}

  private static Step last(List<Step> steps) {
    return steps.get(steps.size() - 1);
  }

  private String whereOf(Step here) {
    return here.display().isEmpty() ? rootName : "`" + here.display() + "`";
  }

  private static List<Step> walk(YMap root, NodePath path) {
    List<Step> steps = new ArrayList<>();
    YNode node = root;
    String display = "";
    steps.add(new Step(root, null, ""));
    for (int i = 0; i < path.getNameCount(); i++) {
      Object el = path.getElement(i);
      YMap.Entry entry = null;
      if (el instanceof Integer idx && node instanceof YSeq seq && idx < seq.items().size()) {
        node = seq.items().get(idx);
        display = display + "[" + idx + "]";
      } else if (node instanceof YMap map && map.entry(String.valueOf(el)).isPresent()) {
        entry = map.entry(String.valueOf(el)).get();
        node = entry.value();
        display = display.isEmpty() ? entry.name() : display + "." + entry.name();
      } else {
        break;
      }
      steps.add(new Step(node, entry, display));
    }
    return steps;
  }

  private Diagnostic describe(String file, YMap root, Error e) {
    List<Step> steps = walk(root, e.getInstanceLocation());
    Step here = last(steps);
    String where = whereOf(here);
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    JsonNode schemaNode = e.getSchemaNode();
    switch (keyword) {
      case "additionalProperties" -> {
        String key = e.getProperty();
        if (key == null || !(here.node() instanceof YMap map)) {
          return null;
        }
        YMap.Entry entry = map.entry(key).orElse(null);
        Span at = entry == null ? here.node().span() : entry.key().span();
        Set<String> known = knownKeys(e);
        String msg = "unknown key `" + key + "` in " + where;
        Diagnostic d = Diagnostic.of(Code.SCHEMA_UNKNOWN_KEY, file, at, msg);
        if (entry != null) {
          var split = commaSplit(map, entry);
          if (split.isPresent()) {
            return d.withFix(split.get());
          }
        }
        var close = Suggest.closest(key, known);
        if (close.isPresent()) {
          return d.withFix("did you mean `" + close.get() + "`?");
        }
        return known.isEmpty() ? d : d.withNote("known keys: " + String.join(", ", known));
      }
      case "required" -> {
        String key = e.getProperty();
        if (key == null) {
          return null;
        }
        return Diagnostic.of(
            Code.SCHEMA_MISSING_KEY,
            file,
            ownerSpan(here),
            where + " is missing required key `" + key + "`" + requiredReason(here, key));
      }
      case "anyOf" -> {
        // Only used as "one of these keys is needed" in the spec schema.
        List<String> keys = new ArrayList<>();
        for (JsonNode alt : schemaNode) {
          if (alt.has("required") && alt.get("required").size() == 1) {
            keys.add("`" + alt.get("required").get(0).asText() + "`");
          }
        }
        if (keys.size() != schemaNode.size()) {
          return generic(file, here, where, e);
        }
        return Diagnostic.of(
            Code.SCHEMA_MISSING_KEY,
            file,
            ownerSpan(here),
            where + " needs " + String.join(" or ", keys));
      }
      case "false" -> {
        return conflict(file, steps, here);
      }
      case "type" -> {
        String expected = words(schemaNode);
        return Diagnostic.of(
            Code.SCHEMA_TYPE,
            file,
            here.node().span(),
            where + " must be " + expected + ", not " + describeValue(here.node()));
      }
      case "enum", "const" -> {
        List<String> allowed = new ArrayList<>();
        if (schemaNode.isArray()) {
          schemaNode.forEach(v -> allowed.add(v.isTextual() ? v.asText() : v.toString()));
        } else {
          allowed.add(schemaNode.isTextual() ? schemaNode.asText() : schemaNode.toString());
        }
        String got = describeValue(here.node());
        Diagnostic d =
            Diagnostic.of(
                Code.SCHEMA_VALUE,
                file,
                here.node().span(),
                where
                    + (allowed.size() == 1
                        ? " must be " + allowed.get(0)
                        : " must be one of " + String.join(", ", allowed))
                    + ", not "
                    + got);
        if (here.node() instanceof YScalar s && s.isString()) {
          var close = Suggest.closest(s.asText(), allowed);
          if (close.isPresent()) {
            d = d.withFix("did you mean `" + close.get() + "`?");
          }
        }
        return d;
      }
      case "minLength" -> {
        int n = schemaNode.asInt();
        return value(
            file,
            here,
            where + (n == 1 ? " must not be empty" : " needs at least " + n + " characters"));
      }
      case "maxLength" -> {
        return value(file, here, where + " may have at most " + schemaNode.asInt() + " characters");
      }
      case "minItems" -> {
        int n = schemaNode.asInt();
        return value(
            file,
            here,
            where + (n == 1 ? " must not be an empty list" : " needs at least " + n + " items"));
      }
      case "maxItems" -> {
        return value(file, here, where + " may have at most " + schemaNode.asInt() + " items");
      }
      case "minimum" -> {
        return value(
            file,
            here,
            where
                + " must be at least "
                + schemaNode.asText()
                + ", not "
                + describeValue(here.node()));
      }
      case "maximum" -> {
        return value(
            file,
            here,
            where
                + " must be at most "
                + schemaNode.asText()
                + ", not "
                + describeValue(here.node()));
      }
      case "pattern" -> {
        return value(
            file,
            here,
            where
                + (schemaNode.asText().equals(UUID_PATTERN)
                    ? " must be a UUID (like 2f0c6a4e-8d7b-4a43-9a3e-6f1d2c9b7e10)"
                    : schemaNode.asText().startsWith(LOCALE_PATTERN)
                        ? " must be a BCP 47 language tag such as en or pt-BR (a dash, not"
                            + " Meta's en_US underscore)"
                        : " must match " + schemaNode.asText() + patternHint(schemaNode.asText()))
                + ", not "
                + describeValue(here.node()));
      }
      case "minProperties", "maxProperties" -> {
        Set<String> keys = propertyNames(e);
        return value(
            file,
            here,
            where
                + " must have exactly one of "
                + keys.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", ")));
      }
      case "propertyNames" -> {
        return null; // reported by the nested pattern/minLength error on the key
      }
      case "if", "else", "then", "dependentSchemas", "allOf", "$ref", "properties", "items" -> {
        return null; // containers: their nested errors say what is wrong
      }
      default -> {
        return generic(file, here, where, e);
      }
    }
  }

  /**
   * The hint for an unknown key that is really the rest of the previous value, cut off by an
   * unquoted comma in a flow mapping: {@code { text: Rice, with potato salad }} reads as {@code
   * text: Rice} and a key {@code with potato salad} without a value. Such a key has no `:` (its
   * value is empty) and stands on the line of the plain text value before it, which no block
   * mapping allows. Empty when the key does not look like that.
   */
  private static java.util.Optional<String> commaSplit(YMap map, YMap.Entry entry) {
    int at = map.entries().indexOf(entry);
    if (at < 1 || !isBareKey(entry)) {
      return java.util.Optional.empty();
    }
    // The value may have been cut at several commas: "Rice, with potato salad, and herbs".
    int first = at;
    while (first > 1 && isBareKey(map.entries().get(first - 1))) {
      first--;
    }
    YMap.Entry owner = map.entries().get(first - 1);
    if (!(owner.value() instanceof YScalar v)
        || !v.isString()
        || v.quoted()
        || v.asText().isEmpty()) {
      return java.util.Optional.empty();
    }
    StringBuilder whole = new StringBuilder(v.asText());
    Span end = v.span();
    int last = first;
    while (last < map.entries().size() && isBareKey(map.entries().get(last))) {
      YScalar k = map.entries().get(last).key();
      if (k.span().line() != end.endLine()) {
        return java.util.Optional.empty();
      }
      // Between the two stand the comma and the spaces after it.
      whole.append(',').append(" ".repeat(Math.max(0, k.span().column() - end.endColumn() - 1)));
      whole.append(k.asText());
      end = k.span();
      last++;
    }
    return java.util.Optional.of(
        "a comma ends a value inside `{ }`; quote the value to keep its comma: "
            + owner.name()
            + ": \""
            + whole.toString().replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"");
  }

  /** A plain key written without `:` or a value in a flow mapping. */
  private static boolean isBareKey(YMap.Entry e) {
    return !e.key().quoted()
        && e.key().isString()
        && e.value() instanceof YScalar v
        && v.value() == null
        && v.text().isEmpty();
  }

  private static final String UUID_PATTERN =
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

  /** The template locale's pattern (a BCP 47 tag, or a Mustache tag resolved later). */
  private static final String LOCALE_PATTERN = "^([A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*|";

  private static String patternHint(String pattern) {
    if (pattern.equals("^[a-z0-9][a-z0-9-]*$")) {
      return " (lower-case letters, digits and dashes)";
    } else if (pattern.equals("^[A-Za-z_][A-Za-z0-9_]*$")) {
      return " (letters, digits and underscores, not starting with a digit)";
    }
    return "";
  }

  private static Diagnostic generic(String file, Step here, String where, Error e) {
    return value(file, here, where + ": " + e.getMessage().replaceFirst("^\\$[^:]*: ", ""));
  }

  private static Diagnostic value(String file, Step here, String msg) {
    return Diagnostic.of(Code.SCHEMA_VALUE, file, here.node().span(), msg);
  }

  /** The position that names a mapping: its key when it has one, else where it starts. */
  private static Span ownerSpan(Step here) {
    return here.entry() != null ? here.entry().key().span() : here.node().span();
  }

  private static String requiredReason(Step here, String key) {
    if (here.node() instanceof YMap m && key.equals("text")) {
      if (m.has("list")) {
        return " (a list message needs text above its button)";
      } else if (m.has("cards")) {
        return " (a carousel needs text in the bubble before its cards)";
      } else if (m.has("actions") && (m.has("images") || m.has("files"))) {
        return " (buttons need the body text they stand under)";
      }
    }
    return "";
  }

  /** A `false` schema: a key that may not stand beside another one. */
  private static Diagnostic conflict(String file, List<Step> steps, Step here) {
    if (here.entry() == null || steps.size() < 2) {
      return null;
    }
    String key = here.entry().name();
    YNode parent = steps.get(steps.size() - 2).node();
    String why;
    if (key.equals("template") || key.equals("message")) {
      why = "a spec has either `message` or `template`, not both";
    } else if (key.equals("rows") && parent instanceof YMap pm && pm.has("sections")) {
      why = "a list has either `rows` or `sections`, not both; put the rows inside sections";
    } else if (parent instanceof YMap pm) {
      String kind = "a text message";
      for (String k : KIND_KEYS) {
        if (pm.has(k) && !k.equals(key)) {
          kind = kindName(k);
          break;
        }
      }
      why = "`" + key + "` cannot be used in " + kind;
    } else {
      why = "`" + key + "` is not allowed here";
    }
    return Diagnostic.of(Code.SCHEMA_CONFLICT, file, here.entry().key().span(), why);
  }

  private static String kindName(String kindKey) {
    return switch (kindKey) {
      case "images" -> "an image message (it has `images`)";
      case "files" -> "a file message (it has `files`)";
      case "location" -> "a location message (it has `location`)";
      case "list" -> "a list message (it has `list`)";
      case "cards" -> "a carousel (it has `cards`)";
      default -> "this message";
    };
  }

  private Set<String> knownKeys(Error e) {
    JsonNode parent = schemaParent(e);
    Set<String> keys = new TreeSet<>();
    if (parent != null && parent.has("properties")) {
      parent.get("properties").fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  private Set<String> propertyNames(Error e) {
    JsonNode parent = schemaParent(e);
    Set<String> keys = new LinkedHashSet<>();
    if (parent != null && parent.has("properties")) {
      parent.get("properties").fieldNames().forEachRemaining(keys::add);
    }
    return keys;
  }

  /** The schema object holding the keyword that failed, found through its location fragment. */
  private JsonNode schemaParent(Error e) {
    String loc = e.getSchemaLocation().toString();
    int hash = loc.indexOf('#');
    if (hash < 0) {
      return null;
    }
    String fragment = loc.substring(hash + 1);
    int slash = fragment.lastIndexOf('/');
    if (slash < 0) {
      return document;
    }
    JsonNode n = document.at(JsonPointer.compile(fragment.substring(0, slash)));
    return n.isMissingNode() ? null : n;
  }

  private static String words(JsonNode typeNode) {
    List<String> out = new ArrayList<>();
    if (typeNode.isArray()) {
      typeNode.forEach(t -> out.add(word(t.asText())));
    } else {
      out.add(word(typeNode.asText()));
    }
    if (out.size() == 1) {
      return out.get(0);
    }
    return String.join(", ", out.subList(0, out.size() - 1)) + " or " + out.get(out.size() - 1);
  }

  private static String word(String jsonType) {
    return switch (jsonType) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "string" -> "a string";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "null" -> "empty";
      default -> jsonType;
    };
  }

  /** How a value is named in messages: its kind and, for scalars, its text. */
  static String describeValue(YNode node) {
    if (node instanceof YScalar s) {
      if (s.value() == null) {
        return "empty";
      }
      String text = s.asText();
      if (text.length() > 40) {
        text = text.substring(0, 37) + "...";
      }
      return s.isString() ? "\"" + text + "\"" : s.kindWord() + " " + text;
    }
    return "a " + node.kindWord();
  }
}
