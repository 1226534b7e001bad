package dev.chirp.yaml;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import java.util.List;
import java.util.Optional;

/** The outcome of loading one file: its text, its root mapping when readable, and the problems. */
public record LoadedFile(SourceFile source, Optional<YMap> root, List<Diagnostic> diagnostics) {
  public LoadedFile {
    diagnostics = List.copyOf(diagnostics);
  }
}
