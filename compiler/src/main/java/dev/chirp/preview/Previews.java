package dev.chirp.preview;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.diag.Diagnostic;
import dev.chirp.emit.Receiver;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.vars.Bindings;
import dev.chirp.vars.ValueCheck;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Builds previews: resolves a checked spec with values and gathers the diagnostics to show. */
public final class Previews {
  private Previews() {}

  /**
   * A preview of every example of a checked spec; a spec without examples is previewed once with
   * its variables' {@code example} values. Empty when the spec could not be read.
   */
  public static List<Preview> examples(
      Checker.Checked checked, Compiler compiler, CatalogFile catalog) {
    if (checked.spec().isEmpty()) {
      return List.of();
    }
    Spec s = checked.spec().get();
    List<Preview> out = new ArrayList<>();
    for (Example ex : s.examples()) {
      Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
      out.add(
          of(
              s,
              checked.diagnostics(),
              ex.name(),
              compiler.resolve(s, ValueCheck.bindings(s, ex), to, false),
              catalog));
    }
    if (out.isEmpty()) {
      out.add(
          of(
              s,
              checked.diagnostics(),
              "variable examples",
              compiler.resolve(
                  s, Bindings.of(ValueCheck.variableExamples(s)), Receiver.EXAMPLE, false),
              catalog));
    }
    return out;
  }

  /**
   * One preview: the resolved spec, with the spec's own diagnostics (but not those of its other
   * examples) and the resolution's, each once.
   */
  public static Preview of(
      Spec spec,
      List<Diagnostic> specDiagnostics,
      String example,
      Compiler.Resolution r,
      CatalogFile catalog) {
    Set<List<Object>> seen = new LinkedHashSet<>();
    List<Diagnostic> all = new ArrayList<>();
    for (Diagnostic d : specDiagnostics) {
      if (!d.message().startsWith("example `") && seen.add(key(d))) {
        all.add(d);
      }
    }
    for (Diagnostic d : r.diagnostics()) {
      if (seen.add(key(d))) {
        all.add(d);
      }
    }
    return new Preview(key(spec), example, r.resolved(), all, templateName(spec, catalog));
  }

  /** The spec's key in a catalog: its id, and its locale when it has one. */
  public static String key(Spec s) {
    return s.id() + (s.locale() == null ? "" : "." + s.locale());
  }

  private static List<Object> key(Diagnostic d) {
    return List.of(d.code().id(), d.span(), d.file(), d.message());
  }

  private static String templateName(Spec s, CatalogFile catalog) {
    if (catalog == null || s.template() == null || s.template().projectId() == null) {
      return null;
    }
    return catalog
        .byProject(s.template().projectId().value())
        .map(CatalogFile.RegisteredTemplate::name)
        .orElse(null);
  }
}
