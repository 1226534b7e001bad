package dev.chirp.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.Checker;
import dev.chirp.SpecFiles;
import dev.chirp.diag.Code;
import dev.chirp.diag.Report;
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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Catalog goldens: each folder of testdata catalogs/NAME is checked as a whole and its report
 * compared with catalogs/NAME.err; -Dchirp.updateGolden=true rewrites them.
 */
class CatalogRulesGoldenTest {
  static final Path DIR = Path.of("src", "test", "resources", "catalogs");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  static String report(Path catalog) throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK).snapshots(Checker.Snapshots.OFF);
    Report r = checker.checkAll(SpecFiles.find(List.of(catalog)), catalog, catalog);
    return Format.HUMAN.render(r, "test", false);
  }

  @TestFactory
  Stream<DynamicTest> catalogs() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(DIR)) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        Path golden = DIR.resolve(d.getFileName() + ".err");
        tests.add(
            DynamicTest.dynamicTest(
                d.getFileName().toString(),
                () -> {
                  String actual = report(d);
                  if (Boolean.getBoolean("chirp.updateGolden")) {
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                  }
                  assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
                }));
      }
    }
    return tests.stream();
  }

  /** Every catalog code shows up in the broken catalog's golden, and none in the clean one's. */
  @Test
  void everyCatalogCodeIsCovered() throws IOException {
    String broken = Files.readString(DIR.resolve("broken.err"));
    String clean = Files.readString(DIR.resolve("clean.err"));
    List<Code> all = List.of(Code.values());
    List<String> missing = new ArrayList<>();
    for (Code c : all.subList(all.indexOf(Code.ID_MISMATCH), all.size())) {
      if (c == Code.CATALOG_FILE) {
        continue; // chirp.yaml problems are reported with the schema codes
      }
      if (!broken.contains("[" + c.id() + "]")) {
        missing.add(c.id());
      }
    }
    assertEquals(List.of(), missing);
    assertEquals("ok: 4 files checked, no problems\n", clean);
  }
}
