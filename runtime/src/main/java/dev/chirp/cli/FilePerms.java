package dev.chirp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Permissions of the files chirp writes, where the file system has POSIX permissions. */
final class FilePerms {
  private FilePerms() {}

  /**
   * Takes write access from group and others, whatever the umask: chirp.yaml chooses where sends go
   * (its profiles hold the API URL), so no other user may change it. Reading stays as the umask
   * says; the file is meant to be committed.
   */
  static void ownerWritesOnly(Path file) throws IOException {
    if (!supported(file)) {
      return;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    if (p.remove(PosixFilePermission.GROUP_WRITE) | p.remove(PosixFilePermission.OTHERS_WRITE)) {
      Files.setPosixFilePermissions(file, p);
    }
  }

  /** Owner read and write only, as the journal: the file lists receivers (personal data). */
  static void ownerOnly(Path file) throws IOException {
    if (supported(file)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
  }

  private static boolean supported(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
