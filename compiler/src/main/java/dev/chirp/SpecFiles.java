package dev.chirp;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds spec files: named files as given, directories searched recursively for {@code *.yaml} and
 * {@code *.yml}, skipping the catalog config {@code chirp.yaml}, {@code partials/} folders and
 * hidden entries. The result is sorted so every run reports in the same order. Reads one under the
 * size cap.
 */
public final class SpecFiles {
  private SpecFiles() {}

  /** Spec files under {@code inputs}; a missing input is an {@link IOException} naming it. */
  public static List<Path> find(List<Path> inputs) throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path input : inputs) {
      if (Files.isDirectory(input)) {
        try (Stream<Path> walk = Files.walk(input)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> isSpec(input, p))
              .sorted()
              .forEach(out::add);
        }
      } else if (Files.exists(input)) {
        out.add(input);
      } else {
        throw new NoSuchFileException(input.toString());
      }
    }
    return out;
  }

  /**
   * A file's parsed YAML: {@code overlaid} (an editor's text) when not null, else the file's bytes.
   * A file that is too large or cannot be read is a loaded file with no tree and that diagnostic.
   */
  static LoadedFile read(Path file, String display, byte[] overlaid) {
    if (overlaid != null) {
      return YamlLoader.load(display, overlaid); // which refuses more than MAX_BYTES itself
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the cap so an oversized file is refused without reading all of it.
      bytes = in.readNBytes(YamlLoader.MAX_BYTES + 1);
      if (bytes.length > YamlLoader.MAX_BYTES) {
        return unread(
            Code.FILE_TOO_LARGE,
            display,
            String.format(
                Locale.ROOT,
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
    return YamlLoader.load(display, bytes);
  }

  private static LoadedFile unread(Code code, String display, String message) {
    return new LoadedFile(
        new SourceFile(display, ""),
        Optional.empty(),
        List.of(Diagnostic.of(code, display, Span.START, message)));
  }

  private static boolean isSpec(Path root, Path p) {
    String name = p.getFileName().toString();
    if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || name.equals("chirp.yaml")) {
      return false;
    }
    for (Path part : root.relativize(p)) {
      String s = part.toString();
      if (s.startsWith(".") || s.equals("partials")) {
        return false;
      }
    }
    return true;
  }
}
