package dev.chirp;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Receiver;
import dev.chirp.rules.Rules;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.spec.SpecReader;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Checks spec files: load with positions, validate against the schema, then the rules. */
public final class Checker {
  private final SpecSchema schema;
  private final Clock clock;
  private final Compiler compiler;

  public Checker() {
    this(SpecSchema.load(), Clock.systemUTC());
  }

  public Checker(SpecSchema schema, Clock clock) {
    this.schema = schema;
    this.clock = clock;
    this.compiler = new Compiler(clock);
  }

  /** Everything known about one checked file; {@code spec} is empty when it could not be read. */
  public record Checked(LoadedFile loaded, Optional<Spec> spec, List<Diagnostic> diagnostics) {
    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  /** Checks one file's bytes, shown in diagnostics as {@code display}. */
  public Checked check(String display, byte[] bytes) {
    LoadedFile loaded = YamlLoader.load(display, bytes);
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    if (loaded.root().isEmpty()) {
      return new Checked(loaded, Optional.empty(), all);
    }
    List<Diagnostic> schemaProblems = schema.validate(display, loaded.root().get());
    all.addAll(schemaProblems);
    if (!schemaProblems.isEmpty()) {
      return new Checked(loaded, Optional.empty(), all);
    }
    Spec spec = SpecReader.read(display, loaded.root().get());
    List<Diagnostic> source = Rules.check(spec, clock);
    all.addAll(source);
    Set<String> seen = new HashSet<>();
    for (Diagnostic d : source) {
      seen.add(d.code() + "@" + d.span());
    }
    for (Example ex : examplesOf(spec)) {
      Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
      for (Diagnostic d : compiler.resolve(spec, ex.values(), to).diagnostics()) {
        // A problem of the spec as written is reported once, not again for every example.
        if (seen.add(d.code() + "@" + d.span())) {
          Span at = d.span().equals(Span.START) ? ex.span() : d.span();
          all.add(
              new Diagnostic(
                  d.code(),
                  d.severity(),
                  "example `" + ex.name() + "`: " + d.message(),
                  d.file(),
                  at,
                  d.notes(),
                  d.fix()));
        }
      }
    }
    return new Checked(loaded, Optional.of(spec), all);
  }

  /** The spec's examples; a spec without variables is its own example. */
  private static List<Example> examplesOf(Spec spec) {
    if (!spec.examples().isEmpty() || !spec.variables().isEmpty()) {
      return spec.examples();
    }
    return List.of(
        new Example("default", java.util.Map.of(), java.util.Map.of(), null, Span.START));
  }

  /** Reads and checks one file; an unreadable file becomes a diagnostic, never an exception. */
  public Checked check(Path file, String display) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the cap so an oversized file is refused without reading all of it.
      bytes = in.readNBytes(YamlLoader.MAX_BYTES + 1);
      if (bytes.length > YamlLoader.MAX_BYTES) {
        return unread(
            Code.FILE_TOO_LARGE,
            display,
            String.format(
                java.util.Locale.ROOT,
                "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                Files.size(file),
                YamlLoader.MAX_BYTES));
      }
    } catch (IOException e) {
      return unread(
          Code.FILE_UNREADABLE,
          display,
          "cannot read the file: " + e.getClass().getSimpleName().replace("Exception", ""));
    }
    return check(display, bytes);
  }

  /** The result for a file whose bytes were not loaded. */
  private static Checked unread(Code code, String display, String message) {
    return new Checked(
        new LoadedFile(new SourceFile(display, ""), Optional.empty(), List.of()),
        Optional.empty(),
        List.of(Diagnostic.of(code, display, Span.START, message)));
  }

  /** Checks every file and returns one report in the stable order. */
  public Report checkAll(List<Path> files, Path base) {
    List<Diagnostic> all = new ArrayList<>();
    List<SourceFile> sources = new ArrayList<>();
    for (Path f : files) {
      Checked c = check(f, display(f, base));
      all.addAll(c.diagnostics());
      sources.add(c.loaded().source());
    }
    return Report.of(all, sources);
  }

  /** The path as shown in diagnostics: relative to {@code base} when inside it, with '/'. */
  public static String display(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    Path shown = abs.startsWith(b) ? b.relativize(abs) : file.normalize();
    return shown.toString().replace('\\', '/');
  }
}
