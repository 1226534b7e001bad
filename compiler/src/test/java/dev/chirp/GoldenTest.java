package dev.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.report.Format;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.vars.ValueCheck;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden diagnostics: every {@code testdata/NAME.yaml} is checked and its human-format report is
 * compared byte for byte with {@code testdata/NAME.err}. Golden payloads: where a {@code
 * testdata/NAME.json} stands beside it, NAME.yaml compiled with its first example (or, without
 * examples, its variables' {@code example:} values) gives exactly that request body, and the body
 * is valid against Bird's request schema.
 *
 * <p>Run with {@code -Dchirp.updateGolden=true} to rewrite the {@code .err} and {@code .json} files
 * in the source tree instead of comparing; review every rewritten file before committing it.
 *
 * <p>Every case must match: there is no list of cases skipped as "known wrong" (a skip that names
 * no missing tool would be a test that cannot fail).
 */
class GoldenTest {
  /** The golden folder in the source tree; surefire runs with the module folder as working dir. */
  static final Path TESTDATA = Path.of("src", "test", "resources", "testdata");

  private static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  /** A hang guard only: every case finishes far faster; this is not a timing assertion. */
  private static final Duration HANG_GUARD = Duration.ofSeconds(10);

  private static final Checker CHECKER = new Checker();

  @TestFactory
  Stream<DynamicTest> goldenDiagnostics() throws IOException {
    List<Path> inputs = yamlInputs();
    assertFalse(inputs.isEmpty(), "no golden inputs under " + TESTDATA.toAbsolutePath());
    return inputs.stream()
        .map(
            yaml -> {
              String name = yaml.getFileName().toString();
              return DynamicTest.dynamicTest(name, () -> checkOne(yaml, name));
            });
  }

  private static void checkOne(Path yaml, String name) throws IOException {
    byte[] bytes = Files.readAllBytes(yaml);
    String actual = assertTimeoutPreemptively(HANG_GUARD, () -> render(name, bytes), name);
    Path err = errFile(yaml);
    if (UPDATE) {
      Files.writeString(err, actual, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(err)) {
      fail(
          "missing golden "
              + err
              + "; run with -Dchirp.updateGolden=true and review it. Actual output:\n"
              + actual);
    }
    String expected = Files.readString(err, StandardCharsets.UTF_8);
    assertEquals(expected, actual, "diagnostics of " + name + " differ from " + err);
  }

  @TestFactory
  Stream<DynamicTest> goldenPayloads() throws IOException {
    List<Path> payloads;
    try (Stream<Path> files = Files.list(TESTDATA)) {
      payloads = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    return payloads.stream()
        .map(
            json ->
                DynamicTest.dynamicTest(
                    json.getFileName().toString(), () -> payloadOne(yamlFile(json), json)));
  }

  /** A fixed "now", so a golden with a schedule compiles the same on every day. */
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private static void payloadOne(Path yaml, Path json) throws IOException {
    String name = yaml.getFileName().toString();
    Checker.Checked checked =
        new Checker(SpecSchema.load(), CLOCK).check(name, Files.readAllBytes(yaml));
    assertTrue(checked.spec().isPresent(), () -> name + ": " + checked.diagnostics());
    Spec spec = checked.spec().get();
    Example ex = spec.examples().isEmpty() ? null : spec.examples().get(0);
    Map<String, Object> values = ex == null ? ValueCheck.variableExamples(spec) : ex.values();
    Receiver to = ex == null || ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
    Compiler.Resolution r = new Compiler(CLOCK).resolve(spec, values, to);
    assertTrue(r.ok(), () -> name + ": " + r.diagnostics());
    assertEquals(List.of(), BirdSchema.problems(r.payload()), name + ": Bird request schema");
    String actual = Payload.pretty(r.payload());
    if (UPDATE) {
      Files.writeString(json, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(Files.readString(json, StandardCharsets.UTF_8), actual, "payload of " + name);
  }

  /** The human report of one file, as the golden files hold it. */
  static String render(String name, byte[] bytes) {
    Checker.Checked checked = CHECKER.check(name, bytes);
    Report report = Report.of(checked.diagnostics(), List.of(checked.loaded().source()));
    return Format.HUMAN.render(report, "test", false);
  }

  @Test
  void everyGoldenErrAndPayloadHasItsInput() throws IOException {
    try (Stream<Path> files = Files.list(TESTDATA)) {
      List<Path> orphans =
          files
              .filter(
                  p ->
                      p.getFileName().toString().endsWith(".err")
                          || p.getFileName().toString().endsWith(".json"))
              .filter(p -> !Files.exists(yamlFile(p)))
              .toList();
      assertEquals(List.of(), orphans, ".err and .json files without a .yaml input");
    }
  }

  @Test
  void fileOverOneMebibyteIsRefusedBeforeParsing(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("big.yaml");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] line =
          "# padding padding padding padding padding padding padding padding\n"
              .getBytes(StandardCharsets.US_ASCII);
      long written = 0;
      while (written <= YamlLoader.MAX_BYTES) {
        out.write(line);
        written += line.length;
      }
    }
    long size = Files.size(big);
    assertTrue(size > YamlLoader.MAX_BYTES);
    assertEquals(1_048_608, size, "the padding is 15,888 lines of 66 bytes");

    Checker.Checked checked =
        assertTimeoutPreemptively(HANG_GUARD, () -> CHECKER.check(big, "big.yaml"));

    assertEquals(
        List.of(
            "big.yaml:1:1: error[file-too-large]: file is 1,048,608 bytes; spec files may be at"
                + " most 1,048,576 bytes (1 MiB)"),
        checked.diagnostics().stream().map(Diagnostic::headline).toList());
    assertTrue(checked.loaded().root().isEmpty(), "an oversized file must not be parsed");
  }

  @Test
  void fiftyMegabyteFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
    Path big = dir.resolve("huge.yaml");
    byte[] block = new byte[1 << 20];
    java.util.Arrays.fill(block, (byte) 'a');
    try (OutputStream out = Files.newOutputStream(big)) {
      out.write("chirp: 1\nid: x\nmessage: {text: \"".getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 50; i++) {
        out.write(block);
      }
    }
    assertEquals(52_428_832, Files.size(big));

    Checker.Checked checked =
        assertTimeoutPreemptively(HANG_GUARD, () -> CHECKER.check(big, "huge.yaml"));

    assertEquals(
        List.of(
            "huge.yaml:1:1: error[file-too-large]: file is 52,428,832 bytes; spec files may be at"
                + " most 1,048,576 bytes (1 MiB)"),
        checked.diagnostics().stream().map(Diagnostic::headline).toList());
    assertTrue(checked.loaded().root().isEmpty(), "an oversized file must not be parsed");
  }

  @Test
  void aTwoHundredKilobyteLineIsCheckedAndQuotedAsAWindow() {
    String value = "x".repeat(200_000);
    byte[] bytes =
        ("chirp: 1\nid: x\nmessage:\n  text: \"" + value + "\"\n").getBytes(StandardCharsets.UTF_8);

    String report = assertTimeoutPreemptively(HANG_GUARD, () -> render("long.yaml", bytes));

    List<String> lines = report.lines().toList();
    assertEquals(
        "long.yaml:4:9: error[text-too-long]: text is 200,000 characters; WhatsApp allows 4,096",
        lines.get(0));
    assertTrue(lines.get(1).length() < 300, "the quote is a window, not the 200 KB line");
    assertEquals("1 error, 0 warnings in 1 file", lines.get(lines.size() - 1));
  }

  @Test
  void fileOfExactlyOneMebibyteIsRead(@TempDir Path dir) throws IOException {
    String head = "chirp: 1\nid: x\nmessage: {text: hi}\n";
    byte[] bytes = new byte[YamlLoader.MAX_BYTES];
    java.util.Arrays.fill(bytes, (byte) '\n');
    System.arraycopy(head.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, head.length());
    Path file = dir.resolve("edge.yaml");
    Files.write(file, bytes);

    Checker.Checked checked =
        assertTimeoutPreemptively(HANG_GUARD, () -> CHECKER.check(file, "edge.yaml"));

    assertEquals(List.of(), checked.diagnostics());
  }

  @Test
  void missingFileIsADiagnosticNotAnException(@TempDir Path dir) {
    Checker.Checked checked = CHECKER.check(dir.resolve("gone.yaml"), "gone.yaml");

    assertEquals(
        List.of("gone.yaml:1:1: error[file-unreadable]: cannot read the file: NoSuchFile"),
        checked.diagnostics().stream().map(Diagnostic::headline).toList());
  }

  private static List<Path> yamlInputs() throws IOException {
    try (Stream<Path> files = Files.list(TESTDATA)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static Path errFile(Path yaml) {
    String n = yaml.getFileName().toString();
    return yaml.resolveSibling(n.substring(0, n.length() - ".yaml".length()) + ".err");
  }

  /** The input of a golden {@code NAME.err} or {@code NAME.json}. */
  private static Path yamlFile(Path golden) {
    String n = golden.getFileName().toString();
    return golden.resolveSibling(n.substring(0, n.lastIndexOf('.')) + ".yaml");
  }
}
