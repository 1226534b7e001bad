package dev.chirp.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The few git operations chirp needs, through the git command (no library keeps up with it). */
final class Git {
  private Git() {}

  /** Runs git with {@code args}; returns stdout, or throws with git's own message. */
  static String run(Path workDir, String... args) throws IOException, InterruptedException {
    return runShown(workDir, "git " + String.join(" ", args), args);
  }

  /** As {@link #run}, with {@code shown} naming the command in messages. */
  private static String runShown(Path workDir, String shown, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add("git");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
    Path err = Files.createTempFile("chirp-git", ".err");
    pb.redirectError(err.toFile());
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IOException("git is not installed (needed to read git revisions)");
    }
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(shown + " did not finish within 60 s");
    }
    String message = Files.readString(err).strip();
    Files.deleteIfExists(err);
    if (p.exitValue() != 0) {
      throw new IOException(
          shown
              + ": "
              + (message.isEmpty()
                  ? "exit " + p.exitValue()
                  : message.lines().findFirst().orElse("")));
    }
    return new String(out, StandardCharsets.UTF_8);
  }

  /**
   * The commit {@code rev} names in the repository at {@code top}, as its full hash: the one form
   * of a user's revision that reaches any other git command, so no value can act as an option.
   * Verified with {@code rev-parse --verify --end-of-options REV^{commit}}; a value that names no
   * commit (or starts with {@code -}) is refused with the value named.
   */
  static String commit(Path top, String rev) throws IOException, InterruptedException {
    if (rev.isEmpty() || rev.startsWith("-") || rev.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new NotARevision(rev);
    }
    String hash;
    try {
      hash =
          run(top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev + "^{commit}")
              .strip();
    } catch (IOException e) {
      throw new NotARevision(rev);
    }
    if (!hash.matches("[0-9a-f]{40}([0-9a-f]{24})?")) {
      throw new NotARevision(rev);
    }
    return hash;
  }

  /** A value given as a revision that names no commit. */
  static final class NotARevision extends IOException {
    NotARevision(String rev) {
      super(
          "'"
              + rev.replaceAll("\\p{Cntrl}", "?")
              + "' is not a commit of this repository; give a branch, a tag or a commit (e.g."
              + " origin/main)",
          null);
    }
  }

  /** The repository's top folder for {@code dir}. */
  static Path top(Path dir) throws IOException, InterruptedException {
    return Path.of(run(dir, "rev-parse", "--show-toplevel").strip());
  }

  /**
   * Writes folder {@code path} (relative to the repository top) as of {@code rev} into {@code
   * into}.
   */
  static Path materialize(String rev, String path, Path into)
      throws IOException, InterruptedException {
    Path top = top(Path.of("").toAbsolutePath());
    Path tar = Files.createTempFile("chirp-rev", ".tar");
    try {
      String commit = commit(top, rev);
      // Named without the temporary file: it means nothing to the user and is gone afterwards.
      runShown(
          top,
          "git archive " + rev + " -- " + path,
          "archive",
          "--format=tar",
          "-o",
          tar.toString(),
          "--end-of-options", // archive takes what follows as the tree and paths, never options
          commit,
          path);
      Files.createDirectories(into);
      Process p =
          new ProcessBuilder("tar", "-xf", tar.toString(), "-C", into.toString())
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IOException("cannot unpack " + rev + ":" + path);
      }
    } finally {
      Files.deleteIfExists(tar);
    }
    return into.resolve(path);
  }

  /** Files changed since {@code rev} under {@code paths}, committed or not, relative to the top. */
  static List<Path> changedSince(String rev, List<Path> paths)
      throws IOException, InterruptedException {
    // The repository of the checked folder, wherever chirp runs from.
    Path first = paths.get(0).toAbsolutePath().normalize();
    Path top = top(Files.isDirectory(first) ? first : first.getParent());
    // -z: names as they are (git quotes non-ASCII names otherwise, and they would match nothing).
    String commit = commit(top, rev);
    List<String> args =
        new ArrayList<>(List.of("diff", "-z", "--name-only", "--end-of-options", commit, "--"));
    for (Path p : paths) {
      args.add(top.relativize(p.toAbsolutePath().normalize()).toString());
    }
    List<Path> out = new ArrayList<>();
    for (String name : run(top, args.toArray(String[]::new)).split("\0")) {
      if (!name.isEmpty()) {
        out.add(top.resolve(name));
      }
    }
    List<String> untracked =
        new ArrayList<>(List.of("ls-files", "-z", "--others", "--exclude-standard", "--"));
    for (Path p : paths) {
      untracked.add(top.relativize(p.toAbsolutePath().normalize()).toString());
    }
    for (String name : run(top, untracked.toArray(String[]::new)).split("\0")) {
      if (!name.isEmpty()) {
        out.add(top.resolve(name));
      }
    }
    return out;
  }
}
