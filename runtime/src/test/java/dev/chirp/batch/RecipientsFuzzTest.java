package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes the recipients readers through {@link Recipients#open} on a real file, CSV or JSON Lines
 * (the input's last byte chooses). Invariants: the only exception is the documented IOException of
 * {@code open}; iteration never throws; every entry's line is at least 1 and greater than the one
 * before; a fatal entry is the last.
 *
 * <p>Regression inputs: {@code src/test/resources/dev/chirp/batch/RecipientsFuzzTestInputs/read/}.
 */
class RecipientsFuzzTest {
  private static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("chirp-recipients-fuzz");
      DIR.toFile().deleteOnExit();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @FuzzTest(maxDuration = "5m")
  void read(FuzzedDataProvider data) throws IOException {
    boolean csv = data.consumeBoolean();
    byte[] bytes = data.consumeRemainingAsBytes();
    Path f = DIR.resolve(csv ? "r.csv" : "r.jsonl");
    Files.write(f, bytes);
    Recipients r;
    try {
      r = Recipients.open(f, f.getFileName().toString());
    } catch (IOException e) {
      assertNotNull(e.getMessage(), "an IOException without a message");
      return;
    }
    try (r) {
      int last = 0;
      boolean fatal = false;
      while (r.hasNext()) {
        assertTrue(!fatal, "an entry after a fatal one");
        Recipients.Entry e = r.next();
        assertNotNull(e);
        assertTrue(e.line() >= 1, "line " + e.line());
        assertTrue(e.line() > last, "line " + e.line() + " after line " + last);
        last = e.line();
        fatal = e instanceof Recipients.Bad b && b.fatal();
      }
    }
  }
}
