package dev.chirp.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.Checker;
import dev.chirp.SpecFiles;
import dev.chirp.diag.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language server's incremental check gives, after every kind of change, exactly the report of
 * a full {@link Checker#checkAll}, and checks again only the specs that changed.
 */
class CatalogCheckTest {
  @TempDir Path dir;

  static final Checker CHECKER = new Checker();

  Path root;
  CatalogCheck incremental;
  final Map<Path, byte[]> open = new HashMap<>();

  @BeforeEach
  void catalog() throws Exception {
    root = dir.resolve("catalog").toAbsolutePath().normalize();
    try (Stream<Path> s = Files.walk(Path.of("../specs"))) {
      for (Path p : s.toList()) {
        Path to = root.resolve(Path.of("../specs").relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Files.createDirectories(root.resolve("partials"));
    Files.writeString(root.resolve("partials/signoff.mustache"), " -- the team");
    Files.writeString(
        root.resolve("signed.yaml"),
        "chirp: 1\nid: signed\nvariables:\n  name: { type: string, maxLength: 20, example: Ada }\n"
            + "message:\n  text: \"Hello {{name}}{{> signoff}}\"\n");
    incremental = new CatalogCheck(root);
  }

  /** Checks both ways and compares; returns the report. */
  Report same() throws Exception {
    List<Path> files =
        SpecFiles.find(List.of(root)).stream()
            .map(p -> p.toAbsolutePath().normalize())
            .sorted()
            .toList();
    assertEquals(files, incremental.files(List.of()));
    Checker checker = CHECKER.overlay(open::get);
    Report full = checker.checkAll(files, root, root);
    Report got = incremental.check(checker, files, open);
    assertEquals(full.diagnostics(), got.diagnostics());
    assertEquals(full.sources().keySet(), got.sources().keySet());
    for (var e : full.sources().entrySet()) {
      assertEquals(e.getValue().text(), got.sources().get(e.getKey()).text(), e.getKey());
    }
    return full;
  }

  static List<String> codes(Report r, String file) {
    return r.diagnostics().stream()
        .filter(d -> d.file().equals(file))
        .map(d -> d.code().id())
        .toList();
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anEditInTheEditorChecksOnlyThatSpecAndGivesTheFullChecksReport() throws Exception {
    same();
    assertEquals(SpecFiles.find(List.of(root)).size(), incremental.checkedLast());
    same();
    assertEquals(0, incremental.checkedLast());
    Path spec = root.resolve("order-shipped.yaml");
    open.put(spec, (read(spec) + "colour: blue\n").getBytes(StandardCharsets.UTF_8));
    assertEquals(List.of("schema-unknown-key"), codes(same(), "order-shipped.yaml"));
    assertEquals(1, incremental.checkedLast());
    // An id taken from another spec: a catalog-wide finding, on both files, from reused results.
    open.put(spec, read(spec).replace("id: order-shipped", "id: text-plain").getBytes());
    Report r = same();
    assertTrue(codes(r, "order-shipped.yaml").contains("id-duplicate"), r.diagnostics().toString());
    assertTrue(codes(r, "text-plain.yaml").contains("id-duplicate"), r.diagnostics().toString());
    open.remove(spec); // closed unsaved: the disk's text again
    assertEquals(List.of(), codes(same(), "order-shipped.yaml"));
  }

  @Test
  void changesOnDiskToSpecsPartialsSnapshotsAndChirpYamlAreSeen() throws Exception {
    same();
    Path other = root.resolve("text-plain.yaml");
    Files.writeString(other, read(other).replace("chirp: 1", "chirp: 1\nbogus: 1"));
    assertEquals(List.of("schema-unknown-key"), codes(same(), "text-plain.yaml"));
    Files.writeString(root.resolve("partials/signoff.mustache"), " -- {{signer}}");
    assertEquals(List.of("var-undeclared"), codes(same(), "signed.yaml"));
    // A partial open in the editor and not yet on disk.
    Path partial = root.resolve("partials/footer.mustache");
    open.put(partial, "bye".getBytes());
    Files.writeString(root.resolve("signed.yaml"), read(root.resolve("signed.yaml")) + "#\n");
    same();
    open.put(partial, "{{nobody}}".getBytes());
    Files.writeString(
        root.resolve("signed.yaml"),
        read(root.resolve("signed.yaml")).replace("}}\"", "}}{{> footer}}\""));
    same();
    Path snapshot = root.resolve("payloads/order-shipped.default.json");
    Files.writeString(snapshot, read(snapshot).replace("Lena", "Lina"));
    assertEquals(List.of("snapshot-mismatch"), codes(same(), "order-shipped.yaml"));
    Files.delete(snapshot);
    same();
    open.put(root.resolve("chirp.yaml"), "chirp: 1\nlocales: [en, de]\n".getBytes());
    same();
    assertEquals(0, incremental.checkedLast());
    Files.writeString(root.resolve("new.yaml"), "chirp: 1\nid: new\nmessage:\n  text: Hi\n");
    Files.delete(root.resolve("text-plain.yaml"));
    same();
  }

  @Test
  void anOldFileIsKnownByItsTimeAndSizeAndARewriteIsSeen() throws Exception {
    FileTime past = FileTime.from(Instant.now().minusSeconds(3600));
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        Files.setLastModifiedTime(p, past); // folders too: the list of files is kept
      }
    }
    same();
    same();
    assertEquals(0, incremental.checkedLast());
    // The same size, another text and another time.
    Path spec = root.resolve("text-plain.yaml");
    Files.writeString(spec, read(spec).replace("chirp: 1", "chirp: 2"));
    Files.setLastModifiedTime(spec, FileTime.from(Instant.now().minusSeconds(1800)));
    assertEquals(List.of("schema-value"), codes(same(), "text-plain.yaml"));
    assertEquals(1, incremental.checkedLast());
    // A new file changes its folder's time: the folder is listed again.
    Files.writeString(root.resolve("new.yaml"), "chirp: 1\nid: new\nmessage:\n  text: Hi\n");
    assertEquals(List.of(), codes(same(), "new.yaml"));
    assertEquals(1, incremental.checkedLast());
  }
}
