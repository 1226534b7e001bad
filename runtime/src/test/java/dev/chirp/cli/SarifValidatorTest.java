package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.report.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * chirp's SARIF through Microsoft's SARIF validator ({@code Sarif.Multitool validate}, npm package
 * {@code @microsoft/sarif-multitool}, which bundles its .NET runtime), the checker GitHub code
 * scanning's own rules come from: every log chirp writes, for files given by relative and by
 * absolute paths, with spaces and non-ASCII names, must give no result at all. {@code .ci/run}
 * installs the validator into {@code tools/node_modules} ({@code npm ci --prefix tools}); without
 * it the test is skipped.
 */
class SarifValidatorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;
  private Path validator;

  /** The validator's binary for this system, in tools/node_modules of the repository. */
  @BeforeEach
  void findValidator() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String platform =
        os.contains("win")
            ? "win32"
            : os.contains("mac") || os.contains("darwin") ? "darwin" : "linux";
    String relative =
        "tools/node_modules/@microsoft/sarif-multitool-"
            + platform
            + "/Sarif.Multitool"
            + (platform.equals("win32") ? ".exe" : "");
    // Surefire runs in the module folder, runtime/.
    Path root = Path.of("").toAbsolutePath().getParent();
    validator = root.resolve(relative);
    if (!Files.isRegularFile(validator)) {
      abort(
          "sarif-multitool (npm @microsoft/sarif-multitool) is not installed: no "
              + relative
              + " (.ci/run installs it with npm ci --prefix tools)");
    }
    if (!Files.isExecutable(validator)) {
      abort("sarif-multitool is installed but not executable: chmod u+x " + relative);
    }
  }

  /** Every result of the validator on {@code sarif}, as "RULE level: message id [arguments]". */
  private List<String> validate(String name, String sarif) throws Exception {
    Path in = dir.resolve(name + ".sarif");
    Path out = dir.resolve(name + ".validation.sarif");
    Files.writeString(in, sarif, StandardCharsets.UTF_8);
    ProcessBuilder pb =
        new ProcessBuilder(validator.toString(), "validate", in.toString(), "-o", out.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
    // No ICU needed; and whatever the single-file bundle may unpack stays in the test's folder.
    pb.environment().put("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1");
    pb.environment().put("DOTNET_BUNDLE_EXTRACT_BASE_DIR", dir.resolve("dotnet").toString());
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("sarif-multitool validate did not finish in 180 s");
    }
    String log = Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    assertTrue(Files.isRegularFile(out), "no validation log written:\n" + log);
    JsonNode run = MAPPER.readTree(out.toFile()).at("/runs/0");
    assertEquals("Sarif.Multitool", run.at("/tool/driver/name").asText(), log);
    List<String> results = new ArrayList<>();
    for (JsonNode r : run.path("results")) {
      results.add(
          r.path("ruleId").asText()
              + " "
              + r.path("level").asText("warning")
              + ": "
              + r.at("/message/id").asText()
              + " "
              + r.at("/message/arguments"));
    }
    return results;
  }

  private static String checkSarif(String... paths) {
    List<String> args = new ArrayList<>(List.of("check", "--format", "sarif"));
    args.addAll(List.of(paths));
    Result r = ChirpCli.exec(args.toArray(String[]::new));
    assertEquals("", r.err());
    return r.out();
  }

  private static String uris(String sarif) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode r : MAPPER.readTree(sarif).at("/runs/0/results")) {
      out.add(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText());
    }
    return String.join("\n", out);
  }

  @Test
  void relativePathsPass() throws Exception {
    String sarif =
        checkSarif(MainTest.TWO_PROBLEMS, "src/test/resources/cli/sarif/with space.yaml");

    assertEquals(
        "src/test/resources/cli/sarif/with%20space.yaml\n"
            + "src/test/resources/cli/two-problems.yaml\n"
            + "src/test/resources/cli/two-problems.yaml",
        uris(sarif));
    assertEquals(List.of(), validate("relative", sarif));
  }

  @Test
  void absolutePathsPass() throws Exception {
    Path spec = dir.resolve("two-problems.yaml");
    Files.copy(Path.of(MainTest.TWO_PROBLEMS), spec);
    String sarif = checkSarif(spec.toString());

    String uri = "file://" + spec.toString().replace(" ", "%20");
    assertEquals(uri + "\n" + uri, uris(sarif));
    assertEquals(List.of(), validate("absolute", sarif));
  }

  /**
   * Spaces and non-ASCII names, relative and absolute, in a report built here (any file system).
   */
  @Test
  void spacesAndNonAsciiPass() throws Exception {
    List<String> files =
        List.of("specs/caf\u00E9 men\u00FC.yaml", "/srv/ci/\u65E5\u672C specs/\uD83D\uDE00.yaml");
    Report report =
        Report.of(
            files.stream()
                .map(f -> Diagnostic.of(Code.SCHEMA_UNKNOWN_KEY, f, Span.at(2, 1), "unknown key"))
                .toList(),
            files.stream().map(f -> new SourceFile(f, "chirp: 1\nx: 1\n")).toList());
    String sarif = Format.SARIF.render(report, "0.0.0", false);

    assertEquals(
        "file:///srv/ci/%E6%97%A5%E6%9C%AC%20specs/%F0%9F%98%80.yaml\n"
            + "specs/caf%C3%A9%20men%C3%BC.yaml",
        uris(sarif));
    assertEquals(List.of(), validate("non-ascii", sarif));
  }

  /**
   * A guard against a validator that passes anything: an absolute path written as chirp wrote it
   * before, a URI reference that starts with a slash, is refused (SARIF1004).
   */
  @Test
  void validatorRefusesAnAbsolutePathThatIsNoUri() throws Exception {
    String sarif =
        checkSarif(MainTest.CLEAN, MainTest.TWO_PROBLEMS)
            .replace(
                "\"uri\" : \"src/test/resources/cli/two-problems.yaml\"",
                "\"uri\" : \"/ci/src/test/resources/cli/two-problems.yaml\"");

    assertEquals(
        List.of(
            "SARIF1004 error: Error_RelativeReferenceMustNotBeginWithSlash"
                + " [\"runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri\","
                + "\"/ci/src/test/resources/cli/two-problems.yaml\"]",
            "SARIF1004 error: Error_RelativeReferenceMustNotBeginWithSlash"
                + " [\"runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri\","
                + "\"/ci/src/test/resources/cli/two-problems.yaml\"]"),
        validate("slash", sarif));
  }
}
