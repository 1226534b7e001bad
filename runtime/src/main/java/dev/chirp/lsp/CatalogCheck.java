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
  /** A spec's result, and what it was checked with. */
  private record Entry(Object stamp, Object surroundings, Checker.Checked checked) {}

  /** chirp.yaml as last loaded, and its stamp. */
  private record Loaded(Object stamp, CatalogFile catalog) {}

  private final Path root;
  private Map<Path, Entry> specs = new HashMap<>();
  private Loaded catalogFile;
  private SpecSchema catalogSchema;
  private int checkedLast;

  /** The check of the catalog in folder {@code root} (also the base of the files' names). */
  CatalogCheck(Path root) {
    this.root = root;
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
    for (Path file : files) {
      // Stamped before it is read: a change in between is seen as a change next time.
      Object stamp = stamps.of(file);
      Object surroundings =
          around.computeIfAbsent(file.getParent(), dir -> surroundings(file, overlay, stamps));
      Entry e = specs.get(file);
      Checker.Checked c;
      if (e != null
          && FileStamps.unchanged(e.stamp(), stamp)
          && FileStamps.unchanged(e.surroundings(), surroundings)) {
        c = e.checked();
      } else {
        c = checker.check(file, Checker.display(file, root));
        checked++;
      }
      // The 35-day schedule limit moves with the clock: such a spec is checked every time.
      if (c.spec().map(s -> s.scheduledFor() == null).orElse(true)) {
        next.put(file, new Entry(stamp, surroundings, c));
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

  /** Suppression comments applied to every file's findings, and the report, as in checkAll. */
  private static Report suppressed(List<Diagnostic> all, Map<String, SourceFile> sources) {
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
}
