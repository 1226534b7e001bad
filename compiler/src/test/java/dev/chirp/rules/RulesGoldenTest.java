package dev.chirp.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.Checker;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.report.Format;
import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden tests of the WhatsApp/Bird rules: for every rule code one spec that passes exactly at the
 * limit and one that fails just past it, in {@code src/test/resources/rules/}.
 *
 * <p>Files are named {@code CODE.pass.yaml} / {@code CODE.fail.yaml}, with optional variants {@code
 * CODE.pass-VARIANT.yaml} / {@code CODE.fail-VARIANT.yaml}; each has a {@code .err} file beside it
 * holding the exact human-format output. Run with {@code -Dchirp.updateGolden=true} to (re)write
 * the {@code .err} files, then read every change before committing it.
 */
class RulesGoldenTest {
  static final Path DIR = Path.of("src/test/resources/rules");

  /** A fixed "now" so the 35-day schedule rule is deterministic: limit is 2026-12-30T12:00:00Z. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  @TestFactory
  Stream<DynamicTest> goldens() throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    List<Path> specs;
    try (Stream<Path> s = Files.list(DIR)) {
      specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(specs.isEmpty(), "no golden specs in " + DIR.toAbsolutePath());
    return specs.stream()
        .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> run(checker, p)));
  }

  private static void run(Checker checker, Path yaml) throws IOException {
    String name = yaml.getFileName().toString();
    // Snapshots are compared only for a spec checked from its path: the snapshot-mismatch goldens
    // are, against their snapshots in payloads/ (the others from memory: no partials, no
    // snapshots).
    Checker.Checked checked =
        name.startsWith(Code.SNAPSHOT_MISMATCH.id() + ".")
                || name.startsWith(Code.SNAPSHOT_MISSING.id() + ".")
            ? checker.check(yaml, name)
            : checker.check(name, Files.readAllBytes(yaml));
    String actual =
        Format.HUMAN.render(
            Report.of(checked.diagnostics(), List.of(checked.loaded().source())), "test", false);
    Path err = yaml.resolveSibling(name.substring(0, name.length() - ".yaml".length()) + ".err");
    if (UPDATE) {
      Files.writeString(err, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(err), "missing " + err + "; run with -Dchirp.updateGolden=true");
    assertEquals(Files.readString(err, StandardCharsets.UTF_8), actual, name);

    String[] parts = name.split("\\.");
    String code = parts[0];
    String kind = parts[1];
    assertTrue(Code.byId(code).isPresent(), name + ": no code " + code);
    List<Diagnostic> ds = checked.diagnostics();
    // Schema and YAML problems would mean the golden never reached the rules.
    for (Diagnostic d : ds) {
      assertFalse(
          d.code().id().startsWith("schema-")
              || d.code().id().startsWith("yaml-")
              || d.code().id().startsWith("file-"),
          name + ": spec does not reach the rules: " + d.headline());
    }
    if (kind.startsWith("fail")) {
      assertTrue(
          ds.stream().anyMatch(d -> d.code().id().equals(code)),
          name
              + ": expected a "
              + code
              + " diagnostic, got "
              + ds.stream().map(Diagnostic::code).toList());
    } else if (kind.startsWith("pass")) {
      Code c = Code.byId(code).get();
      if (c.severity() == Severity.INFO) {
        // An info-only rule passes with its note and nothing worse.
        assertTrue(ds.stream().allMatch(d -> d.severity() == Severity.INFO), name + ": " + ds);
      } else {
        assertTrue(ds.isEmpty(), name + ": expected no diagnostics, got " + ds);
      }
    } else {
      throw new AssertionError(name + ": name must be CODE.pass[-x].yaml or CODE.fail[-x].yaml");
    }
  }

  /**
   * Every rule code of one spec (TEXT_TOO_LONG up to the catalog codes, except RECEIVER which needs
   * --to) has goldens; catalog codes have theirs in CatalogRulesGoldenTest.
   */
  @Test
  void everyRuleHasPassAndFailGoldens() {
    List<Code> all = Arrays.asList(Code.values());
    List<String> missing = new ArrayList<>();
    for (Code c : all.subList(all.indexOf(Code.TEXT_TOO_LONG), all.indexOf(Code.ID_MISMATCH))) {
      if (c == Code.RECEIVER) {
        continue;
      }
      for (String kind : List.of("pass", "fail")) {
        for (String ext : List.of("yaml", "err")) {
          Path p = DIR.resolve(c.id() + "." + kind + "." + ext);
          if (!Files.isRegularFile(p)) {
            missing.add(p.getFileName().toString());
          }
        }
      }
    }
    assertEquals(List.of(), missing, "rule codes without golden files");
  }
}
