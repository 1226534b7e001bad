package dev.chirp.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YSeq;
import java.math.BigInteger;

/** Converts a positioned YAML tree into a Jackson tree for schema validation. */
final class Json {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  public static JsonNode of(YNode node) {
    if (node instanceof YMap m) {
      ObjectNode o = F.objectNode();
      for (YMap.Entry e : m.entries()) {
        o.set(e.name(), of(e.value()));
      }
      return o;
    } else if (node instanceof YSeq s) {
      ArrayNode a = F.arrayNode();
      for (YNode item : s.items()) {
        a.add(of(item));
      }
      return a;
    }
    Object v = ((YScalar) node).value();
    if (v == null) {
      return F.nullNode();
    } else if (v instanceof Boolean b) {
      return F.booleanNode(b);
    } else if (v instanceof Long l) {
      return F.numberNode(l);
    } else if (v instanceof BigInteger bi) {
      return F.numberNode(bi);
    } else if (v instanceof Double d) {
      return F.numberNode(d);
    }
    return F.textNode((String) v);
  }
}
