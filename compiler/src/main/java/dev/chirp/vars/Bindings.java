package dev.chirp.vars;

import dev.chirp.diag.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values for one resolve, with their origins. {@code file} and {@code span} locate the set as a
 * whole (an example, a recipients row), where a missing value is reported; {@code strict} makes a
 * value for an undeclared variable an error rather than a warning.
 */
public record Bindings(List<Binding> list, String file, Span span, String label, boolean strict) {
  public Bindings {
    list = List.copyOf(list);
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
