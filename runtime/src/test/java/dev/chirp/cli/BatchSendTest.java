package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.send.FakeBird;
import dev.chirp.send.FakeBird.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Batch sends against the loopback Channels API server. */
class BatchSendTest {
  static final String SPEC = "src/test/resources/batch/hello.yaml";
  static final Pattern REF =
      Pattern.compile("\"reference\":\"(chirp:hello:[0-9a-f]{8}:[0-9a-f]{16})\"");

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  static String number(int i) {
    return "+3161" + String.format("%07d", 1000000 + i).substring(0, 7);
  }

  /** A recipients file of {@code rows} numbered rows for {@link #SPEC}, each with {@code code}. */
  static String numbered(int rows, String code) {
    StringBuilder b = new StringBuilder("to,name,code\n");
    for (int i = 0; i < rows; i++) {
      b.append(number(i)).append(",N").append(i).append(',').append(code).append('\n');
    }
    return b.toString();
  }

  Result send(Path recipients, String... extra) {
    return cli.batch(SPEC, recipients, extra);
  }

  static Set<String> references(List<FakeBird.Received> received) {
    Set<String> refs = new HashSet<>();
    for (FakeBird.Received r : received) {
      Matcher m = REF.matcher(r.bodyText());
      assertTrue(m.find(), r.bodyText());
      assertTrue(refs.add(m.group(1)), "sent twice: " + m.group(1));
    }
    return refs;
  }

  @Test
  void everyRowOnceAndResumeSendsNothingAgain() throws IOException {
    Path f = cli.file("r.csv", numbered(200, "ABC"));
    Result r = send(f, "--concurrency", "8");
    assertEquals(0, r.exit(), r.err());
    assertEquals(200, references(cli.bird().accepted()).size());
    Result again = send(f);
    assertEquals(0, again.exit(), again.err());
    assertEquals(200, cli.bird().received().size(), "a re-run must send nothing");
    assertTrue(
        again.err().contains("  accepted            200   (0 now, 200 earlier)"), again.err());
  }

  @Test
  void tenThousandRowsWithTenPercentFaultsArriveExactlyOnceExceptUnknown() throws IOException {
    Path f = cli.file("r.csv", numbered(10_000, "ABC"));
    cli.bird()
        .faultRate(
            0.10,
            42,
            Fault.tooManyRequests(0),
            Fault.status(500),
            Fault.status(503),
            Fault.reset(),
            Fault.delay(Duration.ofMillis(20)));
    Result r = send(f, "--concurrency", "16");
    Set<String> accepted = references(cli.bird().accepted());
    Matcher unknown = Pattern.compile("  unknown\\s+([0-9,]+)").matcher(r.err());
    assertTrue(unknown.find(), r.err());
    int unknownRows = Integer.parseInt(unknown.group(1).replace(",", ""));
    // Every row reached Bird exactly once, except rows whose outcome is reported unknown.
    assertTrue(
        accepted.size() >= 10_000 - unknownRows,
        accepted.size() + " accepted, " + unknownRows + " unknown");
    assertTrue(accepted.size() <= 10_000);
    assertEquals(unknownRows == 0 ? 0 : SendCommand.UNKNOWN, r.exit(), r.err());
  }

  /**
   * Starts {@code chirp send} of {@link #SPEC} to {@code csv} to {@code cli}'s server and journal
   * as a process of its own (for tests that signal or kill it), stderr to {@code errFile}, with
   * {@code extra} flags.
   */
  static Process startSend(ChirpCli cli, Path csv, Path errFile, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("send", SPEC, "--recipients", csv.toString()));
    args.addAll(cli.connection());
    args.addAll(List.of("--journal", cli.journal().toString()));
    return cli.process(ChirpCli.append(args, extra))
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(errFile.toFile())
        .start();
  }
}
