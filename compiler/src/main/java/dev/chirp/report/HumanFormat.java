package dev.chirp.report;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;

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
      String head = d.headline();
      if (color) {
        String sev = d.severity().word() + "[" + d.code() + "]";
        String paint =
            d.severity() == Severity.ERROR ? RED : d.severity() == Severity.WARNING ? YELLOW : CYAN;
        head = head.replaceFirst(java.util.regex.Pattern.quote(sev), paint + sev + RESET);
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
        out.append(' ').append(gutter).append(" | ").append(visible(line)).append('\n');
        out.append(' ').append(pad).append(" | ").append(caret(line, d, color)).append('\n');
      }
      for (String note : d.notes()) {
        out.append("  = note: ").append(note).append('\n');
      }
      if (d.fix() != null) {
        out.append("  = ")
            .append(color ? BLUE + "help" + RESET : "help")
            .append(": ")
            .append(d.fix())
            .append('\n');
      }
    }
    out.append(report.summary()).append('\n');
    return out.toString();
  }

  /** Tabs shown as one space so the caret lines up; other text as it is. */
  private static String visible(String line) {
    return line.replace('\t', ' ');
  }

  private static String caret(String line, Diagnostic d, boolean color) {
    int cps = line.codePointCount(0, line.length());
    int start = Math.min(d.span().column() - 1, cps);
    int end = d.span().endLine() == d.span().line() ? Math.min(d.span().endColumn() - 1, cps) : cps;
    int width = Math.max(1, end - start);
    String marks = "^".repeat(width);
    if (color) {
      marks = (d.severity() == Severity.ERROR ? RED : YELLOW) + marks + RESET;
    }
    return " ".repeat(start) + marks;
  }
}
