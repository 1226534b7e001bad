package dev.chirp.lsp;

import dev.chirp.Checker;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.catalog.CatalogRules;
import dev.chirp.catalog.Suppressions;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Spec;
import dev.chirp.vars.Partials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Checker#checkAll} of one catalog, again after every edit, checking again only the specs
 * whose text or surroundings (partials, snapshots) changed since the last check and reusing the
 * others' results; the catalog-wide rules and suppressions run on every check, as in checkAll. Used
 * from one thread at a time.
 */
final class CatalogCheck {
  /**
   * How long the result of a spec with {@code scheduledFor} is kept: the 35-day limit it is checked
   * against moves with the clock.
   */
  static final long CLOCK_MS = 60_000;

  /** A spec's result, what it was checked with, and when. */
  private record Entry(
      Object stamp, Object surroundings, Checker.Checked checked, long checkedMillis) {}

  /** A file's findings before and after its suppression comments. */
  private record Suppressed(SourceFile source, List<Diagnostic> found, List<Diagnostic> kept) {}

  /** chirp.yaml as last loaded, and its stamp. */
  private record Loaded(Object stamp, CatalogFile catalog) {}

  private final Path root;
  private final SpecList list;
  private Map<Path, Entry> specs = new HashMap<>();
  private Map<String, Suppressed> suppressed = new HashMap<>();
  private Loaded catalogFile;
  private SpecSchema catalogSchema;
  private int checkedLast;

  /** The check of the catalog in folder {@code root} (also the base of the files' names). */
  CatalogCheck(Path root) {
    this.root = root;
    this.list = new SpecList(root);
  }

  /** The files {@code chirp check ROOT} checks, and {@code open} specs not on disk yet. */
  List<Path> files(List<Path> open) {
    return list.files(open);
  }

  /** How many specs the last {@link #check} checked (the others' results were reused). */
  int checkedLast() {
    return checkedLast;
  }

  /**
   * {@code checker.checkAll(files, root, root)}, where {@code checker} reads the open documents
   * {@code overlay} (absolute, normalized paths) before the disk.
   */
  Report check(Checker checker, List<Path> files, Map<Path, byte[]> overlay) {
    FileStamps stamps = new FileStamps(overlay);
    Map<Path, Object> around = new HashMap<>();
    Map<Path, Entry> next = new HashMap<>();
    List<Diagnostic> all = new ArrayList<>();
    Map<String, SourceFile> sources = new LinkedHashMap<>();
    List<Spec> checkedSpecs = new ArrayList<>();
    Set<String> partialsUsed = new HashSet<>();
    int checked = 0;
    long now = System.currentTimeMillis();
    for (Path file : files) {
      // Stamped before it is read: a change in between is seen as a change next time.
      Object stamp = stamps.of(file);
      Object surroundings =
          around.computeIfAbsent(file.getParent(), dir -> surroundings(file, overlay, stamps));
      Entry e = specs.get(file);
      Checker.Checked c;
      if (e != null
          && FileStamps.unchanged(e.stamp(), stamp)
          && FileStamps.unchanged(e.surroundings(), surroundings)
          && (now - e.checkedMillis() < CLOCK_MS || !scheduled(e.checked()))) {
        c = e.checked();
        next.put(file, new Entry(stamp, surroundings, c, e.checkedMillis()));
      } else {
        c = checker.check(file, Checker.display(file, root));
        checked++;
        next.put(file, new Entry(stamp, surroundings, c, now));
      }
      all.addAll(c.diagnostics());
      sources.put(c.loaded().source().path(), c.loaded().source());
      c.spec().ifPresent(checkedSpecs::add);
      partialsUsed.addAll(c.partialsUsed());
    }
    specs = next;
    checkedLast = checked;
    catalogWide(overlay, stamps, all, sources, checkedSpecs, partialsUsed);
    return suppressed(all, sources);
  }

  private static boolean scheduled(Checker.Checked c) {
    return c.spec().map(s -> s.scheduledFor() != null).orElse(false);
  }

  /**
   * What a spec's result depends on besides its text: the partials it sees and the snapshots in
   * {@code payloads/} beside it (the same for every spec of a folder).
   */
  private static Object surroundings(Path file, Map<Path, byte[]> overlay, FileStamps stamps) {
    Optional<Path> partials = Partials.forSpec(file, p -> overlay.get(p)).folder();
    return List.of(
        partials.map(Path::toString).orElse(""),
        partials.map(stamps::folder).orElse(""),
        stamps.folder(file.toAbsolutePath().getParent().resolve("payloads")));
  }

  /** chirp.yaml and the catalog rules, as checkAll adds them with {@code catalogRoot} = root. */
  private void catalogWide(
      Map<Path, byte[]> overlay,
      FileStamps stamps,
      List<Diagnostic> all,
      Map<String, SourceFile> sources,
      List<Spec> checkedSpecs,
      Set<String> partialsUsed) {
    CatalogFile catalog = null;
    Optional<Path> cf = CatalogFile.find(root);
    if (cf.isPresent()) {
      Object stamp = stamps.of(cf.get());
      String display = Checker.display(cf.get(), root);
      if (catalogFile != null && FileStamps.unchanged(catalogFile.stamp(), stamp)) {
        catalogFile = new Loaded(stamp, catalogFile.catalog()); // settled: no bytes kept
      } else {
        catalogFile = null;
        try {
          byte[] text = overlay.get(cf.get().toAbsolutePath().normalize());
          catalogFile =
              new Loaded(
                  stamp,
                  text == null
                      ? CatalogFile.load(cf.get(), display, catalogSchema())
                      : CatalogFile.load(cf.get(), display, text, catalogSchema()));
        } catch (IOException e) {
          all.add(
              Diagnostic.of(
                  Code.FILE_UNREADABLE, display, Span.START, "cannot read the catalog file"));
        }
      }
      if (catalogFile != null) {
        catalog = catalogFile.catalog();
        all.addAll(catalog.diagnostics());
        sources.put(catalog.source().path(), catalog.source());
      }
    }
    Path dir = cf.map(Path::getParent).orElse(Files.isDirectory(root) ? root : root.getParent());
    Path partialsDir = dir == null ? null : dir.resolve("partials");
    all.addAll(
        CatalogRules.check(
            checkedSpecs,
            catalog,
            partialsDir != null && Files.isDirectory(root) && Files.isDirectory(partialsDir)
                ? partialsDir
                : null,
            partialsDir == null ? null : Checker.display(partialsDir, root),
            partialsUsed));
  }

  private SpecSchema catalogSchema() {
    if (catalogSchema == null) {
      catalogSchema = SpecSchema.loadCatalog();
    }
    return catalogSchema;
  }

  /**
   * Suppression comments applied to every file's findings, and the report, as in checkAll; a file's
   * are applied again only when its text or its findings changed.
   */
  private Report suppressed(List<Diagnostic> all, Map<String, SourceFile> sources) {
    Map<String, List<Diagnostic>> byFile = new LinkedHashMap<>();
    for (Diagnostic d : all) {
      byFile.computeIfAbsent(d.file(), k -> new ArrayList<>()).add(d);
    }
    Map<String, Suppressed> next = new HashMap<>();
    List<Diagnostic> kept = new ArrayList<>();
    for (var e : byFile.entrySet()) {
      SourceFile src = sources.get(e.getKey());
      kept.addAll(src == null ? e.getValue() : apply(src, e.getValue(), next));
    }
    for (SourceFile src : sources.values()) {
      if (!byFile.containsKey(src.path())) {
        kept.addAll(apply(src, List.of(), next));
      }
    }
    suppressed = next;
    return Report.of(kept, sources.values());
  }

  private List<Diagnostic> apply(
      SourceFile src, List<Diagnostic> found, Map<String, Suppressed> next) {
    Suppressed was = suppressed.get(src.path());
    // The same source object: the same text (a spec's result is reused with its source).
    Suppressed now =
        was != null && was.source() == src && was.found().equals(found)
            ? was
            : new Suppressed(src, found, Suppressions.apply(src, found));
    next.put(src.path(), now);
    return now.kept();
  }
}
