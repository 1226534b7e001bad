package dev.chirp.diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** One problem found in one file, with its exact position: the unit every output format prints. */
public record Diagnostic(
    Code code,
    Severity severity,
    String message,
    String file,
    Span span,
    List<String> notes,
    String fix) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(span, "span");
    notes = List.copyOf(notes);
  }

  /** A diagnostic of a known code at its default severity. */
  public static Diagnostic of(Code code, String file, Span span, String message) {
    return new Diagnostic(code, code.severity(), message, file, span, List.of(), null);
  }

  /** A copy with a fix hint ("did you mean ...", "set maxLength ..."). */
  public Diagnostic withFix(String hint) {
    return new Diagnostic(code, severity, message, file, span, notes, hint);
  }

  /** A copy with one more note. */
  public Diagnostic withNote(String note) {
    List<String> all = new ArrayList<>(notes);
    all.add(note);
    return new Diagnostic(code, severity, message, file, span, all, fix);
  }

  /** A copy at another severity (used by --strict and by rules whose weight depends on data). */
  public Diagnostic withSeverity(Severity s) {
    return new Diagnostic(code, s, message, file, span, notes, fix);
  }

  /**
   * The single line `path:line:col: severity[code]: message` that the human and plain formats
   * share.
   */
  public String headline() {
    return file
        + ":"
        + span.line()
        + ":"
        + span.column()
        + ": "
        + severity.word()
        + "["
        + code.id()
        + "]: "
        + message;
  }
}
