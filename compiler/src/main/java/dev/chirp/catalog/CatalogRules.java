package dev.chirp.catalog;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.schema.Suggest;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Template;
import dev.chirp.vars.Partials;
import dev.chirp.vars.Tag;
import dev.chirp.vars.Tags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks that need the whole catalog: ids unique and equal to file names, template specs against
 * the registry, every locale present, and partials used.
 */
public final class CatalogRules {
  private CatalogRules() {}

  /** Every catalog-level problem; {@code catalog} may be null when there is no chirp.yaml. */
  public static List<Diagnostic> check(
      List<Spec> specs,
      CatalogFile catalog,
      Path partialsDir,
      String partialsDisplay,
      Set<String> usedPartials) {
    List<Diagnostic> out = new ArrayList<>();
    ids(specs, out);
    if (catalog != null) {
      templates(specs, catalog, out);
      locales(specs, catalog, out);
    }
    if (partialsDir != null) {
      partials(usedPartials, partialsDir, partialsDisplay, out);
    }
    return out;
  }

  /**
   * The template registry's verdict on {@code spec} alone (registered, parameters and their types,
   * an approved locale): what compile and send check before a template goes out.
   */
  public static List<Diagnostic> templates(Spec spec, CatalogFile catalog) {
    List<Diagnostic> out = new ArrayList<>();
    templates(List.of(spec), catalog, out);
    return out;
  }

  /** {@code name} without its .yaml or .yml (no regex: this runs for every spec on every check). */
  private static String withoutExtension(String name) {
    if (name.endsWith(".yaml")) {
      return name.substring(0, name.length() - 5);
    }
    return name.endsWith(".yml") ? name.substring(0, name.length() - 4) : name;
  }

  private static void ids(List<Spec> specs, List<Diagnostic> out) {
    Map<String, Spec> seen = new HashMap<>();
    for (Spec s : specs) {
      String name = withoutExtension(Path.of(s.file()).getFileName().toString());
      String expected = s.locale() == null ? s.id() : s.id() + "." + s.locale();
      if (!name.equals(expected)) {
        out.add(
            Diagnostic.of(
                    Code.ID_MISMATCH,
                    s.file(),
                    s.idSpan(),
                    "spec id `"
                        + s.id()
                        + "`"
                        + (s.locale() == null ? "" : " with locale " + s.locale())
                        + " does not match the file name "
                        + name
                        + ".yaml")
                .withFix(
                    "name the file "
                        + expected
                        + ".yaml, or set id: "
                        + (s.locale() == null ? name : name.replaceFirst("\\.[^.]+$", ""))));
      }
      String key = s.id() + "|" + (s.locale() == null ? "" : s.locale());
      Spec first = seen.putIfAbsent(key, s);
      if (first != null) {
        // On both files: a pull request that adds the second sees it on its own file, and a
        // reader of the first learns of the second.
        for (Spec[] pair : new Spec[][] {{s, first}, {first, s}}) {
          out.add(
              Diagnostic.of(
                  Code.ID_DUPLICATE,
                  pair[0].file(),
                  pair[0].idSpan(),
                  "spec id `"
                      + s.id()
                      + "`"
                      + (s.locale() == null ? "" : " (" + s.locale() + ")")
                      + " is also used by "
                      + pair[1].file()));
        }
      }
    }
  }

  private static void templates(List<Spec> specs, CatalogFile catalog, List<Diagnostic> out) {
    for (Spec s : specs) {
      Template t = s.template();
      if (t == null || t.projectId().templated()) {
        continue;
      }
      var entry = catalog.byProject(t.projectId().value());
      if (entry.isEmpty()) {
        if (catalog.hasRegistry()) {
          out.add(
              Diagnostic.of(
                      Code.TEMPLATE_UNREGISTERED,
                      s.file(),
                      t.projectId().span(),
                      "template project "
                          + t.projectId().value()
                          + " is not in the registry of "
                          + catalog.source().path())
                  .withFix("declare it under `templates:` or run `chirp templates pull`"));
        }
        continue;
      }
      CatalogFile.RegisteredTemplate reg = entry.get();
      Map<String, Template.Parameter> given = new LinkedHashMap<>();
      t.parameters().forEach(p -> given.put(p.key(), p));
      List<String> missing = new ArrayList<>();
      for (var e : reg.parameters().entrySet()) {
        Template.Parameter p = given.get(e.getKey());
        if (p == null) {
          missing.add(e.getKey());
        } else if (!p.type().equals(e.getValue())) {
          out.add(
              Diagnostic.of(
                  Code.TEMPLATE_PARAMETERS,
                  s.file(),
                  p.keySpan(),
                  "parameter `"
                      + p.key()
                      + "` is a "
                      + p.type()
                      + " here but template `"
                      + reg.name()
                      + "` declares it a "
                      + e.getValue()));
        }
      }
      if (!missing.isEmpty()) {
        out.add(
            Diagnostic.of(
                Code.TEMPLATE_PARAMETERS,
                s.file(),
                t.span(),
                "template `"
                    + reg.name()
                    + "` needs parameter"
                    + (missing.size() == 1 ? " `" : "s `")
                    + String.join("`, `", missing)
                    + "`, which "
                    + (missing.size() == 1 ? "is" : "are")
                    + " not given (WhatsApp error 132000)"));
      }
      for (Template.Parameter p : t.parameters()) {
        if (!reg.parameters().containsKey(p.key())) {
          var d =
              Diagnostic.of(
                  Code.TEMPLATE_PARAMETERS,
                  s.file(),
                  p.keySpan(),
                  "template `"
                      + reg.name()
                      + "` has no parameter `"
                      + p.key()
                      + "` (WhatsApp error 132000)");
          var close = Suggest.closest(p.key(), reg.parameters().keySet());
          out.add(close.isPresent() ? d.withFix("did you mean `" + close.get() + "`?") : d);
        }
      }
      if (!t.locale().templated() && !reg.locales().contains(t.locale().value())) {
        out.add(
            Diagnostic.of(
                Code.TEMPLATE_LOCALE,
                s.file(),
                t.locale().span(),
                "template `"
                    + reg.name()
                    + "` is not approved in "
                    + t.locale().value()
                    + "; it has "
                    + String.join(", ", reg.locales())));
      }
    }
  }

  private static void locales(List<Spec> specs, CatalogFile catalog, List<Diagnostic> out) {
    if (catalog.locales().isEmpty()) {
      return;
    }
    Map<String, List<Spec>> byId = new LinkedHashMap<>();
    for (Spec s : specs) {
      if (s.locale() != null) {
        byId.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(s);
      }
    }
    for (var e : byId.entrySet()) {
      List<Spec> variants = e.getValue();
      Set<String> have = new HashSet<>();
      variants.forEach(v -> have.add(v.locale()));
      for (String l : catalog.locales()) {
        if (!have.contains(l)) {
          Spec first = variants.get(0);
          out.add(
              Diagnostic.of(
                  Code.LOCALE_MISSING,
                  first.file(),
                  Span.START,
                  "spec `"
                      + e.getKey()
                      + "` has no "
                      + l
                      + " variant ("
                      + e.getKey()
                      + "."
                      + l
                      + ".yaml); "
                      + catalog.source().path()
                      + " declares locales "
                      + String.join(", ", catalog.locales())));
        }
      }
      Set<String> all = new TreeSet<>();
      variants.forEach(v -> all.addAll(v.variables().keySet()));
      for (Spec v : variants) {
        Set<String> lacks = new TreeSet<>(all);
        lacks.removeAll(v.variables().keySet());
        if (!lacks.isEmpty()) {
          out.add(
              Diagnostic.of(
                  Code.LOCALE_VARIABLES,
                  v.file(),
                  Span.START,
                  "the "
                      + v.locale()
                      + " variant of `"
                      + e.getKey()
                      + "` does not declare `"
                      + String.join("`, `", lacks)
                      + "`, which other locales declare"));
        }
      }
    }
  }

  private static void partials(Set<String> used, Path dir, String display, List<Diagnostic> out) {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".mustache")
            && !used.contains(name.substring(0, name.length() - ".mustache".length()))) {
          out.add(
              Diagnostic.of(
                  Code.PARTIAL_UNUSED,
                  display + "/" + name,
                  Span.START,
                  "partial `" + name.replace(".mustache", "") + "` is not used by any spec"));
        }
      }
    } catch (IOException e) {
      // an unreadable partials folder is reported by the specs that use it
    }
  }

  /** The partials {@code template} includes, directly or through other partials. */
  public static void collect(String template, Partials partials, Set<String> used, int depth) {
    if (!template.contains("{{") || depth > 8) {
      return;
    }
    for (Tag tag : Tags.scan(template).tags()) {
      if (tag.kind() == Tag.Kind.PARTIAL && used.add(tag.name())) {
        partials.get(tag.name()).ifPresent(body -> collect(body, partials, used, depth + 1));
      }
    }
  }
}
