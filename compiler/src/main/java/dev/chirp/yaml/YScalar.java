package dev.chirp.yaml;

import dev.chirp.diag.Span;
import java.math.BigInteger;

/**
 * A scalar with its source text and its value under the YAML 1.2 core schema: {@code null}, a
 * {@link Boolean}, a {@link Long} or {@link BigInteger}, a {@link Double}, or a {@link String}.
 */
public record YScalar(String text, Object value, Span span, boolean quoted) implements YNode {

  public boolean isString() {
    return value instanceof String;
  }

  /** The value as text: strings as they are, other scalars as written in the file. */
  public String asText() {
    return value instanceof String s ? s : text;
  }

  @Override
  public String kindWord() {
    if (value == null) {
      return "null";
    } else if (value instanceof Boolean) {
      return "boolean";
    } else if (value instanceof Long || value instanceof BigInteger) {
      return "integer";
    } else if (value instanceof Double) {
      return "number";
    }
    return "string";
  }
}
