package dev.chirp.lsp;

import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YamlLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A spec's declared variables, and the {@code {{variable}}} tag a cursor is on. */
final class Variables {
  private Variables() {}

  /** A variable tag's name and where the name is on its line (char indexes). */
  record Use(String name, int start, int end) {}

  private static final Pattern TAG =
      Pattern.compile("\\{\\{\\s*[#^/&]?\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}}");

  /** The variable tag around char index {@code index} of {@code line}. */
  static Optional<Use> at(String line, int index) {
    Matcher m = TAG.matcher(line);
    while (m.find()) {
      if (m.start() <= index && index <= m.end()) {
        return Optional.of(new Use(m.group(1), m.start(1), m.end(1)));
      }
    }
    return Optional.empty();
  }

  /** The text parsed as chirp reads it. */
  static LoadedFile load(Documents.Doc doc) {
    return YamlLoader.load(doc.path().toString(), doc.text().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The declarations under {@code variables:}, in file order (empty when the text does not parse).
   */
  static List<YMap.Entry> declared(LoadedFile loaded) {
    return loaded
        .root()
        .flatMap(r -> r.get("variables"))
        .filter(v -> v instanceof YMap)
        .map(v -> ((YMap) v).entries())
        .orElse(List.of());
  }

  /** The declaration of {@code name}, if the text declares it. */
  static Optional<YMap.Entry> declaration(LoadedFile loaded, String name) {
    return declared(loaded).stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
