package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.cli.ChirpCli.Result;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code chirp preview} and {@code chirp diff --format html}, without a browser. */
class PreviewCommandTest {
  static final Path SPECS = Path.of("..", "specs");
  static final Path GOLDEN = Path.of("..", "compiler", "src", "test", "resources", "preview");

  @Test
  void textIsTheGoldenOfTheFirstExample() throws Exception {
    Result r = ChirpCli.exec("preview", SPECS.resolve("text-reply-buttons.yaml").toString());
    assertEquals(
        new Result(
            0,
            Files.readString(GOLDEN.resolve("text-reply-buttons.txt"), StandardCharsets.UTF_8),
            ""),
        r);
  }

  @Test
  void aSpecWithoutExamplesIsDrawnWithItsVariablesExampleValues(@TempDir Path tmp)
      throws Exception {
    Path spec = tmp.resolve("hi.yaml");
    Files.writeString(
        spec,
        "chirp: 1\nid: hi\nvariables:\n  name: { type: string, maxLength: 10, example: Ada }\n"
            + "message:\n  text: Hello {{name}}\n");
    assertEquals(
        new Result(
            0,
            "── hi · variable examples ──\n"
                + "┌──────────────────────────────────────────────────┐\n"
                + "│ Hello Ada                                        │\n"
                + "└──────────────────────────────────────────────────┘\n",
            ""),
        ChirpCli.exec("preview", spec.toString()));
  }

  @Test
  void diffOfAnUnknownRevisionSaysSoWithoutGitsCommandLine() {
    assertEquals(
        new Result(
            2,
            "",
            "chirp: 'no-such-revision' is neither a folder nor a commit of this repository; give"
                + " a folder, a branch, a tag or a commit (e.g. origin/main)\n"),
        ChirpCli.exec("diff", "no-such-revision", "HEAD"));
  }

  @Test
  void valuesFromTheCommandLine() {
    Result r =
        ChirpCli.exec(
            "preview",
            SPECS.resolve("text-plain.yaml").toString(),
            "--example",
            "--var",
            "name=<b>Bo</b>",
            "--format",
            "html");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("&lt;b&gt;Bo&lt;/b&gt;"), r.out());
    assertTrue(
        r.out().contains("text-plain <span class=\"ex\">· default with given values</span>"),
        r.out());
  }

  @Test
  void errorsAreShownAndExitOne() {
    Result r =
        ChirpCli.exec("preview", GOLDEN.resolve("long-button.yaml").toString(), "--format", "html");
    assertEquals(1, r.exit());
    assertTrue(r.out().contains("<div class=\"btn flag-error\">Absolutely love it, thanks</div>"));
    assertTrue(r.err().contains("error[button-title-too-long]"), r.err());
  }

  @Test
  void catalogPageIsSelfContainedWithATableOfContents(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("catalog.html");
    Result r =
        ChirpCli.exec("preview", SPECS.toString(), "--format", "html", "--out", out.toString());
    assertEquals(0, r.exit(), r.err());
    String html = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(List.of(), PageCheck.problems(html));
    long examples = html.split("<section class=\"preview\"", -1).length - 1L;
    long toc = html.split("<li><a href=\"#", -1).length - 1L;
    assertTrue(examples >= 38, "every spec and example: " + examples);
    assertEquals(examples, toc);
  }

  @Test
  void everyExampleTextPreviewFitsTheBox() {
    Result r = ChirpCli.exec("preview", SPECS.toString());
    assertEquals(0, r.exit(), r.err());
    for (String line : r.out().split("\n")) {
      if (line.startsWith("│")) {
        assertEquals(52, dev.chirp.preview.TextPreview.columns(line), line);
      }
    }
  }

  @Test
  void pngNeedsOut() {
    Result r =
        ChirpCli.exec("preview", SPECS.resolve("text-plain.yaml").toString(), "--format", "png");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--format png needs --out"), r.err());
  }

  @Test
  void withoutChromiumTheMessageNamesThePackage() {
    assertTrue(
        Chromium.find(Map.of("PATH", "/nonexistent"), Path.of("/nonexistent/chromium")).isEmpty());
    assertTrue(PreviewCommand.noChromium().getMessage().contains("apt-get install chromium"));
  }

  /** A partial changes payloads without touching the spec file: the diff shows it. */
  @Test
  void diffSeesAChangedPartial(@TempDir Path tmp) throws Exception {
    String spec =
        "chirp: 1\nid: hi\nmessage:\n  text: \"Hello {{> signoff}}\"\nexamples:\n"
            + "  - name: default\n    vars: {}\n";
    for (String side : List.of("a", "b")) {
      Path dir = Files.createDirectories(tmp.resolve(side).resolve("partials"));
      Files.writeString(dir.getParent().resolve("hi.yaml"), spec);
      Files.writeString(dir.resolve("signoff.mustache"), side.equals("a") ? "Team A" : "Team B");
    }
    Result r =
        ChirpCli.exec(
            "diff", tmp.resolve("a").toString(), tmp.resolve("b").toString(), "--format", "json");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.out().contains("\"Hello Team A\""), r.out());
    assertTrue(r.out().contains("\"Hello Team B\""), r.out());
  }

  @Test
  void diffHtmlShowsBeforeAndAfter(@TempDir Path tmp) throws Exception {
    Path a = Files.createDirectories(tmp.resolve("a"));
    Path b = Files.createDirectories(tmp.resolve("b"));
    String spec = Files.readString(SPECS.resolve("text-reply-buttons.yaml"));
    Files.writeString(a.resolve("text-reply-buttons.yaml"), spec);
    Files.writeString(
        b.resolve("text-reply-buttons.yaml"), spec.replace("Not for me", "Not my cup of tea"));
    Result r = ChirpCli.exec("diff", a.toString(), b.toString(), "--format", "html");
    assertEquals(1, r.exit(), r.err());
    String html = r.out();
    assertEquals(List.of(), PageCheck.problems(html));
    int before = html.indexOf("<h3>before</h3>");
    int after = html.indexOf("<h3>after</h3>");
    assertTrue(before > 0 && after > before, html);
    assertTrue(html.indexOf("<div class=\"btn\">Not for me</div>", before) < after);
    assertTrue(html.indexOf("<div class=\"btn\">Not my cup of tea</div>", after) > after);
    assertTrue(html.contains("0 added, 0 removed, 1 changed"));
  }
}
