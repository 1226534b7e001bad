package dev.chirp.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.schema.SpecSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden previews: the first example of a few specs rendered as text and HTML and compared byte for
 * byte with {@code preview/NAME.txt} and {@code preview/NAME.html}. The stylesheet every page
 * inlines is pinned once, in {@code preview/stylesheet.css}; the HTML goldens hold {@link
 * #STYLESHEET} in its place. Run with {@code -Dchirp.updateGolden=true} to rewrite them; review
 * every rewritten file before committing it.
 */
class PreviewGoldenTest {
  static final Path GOLDEN = Path.of("src", "test", "resources", "preview");
  static final Path SPECS = Path.of("..", "specs");
  private static final boolean UPDATE = Boolean.getBoolean("chirp.updateGolden");

  /** What stands in an HTML golden where the page inlines {@code preview/stylesheet.css}. */
  static final String STYLESHEET = "/* preview/stylesheet.css */";

  private static final String STYLE_OPEN = "\n<style>\n";
  private static final String STYLE_CLOSE = "\n</style>\n";

  static final List<Path> CASES =
      List.of(
          SPECS.resolve("text-reply-buttons.yaml"),
          SPECS.resolve("list-custom-button.yaml"),
          SPECS.resolve("carousel-images.yaml"),
          SPECS.resolve("template-image-header.yaml"),
          GOLDEN.resolve("long-button.yaml"));

  static Preview preview(Path file) throws IOException {
    Checker checker = new Checker().snapshots(Checker.Snapshots.OFF);
    Checker.Checked c = checker.check(file, file.getFileName().toString());
    CatalogFile catalog =
        CatalogFile.load(SPECS.resolve("chirp.yaml"), "specs/chirp.yaml", SpecSchema.loadCatalog());
    Compiler compiler =
        new Compiler(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    List<Preview> all = Previews.examples(c, compiler, catalog);
    assertFalse(all.isEmpty(), () -> file + " did not load: " + c.diagnostics());
    return all.get(0);
  }

  @TestFactory
  Stream<DynamicTest> goldens() {
    return CASES.stream()
        .flatMap(
            f -> {
              String name = f.getFileName().toString().replaceFirst("\\.yaml$", "");
              return Stream.of(
                  DynamicTest.dynamicTest(
                      name + ".txt", () -> golden(name + ".txt", TextPreview.render(preview(f)))),
                  DynamicTest.dynamicTest(
                      name + ".html",
                      () ->
                          htmlGolden(name + ".html", HtmlPreview.page(name, List.of(preview(f))))));
            });
  }

  private static void golden(String name, String actual) throws IOException {
    Path g = GOLDEN.resolve(name);
    if (UPDATE) {
      Files.writeString(g, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(Files.exists(g), "no golden " + g + "; run with -Dchirp.updateGolden=true");
    assertEquals(Files.readString(g, StandardCharsets.UTF_8), actual, name);
  }

  /**
   * Compares a page with {@code name}: its inline stylesheet with {@code preview/stylesheet.css}
   * and the rest, the stylesheet replaced by {@link #STYLESHEET}, with the golden.
   */
  private static void htmlGolden(String name, String page) throws IOException {
    int open = page.indexOf(STYLE_OPEN);
    int close = page.indexOf(STYLE_CLOSE, open + 1);
    assertTrue(open >= 0 && close > open, "no inline stylesheet in " + name + ":\n" + page);
    int start = open + STYLE_OPEN.length();
    golden("stylesheet.css", page.substring(start, close) + "\n");
    golden(name, page.substring(0, start) + STYLESHEET + page.substring(close));
  }

  @Test
  void valuesAreEscapedAndFormattingRendered() throws IOException {
    String html = HtmlPreview.page("t", List.of(preview(GOLDEN.resolve("long-button.yaml"))));
    assertFalse(html.contains("<script"), "a value's markup arrives escaped");
    assertTrue(
        html.contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;, <b>bold</b> <i>italic</i>"));
    assertTrue(html.contains("<s>strike</s> <code>mono</code> and <b><i>both</i></b>.<br/>"));
  }

  @Test
  void diagnosticSitsUnderItsButton() throws IOException {
    String html = HtmlPreview.page("t", List.of(preview(GOLDEN.resolve("long-button.yaml"))));
    int button = html.indexOf("<div class=\"btn flag-error\">Absolutely love it, thanks</div>");
    int caption = html.indexOf("<div class=\"caption error\">error[");
    assertTrue(button > 0 && caption > button, html);
    assertTrue(html.indexOf("Not for me") > caption);
  }

  @Test
  void formattingEdges() {
    assertEquals("a*b*c 2 * 3 * 4", Html.formatted("a*b*c 2 * 3 * 4"));
    assertEquals("<b>x y</b>, snake_case_name", Html.formatted("*x y*, snake_case_name"));
    assertEquals("<code>*not bold*</code>", Html.formatted("```*not bold*```"));
  }

  @Test
  void wrapsAtWidth() {
    assertEquals(
        List.of("aaa bbb", "ccc", "dddddddd", "dd", "", "e"),
        Wrap.lines("aaa bbb ccc dddddddddd\n\ne", 8));
  }
}
