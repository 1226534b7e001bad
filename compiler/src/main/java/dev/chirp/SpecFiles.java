package dev.chirp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds spec files: named files as given, directories searched recursively for {@code *.yaml} and
 * {@code *.yml}, skipping the catalog config {@code chirp.yaml}, {@code partials/} folders and
 * hidden entries. The result is sorted so every run reports in the same order.
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
        throw new java.nio.file.NoSuchFileException(input.toString());
      }
    }
    return out;
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
