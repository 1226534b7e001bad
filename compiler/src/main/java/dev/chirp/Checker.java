package dev.chirp;

import dev.chirp.catalog.CatalogFile;
import dev.chirp.catalog.CatalogRules;
import dev.chirp.catalog.Suppressions;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.rules.Rules;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.spec.SpecReader;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import dev.chirp.vars.Partials;
import dev.chirp.vars.ValueCheck;
import dev.chirp.vars.VariableCheck;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/** Checks spec files: load with positions, validate against the schema, then the rules. */
public final class Checker {
  private final Supplier<SpecSchema> schemaLoad;
  private final Clock clock;
  private final Compiler compiler;

  /**
   * A checker with the spec schema, compiled now. The library starts no thread and keeps no state
   * between checkers; a caller that wants the schema compiled while it reads files (the CLI does)
   * passes its own {@link #Checker(java.util.function.Supplier, Clock)}.
   */
  public Checker() {
    this(SpecSchema.load(), Clock.systemUTC());
  }

  public Checker(SpecSchema schema, Clock clock) {
    this(() -> schema, clock);
  }

  /**
   * A checker whose schema comes from {@code schema} when first needed (it may block, for instance
   * on a schema being compiled elsewhere); it is asked at most once per check.
   */
  public Checker(Supplier<SpecSchema> schema, Clock clock) {
    this.schemaLoad = schema;
    this.clock = clock;
    this.compiler = new Compiler(clock);
  }

  private SpecSchema schema() {
    return schemaLoad.get();
  }

  /** Everything known about one checked file; {@code spec} is empty when it could not be read. */
  public record Checked(
      LoadedFile loaded,
      Optional<Spec> spec,
      List<Diagnostic> diagnostics,
      Set<String> partialsUsed) {
    public Checked(LoadedFile loaded, Optional<Spec> spec, List<Diagnostic> diagnostics) {
      this(loaded, spec, diagnostics, Set.of());
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
    }
  }

  /** What {@code check} does with example payload snapshots in {@code payloads/} beside a spec. */
  public enum Snapshots {
    /** Ignore them. */
    OFF,
    /** Compare each example's payload with its snapshot, when one exists. */
    COMPARE,
    /** Write every example's payload as its snapshot. */
    UPDATE
  }

  private Snapshots snapshots = Snapshots.COMPARE;

  /** Whether checkAll may use the common fork-join pool; off by default (no thread of its own). */
  private boolean parallel;

  /** Texts that replace files on disk (by absolute, normalized path); null when a file has none. */
  private Function<Path, byte[]> overlay = p -> null;

  /** This checker, set to treat snapshots as {@code mode}. */
  public Checker snapshots(Snapshots mode) {
    Checker c = new Checker(schemaLoad, clock);
    c.snapshots = mode;
    c.overlay = overlay;
    c.parallel = parallel;
    return c;
  }

  /**
   * This checker, reading and checking the files of {@link #checkAll} on the common fork-join pool
   * ({@code true}) or on the calling thread only (the default): the caller decides about threads.
   */
  public Checker parallel(boolean on) {
    Checker c = new Checker(schemaLoad, clock);
    c.snapshots = snapshots;
    c.overlay = overlay;
    c.parallel = on;
    return c;
  }

  /**
   * This checker, reading a spec, chirp.yaml or partial from {@code texts} when it has the file (by
   * absolute, normalized path), else from the disk: an editor's unsaved buffers.
   */
  public Checker overlay(Function<Path, byte[]> texts) {
    Checker c = new Checker(schemaLoad, clock);
    c.snapshots = snapshots;
    c.overlay = texts;
    c.parallel = parallel;
    return c;
  }

  private byte[] overlaid(Path file) {
    return overlay.apply(file.toAbsolutePath().normalize());
  }

  /**
   * Checks one file's bytes, shown in diagnostics as {@code display}; no partials, no snapshots.
   */
  public Checked check(String display, byte[] bytes) {
    return check(display, bytes, Partials.NONE, null);
  }

  private Checked check(String display, byte[] bytes, Partials partials, Path file) {
    return check(YamlLoader.load(display, bytes), partials, file);
  }

  private Checked check(LoadedFile loaded, Partials partials, Path file) {
    String display = loaded.source().path();
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    if (loaded.root().isEmpty()) {
      return new Checked(loaded, Optional.empty(), all);
    }
    List<Diagnostic> schemaProblems = schema().validate(display, loaded.root().get());
    all.addAll(schemaProblems);
    if (!schemaProblems.isEmpty()) {
      return new Checked(loaded, Optional.empty(), all);
    }
    Spec written = SpecReader.read(display, loaded.root().get());
    all.addAll(VariableCheck.check(written, loaded.source(), partials));
    Spec spec =
        Texts.map(
            written,
            t ->
                t.templated() && Partials.includesPartial(t.value())
                    ? new Text(partials.expand(t.value()), t.span(), true, t.url())
                    : t);
    List<Diagnostic> source = Rules.check(spec, clock, loaded.source());
    all.addAll(source);
    Set<String> seen = new HashSet<>();
    for (Diagnostic d : all) {
      seen.add(d.code().id() + "@" + d.span());
    }
    for (Example ex : examplesOf(spec)) {
      Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
      Compiler.Resolution r = compiler.resolve(spec, ValueCheck.bindings(spec, ex), to);
      for (Diagnostic d : r.diagnostics()) {
        // A problem of the spec as written is reported once, not again for every example.
        if (seen.add(d.code().id() + "@" + d.span())) {
          all.add(d.message().startsWith("example `") ? d : prefixed(d, ex));
        }
      }
      if (r.ok() && file != null && snapshots != Snapshots.OFF && !spec.examples().isEmpty()) {
        SnapshotCheck.compare(
                spec, ex, Payload.pretty(r.payload()), file, snapshots == Snapshots.UPDATE, toWrite)
            .ifPresent(all::add);
      }
    }
    Set<String> partialsUsed = new HashSet<>();
    for (Text t : Texts.all(written)) {
      CatalogRules.collect(t.value(), partials, partialsUsed, 0);
    }
    return new Checked(loaded, Optional.of(spec), all, partialsUsed);
  }

  private static Diagnostic prefixed(Diagnostic d, Example ex) {
    return new Diagnostic(
        d.code(),
        d.severity(),
        "example `" + ex.name() + "`: " + d.message(),
        d.file(),
        d.span().equals(Span.START) ? ex.span() : d.span(),
        d.notes(),
        d.fix());
  }

  /** Snapshots to write (UPDATE): missing or different, by path; this library writes no file. */
  private final Map<Path, String> toWrite = new ConcurrentHashMap<>();

  /**
   * The snapshot files an UPDATE check found missing or different, with their new text, by path in
   * order: the caller writes them.
   */
  public SortedMap<Path, String> snapshotsToWrite() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(toWrite));
  }

  /** The spec's examples; a spec without variables is its own example. */
  private static List<Example> examplesOf(Spec spec) {
    if (!spec.examples().isEmpty() || !spec.variables().isEmpty()) {
      return spec.examples();
    }
    return List.of(new Example("default", Map.of(), Map.of(), null, Span.START));
  }

  /** Reads and checks one file; an unreadable file becomes a diagnostic, never an exception. */
  public Checked check(Path file, String display) {
    LoadedFile loaded = SpecFiles.read(file, display, overlaid(file));
    return check(loaded, Partials.forSpec(file, this::overlaid), file);
  }

  /** Checks every file and returns one report in the stable order. */
  public Report checkAll(List<Path> files, Path base) {
    return checkAll(files, base, null);
  }

  /**
   * Checks every file and, with {@code catalogRoot} (a folder or file inside the catalog), the
   * catalog as a whole: chirp.yaml, unique ids, the template registry, locales, unused partials.
   * Suppression comments are applied last, to every finding.
   */
  public Report checkAll(List<Path> files, Path base, Path catalogRoot) {
    List<Diagnostic> all = new ArrayList<>();
    Map<String, SourceFile> sources = new LinkedHashMap<>();
    List<Spec> specs = new ArrayList<>();
    Set<String> partialsUsed = new HashSet<>();
    // Files are independent: with parallel(true), read and parse them on every core while the
    // schema compiles, then check them on every core; results keep the files' order either way.
    LoadedFile[] read =
        indexes(files.size())
            .mapToObj(
                i ->
                    SpecFiles.read(
                        files.get(i), display(files.get(i), base), overlaid(files.get(i))))
            .toArray(LoadedFile[]::new);
    Checked[] checked =
        indexes(files.size())
            .mapToObj(
                i -> check(read[i], Partials.forSpec(files.get(i), this::overlaid), files.get(i)))
            .toArray(Checked[]::new);
    for (Checked c : checked) {
      all.addAll(c.diagnostics());
      sources.put(c.loaded().source().path(), c.loaded().source());
      c.spec().ifPresent(specs::add);
      partialsUsed.addAll(c.partialsUsed());
    }
    if (catalogRoot != null) {
      CatalogFile catalog = null;
      Optional<Path> cf = CatalogFile.find(catalogRoot);
      if (cf.isPresent()) {
        try {
          byte[] text = overlaid(cf.get());
          catalog =
              text == null
                  ? CatalogFile.load(cf.get(), display(cf.get(), base), SpecSchema.loadCatalog())
                  : CatalogFile.load(
                      cf.get(), display(cf.get(), base), text, SpecSchema.loadCatalog());
          all.addAll(catalog.diagnostics());
          sources.put(catalog.source().path(), catalog.source());
        } catch (IOException e) {
          all.add(
              Diagnostic.of(
                  Code.FILE_UNREADABLE,
                  display(cf.get(), base),
                  Span.START,
                  "cannot read the catalog file"));
        }
      }
      Path root =
          cf.map(Path::getParent)
              .orElse(Files.isDirectory(catalogRoot) ? catalogRoot : catalogRoot.getParent());
      Path partialsDir = root == null ? null : root.resolve("partials");
      all.addAll(
          CatalogRules.check(
              specs,
              catalog,
              // Unused partials only make sense when the whole catalog folder was checked.
              partialsDir != null
                      && Files.isDirectory(catalogRoot)
                      && Files.isDirectory(partialsDir)
                  ? partialsDir
                  : null,
              partialsDir == null ? null : display(partialsDir, base),
              partialsUsed));
    }
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    for (Diagnostic d : all) {
      byFile.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
    }
    List<Diagnostic> kept = new ArrayList<>();
    for (var e : byFile.entrySet()) {
      SourceFile src = sources.get(e.getKey());
      kept.addAll(src == null ? e.getValue() : Suppressions.apply(src, e.getValue()));
    }
    for (SourceFile src : sources.values()) {
      if (!byFile.containsKey(src.path())) {
        kept.addAll(Suppressions.apply(src, List.of()));
      }
    }
    return Report.of(kept, sources.values());
  }

  /** The path as shown in diagnostics: relative to {@code base} when inside it, with '/'. */
  public static String display(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    Path shown = abs.startsWith(b) ? b.relativize(abs) : file.normalize();
    return shown.toString().replace('\\', '/');
  }

  /** The indexes 0..n-1, in parallel when this checker may use the common pool. */
  private IntStream indexes(int n) {
    IntStream s = IntStream.range(0, n);
    return parallel ? s.parallel() : s;
  }
}
