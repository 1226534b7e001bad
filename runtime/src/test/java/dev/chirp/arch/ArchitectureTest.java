package dev.chirp.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps ARCHITECTURE.md's code map true: each package refers only to the packages it may (imports
 * and names written out in full alike), the packages form no cycle, the compiler stays pure and no
 * main source file grows past 400 lines. "(root)" is {@code dev.chirp} itself (Checker, Compiler,
 * Catalog, SpecFiles).
 */
class ArchitectureTest {
  static final Path COMPILER = Path.of("..", "compiler", "src", "main", "java", "dev", "chirp");
  static final Path RUNTIME = Path.of("src", "main", "java", "dev", "chirp");

  /** What each package may refer to; the same table is in ARCHITECTURE.md. */
  static final Map<String, Set<String>> MAY =
      Map.ofEntries(
          Map.entry("text", Set.of()),
          Map.entry("diag", Set.of()),
          Map.entry("render", Set.of()),
          Map.entry("yaml", Set.of("diag")),
          Map.entry("schema", Set.of("diag", "yaml")),
          Map.entry("spec", Set.of("diag", "yaml")),
          Map.entry("emit", Set.of("diag", "spec")),
          Map.entry("vars", Set.of("diag", "emit", "schema", "spec", "yaml")),
          Map.entry("rules", Set.of("diag", "emit", "spec", "vars")),
          Map.entry("report", Set.of("diag")),
          Map.entry("catalog", Set.of("diag", "emit", "schema", "spec", "vars", "yaml")),
          Map.entry(
              "(root)",
              Set.of(
                  "catalog", "diag", "emit", "render", "rules", "schema", "spec", "vars", "yaml")),
          Map.entry(
              "diff",
              Set.of(
                  "(root)", "catalog", "diag", "emit", "rules", "schema", "spec", "vars", "yaml")),
          Map.entry(
              "preview",
              Set.of("(root)", "catalog", "diag", "emit", "rules", "spec", "vars", "yaml")),
          Map.entry("send", Set.of("(root)", "catalog", "diag", "rules", "schema")),
          Map.entry("batch", Set.of("(root)", "diag", "emit", "rules", "send", "spec", "vars")),
          Map.entry(
              "lsp",
              Set.of(
                  "(root)", "catalog", "diag", "emit", "rules", "schema", "spec", "vars", "yaml")),
          Map.entry(
              "cli",
              Set.of(
                  "(root)", "batch", "catalog", "diag", "diff", "emit", "lsp", "preview", "report",
                  "rules", "schema", "send", "spec", "vars", "yaml")));

  /** The bottom room, plain-text helpers with no chirp types: every package may refer to it. */
  static final String SHARED = "text";

  private static final Pattern REF = Pattern.compile("dev\\.chirp\\.([a-z]+\\.|[A-Z][A-Za-z]*)");

  /** Package -> the packages its main sources refer to. */
  static Map<String, Set<String>> actual() throws IOException {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Path base : List.of(COMPILER, RUNTIME)) {
      try (Stream<Path> files = Files.walk(base)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Path rel = base.relativize(f);
          String pkg = rel.getNameCount() == 1 ? "(root)" : rel.getName(0).toString();
          Set<String> deps = out.computeIfAbsent(pkg, k -> new TreeSet<>());
          Matcher m = REF.matcher(Files.readString(f));
          while (m.find()) {
            String g = m.group(1);
            String dep =
                Character.isUpperCase(g.charAt(0)) ? "(root)" : g.substring(0, g.length() - 1);
            if (!dep.equals(pkg)) {
              deps.add(dep);
            }
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyPackageRefersOnlyToWhatItMay() throws IOException {
    List<String> wrong = new ArrayList<>();
    actual()
        .forEach(
            (pkg, deps) -> {
              Set<String> may = MAY.get(pkg);
              if (may == null) {
                wrong.add(pkg + ": a package ARCHITECTURE.md does not map yet");
                return;
              }
              for (String d : deps) {
                if (!may.contains(d) && !d.equals(SHARED)) {
                  wrong.add(pkg + " -> " + d);
                }
              }
            });
    assertEquals(List.of(), wrong, "see ARCHITECTURE.md, Code map");
  }

  @Test
  void thePackagesFormNoCycle() throws IOException {
    Map<String, Set<String>> g = actual();
    List<String> cycles = new ArrayList<>();
    for (String start : g.keySet()) {
      if (reaches(g, start, start, new TreeSet<>())) {
        cycles.add(start);
      }
    }
    assertEquals(List.of(), cycles, "packages on a cycle");
  }

  /** What a pure library does not do: start threads, use a shared pool, write files, keep state. */
  static final Pattern IMPURE =
      Pattern.compile(
          "new Thread\\(|Executors\\.|ForkJoinPool|parallelStream\\(|\\.parallel\\(\\)"
              + "|Files\\.(write|createDirector|move|delete|copy|newOutputStream|newBufferedWriter)"
              + "|FileOutputStream|static [^=(]*Atomic");

  @Test
  void theCompilerStartsNoThreadWritesNoFileAndKeepsNoGlobalState() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(COMPILER)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (IMPURE.matcher(lines.get(i)).find()) {
            found.add(COMPILER.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    // The one exception: Checker.parallel(true), where the caller asks for the common pool.
    assertEquals(
        List.of("Checker.java:" + parallelLine() + ": return parallel ? s.parallel() : s;"), found);
  }

  /** Longest a main source file may be; a longer one holds more than one concern. */
  static final int MAX_LINES = 400;

  /** The files allowed past {@link #MAX_LINES}, each with its reason. */
  static final Map<String, String> LONG_FILES =
      Map.of(
          "compiler/src/main/java/dev/chirp/diag/Code.java",
          "a data table: every code's severity, summary and explanation");

  @Test
  void noMainSourceFileIsLongerThan400LinesButTheListedOnes() throws IOException {
    Map<String, Integer> lengths = new TreeMap<>();
    for (Path base : List.of(COMPILER, RUNTIME)) {
      try (Stream<Path> files = Files.walk(base)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          lengths.put(moduleRelative(f), Files.readAllLines(f).size());
        }
      }
    }
    List<String> tooLong = new ArrayList<>();
    lengths.forEach(
        (f, n) -> {
          if (n > MAX_LINES && !LONG_FILES.containsKey(f)) {
            tooLong.add(f + ": " + n + " lines");
          }
        });
    assertEquals(List.of(), tooLong, "split these along their seams (ARCHITECTURE.md)");
    List<String> stale = new ArrayList<>();
    for (String f : new TreeSet<>(LONG_FILES.keySet())) {
      if (lengths.getOrDefault(f, 0) <= MAX_LINES) {
        stale.add(f);
      }
    }
    assertEquals(List.of(), stale, "no longer over " + MAX_LINES + " lines: drop from LONG_FILES");
  }

  /** {@code f} from the project root, with '/': "compiler/src/main/java/dev/chirp/...". */
  private static String moduleRelative(Path f) {
    Path abs = f.toAbsolutePath().normalize();
    Path project = Path.of("..").toAbsolutePath().normalize();
    return project.relativize(abs).toString().replace('\\', '/');
  }

  private static int parallelLine() throws IOException {
    List<String> lines = Files.readAllLines(COMPILER.resolve("Checker.java"));
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals("return parallel ? s.parallel() : s;")) {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean reaches(
      Map<String, Set<String>> g, String from, String to, Set<String> seen) {
    for (String d : g.getOrDefault(from, Set.of())) {
      if (d.equals(to)) {
        return true;
      }
      if (seen.add(d) && reaches(g, d, to, seen)) {
        return true;
      }
    }
    return false;
  }
}
