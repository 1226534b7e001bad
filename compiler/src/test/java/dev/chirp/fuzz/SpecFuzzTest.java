package dev.chirp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.vars.ValueCheck;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzes the whole spec path: bytes in, {@link Checker#check(String, byte[])}, then {@link
 * Compiler#resolve} for every example. Invariants: nothing throws, every diagnostic lies inside the
 * file, every payload survives a round trip through UTF-8 JSON unchanged, and each input finishes
 * within {@link #HANG_GUARD}.
 *
 * <p>Without {@code JAZZER_FUZZ} (every {@code mvn verify}) this runs once per file of the seed
 * corpus in {@code src/test/resources/dev/chirp/fuzz/SpecFuzzTestInputs/checkAndCompile/} (copies
 * of {@code specs/*.yaml} and {@code testdata/*.yaml}). With {@code JAZZER_FUZZ=1} it fuzzes; see
 * the README, "Hardening".
 */
class SpecFuzzTest {
  /** A fixed "now" so that inputs behave the same on every run. */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  /** A hang guard per input, far above the few milliseconds an input takes. */
  static final Duration HANG_GUARD = Duration.ofSeconds(10);

  private static final Checker CHECKER = new Checker(SpecSchema.load(), CLOCK);
  private static final Compiler COMPILER = new Compiler(CLOCK);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One worker, reused, so a hang is reported instead of stalling the run. */
  private static final ExecutorService WORKER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "spec-fuzz");
            t.setDaemon(true);
            return t;
          });

  // libFuzzer dictionary syntax (the strings are written as they are): no raw line breaks;
  // \\xNN is a byte and \\\\ a backslash.
  @DictionaryEntries({
    "chirp: 1\\x0A",
    "id: x\\x0A",
    "message:\\x0A",
    "  text: ",
    "template:\\x0A",
    "parameters:",
    "variables:",
    "examples:",
    "vars:",
    "type: integer",
    "type: number",
    "type: boolean",
    "type: url",
    "type: date",
    "maxLength:",
    "minLength:",
    "pattern:",
    "enum:",
    "minimum:",
    "maximum:",
    "default:",
    "example:",
    "required: false",
    "actions:",
    "reply:",
    "postback:",
    "link:",
    "locationRequest:",
    "images:",
    "files:",
    "contentType:",
    "location:",
    "latitude:",
    "list:",
    "sections:",
    "rows:",
    "cards:",
    "replyTo:",
    "validity:",
    "scheduledFor:",
    "tags:",
    "{{",
    "}}",
    "{{#",
    "{{/",
    "{{^",
    "{{!",
    "{{>",
    "&a ",
    "*a",
    "? ",
    "<<: ",
    "---",
    "!!str ",
    "!!java/object:x ",
    "\\\\u",
    "\\\\U0001F600",
    ".nan",
    ".inf",
    "1e400",
    "\\xE2\\x80\\xAE",
    "\\xE2\\x80\\x8B"
  })
  @FuzzTest(maxDuration = "5m")
  void checkAndCompile(byte[] input) throws Throwable {
    guarded(() -> checkOne(input));
  }

  /** Runs {@code body} on the worker under the hang guard; rethrows what it threw. */
  static void guarded(Runnable body) throws Throwable {
    Future<?> f = WORKER.submit(body);
    try {
      f.get(HANG_GUARD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      fail("input took longer than " + HANG_GUARD + " (hang guard)");
    } catch (ExecutionException e) {
      throw e.getCause();
    }
  }

  static void checkOne(byte[] input) {
    Checker.Checked checked = CHECKER.check("f.yaml", input);
    SourceFile source = checked.loaded().source();
    List<Diagnostic> all = new ArrayList<>(checked.diagnostics());
    checked
        .spec()
        .ifPresent(
            spec -> {
              // A spec without variables and examples is compiled as its own example, as check
              // does.
              List<Example> examples =
                  spec.examples().isEmpty() && spec.variables().isEmpty()
                      ? List.of(new Example("default", Map.of(), Map.of(), null, Span.START))
                      : spec.examples();
              for (Example ex : examples) {
                Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
                Compiler.Resolution r = COMPILER.resolve(spec, ValueCheck.bindings(spec, ex), to);
                assertNotNull(r.diagnostics());
                all.addAll(r.diagnostics());
                if (r.ok()) {
                  assertPayloadRoundTrips(r);
                }
              }
            });
    for (Diagnostic d : all) {
      assertInside(source, d);
    }
  }

  private static void assertPayloadRoundTrips(Compiler.Resolution r) {
    String compact = Payload.compact(r.payload());
    try {
      // What goes over the wire is UTF-8; a lone surrogate would not survive this.
      JsonNode back = JSON.readTree(compact.getBytes(StandardCharsets.UTF_8));
      // Node classes may differ (an int read back as an int, a decimal as a double); the text may
      // not.
      assertEquals(compact, JSON.writeValueAsString(back), "payload changes through UTF-8 JSON");
      JSON.readTree(Payload.pretty(r.payload()));
    } catch (java.io.IOException e) {
      throw new AssertionError("payload does not re-parse as JSON: " + compact, e);
    }
  }

  private static void assertInside(SourceFile source, Diagnostic d) {
    Span s = d.span();
    int lines = source.lineCount();
    String where = d.headline() + " (file has " + lines + " lines)";
    assertTrue(s.line() >= 1 && s.line() <= lines + 1, "line outside the file: " + where);
    assertTrue(s.column() >= 1, "column before the line: " + where);
    assertTrue(s.endLine() >= s.line() && s.endLine() <= lines + 1, "end outside: " + where);
    assertEquals("f.yaml", d.file(), "diagnostic names another file: " + where);
  }
}
