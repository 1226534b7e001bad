package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.Map;

/**
 * A named set of variable values carried by a spec; {@code values} maps name to value, {@code
 * spans} each value's position. {@code to} is the example's receiver (or null) and {@code toSpan}
 * the position of its value, where a bad number is reported; {@code span} is the example's own.
 */
public record Example(
    String name,
    Map<String, Object> values,
    Map<String, Span> spans,
    String to,
    Span span,
    Span toSpan) {
  /** The maps are copied in order; a value may be null (written as YAML null). */
  public Example {
    values = Copies.map(values);
    spans = Copies.map(spans);
  }

  /** An example whose receiver, if any, has no position of its own. */
  public Example(
      String name, Map<String, Object> values, Map<String, Span> spans, String to, Span span) {
    this(name, values, spans, to, span, null);
  }
}
