package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.List;

/** A declared variable with its type and constraints. Unset constraints are null. */
public record Variable(
    String name,
    String type,
    boolean required,
    Object defaultValue,
    Integer minLength,
    Integer maxLength,
    String pattern,
    List<Object> allowed,
    Double minimum,
    Double maximum,
    Object example,
    String description,
    Span span) {
  /** {@code allowed} is copied; it stays null when no enum is declared. */
  public Variable {
    allowed = Copies.list(allowed);
  }
}
