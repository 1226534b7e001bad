package dev.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
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
 * The example catalog in specs/: every spec is clean, every example compiles to exactly its
 * committed payload in specs/payloads/ID.EXAMPLE.json, and every payload is valid against the
 * Channels API request schema. Run with -Dchirp.updateGolden=true to rewrite the payload files
 * after an intended change, then review the diff.
 */
class CatalogTest {
  static final Path SPECS = Path.of("..", "specs");
  static final Path PAYLOADS = SPECS.resolve("payloads");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  @TestFactory
  Stream<DynamicTest> everyExampleCompilesToItsGoldenPayload() throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    Compiler compiler = new Compiler(CLOCK);
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : SpecFiles.find(List.of(SPECS))) {
      String name = file.getFileName().toString();
      Checker.Checked checked = checker.check("specs/" + name, Files.readAllBytes(file));
      tests.add(
          DynamicTest.dynamicTest(
              name + " is clean",
              () -> {
                List<String> problems =
                    checked.diagnostics().stream()
                        .filter(d -> d.severity() != Severity.INFO)
                        .map(Diagnostic::headline)
                        .toList();
                assertEquals(List.of(), problems);
              }));
      if (checked.spec().isEmpty()) {
        continue;
      }
      Spec spec = checked.spec().get();
      assertFalse(spec.examples().isEmpty(), name + " has no examples");
      for (Example ex : spec.examples()) {
        Path golden = PAYLOADS.resolve(spec.id() + "." + ex.name() + ".json");
        tests.add(
            DynamicTest.dynamicTest(
                name + " example " + ex.name(),
                () -> {
                  Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
                  Compiler.Resolution r = compiler.resolve(spec, ex.values(), to);
                  assertTrue(r.ok(), () -> r.diagnostics().toString());
                  String actual = Payload.pretty(r.payload());
                  assertEquals(List.of(), BirdSchema.problems(r.payload()), "Bird schema");
                  // Same spec and values give the same bytes.
                  assertEquals(
                      actual, Payload.pretty(compiler.resolve(spec, ex.values(), to).payload()));
                  if (UPDATE) {
                    Files.createDirectories(PAYLOADS);
                    Files.writeString(golden, actual, StandardCharsets.UTF_8);
                  }
                  assertEquals(Files.readString(golden, StandardCharsets.UTF_8), actual);
                }));
      }
    }
    return tests.stream();
  }

  @Test
  void everyGoldenPayloadBelongsToAnExample() throws IOException {
    Checker checker = new Checker(SpecSchema.load(), CLOCK);
    List<String> expected = new ArrayList<>();
    for (Path file : SpecFiles.find(List.of(SPECS))) {
      checker
          .check("x", Files.readAllBytes(file))
          .spec()
          .ifPresent(
              s -> s.examples().forEach(e -> expected.add(s.id() + "." + e.name() + ".json")));
    }
    List<String> actual;
    try (Stream<Path> files = Files.list(PAYLOADS)) {
      actual = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(expected.stream().sorted().toList(), actual);
  }

  @TestFactory
  Stream<DynamicTest> birdSchemaAcceptsValidAndRejectsInvalidFixtures() throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Path base = Path.of("..", "schema", "testdata", "bird");
    List<DynamicTest> tests = new ArrayList<>();
    for (String kind : List.of("valid", "invalid")) {
      try (Stream<Path> files = Files.list(base.resolve(kind))) {
        for (Path f : files.sorted().toList()) {
          tests.add(
              DynamicTest.dynamicTest(
                  kind + "/" + f.getFileName(),
                  () -> {
                    JsonNode payload = mapper.readTree(f.toFile());
                    List<String> problems = BirdSchema.problems(payload);
                    if (kind.equals("valid")) {
                      assertEquals(List.of(), problems);
                    } else {
                      assertFalse(problems.isEmpty(), "schema accepted " + f);
                    }
                  }));
        }
      }
    }
    return tests.stream();
  }
}
