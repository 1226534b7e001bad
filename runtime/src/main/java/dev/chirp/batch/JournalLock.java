package dev.chirp.batch;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The lock beside a journal ({@code FILE.lock}, holding the pid of its owner): a second chirp on
 * the same journal would send the same rows. The operating system releases it when the process
 * ends, however it ends, so a killed batch never leaves its journal locked.
 */
final class JournalLock {
  private JournalLock() {}

  /**
   * Takes the lock of the journal at {@code file}; closing the channel releases it. A file system
   * without locks gives an unguarded channel rather than no batch at all.
   */
  static FileChannel acquire(Path file) throws IOException {
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              lockFile,
              Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      ch =
          FileChannel.open(
              lockFile,
              StandardOpenOption.CREATE,
              StandardOpenOption.READ,
              StandardOpenOption.WRITE);
    }
    FileLock l;
    try {
      l = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by this process already
    } catch (IOException e) {
      // A file system without locks (some network mounts): the batch goes on unguarded rather
      // than not at all; the journal itself still never sends a row twice within one run.
      return ch;
    }
    if (l == null) {
      String owner = owner(ch);
      ch.close();
      throw new Journal.InUse(
          "the journal "
              + file
              + " is in use by another chirp"
              + (owner.matches("[0-9]+") ? " (pid " + owner + ")" : "")
              + "; two batches on one journal would send the same rows. Wait for it to end, or"
              + " stop it");
    }
    ch.truncate(0);
    ch.write(
        ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
        0);
    return ch;
  }

  /** The pid written by the lock's owner, or "" when it cannot be read. */
  private static String owner(FileChannel ch) {
    try {
      ByteBuffer b = ByteBuffer.allocate(32);
      ch.read(b, 0);
      return new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return ""; // the message goes without the pid
    }
  }
}
