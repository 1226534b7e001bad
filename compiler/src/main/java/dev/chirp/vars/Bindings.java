package dev.chirp.vars;

import dev.chirp.diag.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values for one resolve, with their origins. {@code file} and {@code span} locate the set as a
 * whole (an example, a recipients row), where a missing value is reported; {@code strict} makes a
 * value for an undeclared variable an error rather than a warning. {@code receiverSpan}, when not
 * null, is where the receiver was written (an example's {@code to:} value): a bad number is
 * reported there rather than at {@code span}.
 */
public record Bindings(
    List<Binding> list, String file, Span span, String label, boolean strict, Span receiverSpan) {
  public Bindings {
    list = List.copyOf(list);
  }

  /** Values whose receiver, if it is theirs at all, is reported at {@code span}. */
  public Bindings(List<Binding> list, String file, Span span, String label, boolean strict) {
    this(list, file, span, label, strict, null);
  }

  /** Where a problem of the receiver is reported. */
  public Span receiverAt() {
    return receiverSpan != null ? receiverSpan : span;
  }

  /** Values with no particular origin (the library API). */
  public static Bindings of(Map<String, ?> values) {
    List<Binding> list = new ArrayList<>();
    values.forEach((k, v) -> list.add(new Binding(k, v, "values", Span.START, "value " + k)));
    return new Bindings(list, "values", Span.START, "values", true);
  }

  /** The values by name, the last one winning. */
  public Map<String, Object> values() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Binding b : list) {
      out.put(b.name(), b.value());
    }
    return out;
  }
}
