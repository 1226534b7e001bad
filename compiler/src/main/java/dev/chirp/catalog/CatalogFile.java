package dev.chirp.catalog;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.schema.SpecSchema;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YSeq;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The catalog file chirp.yaml: its locales and template registry, read with positions. */
public record CatalogFile(
    Path path,
    SourceFile source,
    List<Diagnostic> diagnostics,
    List<String> locales,
    boolean hasRegistry,
    Map<String, RegisteredTemplate> templates,
    Map<String, Profile> profiles,
    Optional<Setting> defaultProfile) {

  /** Copies into immutable collections. */
  public CatalogFile {
    diagnostics = List.copyOf(diagnostics);
    locales = List.copyOf(locales);
    templates = Collections.unmodifiableMap(new LinkedHashMap<>(templates));
    profiles = Collections.unmodifiableMap(new LinkedHashMap<>(profiles));
  }

  /** One value of chirp.yaml and where it is written. */
  public record Setting(String value, Span span) {}

  /** A named connection: its workspaceId, channelId and (optional) apiUrl, as validated. */
  public record Profile(
      String name, Setting workspaceId, Setting channelId, Optional<Setting> apiUrl) {}

  /** A template declared in the registry. */
  public record RegisteredTemplate(
      String name,
      String projectId,
      List<String> locales,
      Map<String, String> parameters,
      Span span) {}

  /**
   * The chirp.yaml for a file or folder: in it or the nearest parent folder, up to the repository.
   */
  public static Optional<Path> find(Path start) {
    Path d = start.toAbsolutePath().normalize();
    if (!Files.isDirectory(d)) {
      d = d.getParent();
    }
    while (d != null) {
      Path f = d.resolve("chirp.yaml");
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
      if (Files.exists(d.resolve(".git"))) {
        break;
      }
      d = d.getParent();
    }
    return Optional.empty();
  }

  /** A defaultProfile that names no profile: every send without --profile would stop on it. */
  private static Optional<Diagnostic> defaultProfile(String display, YMap root) {
    Optional<YMap.Entry> d =
        root.entries().stream().filter(e -> e.name().equals("defaultProfile")).findFirst();
    if (d.isEmpty()) {
      return Optional.empty();
    }
    String name = ((YScalar) d.get().value()).asText();
    List<String> names = new ArrayList<>();
    root.get("profiles").ifPresent(p -> ((YMap) p).entries().forEach(e -> names.add(e.name())));
    if (names.contains(name)) {
      return Optional.empty();
    }
    return Optional.of(
        Diagnostic.of(
            Code.SCHEMA_VALUE,
            display,
            d.get().value().span(),
            "defaultProfile `"
                + name
                + "` is not a profile of this file"
                + (names.isEmpty() ? " (it has none)" : "; it has: " + String.join(", ", names))));
  }

  /** Loads and validates chirp.yaml, shown in diagnostics as {@code display}. */
  public static CatalogFile load(Path path, String display, SpecSchema schema) throws IOException {
    return load(path, display, Files.readAllBytes(path), schema);
  }

  /** Validates chirp.yaml's {@code bytes} (an editor's unsaved text of {@code path}). */
  public static CatalogFile load(Path path, String display, byte[] bytes, SpecSchema schema) {
    LoadedFile loaded = YamlLoader.load(display, bytes);
    List<Diagnostic> problems = new ArrayList<>(loaded.diagnostics());
    List<String> locales = new ArrayList<>();
    Map<String, RegisteredTemplate> templates = new LinkedHashMap<>();
    Map<String, Profile> profiles = new LinkedHashMap<>();
    Optional<Setting> defaultProfile = Optional.empty();
    boolean registry = false;
    if (loaded.root().isPresent()) {
      YMap root = loaded.root().get();
      List<Diagnostic> schemaProblems = schema.validate(display, root);
      problems.addAll(schemaProblems);
      if (schemaProblems.isEmpty()) {
        defaultProfile(display, root).ifPresent(problems::add);
        defaultProfile = root.get("defaultProfile").map(CatalogFile::setting);
        root.get("profiles")
            .ifPresent(
                ps ->
                    ((YMap) ps)
                        .entries()
                        .forEach(
                            e -> {
                              YMap m = (YMap) e.value();
                              profiles.put(
                                  e.name(),
                                  new Profile(
                                      e.name(),
                                      setting(m.get("workspaceId").get()),
                                      setting(m.get("channelId").get()),
                                      m.get("apiUrl").map(CatalogFile::setting)));
                            }));
        root.get("locales")
            .ifPresent(l -> ((YSeq) l).items().forEach(i -> locales.add(((YScalar) i).asText())));
        Optional<YNode> t = root.get("templates");
        registry = t.isPresent();
        if (t.isPresent()) {
          for (YMap.Entry e : ((YMap) t.get()).entries()) {
            YMap m = (YMap) e.value();
            List<String> tl = new ArrayList<>();
            ((YSeq) m.get("locales").get()).items().forEach(i -> tl.add(((YScalar) i).asText()));
            Map<String, String> params = new LinkedHashMap<>();
            m.get("parameters")
                .ifPresent(
                    p ->
                        ((YMap) p)
                            .entries()
                            .forEach(pe -> params.put(pe.name(), ((YScalar) pe.value()).asText())));
            templates.put(
                e.name(),
                new RegisteredTemplate(
                    e.name(),
                    ((YScalar) m.get("projectId").get()).asText(),
                    List.copyOf(tl),
                    params,
                    e.key().span()));
          }
        }
      }
    }
    return new CatalogFile(
        path, loaded.source(), problems, locales, registry, templates, profiles, defaultProfile);
  }

  /** A scalar the schema has checked, with its place. */
  private static Setting setting(YNode n) {
    return new Setting(((YScalar) n).asText(), n.span());
  }

  /** The registered template with {@code projectId}, if any. */
  public Optional<RegisteredTemplate> byProject(String projectId) {
    return templates.values().stream()
        .filter(t -> t.projectId().equalsIgnoreCase(projectId))
        .findFirst();
  }
}
