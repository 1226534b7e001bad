package dev.chirp.lsp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What files are now, to tell whether they changed since: an open document's text, else a file's
 * modification time, size and identity on disk, with its bytes while it is recent.
 */
final class FileStamps {
  /**
   * How long after its modification a file is also compared by content: a second write within the
   * file system's timestamp granularity can leave the time and the size as they were. Past that,
   * any later write changes the time.
   */
  static final long RECENT_MS = 2_000;

  /** One file; {@code content} is its open text, or its bytes while it is recent (else null). */
  record Stamp(Path file, long modifiedNanos, long size, Object key, ByteBuffer content) {}

  /** A file or folder that is not there. */
  static final String ABSENT = "absent";

  private final Map<Path, byte[]> overlay;
  private final long now = System.currentTimeMillis();

  /** Stamps taken now, with {@code overlay} (absolute, normalized paths) as the open documents. */
  FileStamps(Map<Path, byte[]> overlay) {
    this.overlay = overlay;
  }

  /** The stamp of {@code file}: its open text, else what the disk says. */
  Object of(Path file) {
    byte[] open = overlay.get(file.toAbsolutePath().normalize());
    if (open != null) {
      return new Stamp(file, -1, -1, null, ByteBuffer.wrap(open));
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
      ByteBuffer content =
          now - a.lastModifiedTime().toMillis() < RECENT_MS
              ? ByteBuffer.wrap(Files.readAllBytes(file))
              : null;
      return new Stamp(file, modified, a.size(), a.fileKey(), content);
    } catch (IOException e) {
      return ABSENT;
    }
  }

  /**
   * The stamps of the files in {@code dir} by name, open documents in it included (an unsaved new
   * partial counts); {@link #ABSENT} when there is no such folder.
   */
  Object folder(Path dir) {
    if (!Files.isDirectory(dir)) {
      return ABSENT;
    }
    // By name, compared as a map: DirectoryStream's order is the file system's.
    Map<String, Object> out = new HashMap<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        out.put(p.getFileName().toString(), of(p));
      }
    } catch (IOException e) {
      return ABSENT;
    }
    Path d = dir.toAbsolutePath().normalize();
    for (Path p : overlay.keySet()) {
      if (d.equals(p.getParent())) {
        out.put(p.getFileName().toString(), of(p));
      }
    }
    return out;
  }

  /**
   * Whether what was stamped {@code old} is still what is stamped {@code now} (stamps, folders of
   * them, or lists of those): equal, or a file that was recent then, is settled now with the same
   * time and size, and still has the bytes it had.
   */
  static boolean unchanged(Object old, Object now) {
    if (old.equals(now)) {
      return true;
    }
    if (old instanceof Stamp o && now instanceof Stamp n) {
      return o.content() != null
          && n.content() == null
          && o.modifiedNanos() == n.modifiedNanos()
          && o.size() == n.size()
          && Objects.equals(o.key(), n.key())
          && o.content().equals(bytes(n.file()));
    }
    if (old instanceof Map<?, ?> o && now instanceof Map<?, ?> n) {
      return o.keySet().equals(n.keySet())
          && o.keySet().stream().allMatch(k -> unchanged(o.get(k), n.get(k)));
    }
    if (old instanceof List<?> o && now instanceof List<?> n && o.size() == n.size()) {
      for (int i = 0; i < o.size(); i++) {
        if (!unchanged(o.get(i), n.get(i))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static ByteBuffer bytes(Path file) {
    try {
      return ByteBuffer.wrap(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    }
  }
}
