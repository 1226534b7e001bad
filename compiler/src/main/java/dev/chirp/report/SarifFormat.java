package dev.chirp.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.text.PercentEncoding;

/** SARIF 2.1.0, for code-scanning uploads; every code chirp knows is listed as a rule. */
final class SarifFormat {
  private SarifFormat() {}

  static String render(Report report, String version) {
    ObjectNode root = JsonFormat.MAPPER.createObjectNode();
    root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "chirp");
    driver.put("version", version);
    driver.put("informationUri", "https://github.com/chirp-dev/chirp");
    ArrayNode rules = driver.putArray("rules");
    for (Code c : Code.values()) {
      ObjectNode r = rules.addObject();
      r.put("id", c.id());
      r.putObject("shortDescription").put("text", c.summary());
      r.putObject("fullDescription").put("text", c.explanation());
      r.putObject("defaultConfiguration").put("level", level(c.severity()));
    }
    // chirp's columns count code points (as editors do); SARIF's default unit is UTF-16.
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Diagnostic d : report.diagnostics()) {
      ObjectNode r = results.addObject();
      r.put("ruleId", d.code().id());
      r.put("ruleIndex", d.code().ordinal()); // the rules above list every code in order
      r.put("level", level(d.severity()));
      StringBuilder text = new StringBuilder(d.message());
      d.notes().forEach(n -> text.append("\nnote: ").append(n));
      if (d.fix() != null) {
        text.append("\nhelp: ").append(d.fix());
      }
      r.putObject("message").put("text", text.toString());
      ObjectNode phys = r.putArray("locations").addObject().putObject("physicalLocation");
      phys.putObject("artifactLocation").put("uri", uri(d.file()));
      ObjectNode region = phys.putObject("region");
      region.put("startLine", d.span().line());
      region.put("startColumn", d.span().column());
      region.put("endLine", d.span().endLine());
      region.put("endColumn", Math.max(d.span().endColumn(), 1));
    }
    return JsonFormat.write(root);
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case INFO -> "note";
    };
  }

  /**
   * The {@code artifactLocation.uri} of a file as chirp displays it: a relative path stays a
   * relative URI reference ({@code specs/a%20b.yaml}), which code scanning resolves against the
   * repository root; an absolute path becomes a {@code file://} URI ({@code
   * file:///home/ci/specs/a.yaml}, {@code file:///C:/specs/a.yaml}), as SARIF requires of a URI
   * that no {@code uriBaseId} completes (a reference starting with {@code /} is refused by
   * Microsoft's SARIF validator, rule SARIF1004). Separators become {@code /}; every byte of the
   * UTF-8 form other than RFC 3986's unreserved characters and the separators is percent-encoded.
   *
   * <p>Built from the displayed text rather than with {@code Path.toUri()}, which encodes names
   * with the platform's file-name charset (not always UTF-8) and adds a slash to folders it finds
   * on disk.
   */
  static String uri(String path) {
    String p = path.replace('\\', '/');
    if (p.length() >= 3
        && Character.isLetter(p.charAt(0))
        && p.charAt(0) < 0x80
        && p.charAt(1) == ':'
        && p.charAt(2) == '/') {
      // A Windows drive: file:///C:/specs/a.yaml (RFC 8089), the colon kept.
      return "file:///" + p.substring(0, 2) + PercentEncoding.encode(p.substring(2), "/");
    }
    if (p.startsWith("/")) {
      return "file://" + PercentEncoding.encode(p, "/");
    }
    return PercentEncoding.encode(p, "/");
  }
}
