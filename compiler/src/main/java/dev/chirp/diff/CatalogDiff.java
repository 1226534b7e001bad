package dev.chirp.diff;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.SpecFiles;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.vars.ValueCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two versions of a catalog: specs added, removed and changed, and for changed
 * specs the difference in the compiled payload of each example.
 */
public final class CatalogDiff {
  private CatalogDiff() {}

  /**
   * The change of one example's payload; {@code before} or {@code after} is null when absent, and
   * so is the matching resolution ({@code beforeResolved}, {@code afterResolved}).
   */
  public record ExampleChange(
      String name,
      String before,
      String after,
      List<String> lines,
      Resolved beforeResolved,
      Resolved afterResolved) {}

  /** One example of one side resolved: the spec as read, its check diagnostics, the resolution. */
  public record Resolved(
      Spec spec, List<Diagnostic> specDiagnostics, Compiler.Resolution resolution) {}

  /** A spec present on both sides whose file or payloads differ. */
  public record Changed(String key, String file, List<ExampleChange> examples, boolean textOnly) {}

  /** The whole difference. */
  public record Result(List<String> added, List<String> removed, List<Changed> changed) {
    public boolean any() {
      return !added.isEmpty() || !removed.isEmpty() || !changed.isEmpty();
    }
  }

  private record Side(
      String file,
      String text,
      Spec spec,
      Map<String, String> payloads,
      Map<String, Resolved> resolved) {}

  public static Result diff(Path before, Path after, Checker checker, Compiler compiler)
      throws IOException {
    Map<String, Side> a = load(before, checker, compiler);
    Map<String, Side> b = load(after, checker, compiler);
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<Changed> changed = new ArrayList<>();
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (String k : keys) {
      Side x = a.get(k);
      Side y = b.get(k);
      if (x == null) {
        added.add(k);
      } else if (y == null) {
        removed.add(k);
      } else if (!x.text().equals(y.text()) || !x.payloads().equals(y.payloads())) {
        // The payloads too: a partial or chirp.yaml changes them without touching the spec file.
        List<ExampleChange> ex = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(x.payloads().keySet());
        names.addAll(y.payloads().keySet());
        for (String n : names) {
          String p = x.payloads().get(n);
          String q = y.payloads().get(n);
          if (p == null || q == null || !p.equals(q)) {
            // Named as git names files, a/ before and b/ after, /dev/null for a side without it.
            List<String> lines =
                UnifiedDiff.lines(
                    p == null ? "/dev/null" : "a/" + k + "/" + n + ".json",
                    q == null ? "/dev/null" : "b/" + k + "/" + n + ".json",
                    p == null ? List.of() : p.lines().toList(),
                    q == null ? List.of() : q.lines().toList());
            ex.add(new ExampleChange(n, p, q, lines, x.resolved().get(n), y.resolved().get(n)));
          }
        }
        changed.add(new Changed(k, y.file(), ex, ex.isEmpty()));
      }
    }
    return new Result(added, removed, changed);
  }

  private static Map<String, Side> load(Path dir, Checker checker, Compiler compiler)
      throws IOException {
    Map<String, Side> out = new TreeMap<>();
    for (Path f : SpecFiles.find(List.of(dir))) {
      String display = Checker.display(f, dir);
      String text = Files.readString(f);
      Checker.Checked c = checker.check(f, display);
      String key = display.replaceFirst("\\.ya?ml$", "");
      Map<String, String> payloads = new TreeMap<>();
      Map<String, Resolved> resolved = new TreeMap<>();
      if (c.spec().isPresent()) {
        Spec s = c.spec().get();
        key = s.id() + (s.locale() == null ? "" : "." + s.locale());
        for (Example ex : s.examples()) {
          Receiver to = ex.to() == null ? Receiver.EXAMPLE : Receiver.phone(ex.to());
          Compiler.Resolution r = compiler.resolve(s, ValueCheck.bindings(s, ex), to);
          payloads.put(ex.name(), r.ok() ? Payload.pretty(r.payload()) : notCompiled(r));
          resolved.put(ex.name(), new Resolved(s, c.diagnostics(), r));
        }
      }
      if (out.containsKey(key)) {
        key = key + " (" + display + ")"; // an id used twice: both stay in the diff
      }
      out.put(key, new Side(display, text, c.spec().orElse(null), payloads, resolved));
    }
    return out;
  }

  /** What a diff shows for an example that does not compile: the fact, then each error. */
  private static String notCompiled(Compiler.Resolution r) {
    StringBuilder b = new StringBuilder("(does not compile)\n");
    r.diagnostics().stream()
        .filter(d -> d.severity() == Severity.ERROR)
        .forEach(d -> b.append(d.headline()).append('\n'));
    return b.toString();
  }
}
