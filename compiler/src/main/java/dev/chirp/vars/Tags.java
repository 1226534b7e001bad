package dev.chirp.vars;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the Mustache tags of a template string, with their offsets, without rendering it. */
public final class Tags {
  private Tags() {}

  /** The tags of {@code template}, or the problem that stops it from being a valid template. */
  public record Scan(List<Tag> tags, Optional<Problem> problem) {}

  /** A syntax problem at a char offset of the template. */
  public record Problem(int offset, String message) {}

  public static Scan scan(String template) {
    List<Tag> tags = new ArrayList<>();
    List<Tag> open = new ArrayList<>();
    int i = 0;
    while (true) {
      int at = template.indexOf("{{", i);
      if (at < 0) {
        break;
      }
      boolean triple = template.startsWith("{{{", at);
      String closer = triple ? "}}}" : "}}";
      int close = template.indexOf(closer, at + (triple ? 3 : 2));
      if (close < 0) {
        return new Scan(
            tags, Optional.of(new Problem(at, "`{{` is never closed with `" + closer + "`")));
      }
      int end = close + closer.length();
      String inner = template.substring(at + (triple ? 3 : 2), close).trim();
      Tag.Kind kind = Tag.Kind.VALUE;
      if (!triple && !inner.isEmpty()) {
        switch (inner.charAt(0)) {
          case '#' -> kind = Tag.Kind.SECTION;
          case '^' -> kind = Tag.Kind.INVERTED;
          case '/' -> kind = Tag.Kind.CLOSE;
          case '>' -> kind = Tag.Kind.PARTIAL;
          case '!' -> kind = Tag.Kind.COMMENT;
          case '&' -> kind = Tag.Kind.VALUE;
          case '=' -> {
            return new Scan(
                tags,
                Optional.of(new Problem(at, "changing the delimiters (`{{=`) is not supported")));
          }
          default -> {}
        }
        if (kind != Tag.Kind.VALUE || inner.charAt(0) == '&') {
          inner = inner.substring(1).trim();
        }
      }
      Tag tag = new Tag(kind, inner, at, end, template.substring(at, end));
      if (kind != Tag.Kind.COMMENT
          && !inner.matches("[A-Za-z_][A-Za-z0-9_]*")
          && !(kind == Tag.Kind.PARTIAL && inner.matches("[A-Za-z0-9_][A-Za-z0-9_-]*"))) {
        String why =
            inner.isEmpty()
                ? "an empty tag"
                : inner.equals(".")
                    ? "`{{.}}` has no meaning in a spec"
                    : "`" + inner + "` is not a variable name (letters, digits and _)";
        return new Scan(tags, Optional.of(new Problem(at, why)));
      }
      if (kind == Tag.Kind.SECTION || kind == Tag.Kind.INVERTED) {
        open.add(tag);
      } else if (kind == Tag.Kind.CLOSE) {
        if (open.isEmpty() || !open.get(open.size() - 1).name().equals(inner)) {
          String expected =
              open.isEmpty()
                  ? "no section is open"
                  : "the open section is `" + open.get(open.size() - 1).name() + "`";
          return new Scan(
              tags,
              Optional.of(new Problem(at, "`{{/" + inner + "}}` closes nothing: " + expected)));
        }
        open.remove(open.size() - 1);
      }
      tags.add(tag);
      i = end;
    }
    if (!open.isEmpty()) {
      Tag t = open.get(open.size() - 1);
      return new Scan(
          tags,
          Optional.of(
              new Problem(
                  t.start(),
                  "section `" + t.name() + "` is never closed with `{{/" + t.name() + "}}`")));
    }
    return new Scan(tags, Optional.empty());
  }
}
