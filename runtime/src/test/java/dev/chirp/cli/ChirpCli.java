package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chirp.send.BirdClient;
import dev.chirp.send.FakeBird;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up of a CLI test ({@code @RegisterExtension final ChirpCli cli = new ChirpCli();}): a
 * temporary folder, {@link FakeBird} started on first use and closed after the test, the access key
 * in the environment, and chirp run in process ({@link Main#run}) with quick retries.
 */
final class ChirpCli implements BeforeEachCallback, AfterEachCallback {
  /** The access key of every CLI test; no run may print it. */
  static final String KEY = "sk_live_CHIRP_TEST_SECRET_9f8e7d";

  /** The receiver of single sends. */
  static final String TO = "+31612345678";

  /** What one run printed and returned. */
  record Result(int exit, String out, String err) {}

  /** The waits asked of {@link #QUICK}, in order; tests that read it clear it first. */
  static final List<Duration> WAITS = Collections.synchronizedList(new ArrayList<>());

  /**
   * How tests let time pass between send attempts: at most a millisecond, so retries are quick;
   * what the policy asked for is in {@link #WAITS} (chirp itself sleeps it).
   */
  static final BirdClient.Sleeper QUICK =
      d -> {
        WAITS.add(d);
        Thread.sleep(Math.min(1, d.toMillis()));
      };

  private final Map<String, String> env = new HashMap<>();
  private Path dir;
  private FakeBird bird;

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    dir = Files.createTempDirectory("chirp-cli");
    env.clear();
    env.put("HOME", "/nonexistent");
    env.put("BIRD_ACCESS_KEY", KEY);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    if (bird != null) {
      bird.close();
      bird = null;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException | UncheckedIOException leftOver) {
      // A process the test killed may still be writing here: what it leaves, the OS's tmp
      // cleaning takes, rather than the test failing after its assertions passed.
    }
  }

  /** The test's own folder, removed after it. */
  Path dir() {
    return dir;
  }

  /** The batch journal in {@link #dir()}. */
  Path journal() {
    return dir.resolve("j.sqlite");
  }

  /** Writes {@code text} as UTF-8 to {@code name} in {@link #dir()}. */
  Path file(String name, String text) {
    Path f = dir.resolve(name);
    try {
      Files.writeString(f, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return f;
  }

  /**
   * The example catalog's chirp.yaml (../specs) and its spec {@code name}, changed by {@code edit},
   * copied into {@link #dir()}: a catalog to break one thing in. Returns the spec's copy.
   */
  Path examples(String name, UnaryOperator<String> edit) {
    Path specs = Path.of("..", "specs");
    try {
      Files.copy(specs.resolve("chirp.yaml"), dir.resolve("chirp.yaml"));
      return file(name, edit.apply(Files.readString(specs.resolve(name))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The loopback Channels API server, started with {@link #KEY} on first use. */
  FakeBird bird() {
    if (bird == null) {
      bird = FakeBird.start(KEY);
    }
    return bird;
  }

  /** The environment of the test's runs: HOME nowhere and the access key; a test may change it. */
  Map<String, String> env() {
    return env;
  }

  /** {@code --api-url}, {@code --workspace-id} and {@code --channel-id} of {@link #bird()}. */
  List<String> connection() {
    return connection(bird().url().toString());
  }

  /** {@code --api-url apiUrl} with FakeBird's workspace and channel ids. */
  static List<String> connection(String apiUrl) {
    return List.of(
        "--api-url",
        apiUrl,
        "--workspace-id",
        FakeBird.WORKSPACE,
        "--channel-id",
        FakeBird.CHANNEL);
  }

  /** Runs chirp with {@link #env()} and checks that the key appears in neither stream. */
  Result run(String... args) {
    Result r = exec(env, false, args);
    assertFalse(r.out().contains(KEY), "stdout shows the access key: " + r.out());
    assertFalse(r.err().contains(KEY), "stderr shows the access key: " + r.err());
    return r;
  }

  /** {@code chirp send SPEC --example --to TO} to {@link #bird()}, then {@code extra}. */
  Result send(String spec, String... extra) {
    List<String> head = new ArrayList<>(List.of("send", spec, "--example", "--to", TO));
    head.addAll(connection());
    return run(append(head, extra));
  }

  /**
   * {@code chirp send SPEC --recipients FILE} to {@link #bird()} with the journal {@link
   * #journal()}, no rate limit, then {@code extra}: the batch every CLI test runs.
   */
  Result batch(String spec, Path recipients, String... extra) {
    return batch(spec, recipients, journal(), extra);
  }

  /** {@link #batch(String, Path, String...)} with a journal of its own. */
  Result batch(String spec, Path recipients, Path journal, String... extra) {
    List<String> head =
        new ArrayList<>(List.of("send", spec, "--recipients", recipients.toString()));
    head.addAll(connection());
    head.addAll(List.of("--journal", journal.toString(), "--rate", "0"));
    return run(append(head, extra));
  }

  /**
   * chirp as a process of its own ({@link QuickRetryMain}), for tests that signal or kill it: the
   * caller redirects its streams and starts it.
   */
  ProcessBuilder process(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                QuickRetryMain.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("BIRD_ACCESS_KEY", KEY);
    return pb;
  }

  /** {@code head} then {@code tail}, as the arguments of a run. */
  static String[] append(List<String> head, String... tail) {
    List<String> all = new ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  /** Runs chirp in process with {@code vars} as its environment and {@link #QUICK} waits. */
  static Result exec(Map<String, String> vars, boolean terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit =
          Main.run(
              args,
              new Main.Env(new ByteArrayInputStream(new byte[0]), o, e, vars, terminal, QUICK));
    }
    return new Result(
        exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs chirp in process with no access key and HOME nowhere. */
  static Result exec(String... args) {
    return exec(Map.of("HOME", "/nonexistent"), false, args);
  }
}
