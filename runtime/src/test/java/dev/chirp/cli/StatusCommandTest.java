package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.batch.Journal;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird.Delivery;
import dev.chirp.send.FakeBird.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code chirp status}: delivery after the 202, and unknown rows reconciled, against FakeBird. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StatusCommandTest {
  @RegisterExtension final ChirpCli cli = new ChirpCli();

  static final String A = "+31612345601";
  static final String B = "+31612345602";
  static final String C = "+31612345603";
  static final String D = "+31612345604";

  Path csv() {
    return cli.file(
        "r.csv",
        "to,name,code\n"
            + A
            + ",Ada,ABC\n"
            + B
            + ",Bob,DEF\n"
            + C
            + ",Cy,GHI\n"
            + D
            + ",\"Dan, Jr.\",JKL\n");
  }

  Result send(Path csv, String... extra) {
    return cli.batch(
        BatchSendTest.SPEC, csv, ChirpCli.append(List.of("--concurrency", "1"), extra));
  }

  /** `chirp status` of the journal: the connection comes from what the batch recorded in it. */
  Result status(String... extra) {
    return cli.run(ChirpCli.append(List.of("status", cli.journal().toString()), extra));
  }

  /** How many times each message was read, by receiver. */
  Map<String, Integer> readsByPath() {
    Map<String, Integer> out = new TreeMap<>();
    cli.bird().received().stream()
        .filter(r -> r.method().equals("GET") && r.path().contains("/messages/"))
        .forEach(
            r -> out.merge(r.path().substring(r.path().lastIndexOf('/') + 1), 1, Integer::sum));
    return out;
  }

  @Test
  void statusesAreReadRecordedAndExplainedAndFinalOnesAreNotReadAgain() throws Exception {
    Path csv = csv();
    cli.bird().delivery(A, Delivery.of("sent"), Delivery.of("delivered"));
    cli.bird()
        .delivery(
            B,
            Delivery.whatsappFailure(
                "delivery_failed", "131047", "Message failed to send because more than 24 hours"));
    cli.bird()
        .delivery(
            C, Delivery.whatsappFailure("delivery_failed", "131026", "Message undeliverable"));
    cli.bird().delivery(D, Delivery.of("delivered"));
    assertEquals(0, send(csv).exit());

    Result first = status();
    assertEquals(
        new Result(
            1,
            "status of batch hello ("
                + csv.toAbsolutePath()
                + ")\n"
                + "  delivered                1\n"
                + "  delivery_failed          2\n"
                + "  sent                     1\n"
                + "failures:\n"
                + "  whatsapp 131026          1   the number cannot receive it: not a WhatsApp"
                + " user, an old app, or terms not accepted; check the number; reach the"
                + " customer another way\n"
                + "  whatsapp 131047          1   more than 24 hours since the customer last"
                + " wrote: outside the customer service window; send a template message (chirp"
                + " window --to NUMBER tells when a window is open)\n",
            ""),
        first);

    ChirpCli.WAITS.clear();
    Result again = status("--until-final", "--format", "json");
    assertEquals(1, again.exit(), again.toString());
    List<String> ids = cli.bird().messageIds();
    assertEquals(
        List.of(
            "{\"line\":2,\"receiver\":\""
                + A
                + "\",\"reference\":\"REF\",\"messageId\":\""
                + ids.get(0)
                + "\",\"status\":\"delivered\",\"lastStatusAt\":\"AT\"}",
            "{\"line\":3,\"receiver\":\""
                + B
                + "\",\"reference\":\"REF\",\"messageId\":\""
                + ids.get(1)
                + "\",\"status\":\"delivery_failed\",\"lastStatusAt\":\"AT\",\"failure\":"
                + "{\"code\":4000,\"description\":\"Message failed to send because more than 24"
                + " hours\",\"source\":{\"name\":\"whatsapp\",\"code\":\"131047\"}}}",
            "{\"line\":4,\"receiver\":\""
                + C
                + "\",\"reference\":\"REF\",\"messageId\":\""
                + ids.get(2)
                + "\",\"status\":\"delivery_failed\",\"lastStatusAt\":\"AT\",\"failure\":"
                + "{\"code\":4000,\"description\":\"Message undeliverable\",\"source\":"
                + "{\"name\":\"whatsapp\",\"code\":\"131026\"}}}",
            "{\"line\":5,\"receiver\":\""
                + D
                + "\",\"reference\":\"REF\",\"messageId\":\""
                + ids.get(3)
                + "\",\"status\":\"delivered\",\"lastStatusAt\":\"AT\"}"),
        again
            .out()
            .lines()
            .map(
                l ->
                    l.replaceAll("\"reference\":\"[^\"]*\"", "\"reference\":\"REF\"")
                        .replaceAll("\"lastStatusAt\":\"[^\"]*\"", "\"lastStatusAt\":\"AT\""))
            .toList());
    // Only A was not final after the first run: it alone was read again, and no wait was needed.
    assertEquals(Map.of(ids.get(0), 2, ids.get(1), 1, ids.get(2), 1, ids.get(3), 1), readsByPath());
    assertEquals(List.of(), ChirpCli.WAITS);

    // The report shows each row's latest status beside its outcome.
    Result report = cli.run("report", cli.journal().toString());
    assertTrue(report.out().contains("\"outcome\":\"accepted\""), report.out());
    assertEquals(
        List.of("delivered", "delivery_failed", "delivery_failed", "delivered"),
        report
            .out()
            .lines()
            .filter(l -> l.startsWith("{"))
            .map(l -> l.replaceAll(".*\"delivery\":\"([a-z_]+)\".*", "$1"))
            .toList());

    // The failed rows, with their variables, as a recipients file for a follow-up batch.
    Path failed = cli.dir().resolve("failed.csv");
    Result written = status("--failed-as-recipients", failed.toString());
    assertEquals(1, written.exit());
    assertEquals("wrote 2 failed rows to " + failed + "\n", written.err());
    assertEquals("to,name,code\n" + B + ",Bob,DEF\n" + C + ",Cy,GHI\n", Files.readString(failed));
  }

  @Test
  void untilFinalWaitsLongerEachRoundUntilEveryRowIsFinal() throws Exception {
    Path csv = csv();
    for (String to : List.of(A, B, C, D)) {
      cli.bird()
          .delivery(
              to,
              Delivery.of("accepted"),
              Delivery.of("sent"),
              Delivery.of("sent"),
              Delivery.of("delivered"));
    }
    assertEquals(0, send(csv).exit());
    ChirpCli.WAITS.clear();
    Result r = status("--until-final=10m");
    assertEquals(0, r.exit(), r.toString());
    assertEquals(
        "status: 4 rows are not final yet; next look in 10 s\n"
            + "status: 4 rows are not final yet; next look in 20 s\n"
            + "status: 4 rows are not final yet; next look in 40 s\n",
        r.err());
    assertEquals(
        List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40)),
        ChirpCli.WAITS);
    assertTrue(r.out().endsWith("  delivered                4\n"), r.out());
  }

  @Test
  void unknownRowsFoundAtBirdAreNeverSentTwice() throws Exception {
    Path csv = csv();
    // A's send reaches Bird but its answer is lost; B's is cut off before Bird processes it.
    cli.bird().enqueue(Fault.resetAfterProcessing(), Fault.reset());
    Result sent = send(csv);
    assertEquals(3, sent.exit(), sent.toString());
    assertEquals(3, cli.bird().accepted().size()); // A (answer lost), C, D

    Result r = status("--reconcile");
    assertEquals(1, r.exit(), r.toString());
    assertEquals(
        "reconciled 2 unknown rows: 1 found at Bird (recorded as accepted, never sent again), 1"
            + " not found (send --resend-unknown sends them again)\n",
        r.err());
    assertTrue(
        r.out()
            .endsWith(
                "  1 row is unknown: the send may or may not have reached Bird; chirp status"
                    + " --reconcile looks them up\n"),
        r.out());
    try (Journal j = Journal.openToRead(cli.journal())) {
      Map<String, String> states = new TreeMap<>();
      j.forEach(e -> states.put(e.receiver(), e.state() + (e.messageId() == null ? "" : " id")));
      assertEquals(
          Map.of(A, "ACCEPTED id", B, "UNKNOWN", C, "ACCEPTED id", D, "ACCEPTED id"), states);
    }

    // --resend-unknown looks again, finds nothing more, and sends only the row Bird never had.
    Result resend = send(csv, "--resend-unknown");
    assertEquals(0, resend.exit(), resend.toString());
    assertTrue(
        resend
            .err()
            .startsWith(
                "reconciled 1 unknown row: 0 found at Bird (recorded as accepted, never sent"
                    + " again), 1 not found (send --resend-unknown sends them again)\n"),
        resend.err());
    // Every receiver reached Bird exactly once.
    Map<String, Integer> arrivals = new TreeMap<>();
    cli.bird()
        .accepted()
        .forEach(
            a ->
                arrivals.merge(
                    a.bodyText().replaceAll(".*\"identifierValue\":\"([^\"]+)\".*", "$1"),
                    1,
                    Integer::sum));
    assertEquals(Map.of(A, 1, B, 1, C, 1, D, 1), arrivals);
  }

  @Test
  void aLookupThatCannotBeMadeResendsNothing() throws Exception {
    Path csv = csv();
    // A journal with an unknown row whose lookup is refused (401): nothing is sent again.
    cli.bird().enqueue(Fault.resetAfterProcessing());
    assertEquals(3, send(csv).exit());
    int accepted = cli.bird().accepted().size();
    cli.env().put("BIRD_ACCESS_KEY", "sk_test_another_key");
    Result r = send(csv, "--resend-unknown");
    assertEquals(2, r.exit(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "chirp: could not look the unknown rows up at Bird (Bird answered HTTP 401"),
        r.err());
    assertTrue(
        r.err()
            .endsWith(
                "none was sent again. Check those rows in Bird by hand (chirp report lists"
                    + " them), then run again with --resend-unknown --skip-lookup\n"),
        r.err());
    assertEquals(accepted, cli.bird().accepted().size());
  }

  @Test
  void aDurationThatIsNotOneIsAUsageError() throws Exception {
    csv();
    assertEquals(
        new Result(
            2,
            "",
            "chirp: --until-final soon: not a duration; write it as 90s, 10m, 1h or 2h30m\n"),
        status("--until-final=soon"));
  }

  @Test
  void aKilledStatusRunGoesOnWhereItStopped() throws Exception {
    int rows = 150;
    Path csv = cli.file("many.csv", BatchSendTest.numbered(rows, "ABC"));
    for (int i = 0; i < rows; i++) {
      cli.bird().delivery(BatchSendTest.number(i), Delivery.of("delivered"));
    }
    assertEquals(0, send(csv).exit());
    // At 48 reads a second, 150 rows take about 3 s: the first run is killed on the way.
    ProcessBuilder pb =
        cli.process("status", cli.journal().toString())
            .redirectErrorStream(true)
            .redirectOutput(cli.dir().resolve("status.out").toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (readsByPath().values().stream().mapToInt(Integer::intValue).sum() < 40
        && System.nanoTime() < deadline
        && p.isAlive()) {
      Thread.sleep(20);
    }
    assertTrue(
        p.isAlive(),
        "the status run ended before it was killed: "
            + Files.readString(cli.dir().resolve("status.out")));
    p.destroyForcibly().waitFor();
    int before = readsByPath().values().stream().mapToInt(Integer::intValue).sum();
    assertTrue(before >= 40 && before < rows, before + " read before the kill");

    Result r = status();
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().endsWith("  delivered              150\n"), r.out());
    Map<String, Integer> reads = readsByPath();
    assertEquals(rows, reads.size()); // every message was read
    int total = reads.values().stream().mapToInt(Integer::intValue).sum();
    // Rows recorded before the kill were not read again; only those in flight then could be.
    assertTrue(
        total <= rows + 2 * StatusReader.READERS,
        total + " reads for " + rows + " rows (" + before + " before the kill)");
  }
}
