package dev.chirp.report;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;

/** GitHub Actions workflow commands, one annotation a line, shown on the pull request's diff. */
final class GithubFormat {
  private GithubFormat() {}

  static String render(Report report) {
    StringBuilder out = new StringBuilder();
    for (Diagnostic d : report.diagnostics()) {
      String command =
          switch (d.severity()) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case INFO -> "notice";
          };
      String message =
          HumanFormat.visible(d.message() + (d.fix() == null ? "" : " (" + d.fix() + ")"));
      out.append("::")
          .append(command)
          .append(" file=")
          .append(property(d.file()))
          .append(",line=")
          .append(d.span().line())
          .append(",col=")
          .append(d.span().column())
          .append(",endLine=")
          .append(d.span().endLine())
          .append(",endColumn=")
          .append(d.span().endColumn())
          .append(",title=")
          .append(property("chirp " + d.code().id()))
          .append("::")
          .append(data(message))
          .append('\n');
    }
    return out.toString();
  }

  private static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  private static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
