package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.batch.Journal;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sender process is killed with SIGKILL at random points, then the same command is run again
 * until it finishes: every row reaches the server exactly once, except rows the journal reports as
 * unknown (in flight at a kill), which reach it at most once.
 */
class KillResumeTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  /**
   * --batch-api under a slow rate: a group waiting for its turn has written no intents, so a kill
   * leaves in doubt only the rows of requests that went out.
   */
  @Test
  void aBatchGroupWaitingForItsTurnLeavesNoRowInDoubt() throws Exception {
    Path csv = cli.file("r.csv", BatchSendTest.numbered(400, "XYZ"));
    Path journal = cli.journal();
    Process proc =
        BatchSendTest.startSend(
            cli,
            csv,
            cli.dir().resolve("err.txt"),
            "--batch-api",
            "--concurrency",
            "3",
            "--rate",
            "0.2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (cli.bird().received().isEmpty() && System.nanoTime() < deadline && proc.isAlive()) {
      Thread.sleep(20);
    }
    Thread.sleep(1000); // the other groups are waiting for their turn (one every 5 s)
    proc.destroyForcibly().waitFor();
    assertEquals(1, cli.bird().received().size(), Files.readString(cli.dir().resolve("err.txt")));
    try (Journal j = Journal.openToRead(journal)) {
      assertEquals(
          Map.of(Journal.State.ACCEPTED, 100),
          j.counts(),
          "the groups waiting for their turn wrote no intents: no row is in doubt");
    }
  }

  @Test
  void killedSeveralTimesThenResumedEveryRowOnce() throws Exception {
    int rows = 1500;
    Path csv = cli.file("r.csv", BatchSendTest.numbered(rows, "XYZ"));
    Random random = new Random(7);
    cli.bird().faultRate(0.05, 3, Fault.status(503), Fault.delay(Duration.ofMillis(30)));
    for (int kill = 0; kill < 4; kill++) {
      Process p = start(csv, cli.dir().resolve("err" + kill + ".txt"));
      Thread.sleep(700 + random.nextInt(900));
      p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Process last = start(csv, cli.dir().resolve("err-last.txt"));
    assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the final run did not finish");
    String err = Files.readString(cli.dir().resolve("err-last.txt"));
    Result report = cli.run("report", cli.journal().toString());
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
    Set<String> server = BatchSendTest.references(cli.bird().accepted()); // fails on any repeat
    assertTrue(server.containsAll(accepted), "journal says accepted but the server never got it");
    Set<String> extra = new HashSet<>(server);
    extra.removeAll(accepted);
    assertTrue(unknown.containsAll(extra), "the server got rows the journal does not account for");
  }

  private Process start(Path csv, Path errFile) throws IOException {
    return BatchSendTest.startSend(cli, csv, errFile, "--rate", "600", "--concurrency", "8");
  }
}
