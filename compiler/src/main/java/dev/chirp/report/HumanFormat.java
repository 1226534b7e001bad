package dev.chirp.report;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.text.HiddenCharacters;
import java.util.regex.Pattern;

/**
 * The format for people: {@code path:line:col: severity[code]: message}, the source line with a
 * caret under the span, then notes and the fix hint; a summary line closes the report.
 */
final class HumanFormat {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[1;31m";
  private static final String YELLOW = "\u001b[1;33m";
  private static final String CYAN = "\u001b[1;36m";
  private static final String BLUE = "\u001b[1;34m";

  private HumanFormat() {}

  static String render(Report report, boolean color) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : report.diagnostics()) {
      // Messages quote spec text (key names, values): its control characters are shown, not
      // obeyed, so a spec cannot recolour or rewrite the terminal or a CI log.
      String head = visible(d.headline());
      if (color) {
        String sev = d.severity().word() + "[" + d.code().id() + "]";
        String paint =
            d.severity() == Severity.ERROR ? RED : d.severity() == Severity.WARNING ? YELLOW : CYAN;
        head = head.replaceFirst(Pattern.quote(sev), paint + sev + RESET);
        head =
            BOLD
                + head.substring(0, head.indexOf(": ") + 1)
                + RESET
                + head.substring(head.indexOf(": ") + 1);
      }
      out.append(head).append('\n');
      SourceFile src = report.sources().get(d.file());
      String line = src == null ? "" : src.line(d.span().line());
      if (!line.isEmpty()) {
        String gutter = String.valueOf(d.span().line());
        String pad = " ".repeat(gutter.length());
        int[] cps = line.codePoints().toArray();
        int start = Math.min(d.span().column() - 1, cps.length);
        int end =
            d.span().endLine() == d.span().line()
                ? Math.min(d.span().endColumn() - 1, cps.length)
                : cps.length;
        // Quote long lines as a window around the caret, so a 20,000-character line stays readable.
        int from = 0;
        int to = cps.length;
        if (cps.length > MAX_QUOTE) {
          from = Math.max(0, start - MAX_QUOTE / 2);
          to = Math.min(cps.length, from + MAX_QUOTE);
          end = Math.min(end, to);
        }
        String prefix = from > 0 ? "..." : "";
        String suffix = to < cps.length ? "..." : "";
        out.append(' ')
            .append(gutter)
            .append(" | ")
            .append(prefix)
            .append(visible(cps, from, to))
            .append(suffix)
            .append('\n');
        out.append(' ')
            .append(pad)
            .append(" | ")
            .append(" ".repeat(prefix.length() + start - from))
            .append(marks(Math.max(1, end - start), d, color))
            .append('\n');
      }
      for (String note : d.notes()) {
        out.append("  = note: ").append(visible(note)).append('\n');
      }
      if (d.fix() != null) {
        out.append("  = ")
            .append(color ? BLUE + "help" + RESET : "help")
            .append(": ")
            .append(visible(d.fix()))
            .append('\n');
      }
    }
    out.append(report.summary()).append('\n');
    return out.toString();
  }

  private static final int MAX_QUOTE = 120;

  /**
   * The quoted part of a line: a tab as an arrow (→, one column like the tab it stands for, so a
   * caret under a tab lands on it, and a tab in the indentation shows), other control characters as
   * visible symbols.
   */
  private static String visible(int[] cps, int from, int to) {
    StringBuilder b = new StringBuilder();
    for (int i = from; i < to; i++) {
      int c = cps[i];
      if (c == '\t') {
        b.append('\u2192');
      } else if (c < 0x20) {
        b.append((char) (0x2400 + c));
      } else if (c == 0x7f) {
        b.append('\u2421');
      } else if (HiddenCharacters.isHidden(c)) {
        // Quoted as it is, a direction override would reorder the quote (and the terminal line).
        b.append('\uFFFD');
      } else {
        b.appendCodePoint(c);
      }
    }
    return b.toString();
  }

  /** {@code s} with control characters as their visible pictures (see the quoted lines). */
  static String visible(String s) {
    int[] cps = s.codePoints().toArray();
    return visible(cps, 0, cps.length);
  }

  private static String marks(int width, Diagnostic d, boolean color) {
    String marks = "^".repeat(width);
    if (color) {
      marks = (d.severity() == Severity.ERROR ? RED : YELLOW) + marks + RESET;
    }
    return marks;
  }
}
