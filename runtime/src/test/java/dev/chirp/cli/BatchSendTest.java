package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.send.FakeBird;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch sends against the loopback Channels API server. */
class BatchSendTest {
  static final String SPEC = "src/test/resources/batch/hello.yaml";
  static final String KEY = "sk_test_batch_key_5b1e";
  static final Pattern REF =
      Pattern.compile("\"reference\":\"(chirp:hello:[0-9a-f]{8}:[0-9a-f]{16})\"");

  @TempDir Path dir;

  static String number(int i) {
    return "+3161" + String.format("%07d", 1000000 + i).substring(0, 7);
  }

  Path csv(int rows) throws IOException {
    StringBuilder b = new StringBuilder("to,name,code\n");
    for (int i = 0; i < rows; i++) {
      b.append(number(i)).append(",Name").append(i).append(",ABC\n");
    }
    Path f = dir.resolve("r.csv");
    Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
    return f;
  }

  MainTest.Result send(FakeBird bird, Path recipients, String... extra) {
    return batch(bird, SPEC, recipients, dir.resolve("j.sqlite"), extra);
  }

  /**
   * {@code chirp send SPEC --recipients FILE} to {@code bird} with its ids, the test key, the
   * journal {@code journal}, no rate limit and {@code extra}: the batch every CLI test runs.
   */
  static MainTest.Result batch(
      FakeBird bird, String spec, Path recipients, Path journal, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "send",
                spec,
                "--recipients",
                recipients.toString(),
                "--api-url",
                bird.url().toString(),
                "--workspace-id",
                FakeBird.WORKSPACE,
                "--channel-id",
                FakeBird.CHANNEL,
                "--journal",
                journal.toString(),
                "--rate",
                "0"));
    args.addAll(List.of(extra));
    return MainTest.run(Map.of("BIRD_ACCESS_KEY", KEY), false, args.toArray(String[]::new));
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
    Path f = csv(200);
    try (FakeBird bird = FakeBird.start(KEY)) {
      MainTest.Result r = send(bird, f, "--concurrency", "8");
      assertEquals(0, r.exit(), r.err());
      assertEquals(200, references(bird.accepted()).size());
      MainTest.Result again = send(bird, f);
      assertEquals(0, again.exit(), again.err());
      assertEquals(200, bird.received().size(), "a re-run must send nothing");
      assertTrue(
          again.err().contains("  accepted            200   (0 now, 200 earlier)"), again.err());
    }
  }

  @Test
  void tenThousandRowsWithTenPercentFaultsArriveExactlyOnceExceptUnknown() throws IOException {
    Path f = csv(10_000);
    try (FakeBird bird = FakeBird.start(KEY)) {
      bird.faultRate(
          0.10,
          42,
          FakeBird.Fault.tooManyRequests(0),
          FakeBird.Fault.status(500),
          FakeBird.Fault.status(503),
          FakeBird.Fault.reset(),
          FakeBird.Fault.delay(java.time.Duration.ofMillis(20)));
      MainTest.Result r = send(bird, f, "--concurrency", "16");
      Set<String> accepted = references(bird.accepted());
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
  }

  /**
   * Starts {@code chirp send} of {@link #SPEC} to {@code csv} as a process of its own (for tests
   * that signal or kill it), stderr to {@code errFile}, with {@code extra} flags.
   */
  static Process startSend(FakeBird bird, Path csv, Path journal, Path errFile, String... extra)
      throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.chirp.cli.QuickRetryMain",
                "send",
                SPEC,
                "--recipients",
                csv.toString(),
                "--api-url",
                bird.url().toString(),
                "--workspace-id",
                FakeBird.WORKSPACE,
                "--channel-id",
                FakeBird.CHANNEL,
                "--journal",
                journal.toString()));
    cmd.addAll(List.of(extra));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BIRD_ACCESS_KEY", KEY);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(errFile.toFile());
    return pb.start();
  }
}
