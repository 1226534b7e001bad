package dev.chirp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.SpecFiles;
import dev.chirp.cli.ChirpCli.Result;
import dev.chirp.preview.HtmlPreview;
import dev.chirp.preview.Preview;
import dev.chirp.preview.Previews;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with a real browser, skipped when Chromium is not installed: every example spec drawn
 * to PNG by headless Chromium, each image a real PNG of plausible size, and no page that fetches
 * anything (by its markup, and by Chromium's log: no network errors, no console messages).
 */
class PreviewPngTest {
  static final Path SPECS = Path.of("..", "specs");
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  static Path chromium() {
    Optional<Path> c = Chromium.find(System.getenv());
    assumeTrue(c.isPresent(), "Chromium is not installed (apt-get install chromium)");
    return c.get();
  }

  @Test
  void everyExampleSpecRendersWithoutNetwork(@TempDir Path tmp) throws Exception {
    Path browser = chromium();
    Checker checker = new Checker().snapshots(Checker.Snapshots.OFF);
    Compiler compiler = new Compiler(Clock.systemUTC());
    List<Path> specs = SpecFiles.find(List.of(SPECS));
    assertTrue(specs.size() >= 30, "the example catalog: " + specs);
    for (Path f : specs) {
      Preview p =
          Previews.examples(checker.check(f, f.getFileName().toString()), compiler, null).get(0);
      String html = HtmlPreview.page(p.key(), List.of(p));
      assertEquals(List.of(), PageCheck.problems(html), f.toString());
      int[] size = PreviewCommand.windowSize(List.of(p));
      Path png = tmp.resolve(p.key() + ".png");
      Path netLog = tmp.resolve(p.key() + ".netlog.json");
      Chromium.Shot shot = Chromium.screenshot(browser, html, png, size[0], size[1], netLog);
      assertEquals(0, shot.exit(), shot.log());
      for (String line : shot.log().split("\n")) {
        assertTrue(
            !line.contains("net::ERR")
                && !line.contains("CONSOLE")
                && !line.contains("Failed to load")
                && !line.contains("ERR_NAME_NOT_RESOLVED"),
            f + ": " + line);
      }
      assertPng(png, size[0], size[1]);
      assertEquals(List.of(), pageRequests(Files.readString(netLog)), f + ": requests in NetLog");
    }
  }

  /**
   * The URLs of a NetLog that are not Chromium's own service calls (update checks, account probes
   * to Google hosts, refused by the proxy in any case): the requests the page made.
   */
  static List<String> pageRequests(String netLog) {
    List<String> out = new java.util.ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\"url\":\"([^\"]*)\"").matcher(netLog);
    while (m.find()) {
      String url = m.group(1);
      String host = java.net.URI.create(url).getHost();
      boolean chromiumOwn =
          host != null && (host.endsWith(".google.com") || host.endsWith(".googleapis.com"));
      if (!url.startsWith("file:") && !url.startsWith("data:") && !chromiumOwn) {
        out.add(url);
      }
    }
    return out;
  }

  @Test
  void netLogCatchesAPageThatFetches(@TempDir Path tmp) throws Exception {
    Path browser = chromium();
    Path netLog = tmp.resolve("net.json");
    Chromium.screenshot(
        browser,
        "<!DOCTYPE html><html><body><img src=\"https://cdn.nordwind.example/a.png\"/></body></html>",
        tmp.resolve("bad.png"),
        400,
        300,
        netLog);
    assertEquals(
        List.of("https://cdn.nordwind.example/a.png"),
        pageRequests(Files.readString(netLog)).stream().distinct().toList());
  }

  @Test
  void cliWritesPng(@TempDir Path tmp) throws Exception {
    chromium();
    Path out = tmp.resolve("list.png");
    Result r =
        ChirpCli.exec(
            java.util.Map.of("PATH", System.getenv().getOrDefault("PATH", "")),
            false,
            "preview",
            SPECS.resolve("list-custom-button.yaml").toString(),
            "--format",
            "png",
            "--out",
            out.toString());
    assertEquals(0, r.exit(), r.err());
    assertPng(out, 900, 0);
  }

  /** A PNG signature, an IHDR of the window's width and a plausible height, and real content. */
  static void assertPng(Path png, int width, int height) throws Exception {
    byte[] b = Files.readAllBytes(png);
    assertTrue(b.length > 2000, png + " is only " + b.length + " bytes");
    byte[] sig = new byte[8];
    System.arraycopy(b, 0, sig, 0, 8);
    assertArrayEquals(PNG, sig, png + " is not a PNG");
    assertEquals("IHDR", new String(b, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
    int w = ByteBuffer.wrap(b, 16, 4).getInt();
    int h = ByteBuffer.wrap(b, 20, 4).getInt();
    assertEquals(width, w, png + " width");
    assertTrue(h >= 200 && h <= 16000 && (height == 0 || h == height), png + " height " + h);
  }
}
