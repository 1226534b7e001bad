package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.send.FakeBird;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender process is killed with SIGKILL at random points, then the same command is run again
 * until it finishes: every row reaches the server exactly once, except rows the journal reports as
 * unknown (in flight at a kill), which reach it at most once.
 */
class KillResumeTest {
  @TempDir Path dir;

  /**
   * --batch-api under a slow rate: a group waiting for its turn has written no intents, so a kill
   * leaves in doubt only the rows of requests that went out.
   */
  @Test
  void aBatchGroupWaitingForItsTurnLeavesNoRowInDoubt() throws Exception {
    StringBuilder b = new StringBuilder("to,name,code\n");
    for (int i = 0; i < 400; i++) {
      b.append(BatchSendTest.number(i)).append(",N").append(i).append(",XYZ\n");
    }
    Path csv = dir.resolve("r.csv");
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    Path journal = dir.resolve("j.sqlite");
    try (FakeBird bird = FakeBird.start(BatchSendTest.KEY)) {
      Process proc =
          BatchSendTest.startSend(
              bird,
              csv,
              journal,
              dir.resolve("err.txt"),
              "--batch-api",
              "--concurrency",
              "3",
              "--rate",
              "0.2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (bird.received().isEmpty() && System.nanoTime() < deadline && proc.isAlive()) {
        Thread.sleep(20);
      }
      Thread.sleep(1000); // the other groups are waiting for their turn (one every 5 s)
      proc.destroyForcibly().waitFor();
      assertEquals(1, bird.received().size(), Files.readString(dir.resolve("err.txt")));
      try (dev.chirp.batch.Journal j = dev.chirp.batch.Journal.openToRead(journal)) {
        assertEquals(
            java.util.Map.of(dev.chirp.batch.Journal.State.ACCEPTED, 100),
            j.counts(),
            "the groups waiting for their turn wrote no intents: no row is in doubt");
      }
    }
  }

  @Test
  void killedSeveralTimesThenResumedEveryRowOnce() throws Exception {
    int rows = 1500;
    StringBuilder b = new StringBuilder("to,name,code\n");
    for (int i = 0; i < rows; i++) {
      b.append(BatchSendTest.number(i)).append(",N").append(i).append(",XYZ\n");
    }
    Path csv = dir.resolve("r.csv");
    Files.writeString(csv, b.toString(), StandardCharsets.UTF_8);
    Path journal = dir.resolve("j.sqlite");
    Random random = new Random(7);
    try (FakeBird bird = FakeBird.start(BatchSendTest.KEY)) {
      bird.faultRate(
          0.05,
          3,
          FakeBird.Fault.status(503),
          FakeBird.Fault.delay(java.time.Duration.ofMillis(30)));
      for (int kill = 0; kill < 4; kill++) {
        Process p = start(bird, csv, journal, dir.resolve("err" + kill + ".txt"));
        Thread.sleep(700 + random.nextInt(900));
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      Process last = start(bird, csv, journal, dir.resolve("err-last.txt"));
      assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run did not finish");
      String err = Files.readString(dir.resolve("err-last.txt"));
      MainTest.Result report = MainTest.run("report", journal.toString());
      Set<String> accepted = new HashSet<>();
      Set<String> unknown = new HashSet<>();
      Pattern p = Pattern.compile("\"outcome\":\"(\\w+)\",\"reference\":\"([^\"]+)\"");
      for (String line : report.out().split("\n")) {
        Matcher m = p.matcher(line);
        if (m.find()) {
          (m.group(1).equals("accepted") ? accepted : unknown).add(m.group(2));
        }
      }
      assertEquals(rows, accepted.size() + unknown.size(), err);
      Set<String> server = BatchSendTest.references(bird.accepted()); // fails on any repeat
      assertTrue(server.containsAll(accepted), "journal says accepted but the server never got it");
      Set<String> extra = new HashSet<>(server);
      extra.removeAll(accepted);
      assertTrue(
          unknown.containsAll(extra), "the server got rows the journal does not account for");
    }
  }

  private static Process start(FakeBird bird, Path csv, Path journal, Path errFile)
      throws IOException {
    return BatchSendTest.startSend(
        bird, csv, journal, errFile, "--rate", "600", "--concurrency", "8");
  }
}
