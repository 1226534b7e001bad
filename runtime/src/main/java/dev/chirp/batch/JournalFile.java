package dev.chirp.batch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;

/**
 * Where a journal lives: a file readable by its owner only, in a folder that chirp keeps out of git
 * when it makes it, holding an SQLite database (or nothing yet).
 */
final class JournalFile {
  private JournalFile() {}

  /**
   * Makes the folder of {@code file}. Journals list receivers' phone numbers: the folders chirp
   * makes for them keep themselves out of git, as cache folders of other tools do.
   */
  /** What a failure to make the journal's folder or lock file means, in words. */
  static IOException cannotCreate(Path file, FileSystemException e) {
    if (e instanceof FileAlreadyExistsException) {
      return new IOException(
          "cannot create the journal " + file + ": " + e.getFile() + " is a file, not a folder");
    }
    if (e instanceof AccessDeniedException) {
      return new IOException(
          "cannot create the journal " + file + ": no permission to write in " + e.getFile());
    }
    return e;
  }

  static void makeFolder(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Path created = parent;
    while (created.getParent() != null && !Files.exists(created.getParent())) {
      created = created.getParent();
    }
    boolean fresh = !Files.exists(parent);
    Files.createDirectories(parent);
    if (fresh) {
      Files.writeString(
          created.resolve(".gitignore"),
          "# made by chirp: batch journals list receivers' phone numbers\n*\n",
          StandardCharsets.UTF_8);
    }
  }

  /** Creates {@code file}, private, if it is missing; refuses a file that is not a database. */
  static void createOrCheck(Path file) throws IOException {
    if (!Files.exists(file)) {
      try {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
    }
    if (Files.size(file) > 0 && !sqliteHeader(file)) {
      throw new Journal.NotAJournal(file + " is not a chirp journal (not an SQLite database)");
    }
  }

  private static boolean sqliteHeader(Path file) throws IOException {
    byte[] magic = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    try (InputStream in = Files.newInputStream(file)) {
      return Arrays.equals(in.readNBytes(magic.length), magic);
    }
  }
}
