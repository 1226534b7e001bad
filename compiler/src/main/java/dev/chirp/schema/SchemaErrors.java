package dev.chirp.schema;

import static dev.chirp.schema.CommaSplit.commaSplit;
import static dev.chirp.schema.InstancePath.last;
import static dev.chirp.schema.InstancePath.ownerSpan;
import static dev.chirp.schema.InstancePath.walk;
import static dev.chirp.schema.ValueWords.describeValue;
import static dev.chirp.schema.ValueWords.words;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.schema.InstancePath.Step;
import dev.chirp.text.Uuids;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A validation error worded for people and placed on the exact node: a missing key on the mapping
 * that lacks it, an unknown key on the key itself (with a suggestion), a bad value on the value.
 */
final class SchemaErrors {

  private static final String[] KIND_KEYS = {"images", "files", "location", "list", "cards"};

  private final JsonNode document;

  /** What the root of a validated document is called in messages: "the spec", "chirp.yaml". */
  private final String rootName;

  SchemaErrors(JsonNode document, String rootName) {
    this.document = document;
    this.rootName = rootName;
  }

  String whereOf(Step here) {
    return here.display().isEmpty() ? rootName : "`" + here.display() + "`";
  }

  Diagnostic describe(String file, YMap root, Error e) {
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
                + (schemaNode.asText().equals(Uuids.PATTERN)
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
}
