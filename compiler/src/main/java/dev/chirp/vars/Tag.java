package dev.chirp.vars;

/**
 * One Mustache tag in a template string: its kind, the name it refers to, and where it stands in
 * the string ({@code start} inclusive, {@code end} exclusive, in chars).
 */
public record Tag(Kind kind, String name, int start, int end, String source) {
  /** What a tag does. */
  public enum Kind {
    /** {@code {{name}}}, {@code {{&name}}} or {@code {{{name}}}}: writes a value. */
    VALUE,
    /** {@code {{#name}}}: renders its content when the value is present and not false. */
    SECTION,
    /** {@code {{^name}}}: renders its content when the value is absent, empty or false. */
    INVERTED,
    /** {@code {{/name}}}: closes a section. */
    CLOSE,
    /** {@code {{> name}}}: includes a partial from the catalog's partials/ folder. */
    PARTIAL,
    /** {@code {{! text}}}: a comment. */
    COMMENT
  }
}
