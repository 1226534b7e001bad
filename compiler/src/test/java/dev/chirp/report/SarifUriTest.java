package dev.chirp.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code artifactLocation.uri} in SARIF: relative paths stay relative, absolute ones are file:. */
class SarifUriTest {
  @Test
  void relativePathsStayRelativeReferences() {
    assertEquals("specs/order-shipped.yaml", SarifFormat.uri("specs/order-shipped.yaml"));
    assertEquals("welcome.yaml", SarifFormat.uri("welcome.yaml"));
    assertEquals("../other/specs/a.yaml", SarifFormat.uri("../other/specs/a.yaml"));
    assertEquals("specs/sub/a.yaml", SarifFormat.uri("specs\\sub\\a.yaml"));
    // A colon would make the first segment look like a scheme: it is encoded.
    assertEquals("x%3Ay/a.yaml", SarifFormat.uri("x:y/a.yaml"));
  }

  @Test
  void absolutePathsBecomeFileUris() {
    assertEquals("file:///home/ci/specs/a.yaml", SarifFormat.uri("/home/ci/specs/a.yaml"));
    assertEquals("file:///tmp/a.yaml", SarifFormat.uri("/tmp/a.yaml"));
    assertEquals("file:///C:/ci/specs/a.yaml", SarifFormat.uri("C:\\ci\\specs\\a.yaml"));
    assertEquals("file:///d:/specs/a.yaml", SarifFormat.uri("d:/specs/a.yaml"));
  }

  @Test
  void spacesNonAsciiAndReservedCharactersArePercentEncoded() {
    assertEquals("with%20space/caf%C3%A9.yaml", SarifFormat.uri("with space/café.yaml"));
    assertEquals(
        "file:///tmp/my%20specs/%E6%97%A5%E6%9C%AC/caf%C3%A9%20%F0%9F%98%80.yaml",
        SarifFormat.uri("/tmp/my specs/日本/café 😀.yaml"));
    assertEquals("a%23b%3Fc%25d%26e%2Bf%5Bg%5D%40h.yaml", SarifFormat.uri("a#b?c%d&e+f[g]@h.yaml"));
    assertEquals(
        "file:///C:/Users/J%C3%BCrgen/a%20b.yaml", SarifFormat.uri("C:\\Users\\Jürgen\\a b.yaml"));
  }

  @Test
  void theReportCarriesTheUri() {
    String file = "/srv/ci/my specs/café.yaml";
    Report report =
        Report.of(
            List.of(Diagnostic.of(Code.SCHEMA_UNKNOWN_KEY, file, Span.at(1, 1), "unknown key")),
            List.of(new SourceFile(file, "x: 1\n")));

    String sarif = SarifFormat.render(report, "0.0.0");

    String expected = "\"uri\" : \"file:///srv/ci/my%20specs/caf%C3%A9.yaml\"";
    assertEquals(1, sarif.split(java.util.regex.Pattern.quote(expected), -1).length - 1, sarif);
  }
}
