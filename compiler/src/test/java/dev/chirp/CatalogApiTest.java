package dev.chirp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.diag.Diagnostic;
import dev.chirp.emit.Receiver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The library API exactly as the README shows it. */
class CatalogApiTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  @Test
  void readmeExample() throws Exception {
    // --- README: library API ---
    Catalog catalog = Catalog.load(Path.of("..", "specs"), CLOCK);
    Catalog.Result r =
        catalog.resolve(
            "text-link-button",
            Map.of("name", "Ada", "orderId", "482913"),
            Receiver.phone("+31612345678"));
    // --- end ---
    assertFalse(catalog.hasErrors());
    assertEquals(40, catalog.ids().size());
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    assertEquals(
        "{\"receiver\":{\"contacts\":[{\"identifierKey\":\"phonenumber\",\"identifierValue\":\"+31612345678\"}]},"
            + "\"body\":{\"type\":\"text\",\"text\":{\"text\":\"Hi Ada, we received your payment for order 482913."
            + " Your invoice is ready to download.\",\"actions\":[{\"type\":\"link\",\"link\":{\"text\":\"View"
            + " invoice\",\"url\":\"https://nordwind.example/account/orders/482913/invoice\"}}]}}}",
        r.json());
  }

  @Test
  void badValuesGiveDiagnosticsAndNoJson() throws Exception {
    Catalog catalog = Catalog.load(Path.of("..", "specs"), CLOCK);
    Catalog.Result r =
        catalog.resolve("text-plain", Map.of("name", "Ada"), Receiver.phone("+31612345678"));
    assertNull(r.json());
    assertEquals(
        List.of(
            "values:1:1: error[var-missing]: values: no value for required variable `orderId`",
            "values:1:1: error[var-missing]: values: no value for required variable `total`"),
        r.diagnostics().stream().map(Diagnostic::headline).toList());
  }

  @Test
  void unknownSpec() throws Exception {
    Catalog catalog = Catalog.load(Path.of("..", "specs"), CLOCK);
    Catalog.Result r = catalog.resolve("nope", Map.of(), Receiver.phone("+31612345678"));
    assertEquals(
        List.of("nope:1:1: error[file-unreadable]: no spec `nope` in the catalog"),
        r.diagnostics().stream().map(Diagnostic::headline).toList());
  }
}
