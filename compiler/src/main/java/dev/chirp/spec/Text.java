package dev.chirp.spec;

import dev.chirp.diag.Span;

/**
 * A string field of a spec with its position. Before resolving, {@code value} is the Mustache
 * source and {@code templated} says whether it holds tags; after resolving it is the final text.
 */
public record Text(String value, Span span, boolean templated, boolean url) {
  /** A literal or resolved text. */
  public static Text of(String value, Span span) {
    return new Text(value, span, false, false);
  }

  /** A field as written in the spec: templated when it contains a Mustache tag. */
  public static Text source(String value, Span span) {
    return new Text(value, span, value.contains("{{"), false);
  }

  /**
   * A URL field as written: variables in it are percent-encoded when rendered, except one that
   * starts the URL (so {@code {{trackingUrl}}} stays a whole URL).
   */
  public static Text url(String value, Span span) {
    return new Text(value, span, value.contains("{{"), true);
  }

  /**
   * The length WhatsApp limits are checked against: UTF-16 code units. An emoji counts 2 and a
   * combining mark 1 on its own; this is never less than code points or grapheme clusters, so it is
   * the strictest of the plausible counts (Meta does not say which it uses).
   */
  public int length() {
    return value.length();
  }

  public Text with(String resolved) {
    return new Text(resolved, span, false, url);
  }
}
