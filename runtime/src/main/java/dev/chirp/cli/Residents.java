package dev.chirp.cli;

import dev.chirp.cli.DaemonProtocol.Op;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resident checkers of this user: the directory their sockets live in ({@code
 * $XDG_RUNTIME_DIR/chirp-UID}, else {@code /tmp/chirp-UID}), which socket serves a directory, and
 * which of them answer. Who runs is asked over each socket, never found by process name.
 */
final class Residents {
  private Residents() {}

  /** A daemon that answered: its pid, the directory it serves and its socket. */
  record Resident(long pid, Path serves, Path socket) {}

  /** The socket directory of this user, or empty where users have no numeric id to name it by. */
  static Optional<Path> directory(Map<String, String> env) {
    String base = env.getOrDefault("XDG_RUNTIME_DIR", "");
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return Optional.of(Path.of(base.isEmpty() ? "/tmp" : base, "chirp-" + uid));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The socket directory, created if missing; empty unless it is safe (only this user's). */
  static Optional<Path> prepared(Map<String, String> env) {
    Optional<Path> dir = directory(env);
    if (dir.isEmpty()) {
      return dir;
    }
    try {
      if (!Files.exists(dir.get())) {
        Files.createDirectories(
            dir.get(),
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      return unsafeDirectory(dir.get()) == null ? dir : Optional.empty();
    } catch (IOException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * The socket of the daemon for checks from {@code cwd} by this chirp ({@code jar}, its time and
   * size) with these JVM options: a rebuilt chirp or other options get a daemon of their own.
   */
  static Path socketFor(Path dir, Path cwd, Path jar, String javaOpts) {
    String stamp;
    try {
      stamp = Files.getLastModifiedTime(jar).toMillis() / 1000 + " " + Files.size(jar);
    } catch (IOException e) {
      stamp = "";
    }
    String key = cwd + "|" + stamp + "|" + javaOpts;
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h, 0, 8) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The sockets in {@code dir}, sorted. */
  static List<Path> sockets(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.sock")) {
      s.forEach(out::add);
    } catch (NoSuchFileException e) {
      return List.of();
    }
    out.sort(null);
    return out;
  }

  /** The daemons that answer in {@code dir}, by socket name. */
  static List<Resident> running(Path dir, Deadlines deadlines) throws IOException {
    List<Resident> out = new ArrayList<>();
    for (Path s : sockets(dir)) {
      Client.Answer a = Client.ask(s, Op.STATUS, deadlines);
      if (a == null || a.exit() != Main.OK) {
        continue;
      }
      int tab = a.out().indexOf('\t');
      if (tab > 0) {
        try {
          long pid = Long.parseLong(a.out().substring(0, tab));
          out.add(new Resident(pid, Path.of(a.out().substring(tab + 1)), s));
        } catch (NumberFormatException e) {
          // not an answer of this protocol: leave it
        }
      }
    }
    return out;
  }

  /**
   * Removes sockets and lock files that no daemon holds (killed ones leave them); a daemon warming
   * up or serving holds its lock, so its files stay.
   */
  static void removeStale(Path dir) throws IOException {
    List<Path> locks = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.sock.lock")) {
      s.forEach(locks::add);
    } catch (NoSuchFileException e) {
      return;
    }
    for (Path lock : locks) {
      try (FileChannel f = FileChannel.open(lock, StandardOpenOption.WRITE);
          FileLock held = tryLock(f)) {
        if (held != null) {
          String name = lock.getFileName().toString();
          Files.deleteIfExists(lock.resolveSibling(name.substring(0, name.length() - 5)));
          Files.deleteIfExists(lock);
        }
      } catch (NoSuchFileException e) {
        // gone meanwhile
      }
    }
    for (Path s : sockets(dir)) {
      if (!Files.exists(lockOf(s))) {
        Files.deleteIfExists(s); // a socket without its lock file has no daemon
      }
    }
  }

  /** The directory the socket may live in: owned by this user and closed to everyone else. */
  static String unsafeDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return dir + " is not a directory";
    }
    String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(dir));
    if (!perms.equals("rwx------")) {
      return dir + " is open to others (" + perms + "); it must be rwx------";
    }
    Object owner = Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    // Who this process is: the owner of a file it creates (HOME may belong to someone else).
    Path probe = Files.createTempFile(dir, ".uid", "");
    try {
      if (!owner.equals(Files.getAttribute(probe, "unix:uid"))) {
        return dir + " belongs to another user";
      }
    } finally {
      Files.deleteIfExists(probe);
    }
    return null;
  }

  /** The lock file beside a socket: held by the daemon serving it, from warm-up to exit. */
  static Path lockOf(Path socket) {
    return socket.resolveSibling(socket.getFileName() + ".lock");
  }

  /** Whether a daemon holds the lock of {@code socket}. */
  static boolean locked(Path socket) throws IOException {
    try (FileChannel f = FileChannel.open(lockOf(socket), StandardOpenOption.WRITE);
        FileLock held = tryLock(f)) {
      return held == null;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** The lock, or null when another daemon holds it. */
  static FileLock tryLock(FileChannel f) throws IOException {
    try {
      return f.tryLock();
    } catch (OverlappingFileLockException e) {
      return null; // held by a daemon in this very process
    }
  }
}
