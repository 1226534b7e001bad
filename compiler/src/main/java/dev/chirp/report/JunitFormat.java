package dev.chirp.report;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import java.util.List;
import java.util.stream.Collectors;

/**
 * JUnit XML for CI test reports: one test case per checked file, failing when the file has errors;
 * its one failure element lists every error with its position.
 */
final class JunitFormat {
  private JunitFormat() {}

  static String render(Report report) {
    List<String> files = List.copyOf(report.sources().keySet());
    long failed =
        files.stream()
            .filter(
                f ->
                    report.diagnostics().stream()
                        .anyMatch(d -> d.file().equals(f) && d.severity() == Severity.ERROR))
            .count();
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"chirp check\" tests=\"")
        .append(files.size())
        .append("\" failures=\"")
        .append(failed)
        .append("\">\n");
    out.append("  <testsuite name=\"chirp check\" tests=\"")
        .append(files.size())
        .append("\" failures=\"")
        .append(failed)
        .append("\" errors=\"0\" skipped=\"0\">\n");
    for (String file : files) {
      List<Diagnostic> mine =
          report.diagnostics().stream()
              .filter(d -> d.file().equals(file))
              .collect(Collectors.toList());
      out.append("    <testcase classname=\"chirp.check\" name=\"").append(xml(file)).append('"');
      if (mine.isEmpty()) {
        out.append("/>\n");
        continue;
      }
      out.append(">\n");
      // One failure element per test case (the Ant schema Jenkins and others read allows one):
      // the first error names it, its text lists every error of the file.
      List<Diagnostic> errors =
          mine.stream().filter(d -> d.severity() == Severity.ERROR).collect(Collectors.toList());
      if (!errors.isEmpty()) {
        Diagnostic first = errors.get(0);
        out.append("      <failure type=\"")
            .append(xml(first.code()))
            .append("\" message=\"")
            .append(
                xml(
                    first.message()
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "")))
            .append("\">")
            .append(
                xml(errors.stream().map(Diagnostic::headline).collect(Collectors.joining("\n"))))
            .append("</failure>\n");
      }
      String others =
          mine.stream()
              .filter(d -> d.severity() != Severity.ERROR)
              .map(Diagnostic::headline)
              .collect(Collectors.joining("\n"));
      if (!others.isEmpty()) {
        out.append("      <system-out>").append(xml(others)).append("</system-out>\n");
      }
      out.append("    </testcase>\n");
    }
    out.append("  </testsuite>\n</testsuites>\n");
    return out.toString();
  }

  private static String xml(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> {
                  if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                    out.append("&#xFFFD;");
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.toString();
  }
}
