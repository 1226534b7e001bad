package dev.chirp.yaml;

import java.math.BigInteger;
import java.util.Locale;
import java.util.Set;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;

/** The YAML 1.2 core schema's typing of a scalar: null, boolean, integer, float or string. */
final class YamlScalars {
  private static final CoreScalarResolver RESOLVER = new CoreScalarResolver(true);

  /** The tags a spec may write explicitly; any other is refused. */
  static final Set<String> CORE_TAGS =
      Set.of(
          Tag.STR.getValue(),
          Tag.INT.getValue(),
          Tag.FLOAT.getValue(),
          Tag.BOOL.getValue(),
          Tag.NULL.getValue(),
          Tag.MAP.getValue(),
          Tag.SEQ.getValue());

  private YamlScalars() {}

  /**
   * The value of a scalar: its explicit core tag, else (plain) the type its text resolves to, else
   * a string. A number tag on text that is not a number keeps the text.
   */
  static Object value(ScalarEvent e) {
    String text = e.getValue();
    String tag;
    if (e.getTag().isPresent() && CORE_TAGS.contains(e.getTag().get())) {
      tag = e.getTag().get();
    } else if (e.isPlain() && e.getTag().isEmpty()) {
      tag = RESOLVER.resolve(text, true).getValue();
    } else {
      tag = Tag.STR.getValue();
    }
    Object value = text;
    if (tag.equals(Tag.NULL.getValue())) {
      value = null;
    } else if (tag.equals(Tag.BOOL.getValue())) {
      value = Boolean.valueOf(text.toLowerCase(Locale.ROOT).equals("true"));
    } else if (tag.equals(Tag.INT.getValue())) {
      value = parseInt(text);
    } else if (tag.equals(Tag.FLOAT.getValue())) {
      value = parseFloat(text);
    }
    if (value == null && !tag.equals(Tag.NULL.getValue())) {
      value = text; // a !!int or !!float tag on text that is not a number: keep the text
    }
    return value;
  }

  static String shortTag(String tag) {
    return tag.startsWith("tag:yaml.org,2002:")
        ? "!!" + tag.substring("tag:yaml.org,2002:".length())
        : tag;
  }

  private static Object parseInt(String text) {
    try {
      String t = text.replace("_", "");
      int sign = 1;
      if (t.startsWith("-") || t.startsWith("+")) {
        sign = t.startsWith("-") ? -1 : 1;
        t = t.substring(1);
      }
      BigInteger v;
      if (t.startsWith("0x")) {
        v = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o")) {
        v = new BigInteger(t.substring(2), 8);
      } else {
        v = new BigInteger(t);
      }
      if (sign < 0) {
        v = v.negate();
      }
      return v.bitLength() < 64 ? (Object) v.longValue() : v;
    } catch (NumberFormatException ex) {
      return null;
    }
  }

  private static Object parseFloat(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    switch (t) {
      case ".inf", "+.inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      case "-.inf" -> {
        return Double.NEGATIVE_INFINITY;
      }
      case ".nan" -> {
        return Double.NaN;
      }
      default -> {
        try {
          return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
          return null;
        }
      }
    }
  }
}
