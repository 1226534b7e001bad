package dev.chirp.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.chirp.Checker;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Payload snapshots in payloads/ beside a spec, and partials from partials/, checked from a path.
 */
class SnapshotTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  static final String SPEC =
      """
      chirp: 1
      id: welcome
      variables:
        name: { type: string, maxLength: 40 }
      message:
        text: "Hi {{name}}"
      examples:
        - name: default
          vars: { name: Ada }
      """;

  static final String SNAPSHOT =
      """
      {
        "receiver": {
          "contacts": [
            {
              "identifierKey": "phonenumber",
              "identifierValue": "+31612345678"
            }
          ]
        },
        "body": {
          "type": "text",
          "text": {
            "text": "Hi Ada"
          }
        }
      }
      """;

  @TempDir Path dir;

  private Checker checker(Checker.Snapshots mode) {
    return new Checker(SpecSchema.load(), CLOCK).snapshots(mode);
  }

  private Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  @Test
  void updateWritesThenCompareIsCleanThenAnEditIsAMismatch() throws IOException {
    // The temp folder is its own catalog root, whatever lies above it.
    write("chirp.yaml", "");
    Path spec = write("spec.yaml", SPEC);
    Files.createDirectories(dir.resolve("payloads"));
    Path snap = dir.resolve("payloads/welcome.default.json");

    assertEquals(List.of(), updateDiagnostics(spec, "spec.yaml"));
    assertEquals(SNAPSHOT, Files.readString(snap));

    assertEquals(
        List.of(), checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics());

    Files.writeString(snap, SNAPSHOT.replace("\"Hi Ada\"", "\"Hello Ada\""));
    List<Diagnostic> ds = checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics();
    assertEquals(1, ds.size(), ds.toString());
    Diagnostic d = ds.get(0);
    assertEquals(
        "spec.yaml:8:5: error[snapshot-mismatch]: example `default`: the payload differs from"
            + " payloads/welcome.default.json at line 13",
        d.headline());
    assertEquals(new Span(8, 5, 10, 1), d.span());
    assertEquals(
        List.of("snapshot: \"text\": \"Hello Ada\"", "now:      \"text\": \"Hi Ada\""), d.notes());
    assertEquals(
        "if the change is intended, run `chirp check --update-snapshots` and commit", d.fix());

    // OFF ignores the stale snapshot; checking from memory never compares.
    assertEquals(List.of(), checker(Checker.Snapshots.OFF).check(spec, "spec.yaml").diagnostics());
    assertEquals(
        List.of(),
        checker(Checker.Snapshots.COMPARE)
            .check("spec.yaml", Files.readAllBytes(spec))
            .diagnostics());

    // UPDATE rewrites it, and COMPARE is clean again.
    assertEquals(List.of(), updateDiagnostics(spec, "spec.yaml"));
    assertEquals(SNAPSHOT, Files.readString(snap));
    assertEquals(
        List.of(), checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics());
  }

  @Test
  void aSnapshotShorterThanThePayloadIsReportedAtItsEnd() throws IOException {
    write("chirp.yaml", "");
    Path spec = write("spec.yaml", SPEC);
    write("payloads/welcome.default.json", SNAPSHOT.substring(0, SNAPSHOT.indexOf("  \"body\"")));
    List<Diagnostic> ds = checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics();
    assertEquals(1, ds.size(), ds.toString());
    assertEquals(
        "spec.yaml:8:5: error[snapshot-mismatch]: example `default`: the payload differs from"
            + " payloads/welcome.default.json at line 10",
        ds.get(0).headline());
    assertEquals(List.of("snapshot: (end of file)", "now:      \"body\": {"), ds.get(0).notes());
  }

  @Test
  void noSnapshotIsNoComparison() throws IOException {
    write("chirp.yaml", "");
    Path spec = write("spec.yaml", SPEC);
    assertEquals(
        List.of(), checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics());
    assertFalse(Files.exists(dir.resolve("payloads")));
  }

  static final String WITH_PARTIAL =
      """
      chirp: 1
      id: thanks
      variables:
        name: { type: string, maxLength: 40 }
        team: { type: string, maxLength: 20 }
      message:
        text: "Thanks {{name}}! {{> signoff}}"
      examples:
        - name: default
          vars: { name: Ada, team: Nordwind }
      """;

  @Test
  void aPartialBesideTheSpecIsExpandedIntoThePayload() throws IOException {
    write("chirp.yaml", "");
    write("partials/signoff.mustache", "— the {{team}} team{{> heart}}\n");
    write("partials/heart.mustache", " ❤\n");
    Path spec = write("spec.yaml", WITH_PARTIAL);
    assertEquals(List.of(), updateDiagnostics(spec, "spec.yaml"));
    String payload = Files.readString(dir.resolve("payloads/thanks.default.json"));
    assertEquals(SNAPSHOT.replace("\"Hi Ada\"", "\"Thanks Ada! — the Nordwind team ❤\""), payload);
  }

  @Test
  void aPartialInAParentCatalogFolderIsFound() throws IOException {
    write("chirp.yaml", "");
    write("partials/signoff.mustache", "— the {{team}} team");
    write("partials/heart.mustache", "");
    Path spec = write("orders/spec.yaml", WITH_PARTIAL);
    assertEquals(List.of(), updateDiagnostics(spec, "orders/spec.yaml"));
    assertEquals(
        SNAPSHOT.replace("\"Hi Ada\"", "\"Thanks Ada! — the Nordwind team\""),
        Files.readString(dir.resolve("orders/payloads/thanks.default.json")));
  }

  @Test
  void aMissingPartialIsReportedAtItsTag() throws IOException {
    write("chirp.yaml", "");
    write("partials/other.mustache", "x");
    Path spec =
        write("spec.yaml", WITH_PARTIAL.replace("{{> signoff}}", "{{team}} {{> sign_off}}"));
    List<Diagnostic> ds = checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics();
    assertEquals(1, ds.size(), ds.toString());
    assertEquals(
        "spec.yaml:7:36: error[partial-missing]: partial `sign_off` not found; looked for"
            + " partials/sign_off.mustache",
        ds.get(0).headline());
    assertEquals(new Span(7, 36, 7, 50), ds.get(0).span());
  }

  @Test
  void withoutAPartialsFolderTheMessageSaysSo() throws IOException {
    write("chirp.yaml", "");
    Path spec = write("spec.yaml", WITH_PARTIAL);
    List<Diagnostic> ds = checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics();
    assertEquals(
        List.of(
            "spec.yaml:7:27: error[partial-missing]: partial `signoff` not found; looked for a"
                + " partials/ folder",
            "spec.yaml:5:3: warning[var-unused]: variable `team` is declared but never used"),
        ds.stream().map(Diagnostic::headline).toList());
  }

  @Test
  void aPartialThatIncludesItselfIsReportedOnce() throws IOException {
    write("chirp.yaml", "");
    write("partials/signoff.mustache", "— the {{team}} team{{> outro}}");
    write("partials/outro.mustache", "!{{> signoff}}");
    Path spec = write("spec.yaml", WITH_PARTIAL);
    List<Diagnostic> ds = checker(Checker.Snapshots.COMPARE).check(spec, "spec.yaml").diagnostics();
    assertEquals(
        List.of(
            "spec.yaml:7:27: error[var-syntax]: partial `signoff` includes itself: signoff > outro"
                + " > signoff"),
        ds.stream().map(Diagnostic::headline).toList());
  }

  /** An UPDATE check of {@code spec}, then the snapshots it asks for written, as the CLI does. */
  private List<Diagnostic> updateDiagnostics(Path spec, String display) throws IOException {
    Checker c = checker(Checker.Snapshots.UPDATE);
    List<Diagnostic> ds = c.check(spec, display).diagnostics();
    for (var e : c.snapshotsToWrite().entrySet()) {
      Files.createDirectories(e.getKey().getParent());
      Files.writeString(e.getKey(), e.getValue());
    }
    return ds;
  }
}
