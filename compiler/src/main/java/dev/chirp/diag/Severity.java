package dev.chirp.diag;

import java.util.Locale;

/** How serious a diagnostic is; errors fail a check, warnings fail it only with --strict. */
public enum Severity {
  ERROR,
  WARNING,
  INFO;

  /** The lower-case word used in every output format. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }
}
