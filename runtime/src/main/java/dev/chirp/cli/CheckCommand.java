package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.SpecFiles;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.SourceFile;
import dev.chirp.report.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code chirp check}: every problem in every spec, at its exact position. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check spec files against the schema and WhatsApp's limits.",
      "Exit 0 when clean, 1 when problems were found, 2 on usage or I/O errors."
    })
final class CheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand ChirpCommand parent;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description =
          "Spec files or directories (searched for *.yaml, *.yml). Default: this folder when it"
              + " has a chirp.yaml, else specs/")
  List<Path> paths;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "human",
      completionCandidates = Formats.class,
      description = "human, json, sarif, github or junit (default: ${DEFAULT-VALUE})")
  String format;

  /** The values of --format, for shell completion. */
  static final class Formats extends ArrayList<String> {
    Formats() {
      super(Arrays.stream(Format.values()).map(Format::id).toList());
    }
  }

  /** The values of --color, for shell completion. */
  static final class Colors extends ArrayList<String> {
    Colors() {
      super(List.of("auto", "always", "never"));
    }
  }

  @Option(names = "--strict", description = "Warnings fail the check too.")
  boolean strict;

  @Option(
      names = "--changed-since",
      paramLabel = "REV",
      description =
          "Check only specs changed since git revision REV (committed, staged, or not), and specs"
              + " that include a changed partial.")
  String changedSince;

  @Option(
      names = "--update-snapshots",
      description =
          "Write each example's payload to payloads/ID.EXAMPLE.json beside its spec, instead of"
              + " comparing with the snapshots there.")
  boolean updateSnapshots;

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      completionCandidates = Colors.class,
      description = "auto, always or never; auto colours only a terminal without NO_COLOR.")
  String color;

  @Override
  public Integer call() {
    Format f =
        Format.byId(format.toLowerCase(Locale.ROOT))
            .orElseThrow(
                () ->
                    new Main.UsageError(
                        "unknown format '"
                            + format
                            + "'; use human, json, sarif, github or junit"));
    List<Path> inputs =
        catalogFilesAsFolders(paths == null || paths.isEmpty() ? defaultInputs() : paths);
    List<Path> files;
    try {
      files = SpecFiles.find(inputs);
    } catch (NoSuchFileException e) {
      throw new Main.UsageError("no such file or directory: " + e.getFile());
    } catch (IOException e) {
      throw new Main.UsageError("cannot read " + e.getMessage());
    }
    // --changed-since: the whole catalog is checked (ids, the template registry and partials are
    // catalog-wide), and the report shows the changed specs, or everything when something they
    // all depend on changed.
    Set<String> shown = null;
    if (changedSince != null) {
      Optional<List<Path>> changed = changedSpecs(files, inputs);
      if (changed.isPresent() && changed.get().isEmpty()) {
        if (f == Format.HUMAN) {
          spec.commandLine().getOut().println("ok: no spec changed since " + changedSince);
        } else {
          // An empty report in the asked format: a SARIF or JUnit reader gets what it parses.
          spec.commandLine()
              .getOut()
              .print(f.render(Report.of(List.of(), List.of()), Version.get(), false));
        }
        spec.commandLine().getOut().flush();
        return Main.OK;
      }
      if (changed.isPresent()) {
        shown = new HashSet<>();
        for (Path c : changed.get()) {
          shown.add(Checker.display(c, Path.of("")));
        }
      }
    }
    if (files.isEmpty()) {
      throw new Main.UsageError(
          "no spec files (*.yaml, *.yml) in " + inputs.stream().map(Path::toString).toList());
    }
    Checker checker =
        Schemas.checker()
            .snapshots(updateSnapshots ? Checker.Snapshots.UPDATE : Checker.Snapshots.COMPARE);
    Report report = checker.checkAll(files, Path.of(""), inputs.get(0));
    if (shown != null) {
      report = only(report, shown);
    }
    var out = spec.commandLine().getOut();
    out.print(f.render(report, Version.get(), useColor(parent.env)));
    out.flush();
    if (updateSnapshots) {
      // On stderr: stdout is the report, which may be JSON or SARIF for a tool.
      var err = spec.commandLine().getErr();
      // The checker says what to write; writing is the command's.
      List<Path> written = new ArrayList<>();
      for (var e : checker.snapshotsToWrite().entrySet()) {
        try {
          Files.createDirectories(e.getKey().getParent());
          Files.writeString(e.getKey(), e.getValue(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
          throw new Main.UsageError(
              "cannot write the snapshot "
                  + Checker.display(e.getKey(), Path.of(""))
                  + " ("
                  + ex.getMessage()
                  + ")");
        }
        written.add(e.getKey());
      }
      for (Path w : written) {
        err.println("chirp: wrote " + Checker.display(w, Path.of("")));
      }
      err.println(
          "chirp: "
              + (written.isEmpty()
                  ? "every snapshot was up to date"
                  : written.size()
                      + (written.size() == 1 ? " snapshot" : " snapshots")
                      + " written"));
      err.flush();
    }
    return report.fails(strict) ? Main.PROBLEMS : Main.OK;
  }

  /** With no paths: the catalog in this folder when it has a chirp.yaml, else {@code specs}. */
  private static List<Path> defaultInputs() {
    return List.of(Files.isRegularFile(Path.of("chirp.yaml")) ? Path.of(".") : Path.of("specs"));
  }

  /**
   * A chirp.yaml given by name (as pre-commit hooks pass changed files) is checked as what it is:
   * the catalog file, with the specs of its folder, since its locales and template registry are
   * checked against them.
   */
  private static List<Path> catalogFilesAsFolders(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      Path q =
          p.getFileName() != null
                  && p.getFileName().toString().equals("chirp.yaml")
                  && Files.isRegularFile(p)
              ? (p.getParent() == null ? Path.of(".") : p.getParent())
              : p;
      if (!out.contains(q)) {
        out.add(q);
      }
    }
    return out;
  }

  /**
   * {@code report} cut to the files in {@code shown} (catalog findings such as a duplicate id are
   * reported on each file concerned, so a changed file has its own).
   */
  private static Report only(Report report, Set<String> shown) {
    List<Diagnostic> kept =
        report.diagnostics().stream().filter(d -> shown.contains(d.file())).toList();
    List<SourceFile> sources =
        report.sources().values().stream().filter(s -> shown.contains(s.path())).toList();
    return Report.of(kept, sources);
  }

  /**
   * The spec files changed since the revision; empty when none changed; absent when something every
   * spec may depend on changed (chirp.yaml, a partial, a snapshot, a deleted or renamed file,
   * anything that is not a spec), so the whole catalog is reported.
   */
  private Optional<List<Path>> changedSpecs(List<Path> files, List<Path> inputs) {
    List<Path> changed;
    try {
      changed = Git.changedSince(changedSince, inputs);
    } catch (IOException e) {
      throw new Main.UsageError("--changed-since " + changedSince + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Main.UsageError("interrupted");
    }
    Map<Path, Path> specs = new HashMap<>();
    for (Path f : files) {
      specs.put(f.toAbsolutePath().normalize(), f);
    }
    List<Path> out = new ArrayList<>();
    for (Path c : changed) {
      Path spec = specs.get(c.toAbsolutePath().normalize());
      if (spec == null) {
        return Optional.empty();
      }
      out.add(spec);
    }
    return Optional.of(out);
  }

  private boolean useColor(Main.Env env) {
    return switch (color) {
      case "always" -> true;
      case "never" -> false;
      case "auto" -> env.terminal() && !env.vars().containsKey("NO_COLOR");
      default ->
          throw new Main.UsageError("unknown --color '" + color + "'; use auto, always or never");
    };
  }
}
