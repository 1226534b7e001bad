package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.batch.Journal;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) or SIGTERM on a batch run in its own process: the requests in flight finish and
 * are journaled, the summary says it was interrupted, the exit code is 130 (143 for SIGTERM), and a
 * re-run sends the rest, so every row reaches the server exactly once.
 */
class InterruptTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  @ParameterizedTest
  @CsvSource({"INT, 130, Ctrl-C", "TERM, 143, a second SIGTERM"})
  void aSignalStopsAfterTheRequestsInFlightAndARerunCompletesTheRest(
      String signal, int exit, String twice) throws Exception {
    int rows = 3000;
    Path csv = cli.file("r.csv", BatchSendTest.numbered(rows, "XYZ"));
    Path journal = cli.journal();
    Path errFile = cli.dir().resolve("err.txt");
    cli.bird().faultRate(1.0, 1, Fault.delay(Duration.ofMillis(40)));
    Process proc = BatchSendTest.startSend(cli, csv, errFile, "--rate", "300");
    // About 1.5 s of sending (JVM start-up time varies on a busy machine, so wait for the first
    // requests rather than for the clock alone).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cli.bird().received().isEmpty() && System.nanoTime() < deadline && proc.isAlive()) {
      Thread.sleep(20);
    }
    Thread.sleep(1500);
    assertTrue(proc.isAlive(), "the batch ended before Ctrl-C: " + Files.readString(errFile));
    new ProcessBuilder("kill", "-" + signal, String.valueOf(proc.pid())).start().waitFor();
    // In-flight requests take 40 ms each; 15 s leaves room for a loaded CI machine, and a hang
    // is reported with the process's threads.
    if (!proc.waitFor(15, TimeUnit.SECONDS)) {
      Process dump =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                  String.valueOf(proc.pid()))
              .redirectErrorStream(true)
              .start();
      String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      proc.destroyForcibly();
      throw new AssertionError(
          "no exit within 15 s of Ctrl-C\n" + Files.readString(errFile) + "\n" + threads);
    }
    String err = Files.readString(errFile);
    assertEquals(exit, proc.exitValue(), err);
    assertTrue(
        err.contains(
            "\nchirp: stopping after the requests in flight (" + twice + " again to quit now)\n"),
        err);
    assertTrue(
        Pattern.compile(
                "(?m)^batch hello: [0-9,]+ rows in "
                    + Pattern.quote(csv.toString())
                    + " \\(interrupted\\)$")
            .matcher(err)
            .find(),
        err);
    int sentBefore = cli.bird().received().size();
    assertTrue(sentBefore > 0 && sentBefore < rows, sentBefore + " sent before Ctrl-C");
    try (Journal j = Journal.open(journal)) {
      Map<Journal.State, Integer> counts = new HashMap<>(j.counts());
      // Rows handed to a sender but not begun when Ctrl-C came are recorded as not sent (so a
      // re-run sends them); none is left as `sending`, which would read as "maybe sent".
      assertEquals(
          sentBefore,
          counts.remove(Journal.State.ACCEPTED),
          "every started request finished and was recorded");
      int notSent = counts.getOrDefault(Journal.State.FAILED, 0);
      List<String> unknown = new ArrayList<>();
      j.forEach(
          e -> {
            if (e.state() == Journal.State.UNKNOWN || e.state() == Journal.State.SENDING) {
              unknown.add(e.state() + " " + e.detail());
            }
          });
      assertEquals(
          notSent == 0 ? Map.of() : Map.of(Journal.State.FAILED, notSent),
          counts,
          "none left in `sending`: " + unknown);
      List<String> details = new ArrayList<>();
      j.forEach(
          e -> {
            if (e.state() == Journal.State.FAILED) {
              details.add(e.detail());
            }
          });
      assertEquals(
          Collections.nCopies(notSent, "not sent: the batch was stopped before its turn"), details);
    }

    assertTrue(
        cli.run("report", "--summary", journal.toString())
            .out()
            .endsWith(
                "  unfinished: the last run stopped before the end of the recipients file; the"
                    + " same send command goes on from there\n"));

    // The summary printed at the signal and `chirp report` give the same counts in the same
    // words: rows stopped before their turn are failed in both.
    String report = cli.run("report", "--summary", journal.toString()).out();
    for (String what : List.of("accepted", "rejected", "failed", "unknown")) {
      Matcher inSummary = Pattern.compile("(?m)^  " + what + " +([0-9,]+)").matcher(err);
      Matcher inReport = Pattern.compile("(?m)^  " + what + " +([0-9,]+)").matcher(report);
      assertTrue(inSummary.find() && inReport.find(), what + "\n" + err + "\n" + report);
      assertEquals(inReport.group(1), inSummary.group(1), what + "\n" + err + "\n" + report);
    }

    cli.bird().faultRate(0, 1);
    Result again = cli.batch(BatchSendTest.SPEC, csv, "--concurrency", "8");
    assertEquals(0, again.exit(), again.err());
    assertTrue(
        again
            .err()
            .contains(
                String.format(
                    "  accepted          3,000   (%,d now, %,d earlier)%n",
                    rows - sentBefore, sentBefore)),
        again.err());
    assertEquals(rows, BatchSendTest.references(cli.bird().received()).size()); // fails on a repeat
    assertEquals(rows, cli.bird().received().size());
  }
}
