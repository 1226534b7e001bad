package dev.chirp.report;

import dev.chirp.diag.Report;
import java.util.Locale;
import java.util.Optional;

/** The output formats of diagnostics; each prints the same report, agreeing on positions. */
public enum Format {
  HUMAN,
  JSON,
  SARIF,
  GITHUB,
  JUNIT;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Format> byId(String id) {
    for (Format f : values()) {
      if (f.id().equals(id)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** Renders {@code report}; {@code color} only matters for the human format. */
  public String render(Report report, String toolVersion, boolean color) {
    return switch (this) {
      case HUMAN -> HumanFormat.render(report, color);
      case JSON -> JsonFormat.render(report);
      case SARIF -> SarifFormat.render(report, toolVersion);
      case GITHUB -> GithubFormat.render(report);
      case JUNIT -> JunitFormat.render(report);
    };
  }
}
