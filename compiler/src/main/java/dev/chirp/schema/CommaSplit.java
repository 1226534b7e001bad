package dev.chirp.schema;

import dev.chirp.diag.Span;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YScalar;
import java.util.Optional;

/** The hint for a flow-mapping value cut off at an unquoted comma. */
final class CommaSplit {
  private CommaSplit() {}

  /**
   * The hint for an unknown key that is really the rest of the previous value, cut off by an
   * unquoted comma in a flow mapping: {@code { text: Rice, with potato salad }} reads as {@code
   * text: Rice} and a key {@code with potato salad} without a value. Such a key has no `:` (its
   * value is empty) and stands on the line of the plain text value before it, which no block
   * mapping allows. Empty when the key does not look like that.
   */
  static Optional<String> commaSplit(YMap map, YMap.Entry entry) {
    int at = map.entries().indexOf(entry);
    if (at < 1 || !isBareKey(entry)) {
      return Optional.empty();
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
      return Optional.empty();
    }
    StringBuilder whole = new StringBuilder(v.asText());
    Span end = v.span();
    int last = first;
    while (last < map.entries().size() && isBareKey(map.entries().get(last))) {
      YScalar k = map.entries().get(last).key();
      if (k.span().line() != end.endLine()) {
        return Optional.empty();
      }
      // Between the two stand the comma and the spaces after it.
      whole.append(',').append(" ".repeat(Math.max(0, k.span().column() - end.endColumn() - 1)));
      whole.append(k.asText());
      end = k.span();
      last++;
    }
    return Optional.of(
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
}
