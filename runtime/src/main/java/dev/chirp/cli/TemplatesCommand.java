package dev.chirp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.schema.SpecSchema;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.text.Uuids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chirp templates}: the catalog's template registry. */
@Command(
    name = "templates",
    mixinStandardHelpOptions = true,
    description = "Manage the template registry in chirp.yaml.",
    subcommands = {TemplatesCommand.Pull.class})
final class TemplatesCommand implements Runnable {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code chirp templates pull}: fills each registry entry's locales and parameters from Bird's
   * channel-templates API, so nobody types parameter lists by hand.
   */
  @Command(
      name = "pull",
      mixinStandardHelpOptions = true,
      description = {
        "Read each registered template (or --project-id) from Bird and write its locales and parameters to chirp.yaml.",
        "The `templates:` section of chirp.yaml is rewritten; comments inside it are not kept."
      })
  static final class Pull implements Callable<Integer> {
    @picocli.CommandLine.Spec CommandSpec spec;
    @picocli.CommandLine.ParentCommand TemplatesCommand parent;

    @Mixin ConnectionOptions conn;

    @Option(
        names = "--catalog",
        paramLabel = "FILE",
        description = "The chirp.yaml to update (default: found from the current folder).")
    Path catalogFile;

    @Option(
        names = "--project-id",
        paramLabel = "UUID",
        description = "Also pull this project (repeatable); named after the template.")
    List<String> projectIds = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
      ChirpCommand root = (ChirpCommand) spec.parent().parent().userObject();
      Map<String, String> env = root.env.vars();
      Path file =
          catalogFile != null
              ? catalogFile
              : CatalogFile.find(Path.of("").toAbsolutePath())
                  .orElseThrow(
                      () ->
                          new Main.UsageError("no chirp.yaml here or above; give --catalog FILE"));
      CatalogFile cf = CatalogFile.load(file, file.toString(), SpecSchema.loadCatalog());
      if (!cf.diagnostics().isEmpty()) {
        throw new Main.UsageError(cf.diagnostics().get(0).headline());
      }
      Connection c = conn.connection(env, file, false);
      BirdClient client = conn.client(c, conn.key(env), root.env, 1);
      Map<String, Entry> registry = new LinkedHashMap<>();
      cf.templates()
          .forEach(
              (name, t) ->
                  registry.put(name, new Entry(t.projectId(), t.locales(), t.parameters())));
      List<String> projects = new ArrayList<>();
      registry.values().forEach(e -> projects.add(e.projectId()));
      for (String p : projectIds) {
        if (!Uuids.isUuid(p)) {
          throw new Main.UsageError("--project-id \"" + p + "\" is not a UUID");
        }
        if (!projects.contains(p)) {
          projects.add(p);
        }
      }
      if (projects.isEmpty()) {
        throw new Main.UsageError(
            file + " registers no template; name projects with --project-id UUID");
      }
      var out = spec.commandLine().getOut();
      for (String projectId : projects) {
        Pulled pulled;
        try {
          pulled = pull(client, c, projectId);
        } catch (IOException e) {
          spec.commandLine()
              .getErr()
              .println("chirp: project " + projectId + ": " + e.getMessage());
          return Main.PROBLEMS;
        }
        String name =
            registry.entrySet().stream()
                .filter(e -> e.getValue().projectId().equalsIgnoreCase(projectId))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(pulled.name());
        Entry entry = new Entry(projectId, pulled.locales(), pulled.parameters());
        try {
          validate(name, entry);
        } catch (Refused e) {
          return refused("Bird's answer for project " + projectId, file, e);
        }
        registry.put(name, entry);
        out.println(
            "pulled "
                + name
                + " ("
                + projectId
                + "): locales "
                + String.join(", ", pulled.locales())
                + "; parameters "
                + (pulled.parameters().isEmpty()
                    ? "none"
                    : String.join(", ", pulled.parameters().keySet())));
      }
      try {
        rewrite(file, registry);
      } catch (Refused e) {
        return refused("Bird's answer", file, e);
      }
      out.println("updated " + file);
      return Main.OK;
    }

    /** Says that {@code what} does not fit {@code file}, which is left as it was. */
    private int refused(String what, Path file, Refused e) {
      spec.commandLine()
          .getErr()
          .println(
              "chirp: "
                  + what
                  + " does not fit "
                  + file
                  + ": "
                  + e.getMessage()
                  + "; "
                  + file
                  + " is untouched");
      return Main.PROBLEMS;
    }

    record Entry(String projectId, List<String> locales, Map<String, String> parameters) {
      Entry {
        locales = List.copyOf(locales);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      }
    }

    /** A BCP 47 language tag, as Bird's template locales are. */
    private static final Pattern LOCALE = Pattern.compile("^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$");

    /** A template variable's key as Bird names them: letters, digits, `_`, `-`, `.`. */
    private static final Pattern PARAMETER = Pattern.compile("^[A-Za-z0-9_.-]{1,100}$");

    /** Refuses a pulled value chirp.yaml's schema or Bird's own naming would not take. */
    static void validate(String name, Entry e) throws Refused {
      if (!name.matches("^[a-z0-9][a-z0-9_-]*$")) {
        throw new Refused(
            "template name \"" + BirdClient.printable(name) + "\" is not a registry name");
      }
      for (String l : e.locales()) {
        if (!LOCALE.matcher(l).matches()) {
          throw new Refused(
              "template "
                  + name
                  + ": locale \""
                  + BirdClient.printable(l)
                  + "\" is not a BCP 47 tag");
        }
      }
      for (String k : e.parameters().keySet()) {
        if (!PARAMETER.matcher(k).matches()) {
          throw new Refused(
              "template "
                  + name
                  + ": parameter key \""
                  + BirdClient.printable(k)
                  + "\" is not a variable name (letters, digits, _, - and . only)");
        }
      }
    }

    record Pulled(String name, List<String> locales, Map<String, String> parameters) {}

    /**
     * Reads a project's channel templates, following pages. Bird's docs give the endpoint but not
     * the shape of its answer; this reads the forms seen in Bird's APIs: a list under `results` (or
     * `items`/`data`), locales from `platformContent[].locale`, `locales` or `defaultLocale`, and
     * variables from `variables` or `parameters` entries with `key` (or `name`) and `type`. An
     * active template is preferred to a draft.
     */
    static Pulled pull(BirdClient client, Connection c, String projectId)
        throws IOException, InterruptedException {
      List<JsonNode> templates = new ArrayList<>();
      String token = null;
      for (int page = 0; page < 50; page++) {
        JsonNode n = client.getJson(c.templatesUrl(projectId, token));
        JsonNode list =
            n.has("results") ? n.get("results") : n.has("items") ? n.get("items") : n.get("data");
        if (list != null && list.isArray()) {
          list.forEach(templates::add);
        }
        token =
            n.hasNonNull("nextPageToken") && !n.get("nextPageToken").asText().isEmpty()
                ? n.get("nextPageToken").asText()
                : null;
        if (token == null) {
          break;
        }
      }
      if (templates.isEmpty()) {
        throw new IOException("Bird lists no channel template in this project");
      }
      JsonNode chosen = templates.get(0);
      for (JsonNode t : templates) {
        if ("active".equalsIgnoreCase(t.path("status").asText())) {
          chosen = t;
          break;
        }
      }
      Set<String> locales = new LinkedHashSet<>();
      chosen
          .path("platformContent")
          .forEach(
              pc -> {
                if (pc.hasNonNull("locale")) {
                  locales.add(pc.get("locale").asText());
                }
              });
      chosen.path("locales").forEach(l -> locales.add(l.asText()));
      if (locales.isEmpty() && chosen.hasNonNull("defaultLocale")) {
        locales.add(chosen.get("defaultLocale").asText());
      }
      Map<String, String> params = new LinkedHashMap<>();
      JsonNode vars = chosen.has("variables") ? chosen.get("variables") : chosen.path("parameters");
      vars.forEach(
          v -> {
            String key = v.hasNonNull("key") ? v.get("key").asText() : v.path("name").asText(null);
            if (key != null) {
              String type = v.path("type").asText("string").toLowerCase(Locale.ROOT);
              params.put(key, type.equals("number") || type.equals("boolean") ? type : "string");
            }
          });
      if (locales.isEmpty()) {
        throw new IOException("Bird's template has no locale");
      }
      String name =
          chosen
              .path("name")
              .asText(projectId)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9_-]+", "-")
              .replaceAll("^[-_]+|-+$", "");
      if (name.isEmpty()) {
        name = "template-" + projectId.substring(0, 8).toLowerCase(Locale.ROOT);
      }
      return new Pulled(name, List.copyOf(locales), params);
    }

    /** An answer from Bird that cannot go into chirp.yaml as it is; chirp.yaml is untouched. */
    static final class Refused extends Exception {
      Refused(String message) {
        super(message, null, false, false);
      }
    }

    /**
     * Replaces the `templates:` section of chirp.yaml (or appends one), keeping the rest byte for
     * byte. The section is written by SnakeYAML Engine's emitter, never by concatenation, so a
     * value from Bird cannot become YAML structure; the new file is then read back and checked
     * against the catalog schema, and everything but `templates` must read as before, before it
     * atomically replaces chirp.yaml (a temporary file beside it, then a move).
     */
    static void rewrite(Path file, Map<String, Entry> registry) throws IOException, Refused {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      boolean finalNewline = text.endsWith("\n");
      if (finalNewline) {
        lines.remove(lines.size() - 1);
      }
      int start = -1;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).startsWith("templates:")) {
          start = i;
          break;
        }
      }
      int end = lines.size();
      if (start >= 0) {
        for (int i = start + 1; i < lines.size(); i++) {
          String l = lines.get(i);
          if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
            end = i;
            break;
          }
        }
      }
      List<String> block = List.of(emit(registry).split("\n"));
      if (start < 0) {
        lines.add("");
        lines.addAll(block);
      } else {
        lines.subList(start, end).clear();
        lines.addAll(start, block);
      }
      String updated = String.join("\n", lines) + "\n";
      Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".chirp-yaml-", ".tmp");
      try {
        Files.writeString(tmp, updated, StandardCharsets.UTF_8);
        check(file, text, tmp, registry);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }

    /** The registry as YAML, by SnakeYAML Engine's emitter. */
    static String emit(Map<String, Entry> registry) {
      Map<String, Object> templates = new LinkedHashMap<>();
      registry.forEach((name, e) -> templates.put(name, asYaml(e)));
      DumpSettings settings =
          DumpSettings.builder().setDefaultFlowStyle(FlowStyle.AUTO).setIndent(2).build();
      return new Dump(settings).dumpToString(Map.of("templates", templates)).stripTrailing();
    }

    private static Map<String, Object> asYaml(Entry e) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("projectId", e.projectId());
      m.put("locales", e.locales());
      if (!e.parameters().isEmpty()) {
        m.put("parameters", new LinkedHashMap<>(e.parameters()));
      }
      return m;
    }

    /**
     * Refuses {@code candidate} unless it passes the catalog schema, its registry reads back as
     * {@code registry}, and every other key of {@code original} reads as before.
     */
    private static void check(
        Path file, String original, Path candidate, Map<String, Entry> registry)
        throws IOException, Refused {
      CatalogFile cf = CatalogFile.load(candidate, file.toString(), SpecSchema.loadCatalog());
      if (!cf.diagnostics().isEmpty()) {
        throw new Refused(cf.diagnostics().get(0).headline());
      }
      Map<String, Entry> read = new LinkedHashMap<>();
      cf.templates()
          .forEach((n, t) -> read.put(n, new Entry(t.projectId(), t.locales(), t.parameters())));
      Object before = new Load(LoadSettings.builder().build()).loadFromString(original);
      Object after =
          new Load(LoadSettings.builder().build())
              .loadFromString(Files.readString(candidate, StandardCharsets.UTF_8));
      if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
        Map<Object, Object> rest = new LinkedHashMap<>(b);
        Map<Object, Object> restAfter = new LinkedHashMap<>(a);
        rest.remove("templates");
        restAfter.remove("templates");
        if (read.equals(registry) && rest.equals(restAfter)) {
          return;
        }
      }
      throw new Refused("the updated file would not read back as the pulled registry");
    }
  }
}
