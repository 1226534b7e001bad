package dev.chirp;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.schema.SpecSchema;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Checks spec files: load with positions, validate against the schema, then the rules. */
public final class Checker {
  private final SpecSchema schema;

  public Checker() {
    this(SpecSchema.load());
  }

  public Checker(SpecSchema schema) {
    this.schema = schema;
  }

  /** Everything known about one checked file. */
  public record Checked(LoadedFile loaded, List<Diagnostic> diagnostics) {}

  /** Checks one file's bytes, shown in diagnostics as {@code display}. */
  public Checked check(String display, byte[] bytes) {
    LoadedFile loaded = YamlLoader.load(display, bytes);
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    loaded.root().ifPresent(root -> all.addAll(schema.validate(display, root)));
    return new Checked(loaded, all);
  }

  /** Reads and checks one file; an unreadable file becomes a diagnostic, never an exception. */
  public Checked check(Path file, String display) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the cap so an oversized file is refused without reading all of it.
      bytes = in.readNBytes(YamlLoader.MAX_BYTES + 1);
      if (bytes.length > YamlLoader.MAX_BYTES) {
        long size = Files.size(file);
        return new Checked(
            new LoadedFile(new SourceFile(display, ""), java.util.Optional.empty(), List.of()),
            List.of(
                Diagnostic.of(
                    Code.FILE_TOO_LARGE,
                    display,
                    Span.START,
                    String.format(
                        "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                        size, YamlLoader.MAX_BYTES))));
      }
    } catch (IOException e) {
      return new Checked(
          new LoadedFile(new SourceFile(display, ""), java.util.Optional.empty(), List.of()),
          List.of(
              Diagnostic.of(
                  Code.FILE_UNREADABLE,
                  display,
                  Span.START,
                  "cannot read the file: " + e.getClass().getSimpleName().replace("Exception", ""))));
    }
    return check(display, bytes);
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
