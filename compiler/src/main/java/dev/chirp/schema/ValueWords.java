package dev.chirp.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import java.util.ArrayList;
import java.util.List;

/** How JSON types and values are named in messages. */
final class ValueWords {
  private ValueWords() {}

  static String words(JsonNode typeNode) {
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
