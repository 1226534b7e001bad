package dev.chirp.diag;

import java.util.Locale;
import java.util.Optional;

/**
 * Every diagnostic code chirp emits, with its default severity and the text that {@code chirp
 * explain CODE} prints. Codes are stable: scripts and suppressions refer to them.
 */
public enum Code {
  // ---- reading files ----
  FILE_UNREADABLE(
      Severity.ERROR,
      "the file cannot be read",
      "chirp could not open or read the file (missing, a directory, or no permission). Check the"
          + " path and its permissions."),
  FILE_TOO_LARGE(
      Severity.ERROR,
      "the file is larger than the size cap",
      "A spec file may be at most 1 MiB (1,048,576 bytes). Larger files are refused before they"
          + " are parsed so that a stray or hostile file cannot exhaust memory. Split the catalog"
          + " into one spec per file."),
  FILE_EMPTY(
      Severity.ERROR,
      "the file is empty",
      "A spec file needs at least `chirp: 1`, an `id` and a `message` or `template`. Run"
          + " `chirp init` for a starting point, or delete the empty file."),
  FILE_ENCODING(
      Severity.ERROR,
      "the file is not valid UTF-8",
      "Spec files are UTF-8 (a byte order mark is accepted and ignored). The position points at"
          + " the first byte that is not valid UTF-8; re-save the file as UTF-8."),
  FILE_NUL(
      Severity.ERROR,
      "the file contains a NUL byte",
      "A NUL byte (U+0000) is never valid in YAML and usually means a binary file or a UTF-16"
          + " file was given. Re-save the file as UTF-8 text."),
  // ---- YAML ----
  YAML_SYNTAX(
      Severity.ERROR,
      "the YAML cannot be parsed",
      "The file is not well-formed YAML 1.2. The position is where the parser gave up; the real"
          + " mistake is often just before it (an unclosed quote, a missing `:` or a wrong"
          + " indentation)."),
  YAML_TAB(
      Severity.ERROR,
      "a tab character is used for indentation",
      "YAML forbids tabs for indentation. Replace the tab with spaces (two per level is usual)."),
  YAML_DUPLICATE_KEY(
      Severity.ERROR,
      "a key appears twice in the same mapping",
      "YAML mappings need unique keys; most parsers silently keep the last value, which hides"
          + " mistakes. The diagnostic points at the second occurrence and names the line of the"
          + " first. Remove or rename one of them."),
  YAML_MULTI_DOCUMENT(
      Severity.ERROR,
      "the file holds more than one YAML document",
      "One file holds one spec. Move each document after a `---` separator into its own file"
          + " named after its id."),
  YAML_TAG(
      Severity.ERROR,
      "an explicit YAML tag is used",
      "Tags such as `!!java/object` or `!custom` are not allowed in spec files: they can change"
          + " how a value is read and have no meaning in a message. Remove the tag; quote the"
          + " value if it must stay a string."),
  YAML_ALIAS_LIMIT(
      Severity.ERROR,
      "too many aliases",
      "A spec may use at most 50 aliases (`*name`) and expand to at most 100,000 nodes. The cap"
          + " stops \"billion laughs\" files that expand to gigabytes. Write the values out or use"
          + " partials."),
  YAML_DEPTH(
      Severity.ERROR,
      "the YAML is nested too deeply",
      "A spec may nest mappings and sequences at most 64 levels deep. Deeper files are refused"
          + " before they can exhaust the stack."),
  YAML_KEY(
      Severity.ERROR,
      "a mapping key is not a plain string",
      "Keys in a spec are names: plain strings. A key that is a number, a boolean, null, a list"
          + " or a mapping, and the merge key `<<`, are not allowed. Quote the key or rename it."),
  YAML_NOT_MAPPING(
      Severity.ERROR,
      "the file's top level is not a mapping",
      "A spec file is a YAML mapping with keys such as `chirp`, `id` and `message`. The file holds"
          + " a list or a single value instead."),
  // ---- schema ----
  SCHEMA_UNKNOWN_KEY(
      Severity.ERROR,
      "a key the spec format does not know",
      "Spec files are strict: every key must be one the schema (`chirp schema`) defines, so a"
          + " typo cannot silently drop a field. A close known key is suggested when there is one."),
  SCHEMA_MISSING_KEY(
      Severity.ERROR,
      "a required key is missing",
      "The mapping lacks a key that the spec format requires. The message names the key; see"
          + " `chirp schema` or the README for what it holds."),
  SCHEMA_TYPE(
      Severity.ERROR,
      "a value has the wrong type",
      "The value is of a different type than the spec format expects, for example a list where"
          + " a string is needed. Quote numbers and booleans that must stay strings."),
  SCHEMA_VALUE(
      Severity.ERROR,
      "a value is outside what the spec format allows",
      "The value has the right type but breaks a constraint of the spec format: not one of the"
          + " allowed values, too short or too long, out of range, or not matching the required"
          + " pattern."),
  SCHEMA_CONFLICT(
      Severity.ERROR,
      "keys that cannot be used together",
      "A message is of exactly one kind, chosen by its kind key (`images`, `files`, `location`,"
          + " `list`, `cards`; none means a text message), and a spec has exactly one of"
          + " `message` or `template`. Remove the key that does not belong to the chosen kind.");

  private final Severity severity;
  private final String summary;
  private final String explanation;

  Code(Severity severity, String summary, String explanation) {
    this.severity = severity;
    this.summary = summary;
    this.explanation = explanation;
  }

  /** The stable kebab-case id printed in diagnostics, e.g. {@code yaml-duplicate-key}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public Severity severity() {
    return severity;
  }

  public String summary() {
    return summary;
  }

  public String explanation() {
    return explanation;
  }

  /** The code with the given id, if there is one. */
  public static Optional<Code> byId(String id) {
    for (Code c : values()) {
      if (c.id().equals(id)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }
}
