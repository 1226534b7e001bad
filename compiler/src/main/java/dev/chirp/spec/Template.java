package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.List;

/** A WhatsApp template send (Bird {@code template}). */
public record Template(
    Text projectId, Text version, Text locale, List<Parameter> parameters, Span span) {
  public Template {
    parameters = List.copyOf(parameters);
  }

  /** One template parameter; {@code type} is string, number or boolean. */
  public record Parameter(String key, String type, Text value, Span keySpan) {}
}
