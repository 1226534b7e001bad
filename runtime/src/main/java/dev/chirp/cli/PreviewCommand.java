package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.SpecFiles;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.diag.Severity;
import dev.chirp.emit.Receiver;
import dev.chirp.preview.HtmlPreview;
import dev.chirp.preview.Preview;
import dev.chirp.preview.Previews;
import dev.chirp.preview.TextPreview;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Message;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chirp preview}: a spec, or a whole catalog, drawn as the recipient will see it. */
@Command(
    name = "preview",
    mixinStandardHelpOptions = true,
    description = {
      "Show a message as the recipient will see it: as text, a self-contained HTML page or a PNG.",
      "SPEC may be a folder: then every spec and example is shown on one page.",
      "Without values, the spec's first example is used. Problems are shown beside the element"
          + " they concern; exit 1 when there are errors."
    })
final class PreviewCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @picocli.CommandLine.ParentCommand ChirpCommand parent;

  @Mixin SpecInput input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      completionCandidates = Formats.class,
      description = "text, html or png (default: ${DEFAULT-VALUE}).")
  String format;

  /** The values of --format (also for shell completion). */
  static final class Formats extends ArrayList<String> {
    Formats() {
      super(List.of("text", "html", "png"));
    }
  }

  @Option(
      names = "--out",
      paramLabel = "PATH",
      description = "Write here instead of stdout (required for png).")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (!new Formats().contains(format)) {
      throw new Main.UsageError("unknown format '" + format + "'; use text, html or png");
    }
    if (format.equals("png") && out == null) {
      throw new Main.UsageError("--format png needs --out FILE.png");
    }
    Path chromium = null;
    if (format.equals("png")) {
      chromium = Chromium.find(env().vars()).orElseThrow(() -> noChromium());
    }
    PrintWriter err = spec.commandLine().getErr();
    List<Preview> previews;
    String title;
    if (Files.isDirectory(input.file)) {
      if (input.example != null || !input.vars.isEmpty() || input.varsFile != null) {
        throw new Main.UsageError(
            "a folder is previewed with each spec's examples; drop the values");
      }
      previews = catalog(input.file);
      title = "chirp preview: " + Checker.display(input.file, Path.of(""));
    } else {
      Preview p = one(err);
      if (p == null) {
        return Main.PROBLEMS;
      }
      previews = List.of(p);
      title = "chirp preview: " + p.key() + " (" + p.example() + ")";
    }
    boolean errors =
        previews.stream()
            .flatMap(p -> p.diagnostics().stream())
            .anyMatch(d -> d.severity() == Severity.ERROR);
    switch (format) {
      case "text" ->
          write(
              previews.size() == 1
                  ? TextPreview.render(previews.get(0))
                  : TextPreview.catalog(title, previews));
      case "html" -> write(HtmlPreview.page(title, previews));
      default -> png(chromium, HtmlPreview.page(title, previews), previews, err);
    }
    return errors ? Main.PROBLEMS : Main.OK;
  }

  private Main.Env env() {
    return parent.env;
  }

  static Main.UsageError noChromium() {
    return new Main.UsageError(
        "--format png needs Chromium (Debian package `chromium`: apt-get install chromium);"
            + " no /usr/bin/chromium or chromium on PATH");
  }

  /** One spec with the values given (its first example when none are). */
  private Preview one(PrintWriter err) {
    if (input.example == null && input.vars.isEmpty() && input.varsFile == null) {
      // The first example; for a spec without examples, SpecInput takes its variables' examples.
      input.example = "";
    }
    input.keepSpecErrors = true;
    SpecInput.Prepared p = input.prepare(err, Receiver.EXAMPLE.phone());
    if (p == null) {
      return null;
    }
    Compiler.Resolution r =
        new Compiler(Clock.systemUTC()).resolve(p.spec(), p.bindings(), p.receiver());
    String label =
        input.example != null
            ? (!input.example.isEmpty()
                ? input.example
                : p.spec().examples().isEmpty()
                    ? "variable examples"
                    : p.spec().examples().get(0).name())
            : "given values";
    if (input.example != null && (!input.vars.isEmpty() || input.varsFile != null)) {
      label += " with given values";
    }
    Preview preview = Previews.of(p.spec(), p.specDiagnostics(), label, r, catalogFile(input.file));
    if (!preview.diagnostics().isEmpty()) {
      SpecInput.print(err, preview.diagnostics(), p.source());
    }
    return preview;
  }

  private static List<Preview> catalog(Path dir) throws IOException {
    Checker checker = Schemas.checker().snapshots(Checker.Snapshots.OFF);
    Compiler compiler = new Compiler(Clock.systemUTC());
    CatalogFile catalog = catalogFile(dir);
    List<Preview> out = new ArrayList<>();
    for (Path f : SpecFiles.find(List.of(dir))) {
      Checker.Checked c = checker.check(f, Checker.display(f, Path.of("")));
      out.addAll(Previews.examples(c, compiler, catalog));
    }
    return out;
  }

  /** The catalog file governing {@code start}, for template names; null when none or broken. */
  static CatalogFile catalogFile(Path start) {
    try {
      var found = CatalogFile.find(start);
      if (found.isEmpty()) {
        return null;
      }
      return CatalogFile.load(found.get(), found.get().toString(), SpecSchema.loadCatalog());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private void write(String text) throws IOException {
    if (out == null) {
      PrintWriter w = spec.commandLine().getOut();
      w.print(text);
      w.flush();
    } else {
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
  }

  private void png(Path chromium, String html, List<Preview> previews, PrintWriter err)
      throws IOException, InterruptedException {
    int[] size = windowSize(previews);
    if (size[1] >= MAX_HEIGHT) {
      err.println(
          "chirp: note: the page may be taller than "
              + MAX_HEIGHT
              + " px, where the PNG is cut; use --format html for the whole page");
    }
    Chromium.Shot shot = Chromium.screenshot(chromium, html, out, size[0], size[1]);
    if (shot.exit() != 0 || !Files.isRegularFile(out) || Files.size(out) == 0) {
      err.print(shot.log());
      throw new Main.UsageError("chromium could not render " + out + " (exit " + shot.exit() + ")");
    }
  }

  /** The tallest window a PNG is taken with; Chromium cuts larger pages. */
  static final int MAX_HEIGHT = 16000;

  /**
   * A window that holds the page: as wide as the widest carousel, as tall as the text rendering
   * suggests (the screenshot is of the window, so extra height only adds background).
   */
  static int[] windowSize(List<Preview> previews) {
    int width = 900;
    int height = 120 + (previews.size() > 1 ? 24 * ((previews.size() + 1) / 2) : 0);
    for (Preview p : previews) {
      if (p.spec().message() instanceof Message.CarouselMessage c) {
        width = Math.max(width, 96 + 238 * c.cards().size());
      }
      int lines = (int) TextPreview.render(p).lines().count();
      height += 60 + 22 * lines + 40 * (int) p.diagnostics().size();
    }
    return new int[] {width, Math.min(height, MAX_HEIGHT)};
  }
}
