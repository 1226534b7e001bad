package dev.chirp.preview;

import dev.chirp.diag.Diagnostic;
import dev.chirp.spec.Spec;
import java.util.List;

/**
 * One message to preview: a resolved spec, the example (or values) it was resolved with, and the
 * diagnostics of the spec and of resolving it. {@code templateName} is the registry name of a
 * template spec's project, or null.
 */
public record Preview(
    String key, String example, Spec spec, List<Diagnostic> diagnostics, String templateName) {
  public Preview {
    diagnostics = List.copyOf(diagnostics);
  }

  /** The anchor id of this preview in a page: its key and example, safe for HTML ids. */
  public String anchor() {
    return (key + "--" + example).replaceAll("[^A-Za-z0-9_.-]", "-");
  }
}
