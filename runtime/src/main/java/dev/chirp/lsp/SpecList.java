package dev.chirp.lsp;

import dev.chirp.SpecFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The spec files of a catalog folder, as {@code chirp check FOLDER} finds them, listed again only
 * when one of its folders changed: adding, removing or renaming a file changes its folder's time.
 */
final class SpecList {
  /** A folder's modification time and identity. */
  private record Folder(long modifiedMillis, Object key) {}

  private final Path root;
  private Map<Path, Folder> folders = Map.of();
  private List<Path> files = List.of();

  /** The list of folder {@code root}: a catalog's with its chirp.yaml, else the folder's own. */
  SpecList(Path root) {
    this.root = root;
  }

  /** The specs now, plus {@code open} ones not yet on disk; absolute, normalized and sorted. */
  List<Path> files(List<Path> open) {
    long now = System.currentTimeMillis();
    if (folders.isEmpty() || !folders.entrySet().stream().allMatch(e -> same(e, now))) {
      list();
    }
    Set<Path> known = new HashSet<>(files);
    List<Path> extra =
        open.stream()
            .filter(p -> isSpec(root, p))
            .map(p -> p.toAbsolutePath().normalize())
            .filter(p -> !known.contains(p))
            .distinct()
            .toList();
    if (extra.isEmpty()) {
      return files;
    }
    List<Path> all = new ArrayList<>(files);
    all.addAll(extra);
    all.sort(null);
    return List.copyOf(all);
  }

  /** Whether a folder is as it was, and was settled then (see {@link FileStamps#RECENT_MS}). */
  private static boolean same(Map.Entry<Path, Folder> e, long now) {
    Folder was = e.getValue();
    return now - was.modifiedMillis() >= FileStamps.RECENT_MS && was.equals(folder(e.getKey()));
  }

  private static Folder folder(Path dir) {
    try {
      BasicFileAttributes a = Files.readAttributes(dir, BasicFileAttributes.class);
      return a.isDirectory() ? new Folder(a.lastModifiedTime().toMillis(), a.fileKey()) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private void list() {
    List<Path> found = new ArrayList<>();
    Map<Path, Folder> seen = new HashMap<>();
    try {
      // The folders are stamped before they are read: a change in between lists them again.
      if (Files.isRegularFile(root.resolve("chirp.yaml"))) {
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(Files::isDirectory).forEach(d -> seen.put(d, folder(d)));
        }
        found.addAll(SpecFiles.find(List.of(root)));
      } else {
        // No catalog: the folder's own specs, not every folder below (a YAML file opened in a
        // home folder must not have the whole home folder read).
        seen.put(root, folder(root));
        try (Stream<Path> list = Files.list(root)) {
          list.filter(p -> Files.isRegularFile(p) && isSpec(root, p)).forEach(found::add);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // A folder that went away: what is open is checked, and the next check lists again.
      seen.clear();
    }
    // A folder that could not be stamped: listed again next time.
    folders = seen.containsValue(null) ? Map.of() : Map.copyOf(seen);
    files = found.stream().map(p -> p.toAbsolutePath().normalize()).distinct().sorted().toList();
  }

  static boolean isSpec(Path root, Path p) {
    String name = p.getFileName().toString();
    if (!(name.endsWith(".yaml") || name.endsWith(".yml")) || name.equals("chirp.yaml")) {
      return false;
    }
    for (Path part : root.relativize(p)) {
      if (part.toString().startsWith(".") || part.toString().equals("partials")) {
        return false;
      }
    }
    return true;
  }
}
