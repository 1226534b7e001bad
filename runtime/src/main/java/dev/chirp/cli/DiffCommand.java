package dev.chirp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.diff.CatalogDiff;
import dev.chirp.preview.HtmlPreview;
import dev.chirp.preview.Preview;
import dev.chirp.preview.Previews;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chirp diff OLD NEW}: what a change does to the catalog's messages. */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Show specs added, removed and changed between two catalogs, with the change in each example's payload.",
      "OLD and NEW are folders or git revisions (then --catalog names the folder in the repository).",
      "Exit 0 when nothing changed, 1 when something did, 2 on errors."
    })
final class DiffCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "OLD", description = "A folder or a git revision.")
  String before;

  @Parameters(index = "1", paramLabel = "NEW", description = "A folder or a git revision.")
  String after;

  @Option(
      names = "--catalog",
      paramLabel = "PATH",
      description =
          "The catalog folder inside the repository, for revisions (default, as for check: the"
              + " current folder when it has a chirp.yaml, else specs).")
  String catalog;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "human",
      completionCandidates = Formats.class,
      description = "human, json or html (each changed example drawn before and after).")
  String format;

  /** The values of --format (also for shell completion). */
  static final class Formats extends ArrayList<String> {
    Formats() {
      super(List.of("human", "json", "html"));
    }
  }

  @Override
  public Integer call() throws Exception {
    if (!new Formats().contains(format)) {
      throw new Main.UsageError("unknown format '" + format + "'; use human, json or html");
    }
    if (catalog == null) {
      catalog = defaultCatalog();
    }
    Path tmp = Files.createTempDirectory("chirp-diff");
    try {
      Path a = side(before, tmp.resolve("old"));
      Path b = side(after, tmp.resolve("new"));
      Checker checker = Schemas.checker().snapshots(Checker.Snapshots.OFF);
      CatalogDiff.Result r = CatalogDiff.diff(a, b, checker, new Compiler(Clock.systemUTC()));
      PrintWriter out = spec.commandLine().getOut();
      out.print(
          switch (format) {
            case "json" -> json(r);
            case "html" -> html(r, PreviewCommand.catalogFile(b));
            default -> human(r);
          });
      out.flush();
      return r.any() ? Main.PROBLEMS : Main.OK;
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * The default catalog, as `check` picks it: the current folder when it has a chirp.yaml (named
   * from the repository's top, which git revisions are read from), else {@code specs}.
   */
  private static String defaultCatalog() {
    Path here = Path.of("").toAbsolutePath();
    if (!Files.isRegularFile(here.resolve("chirp.yaml"))) {
      return "specs";
    }
    try {
      String rel = Git.top(here).relativize(here).toString();
      return rel.isEmpty() ? "." : rel;
    } catch (IOException e) {
      return "."; // not in a git repository: only folders can be compared, and this is one
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ".";
    }
  }

  private Path side(String what, Path into) throws IOException, InterruptedException {
    Path p = Path.of(what);
    if (Files.isDirectory(p)) {
      return p;
    }
    try {
      return Git.materialize(what, catalog, into);
    } catch (Git.NotARevision e) {
      throw new Main.UsageError(
          "'"
              + what.replaceAll("\\p{Cntrl}", "?")
              + "' is neither a folder nor a commit of this repository; give a folder, a branch,"
              + " a tag or a commit (e.g. origin/main)");
    } catch (IOException e) {
      throw new Main.UsageError(
          "'"
              + what
              + "' is neither a folder nor a git revision with "
              + catalog
              + "/ ("
              + e.getMessage()
              + ")");
    }
  }

  static String human(CatalogDiff.Result r) {
    StringBuilder b = new StringBuilder();
    r.added().forEach(k -> b.append("added:   ").append(k).append('\n'));
    r.removed().forEach(k -> b.append("removed: ").append(k).append('\n'));
    for (CatalogDiff.Changed c : r.changed()) {
      b.append("changed: ")
          .append(c.key())
          .append(c.textOnly() ? " (the file changed; no example payload did)" : "")
          .append('\n');
      for (CatalogDiff.ExampleChange e : c.examples()) {
        b.append("  example ")
            .append(e.name())
            .append(e.before() == null ? " (new)" : e.after() == null ? " (removed)" : "")
            .append(":\n");
        e.lines().forEach(l -> b.append("    ").append(l).append('\n'));
      }
    }
    int n = r.added().size() + r.removed().size() + r.changed().size();
    b.append(
        n == 0
            ? "no changes\n"
            : n
                + (n == 1 ? " spec" : " specs")
                + " differ: "
                + r.added().size()
                + " added, "
                + r.removed().size()
                + " removed, "
                + r.changed().size()
                + " changed\n");
    return b.toString();
  }

  /** The changed examples drawn before and after, side by side, on one self-contained page. */
  String html(CatalogDiff.Result r, CatalogFile catalog) {
    List<HtmlPreview.Change> changes = new ArrayList<>();
    for (CatalogDiff.Changed c : r.changed()) {
      for (CatalogDiff.ExampleChange e : c.examples()) {
        changes.add(
            new HtmlPreview.Change(
                c.key(),
                e.name(),
                preview(e.name(), e.beforeResolved(), catalog),
                preview(e.name(), e.afterResolved(), catalog)));
      }
    }
    return HtmlPreview.diff(
        "chirp diff: " + before + " → " + after, r.added(), r.removed(), changes);
  }

  private static Preview preview(String example, CatalogDiff.Resolved r, CatalogFile catalog) {
    return r == null
        ? null
        : Previews.of(r.spec(), r.specDiagnostics(), example, r.resolution(), catalog);
  }

  static String json(CatalogDiff.Result r) throws IOException {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    ArrayNode added = root.putArray("added");
    r.added().forEach(added::add);
    ArrayNode removed = root.putArray("removed");
    r.removed().forEach(removed::add);
    ArrayNode changed = root.putArray("changed");
    for (CatalogDiff.Changed c : r.changed()) {
      ObjectNode o = changed.addObject();
      o.put("spec", c.key());
      o.put("file", c.file());
      ArrayNode ex = o.putArray("examples");
      for (CatalogDiff.ExampleChange e : c.examples()) {
        ObjectNode eo = ex.addObject();
        eo.put("name", e.name());
        eo.set(
            "before",
            e.before() == null
                ? null
                : m.readTree(e.before().startsWith("(") ? "null" : e.before()));
        eo.set(
            "after",
            e.after() == null ? null : m.readTree(e.after().startsWith("(") ? "null" : e.after()));
      }
    }
    return m.writeValueAsString(root) + "\n";
  }
}
