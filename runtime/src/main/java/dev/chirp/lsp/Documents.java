package dev.chirp.lsp;

import dev.chirp.diag.SourceFile;
import java.net.URI;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The documents the editor has open: their text as typed, which chirp checks instead of disk. */
final class Documents {
  /** One open document; {@code uri} is the client's own spelling, to publish under. */
  record Doc(String uri, Path path, String text, int version) {
    SourceFile source() {
      return new SourceFile(path.toString(), text);
    }
  }

  private final Map<Path, Doc> open = new ConcurrentHashMap<>();

  /** The file a {@code file:} URI names, absolute and normalized; empty for other schemes. */
  static Optional<Path> path(String uri) {
    try {
      URI u = URI.create(uri);
      return "file".equalsIgnoreCase(u.getScheme())
          ? Optional.of(Path.of(u).toAbsolutePath().normalize())
          : Optional.empty();
    } catch (IllegalArgumentException | FileSystemNotFoundException e) {
      return Optional.empty();
    }
  }

  void put(String uri, String text, int version) {
    path(uri).ifPresent(p -> open.put(p, new Doc(uri, p, text, version)));
  }

  void close(String uri) {
    path(uri).ifPresent(open::remove);
  }

  Optional<Doc> get(String uri) {
    return path(uri).map(open::get);
  }

  Optional<Doc> at(Path path) {
    return Optional.ofNullable(open.get(path));
  }

  /** The open documents, as they are now. */
  List<Doc> all() {
    return List.copyOf(open.values());
  }
}
