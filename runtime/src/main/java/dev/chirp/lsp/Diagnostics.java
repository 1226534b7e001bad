package dev.chirp.lsp;

import dev.chirp.Checker;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.MessageParams;
import org.eclipse.lsp4j.MessageType;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * Checks the catalog around an open document with {@code chirp check}'s own code (what {@link
 * Checker#checkAll} does: schema, limits, variables, bounds, catalog rules, suppressions; only the
 * specs that changed are checked again, see {@link CatalogCheck}), reading open documents from the
 * editor's text, and publishes each open document's findings.
 *
 * <p>Checks run one at a time on one thread. An edit is checked at once when no check is running;
 * edits made while one runs are checked together, with the latest text, when it ends.
 */
final class Diagnostics {
  /**
   * How long file-system events must pause before the catalog is checked again (a checkout reports
   * many files, one by one); edits in the editor are not delayed.
   */
  static final long DEBOUNCE_MS = 150;

  /** A chirp finding and what the client was sent for it. */
  record Found(Diagnostic chirp, org.eclipse.lsp4j.Diagnostic lsp) {}

  private final Documents documents;
  private final Supplier<Positions> positions;
  private final Checker checker = new Checker();
  private final ScheduledExecutorService worker = worker();
  private final Map<Path, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();
  private final Map<String, List<Found>> published = new ConcurrentHashMap<>();

  /** Each catalog's results, to check again only what changed; used on the worker thread only. */
  private final Map<Path, CatalogCheck> catalogs = new HashMap<>();

  private volatile LanguageClient client;

  Diagnostics(Documents documents, Supplier<Positions> positions) {
    this.documents = documents;
    this.positions = positions;
  }

  void connect(LanguageClient client) {
    this.client = client;
  }

  /** What was last published for {@code uri}. */
  List<Found> of(String uri) {
    return published.getOrDefault(uri, List.of());
  }

  /**
   * Checks the catalog of {@code file} after {@code delayMs}, replacing a check still waiting: one
   * asked for while a check runs starts when that one ends.
   */
  void schedule(Path file, long delayMs) {
    if (worker.isShutdown()) {
      return; // after shutdown the client expects nothing more
    }
    Path root = root(file);
    pending.compute(
        root,
        (k, old) -> {
          if (old != null) {
            old.cancel(false);
          }
          return worker.schedule(() -> run(root), delayMs, TimeUnit.MILLISECONDS);
        });
  }

  /**
   * Stops checking: a check that is running finishes (it is not interrupted, which would close the
   * files it reads mid-way), waiting ones are dropped.
   */
  void shutdown() {
    worker.shutdown();
  }

  private static ScheduledExecutorService worker() {
    ScheduledThreadPoolExecutor w =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "chirp-lsp-check");
              t.setDaemon(true);
              return t;
            });
    w.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    w.setRemoveOnCancelPolicy(true);
    return w;
  }

  /**
   * The folder whose catalog a file belongs to: chirp.yaml's (the file's folder or the nearest
   * parent, as {@code chirp check} finds it), else the file's own folder, whose specs (not those of
   * its subfolders) are then checked together. A partial's catalog is the one of the folder holding
   * {@code partials/}.
   */
  static Path root(Path file) {
    Path start = file.getParent();
    if (start != null
        && start.getFileName() != null
        && start.getFileName().toString().equals("partials")) {
      start = start.getParent();
    }
    Path dir = start;
    return CatalogFile.find(start).map(Path::getParent).orElse(dir);
  }

  private void run(Path root) {
    try {
      List<Documents.Doc> all = documents.all();
      Map<Path, byte[]> overlay = new HashMap<>();
      all.forEach(d -> overlay.put(d.path(), d.text().getBytes(StandardCharsets.UTF_8)));
      // Each document belongs to one catalog, and only that catalog's check publishes for it.
      List<Documents.Doc> open = all.stream().filter(d -> root(d.path()).equals(root)).toList();
      if (open.isEmpty()) {
        catalogs.remove(root); // no one to publish for, nothing to keep
        return;
      }
      Report report = check(root, overlay, open);
      LanguageClient c = client;
      for (Documents.Doc d : open) {
        List<Found> found = convert(report, root, d);
        published.put(d.uri(), found);
        if (c != null) {
          c.publishDiagnostics(
              new PublishDiagnosticsParams(
                  d.uri(), found.stream().map(Found::lsp).toList(), d.version()));
        }
      }
    } catch (RuntimeException e) {
      LanguageClient c = client;
      if (c != null) {
        c.logMessage(new MessageParams(MessageType.Error, "chirp: check failed: " + e));
      }
    }
  }

  /** {@code chirp check ROOT}, with open documents read from their text (new ones included). */
  Report check(Path root, Map<Path, byte[]> overlay, List<Documents.Doc> open) {
    CatalogCheck catalog = catalogs.computeIfAbsent(root, CatalogCheck::new);
    List<Path> files = catalog.files(open.stream().map(Documents.Doc::path).toList());
    return catalog.check(checker.overlay(overlay::get), files, overlay);
  }

  /** The findings of the report on document {@code d}, in LSP terms. */
  private List<Found> convert(Report report, Path root, Documents.Doc d) {
    Positions pos = positions.get();
    SourceFile source = d.source();
    List<Found> out = new ArrayList<>();
    for (Diagnostic c : report.diagnostics()) {
      if (!root.resolve(c.file()).normalize().equals(d.path())) {
        continue;
      }
      out.add(new Found(c, lsp(c, pos, source)));
    }
    return out;
  }

  static org.eclipse.lsp4j.Diagnostic lsp(Diagnostic c, Positions pos, SourceFile source) {
    StringBuilder message = new StringBuilder(c.message());
    for (String note : c.notes()) {
      message.append("\nnote: ").append(note);
    }
    if (c.fix() != null) {
      message.append("\nhelp: ").append(c.fix());
    }
    org.eclipse.lsp4j.Diagnostic l =
        new org.eclipse.lsp4j.Diagnostic(
            pos.range(source, c.span()), message.toString(), severity(c.severity()), "chirp");
    l.setCode(c.code().id());
    return l;
  }

  static DiagnosticSeverity severity(Severity s) {
    return switch (s) {
      case ERROR -> DiagnosticSeverity.Error;
      case WARNING -> DiagnosticSeverity.Warning;
      case INFO -> DiagnosticSeverity.Information;
    };
  }

  /** A closed document: its findings are taken off the editor's list. */
  void closed(String uri) {
    published.remove(uri);
    LanguageClient c = client;
    if (c != null) {
      c.publishDiagnostics(new PublishDiagnosticsParams(uri, List.of()));
    }
  }
}
