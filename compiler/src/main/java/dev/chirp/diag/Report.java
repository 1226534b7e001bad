package dev.chirp.diag;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The diagnostics of one run over one or more files, in a stable order (file, line, column, code),
 * with the sources needed to quote lines.
 */
public record Report(List<Diagnostic> diagnostics, Map<String, SourceFile> sources) {
  /** The order every format prints in. */
  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(d -> d.span().line())
          .thenComparingInt(d -> d.span().column())
          .thenComparing(d -> d.code().id())
          .thenComparing(Diagnostic::message);

  public Report {
    List<Diagnostic> sorted = new ArrayList<>(diagnostics);
    sorted.sort(ORDER);
    diagnostics = List.copyOf(sorted);
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  /** A report over the given sources (every checked file, clean ones included). */
  public static Report of(Collection<Diagnostic> diagnostics, Collection<SourceFile> sources) {
    Map<String, SourceFile> map = new LinkedHashMap<>();
    for (SourceFile s : sources) {
      map.put(s.path(), s);
    }
    return new Report(new ArrayList<>(diagnostics), map);
  }

  public long count(Severity s) {
    return diagnostics.stream().filter(d -> d.severity() == s).count();
  }

  /** Whether the run fails: any error, or with {@code strict} any warning. */
  public boolean fails(boolean strict) {
    return count(Severity.ERROR) > 0 || (strict && count(Severity.WARNING) > 0);
  }

  /** "2 errors, 1 warning in 3 files" — the closing line of the human format. */
  public String summary() {
    long e = count(Severity.ERROR);
    long w = count(Severity.WARNING);
    long i = count(Severity.INFO);
    int files = sources.size();
    String checked = files + (files == 1 ? " file" : " files");
    if (e + w + i == 0) {
      return "ok: " + checked + " checked, no problems";
    }
    List<String> parts = new ArrayList<>();
    parts.add(plural(e, "error"));
    parts.add(plural(w, "warning"));
    if (i > 0) {
      parts.add(plural(i, "info"));
    }
    return String.join(", ", parts) + " in " + checked;
  }

  private static String plural(long n, String word) {
    return n + " " + word + (n == 1 || word.equals("info") ? "" : "s");
  }
}
