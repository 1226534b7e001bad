package dev.chirp.vars;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shared snippets: {@code {{> name}}} includes {@code partials/name.mustache} from the spec's
 * folder or the nearest parent folder that has a {@code partials/} folder (the catalog root).
 * Partials may include partials, up to a depth of 8.
 */
public final class Partials {
  /** No partials at all, for specs checked from memory. */
  public static final Partials NONE = new Partials(null, p -> null);

  private static final Pattern TAG =
      Pattern.compile("\\{\\{\\s*>\\s*([A-Za-z0-9_][A-Za-z0-9_-]*)\\s*}}");
  private static final int MAX_DEPTH = 8;

  private final Path dir;
  private final Function<Path, byte[]> overlay;
  private final Map<String, Optional<String>> cache = new ConcurrentHashMap<>();

  private Partials(Path dir, Function<Path, byte[]> overlay) {
    this.dir = dir;
    this.overlay = overlay;
  }

  /** The partials visible from a spec file. */
  public static Partials forSpec(Path specFile) {
    return forSpec(specFile, p -> null);
  }

  /**
   * The partials visible from a spec file, each read from {@code overlay} (by absolute, normalized
   * path) when it has the file: an editor's unsaved text.
   */
  public static Partials forSpec(Path specFile, Function<Path, byte[]> overlay) {
    Path d = specFile.toAbsolutePath().getParent();
    while (d != null) {
      if (Files.isDirectory(d.resolve("partials"))) {
        return new Partials(d.resolve("partials"), overlay);
      }
      if (Files.exists(d.resolve("chirp.yaml")) || Files.exists(d.resolve(".git"))) {
        break;
      }
      d = d.getParent();
    }
    return NONE;
  }

  /** Whether {@code template} includes a partial. */
  public static boolean includesPartial(String template) {
    return TAG.matcher(template).find();
  }

  /** The folder partials come from, if any. */
  public Optional<Path> folder() {
    return Optional.ofNullable(dir);
  }

  /** The text of partial {@code name}, if it exists. */
  public Optional<String> get(String name) {
    if (dir == null) {
      return Optional.empty();
    }
    return cache.computeIfAbsent(
        name,
        n -> {
          Path f = dir.resolve(n + ".mustache");
          byte[] text = overlay.apply(f.toAbsolutePath().normalize());
          if (text != null) {
            return Optional.of(new String(text, StandardCharsets.UTF_8).stripTrailing());
          }
          try {
            return Files.isRegularFile(f)
                ? Optional.of(Files.readString(f, StandardCharsets.UTF_8).stripTrailing())
                : Optional.empty();
          } catch (IOException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * {@code template} with every partial tag replaced by its text; an unknown partial, and one still
   * left after MAX_DEPTH levels (a cycle), becomes empty (the variable check reports them).
   */
  public String expand(String template) {
    String out = template;
    for (int depth = 0; depth < MAX_DEPTH && TAG.matcher(out).find(); depth++) {
      Matcher m = TAG.matcher(out);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(b, Matcher.quoteReplacement(get(m.group(1)).orElse("")));
      }
      m.appendTail(b);
      if (b.toString().equals(out)) {
        break;
      }
      out = b.toString();
    }
    // What is left after MAX_DEPTH is a partial including itself, reported by the variable check.
    return TAG.matcher(out).replaceAll("");
  }
}
