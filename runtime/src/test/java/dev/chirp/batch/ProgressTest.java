package dev.chirp.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What progress says while a batch runs: the summary's words and counts, spaced apart. */
class ProgressTest {
  @Test
  void theNoteNamesWhatWentWrongInTheSummarysWords() {
    Summary s = new Summary();
    assertEquals("", s.progressNote());
    s.rejected.incrementAndGet();
    s.invalid.addAndGet(6);
    s.failed.incrementAndGet();
    assertEquals("1 rejected, 1 failed, 6 invalid rows", s.progressNote());
    s.invalid.set(1);
    s.unknown.incrementAndGet();
    assertEquals("1 rejected, 1 failed, 1 unknown, 1 invalid row", s.progressNote());
  }

  @Test
  void theBarsNoteStandsApartFromTheSpeedBeforeIt() {
    // The progress bar prints its extra message right after the speed ("90.9/s"): the separator
    // is the note's own, or it would read "90.9/s6 invalid rows".
    assertEquals(" · 6 invalid rows", Progress.extra("6 invalid rows"));
    assertEquals("", Progress.extra(""));
  }

  @Test
  void aLineSaysRowsRateAndTheNote() {
    StringWriter w = new StringWriter();
    Progress p = Progress.lines(new PrintWriter(w), Duration.ZERO);
    p.step("2 rejected");
    String line = w.toString();
    assertTrue(line.matches("progress: 1 row, [0-9,]+/s, 2 rejected\\n"), line);
  }
}
