package dev.chirp.rules;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.spec.Text;
import dev.chirp.spec.Variable;
import dev.chirp.vars.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The diagnostics of one spec's rule check, in the order they are found, with the checks every kind
 * of message shares: a text is not empty and within its length limit.
 */
final class Findings {
  private final String file;
  private final Map<String, Variable> variables;
  private final List<Diagnostic> out = new ArrayList<>();

  Findings(String file, Map<String, Variable> variables) {
    this.file = file;
    this.variables = variables;
  }

  Map<String, Variable> variables() {
    return variables;
  }

  /** A diagnostic of this file, for a caller to complete before it {@link #add(Diagnostic)}s it. */
  Diagnostic of(Code code, Span span, String message) {
    return Diagnostic.of(code, file, span, message);
  }

  void add(Code code, Span span, String message) {
    out.add(of(code, span, message));
  }

  void add(Diagnostic d) {
    out.add(d);
  }

  List<Diagnostic> all() {
    return List.copyOf(out);
  }

  void nonEmpty(Text t, String what) {
    if (t != null && !t.templated() && t.value().isEmpty()) {
      add(Code.TEXT_EMPTY, t.span(), what + " is empty; Bird needs at least one character");
    }
  }

  /** {@code t} is at most {@code limit} long, or for a templated text, can be (length bounds). */
  void max(Text t, int limit, Code code, String what) {
    if (t != null && t.templated()) {
      LengthBounds.check(this, t, limit, what);
      return;
    }
    if (t == null || t.length() <= limit) {
      return;
    }
    Diagnostic d =
        of(
            code,
            t.span(),
            String.format(
                Locale.ROOT,
                "%s is %s; WhatsApp allows %,d",
                what,
                Values.length(t.value()),
                limit));
    if (code == Code.BUTTON_TITLE_TOO_LONG) {
      d =
          d.withFix(
              shorten(t.value(), limit) + "; a button is a short label, the text can say more");
    }
    add(d);
  }

  /** "shorten it by N characters to at most LIMIT", in the unit the length was given in. */
  private static String shorten(String value, int limit) {
    int over = value.length() - limit;
    boolean astral = value.codePointCount(0, value.length()) != value.length();
    String unit = astral ? "UTF-16 code unit" : "character";
    return String.format(
        Locale.ROOT,
        "shorten it by %,d %s%s to at most %,d%s",
        over,
        unit,
        over == 1 ? "" : "s",
        limit,
        astral ? " (an emoji counts 2)" : "");
  }

  /** {@code s} cut to 60 characters for quoting in a message. */
  static String clip(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
