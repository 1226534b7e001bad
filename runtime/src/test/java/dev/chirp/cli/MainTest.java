package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The command line driven in-process through {@link Main#run}: exact stdout, stderr and exit code.
 * Fixtures are passed as paths relative to the module folder (surefire's working directory), so the
 * displayed paths are stable. Expected outputs live in {@code src/test/resources/cli/}; run with
 * {@code -Dchirp.updateGolden=true} to rewrite them, then review the diff.
 */
class MainTest {
  static final Path CLI = Path.of("src", "test", "resources", "cli");
  static final String CLEAN = "src/test/resources/cli/clean.yaml";
  static final String TWO_PROBLEMS = "src/test/resources/cli/two-problems.yaml";

  private static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  @RegisterExtension final ChirpCli cli = new ChirpCli();

  Result run(String... args) {
    return cli.run(args);
  }

  /** Compares {@code actual} with {@code cli/NAME}, or rewrites that file when updating. */
  static void assertMatchesFile(String name, String actual) throws IOException {
    Path file = CLI.resolve(name);
    if (UPDATE) {
      Files.writeString(file, actual, StandardCharsets.UTF_8);
      return;
    }
    assertEquals(
        Files.readString(file, StandardCharsets.UTF_8), actual, "output differs from " + file);
  }

  @Test
  void versionPrintsNameAndVersion() {
    assertEquals(new Result(0, "chirp 0.1.0\n", ""), run("--version"));
    assertEquals(new Result(0, "chirp 0.1.0\n", ""), run("-V"));
  }

  @Test
  void checkCleanFileExitsZero() {
    assertEquals(new Result(0, "ok: 1 file checked, no problems\n", ""), run("check", CLEAN));
  }

  @Test
  void checkCleanFileWithStrictExitsZero() {
    assertEquals(
        new Result(0, "ok: 1 file checked, no problems\n", ""), run("check", "--strict", CLEAN));
  }

  @ParameterizedTest(name = "--format {0}")
  @CsvSource({
    "human, two-problems.human.txt",
    "json, two-problems.json",
    "sarif, two-problems.sarif",
    "github, two-problems.github.txt",
    "junit, two-problems.junit.xml",
  })
  void checkTwoProblemsInEachFormat(String format, String expectedFile) throws IOException {
    Result r = run("check", "--format", format, TWO_PROBLEMS);

    assertEquals("", r.err());
    assertEquals(1, r.exit());
    assertMatchesFile(expectedFile, r.out());
  }

  @Test
  void cleanFileInEachMachineFormat() throws IOException {
    assertMatchesFile("clean.json", run("check", "--format", "json", CLEAN).out());
    assertEquals(new Result(0, "", ""), run("check", "--format", "github", CLEAN));
    assertMatchesFile("clean.junit.xml", run("check", "--format", "junit", CLEAN).out());
  }

  @Test
  void strictStillFailsOnErrors() throws IOException {
    Result r = run("check", "--strict", TWO_PROBLEMS);

    assertEquals(1, r.exit());
    assertEquals("", r.err());
    assertMatchesFile("two-problems.human.txt", r.out());
  }

  /**
   * A warning passes without --strict and fails with it (the fixture declares an unused variable).
   */
  @Test
  void strictTurnsAWarningIntoAFailure() {
    String file = "src/test/resources/cli/warning-only.yaml";
    Result lax = run("check", file);
    Result strict = run("check", "--strict", file);

    assertEquals(0, lax.exit(), lax.out());
    assertEquals("", lax.err());
    assertTrue(lax.out().endsWith("\n0 errors, 1 warning in 1 file\n"), lax.out());
    assertEquals(new Result(1, lax.out(), ""), strict);
  }

  @Test
  void unknownFormatIsAUsageError() {
    assertEquals(
        new Result(
            2, "", "chirp: unknown format 'yaml'; use human, json, sarif, github or junit\n"),
        run("check", "--format", "yaml", CLEAN));
  }

  @Test
  void missingPathIsAUsageError() {
    assertEquals(
        new Result(2, "", "chirp: no such file or directory: src/test/resources/cli/nope.yaml\n"),
        run("check", "src/test/resources/cli/nope.yaml"));
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertEquals(
        new Result(
            2, "", "chirp: Unknown option: '--frobnicate'\nTry 'chirp check --help' for usage.\n"),
        run("check", "--frobnicate", CLEAN));
  }

  @Test
  void explainKnownCode() {
    assertEquals(
        new Result(
            0,
            "yaml-duplicate-key (error by default): a key appears twice in the same mapping\n"
                + "\n"
                + "YAML mappings need unique keys; most parsers silently keep the last value,"
                + " which hides mistakes. The diagnostic points at the second occurrence and"
                + " names the line of the first. Remove or rename one of them.\n",
            ""),
        run("explain", "yaml-duplicate-key"));
  }

  /** Spec text quoted in messages cannot send escape sequences to a terminal or a CI log. */
  @Test
  void controlCharactersInMessagesAreShownNotObeyed() throws IOException {
    Path dir = cli.dir();
    Path spec = dir.resolve("c.yaml");
    Files.writeString(spec, "chirp: 1\nid: c\n\"a\\x01b\\e[31m\": 1\nmessage:\n  text: hi\n");
    for (String format : List.of("human", "github")) {
      Result r = run("check", spec.toString(), "--format", format);
      assertEquals(1, r.exit(), r.out());
      assertTrue(r.out().contains("unknown key `a\u2401b\u241b[31m`"), r.out());
      assertTrue(r.out().chars().noneMatch(c -> c < 0x20 && c != '\n'), format + ": " + r.out());
    }
  }

  /**
   * Noncharacters and controls escaped in a spec reach the JUnit report as U+FFFD (XML 1.0 cannot
   * hold them), and the report parses.
   */
  @Test
  void junitReportOfASpecWithNoncharactersParses() throws Exception {
    Path dir = cli.dir();
    Path spec = dir.resolve("odd.yaml");
    Files.writeString(
        spec, "chirp: 1\nid: odd\n\"k\\uFFFE\\uFFFF\\x01\": 1\nmessage:\n  text: hi\n");

    Result r = run("check", spec.toString(), "--format", "junit");

    String message = "unknown key `k\uFFFD\uFFFD\uFFFD` in the spec";
    assertEquals(
        new Result(
            1,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"chirp check\" tests=\"1\" failures=\"1\">\n"
                + "  <testsuite name=\"chirp check\" tests=\"1\" failures=\"1\" errors=\"0\""
                + " skipped=\"0\">\n"
                + "    <testcase classname=\"chirp.check\" name=\""
                + spec
                + "\">\n"
                + "      <failure type=\"schema-unknown-key\" message=\""
                + message
                + "\">"
                + spec
                + ":3:1: error[schema-unknown-key]: "
                + message
                + "</failure>\n"
                + "    </testcase>\n"
                + "  </testsuite>\n"
                + "</testsuites>\n",
            ""),
        r);
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    Element failure = (Element) doc.getElementsByTagName("failure").item(0);
    assertEquals(message, failure.getAttribute("message"));
    assertEquals(spec + ":3:1: error[schema-unknown-key]: " + message, failure.getTextContent());
  }

  /** "# chirp-ignore" in a block scalar or a quoted string is message text, not a comment. */
  @Test
  void onlyRealCommentsSuppress() throws IOException {
    Path dir = cli.dir();
    Path spec = dir.resolve("s.yaml");
    Files.writeString(
        spec,
        "chirp: 1\n"
            + "id: s\n"
            + "variables:\n"
            + "  name: { type: string, maxLength: 10 }\n"
            + "message:\n"
            + "  text: |-\n"
            + "    # chirp-ignore var-undeclared: legacy name\n"
            + "    Hi {{name}} {{nme}}\n"
            + "  actions:\n"
            + "    - reply: { text: \"OK # chirp-ignore button-title-too-long: x\" }"
            + "  # chirp-ignore button-title-duplicate: a real comment\n");
    Result r = run("check", spec.toString());
    assertEquals(1, r.exit(), r.out());
    assertEquals(
        List.of(
            spec + ":8:17: error[var-undeclared]: variable `nme` is not declared",
            spec
                + ":10:22: error[button-title-too-long]: button title is 42 characters; WhatsApp"
                + " allows 20",
            spec
                + ":10:70: warning[suppression-unused]: chirp-ignore button-title-duplicate"
                + " suppresses nothing on line 10"),
        r.out().lines().filter(l -> l.startsWith(spec.toString())).toList());
  }

  /** A suppression silences a warning or an info, never an error that compile and send refuse. */
  @Test
  void anErrorCannotBeSuppressed() throws IOException {
    Path dir = cli.dir();
    Path a = dir.resolve("a.yaml");
    Files.writeString(
        a,
        "chirp: 1\nid: a\nmessage:\n  text: Hello\n  actions:\n    - reply: { text: \"This title"
            + " is far too long\" }  # chirp-ignore button-title-too-long: marketing approved\n");
    Result r = run("check", a.toString());
    assertEquals(1, r.exit());
    assertEquals(
        List.of(
            a
                + ":6:22: error[button-title-too-long]: button title is 26 characters; WhatsApp"
                + " allows 20",
            a
                + ":6:54: error[suppression-invalid]: chirp-ignore button-title-too-long cannot"
                + " silence an error: compile and send refuse the spec all the same"),
        r.out().lines().filter(l -> l.startsWith(a.toString())).toList());
    Path b = dir.resolve("b.yaml");
    Files.writeString(
        b,
        "chirp: 1\nid: b\nmessage:\n  files:\n    - url: \"https://x.example/a.pdf\""
            + "  # chirp-ignore content-type-inferred: a PDF it is\n");
    assertEquals(
        new Result(0, "ok: 1 file checked, no problems\n", ""), run("check", b.toString()));
  }

  @Test
  void updateSnapshotsSaysWhichFilesItWrote() throws IOException {
    Path dir = cli.dir();
    Path spec = dir.resolve("hi.yaml");
    Files.writeString(
        spec,
        "chirp: 1\nid: hi\nmessage:\n  text: Hello\nexamples:\n  - name: default\n    vars: {}\n");
    Result first = run("check", "--update-snapshots", dir.toString());
    assertEquals(
        new Result(
            0,
            "ok: 1 file checked, no problems\n",
            "chirp: wrote "
                + dir.resolve("payloads").resolve("hi.default.json")
                + "\nchirp: 1 snapshot written\n"),
        first);
    assertEquals(
        new Result(
            0, "ok: 1 file checked, no problems\n", "chirp: every snapshot was up to date\n"),
        run("check", "--update-snapshots", dir.toString()));
  }

  /** A chirp.yaml given by name (as pre-commit hooks do) is checked as its catalog, not a spec. */
  @Test
  void aCatalogFileGivenByNameChecksItsCatalog() {
    Result folder = run("check", "../specs");
    assertEquals(0, folder.exit(), folder.out());
    assertEquals(folder, run("check", "../specs/chirp.yaml"));
    assertEquals(folder, run("check", "../specs/chirp.yaml", "../specs"));
  }

  /** Codes written out in the runtime's own messages (batch rows) can be explained too. */
  @Test
  void everyCodeTheRuntimePrintsHasAnExplanation() throws IOException {
    Pattern code = Pattern.compile("(?:error|warning|info)\\[([a-z-]+)\\]");
    Set<String> printed = new TreeSet<>();
    try (var files = Files.walk(Path.of("src", "main", "java"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        Matcher m = code.matcher(Files.readString(f));
        while (m.find()) {
          printed.add(m.group(1));
        }
      }
    }
    assertEquals(
        Set.of("changed", "duplicate", "recipients", "unknown", "var-missing", "var-unknown"),
        printed);
    for (String id : printed) {
      assertEquals(0, run("explain", id).exit(), id);
    }
  }

  @Test
  void explainUnknownCodeIsAUsageError() {
    assertEquals(
        new Result(2, "", "chirp: unknown code 'nope'; 'chirp explain' lists them all\n"),
        run("explain", "nope"));
  }

  @Test
  void explainMisspelledCodeSuggestsTheClosest() {
    assertEquals(
        new Result(
            2, "", "chirp: unknown code 'yaml-duplicat-key'; did you mean 'yaml-duplicate-key'?\n"),
        run("explain", "yaml-duplicat-key"));
  }

  @Test
  void humanOutputIsColouredOnATerminal() throws IOException {
    Result r = ChirpCli.exec(Map.of("TERM", "xterm"), true, "check", TWO_PROBLEMS);

    assertEquals(1, r.exit());
    assertEquals("", r.err());
    assertMatchesFile("two-problems.human-color.txt", r.out());
  }

  @Test
  void noColorTurnsColourOffOnATerminal() throws IOException {
    Result r = ChirpCli.exec(Map.of("TERM", "xterm", "NO_COLOR", "1"), true, "check", TWO_PROBLEMS);

    assertEquals(1, r.exit());
    assertEquals("", r.err());
    assertMatchesFile("two-problems.human.txt", r.out());
  }

  @Test
  void emptyNoColorAlsoTurnsColourOff() throws IOException {
    // no-color.org: "when present and not an empty string"; chirp treats presence alone as enough.
    Result r = ChirpCli.exec(Map.of("NO_COLOR", ""), true, "check", TWO_PROBLEMS);

    assertMatchesFile("two-problems.human.txt", r.out());
  }

  @Test
  void colorOptionOverridesTheTerminalCheck() throws IOException {
    assertMatchesFile(
        "two-problems.human-color.txt",
        ChirpCli.exec(Map.of(), false, "check", "--color", "always", TWO_PROBLEMS).out());
    assertMatchesFile(
        "two-problems.human.txt",
        ChirpCli.exec(Map.of(), true, "check", "--color", "never", TWO_PROBLEMS).out());
  }

  @Test
  void unknownColorIsAUsageError() {
    assertEquals(
        new Result(2, "", "chirp: unknown --color 'sometimes'; use auto, always or never\n"),
        run("check", "--color", "sometimes", CLEAN));
  }
}
