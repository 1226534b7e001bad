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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks spec files: load with positions, validate against the schema, then the rules. */
public final class Checker {
  private final java.util.function.Supplier<SpecSchema> schemaLoad;
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
  public Checker(java.util.function.Supplier<SpecSchema> schema, Clock clock) {
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
  private java.util.function.Function<Path, byte[]> overlay = p -> null;

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
  public Checker overlay(java.util.function.Function<Path, byte[]> texts) {
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
      seen.add(d.code() + "@" + d.span());
    }
    for (Example ex : examplesOf(spec)) {
      Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
      Compiler.Resolution r = compiler.resolve(spec, ValueCheck.bindings(spec, ex), to);
      for (Diagnostic d : r.diagnostics()) {
        // A problem of the spec as written is reported once, not again for every example.
        if (seen.add(d.code() + "@" + d.span())) {
          all.add(d.message().startsWith("example `") ? d : prefixed(d, ex));
        }
      }
      if (r.ok() && file != null && snapshots != Snapshots.OFF && !spec.examples().isEmpty()) {
        snapshot(spec, ex, r, file).ifPresent(all::add);
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
  private final java.util.Map<Path, String> toWrite =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The snapshot files an UPDATE check found missing or different, with their new text, by path in
   * order: the caller writes them.
   */
  public java.util.SortedMap<Path, String> snapshotsToWrite() {
    return java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(toWrite));
  }

  /** Compares (or with UPDATE writes) the example's snapshot; a mismatch is a diagnostic. */
  private Optional<Diagnostic> snapshot(Spec spec, Example ex, Compiler.Resolution r, Path file) {
    Path dir = file.toAbsolutePath().getParent().resolve("payloads");
    Path snap = dir.resolve(spec.id() + "." + ex.name() + ".json");
    String actual = Payload.pretty(r.payload());
    try {
      if (snapshots == Snapshots.UPDATE) {
        if (!Files.exists(snap) || !Files.readString(snap).equals(actual)) {
          toWrite.put(snap, actual);
        }
        return Optional.empty();
      }
      if (!Files.exists(snap)) {
        // Pinned specs stay pinned: with a snapshot for another example of this spec, a missing
        // one was deleted or forgotten, and the gate would no longer see this payload change.
        if (spec.examples().stream()
            .anyMatch(o -> Files.exists(dir.resolve(spec.id() + "." + o.name() + ".json")))) {
          return Optional.of(
              Diagnostic.of(
                      Code.SNAPSHOT_MISSING,
                      spec.file(),
                      ex.span(),
                      "example `"
                          + ex.name()
                          + "` has no snapshot payloads/"
                          + snap.getFileName()
                          + ", though other examples of "
                          + spec.id()
                          + " have theirs")
                  .withFix("run `chirp check --update-snapshots` and commit the new snapshot"));
        }
        return Optional.empty();
      }
      String expected = Files.readString(snap);
      if (expected.equals(actual)) {
        return Optional.empty();
      }
      // Both end with a newline; split without it so "past the end" reads as end of file.
      String[] e = expected.stripTrailing().split("\n", -1);
      String[] a = actual.stripTrailing().split("\n", -1);
      int line = 0;
      while (line < e.length && line < a.length && e[line].equals(a[line])) {
        line++;
      }
      String was = line < e.length ? e[line].trim() : "(end of file)";
      String now = line < a.length ? a[line].trim() : "(end of file)";
      return Optional.of(
          Diagnostic.of(
                  Code.SNAPSHOT_MISMATCH,
                  spec.file(),
                  ex.span(),
                  "example `"
                      + ex.name()
                      + "`: the payload differs from payloads/"
                      + snap.getFileName()
                      + " at line "
                      + (line + 1))
              .withNote("snapshot: " + was)
              .withNote("now:      " + now)
              .withFix(
                  "if the change is intended, run `chirp check --update-snapshots` and commit"));
    } catch (IOException ex2) {
      return Optional.of(
          Diagnostic.of(
              Code.FILE_UNREADABLE,
              spec.file(),
              ex.span(),
              "cannot read or write snapshot " + snap));
    }
  }

  /** The spec's examples; a spec without variables is its own example. */
  private static List<Example> examplesOf(Spec spec) {
    if (!spec.examples().isEmpty() || !spec.variables().isEmpty()) {
      return spec.examples();
    }
    return List.of(
        new Example("default", java.util.Map.of(), java.util.Map.of(), null, Span.START));
  }

  /** Reads and checks one file; an unreadable file becomes a diagnostic, never an exception. */
  public Checked check(Path file, String display) {
    Object read = read(file, display);
    return read instanceof Checked c
        ? c
        : check((LoadedFile) read, Partials.forSpec(file, this::overlaid), file);
  }

  /** A file's parsed YAML, or the finished result for a file that could not be read. */
  private Object read(Path file, String display) {
    byte[] bytes = overlaid(file);
    if (bytes != null) {
      return bytes.length > YamlLoader.MAX_BYTES
          ? unread(
              Code.FILE_TOO_LARGE,
              display,
              String.format(
                  java.util.Locale.ROOT,
                  "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                  bytes.length,
                  YamlLoader.MAX_BYTES))
          : YamlLoader.load(display, bytes);
    }
    try (InputStream in = Files.newInputStream(file)) {
      // Read one byte past the cap so an oversized file is refused without reading all of it.
      bytes = in.readNBytes(YamlLoader.MAX_BYTES + 1);
      if (bytes.length > YamlLoader.MAX_BYTES) {
        return unread(
            Code.FILE_TOO_LARGE,
            display,
            String.format(
                java.util.Locale.ROOT,
                "file is %,d bytes; spec files may be at most %,d bytes (1 MiB)",
                Files.size(file),
                YamlLoader.MAX_BYTES));
      }
    } catch (IOException e) {
      return unread(
          Code.FILE_UNREADABLE,
          display,
          "cannot read the file: " + e.getClass().getSimpleName().replace("Exception", ""));
    }
    return YamlLoader.load(display, bytes);
  }

  /** The result for a file whose bytes were not loaded. */
  static Checked unread(Code code, String display, String message) {
    return new Checked(
        new LoadedFile(new SourceFile(display, ""), Optional.empty(), List.of()),
        Optional.empty(),
        List.of(Diagnostic.of(code, display, Span.START, message)));
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
    Object[] read =
        indexes(files.size())
            .mapToObj(i -> read(files.get(i), display(files.get(i), base)))
            .toArray();
    Checked[] checked =
        indexes(files.size())
            .mapToObj(
                i ->
                    read[i] instanceof Checked c
                        ? c
                        : check(
                            (LoadedFile) read[i],
                            Partials.forSpec(files.get(i), this::overlaid),
                            files.get(i)))
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
              .orElse(
                  java.nio.file.Files.isDirectory(catalogRoot)
                      ? catalogRoot
                      : catalogRoot.getParent());
      Path partialsDir = root == null ? null : root.resolve("partials");
      all.addAll(
          CatalogRules.check(
              specs,
              catalog,
              // Unused partials only make sense when the whole catalog folder was checked.
              partialsDir != null
                      && java.nio.file.Files.isDirectory(catalogRoot)
                      && java.nio.file.Files.isDirectory(partialsDir)
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
  private java.util.stream.IntStream indexes(int n) {
    java.util.stream.IntStream s = java.util.stream.IntStream.range(0, n);
    return parallel ? s.parallel() : s;
  }
}
