package dev.chirp.preview;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A preview's diagnostics placed on the texts they concern: a diagnostic belongs to the text whose
 * span contains its start, else to the first text on its line; the rest are {@code general}.
 */
record Notes(Map<Span, List<Diagnostic>> byText, List<Diagnostic> general) {

  static Notes of(Preview p) {
    List<Text> texts = Texts.all(p.spec());
    Map<Span, List<Diagnostic>> by = new LinkedHashMap<>();
    List<Diagnostic> general = new ArrayList<>();
    for (Diagnostic d : p.diagnostics()) {
      Text home = null;
      if (d.file().equals(p.spec().file())) {
        home = texts.stream().filter(t -> contains(t.span(), d.span())).findFirst().orElse(null);
        if (home == null) {
          home =
              texts.stream()
                  .filter(
                      t ->
                          t.span().line() <= d.span().line()
                              && d.span().line() <= t.span().endLine())
                  .findFirst()
                  .orElse(null);
        }
      }
      if (home == null) {
        general.add(d);
      } else {
        by.computeIfAbsent(home.span(), k -> new ArrayList<>()).add(d);
      }
    }
    by.replaceAll((k, v) -> List.copyOf(v));
    return new Notes(Map.copyOf(by), List.copyOf(general));
  }

  /** The diagnostics on {@code t}; none for a null text. */
  List<Diagnostic> on(Text t) {
    return t == null ? List.of() : byText.getOrDefault(t.span(), List.of());
  }

  private static boolean contains(Span outer, Span at) {
    boolean afterStart =
        at.line() > outer.line() || (at.line() == outer.line() && at.column() >= outer.column());
    boolean beforeEnd =
        at.line() < outer.endLine()
            || (at.line() == outer.endLine() && at.column() <= outer.endColumn());
    return afterStart && beforeEnd;
  }
}
