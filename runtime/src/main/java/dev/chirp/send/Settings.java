package dev.chirp.send;

import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import dev.chirp.yaml.YNode;
import dev.chirp.yaml.YScalar;
import dev.chirp.yaml.YamlLoader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Connection settings from, in rising precedence: a profile of the catalog file {@code chirp.yaml},
 * the environment ({@code CHIRP_WORKSPACE_ID}, {@code CHIRP_CHANNEL_ID}, {@code CHIRP_API_URL}) and
 * flags. A problem is a {@link SettingsException} whose message names the place and the fix.
 */
public final class Settings {
  public static final String ENV_WORKSPACE = "CHIRP_WORKSPACE_ID";
  public static final String ENV_CHANNEL = "CHIRP_CHANNEL_ID";
  public static final String ENV_API_URL = "CHIRP_API_URL";

  private Settings() {}

  /** A settings problem, worded for the person running chirp. */
  public static final class SettingsException extends Exception {
    public SettingsException(String message) {
      super(message, null, false, false);
    }
  }

  /** What flags said; null where a flag was not given. */
  public record Flags(String profile, String workspaceId, String channelId, String apiUrl) {}

  /** One value and where it came from, for messages. */
  private record Value(String value, String origin) {}

  /**
   * Resolves the connection. {@code catalogFile} is the chirp.yaml found for the spec, or null.
   * With {@code allowMissingIds} (dry-run) absent ids become placeholders.
   */
  public static Connection resolve(
      Flags flags, Map<String, String> env, Path catalogFile, boolean allowMissingIds)
      throws SettingsException {
    Value ws = null;
    Value ch = null;
    Value url = null;
    Profile profile = profile(flags.profile(), catalogFile);
    if (profile != null) {
      ws = profile.workspaceId;
      ch = profile.channelId;
      url = profile.apiUrl;
    }
    if (env.get(ENV_WORKSPACE) != null) {
      ws = new Value(env.get(ENV_WORKSPACE), ENV_WORKSPACE);
    }
    if (env.get(ENV_CHANNEL) != null) {
      ch = new Value(env.get(ENV_CHANNEL), ENV_CHANNEL);
    }
    if (env.get(ENV_API_URL) != null) {
      url = new Value(env.get(ENV_API_URL), ENV_API_URL);
    }
    if (flags.workspaceId() != null) {
      ws = new Value(flags.workspaceId(), "--workspace-id");
    }
    if (flags.channelId() != null) {
      ch = new Value(flags.channelId(), "--channel-id");
    }
    if (flags.apiUrl() != null) {
      url = new Value(flags.apiUrl(), "--api-url");
    }
    String workspace = id(ws, "workspace", "--workspace-id", ENV_WORKSPACE, allowMissingIds);
    String channel = id(ch, "channel", "--channel-id", ENV_CHANNEL, allowMissingIds);
    URI api;
    try {
      api = URI.create(url == null ? Connection.DEFAULT_API_URL : url.value());
    } catch (IllegalArgumentException e) {
      throw new SettingsException(url.origin() + ": \"" + url.value() + "\" is not a URL");
    }
    String problem = Connection.urlProblem(api);
    if (problem != null) {
      throw new SettingsException((url == null ? "" : url.origin() + ": ") + problem);
    }
    return new Connection(api, workspace, channel);
  }

  private static String id(Value v, String what, String flag, String env, boolean allowMissing)
      throws SettingsException {
    if (v == null) {
      if (allowMissing) {
        return what.toUpperCase(java.util.Locale.ROOT) + "_ID";
      }
      throw new SettingsException(
          "no "
              + what
              + " id: give "
              + flag
              + ", set "
              + env
              + ", or name a profile of chirp.yaml with --profile");
    }
    if (!Connection.isUuid(v.value())) {
      throw new SettingsException(
          v.origin() + ": " + what + " id \"" + v.value() + "\" is not a UUID");
    }
    return v.value();
  }

  private record Profile(Value workspaceId, Value channelId, Value apiUrl) {}

  /** The chirp.yaml for a spec: in its folder or the nearest parent folder that has one. */
  public static Optional<Path> findCatalogFile(Path specFile) {
    Path d = specFile.toAbsolutePath().getParent();
    while (d != null) {
      Path f = d.resolve("chirp.yaml");
      if (Files.isRegularFile(f)) {
        return Optional.of(f);
      }
      if (Files.exists(d.resolve(".git"))) { // a folder, or a file in worktrees and submodules
        break;
      }
      d = d.getParent();
    }
    return Optional.empty();
  }

  private static Profile profile(String name, Path file) throws SettingsException {
    if (file == null) {
      if (name != null) {
        throw new SettingsException(
            "--profile " + name + ": no chirp.yaml found beside the spec or in a parent folder");
      }
      return null;
    }
    String shown = file.toString();
    LoadedFile loaded;
    try {
      loaded = YamlLoader.load(shown, Files.readAllBytes(file));
    } catch (IOException e) {
      throw new SettingsException("cannot read " + shown);
    }
    if (loaded.root().isEmpty()) {
      var d = loaded.diagnostics().get(0);
      throw new SettingsException(d.headline());
    }
    YMap root = loaded.root().get();
    Optional<YNode> profiles = root.get("profiles");
    String chosen = name;
    if (chosen == null) {
      chosen = root.get("defaultProfile").map(n -> ((YScalar) n).asText()).orElse(null);
      if (chosen == null) {
        return null;
      }
    }
    if (profiles.isEmpty() || !(profiles.get() instanceof YMap pm)) {
      throw new SettingsException(
          shown + ": no `profiles:` mapping, so profile `" + chosen + "` cannot be found");
    }
    Optional<YMap.Entry> entry = pm.entry(chosen);
    if (entry.isEmpty() || !(entry.get().value() instanceof YMap p)) {
      String known = String.join(", ", pm.entries().stream().map(YMap.Entry::name).toList());
      throw new SettingsException(shown + ": no profile `" + chosen + "`; it has: " + known);
    }
    for (YMap.Entry e : p.entries()) {
      if (!e.name().equals("workspaceId")
          && !e.name().equals("channelId")
          && !e.name().equals("apiUrl")) {
        throw new SettingsException(
            shown
                + ":"
                + e.key().span().line()
                + ":"
                + e.key().span().column()
                + ": unknown key `"
                + e.name()
                + "` in profile `"
                + chosen
                + "`; profiles have workspaceId, channelId and apiUrl");
      }
    }
    return new Profile(
        value(p, "workspaceId", shown), value(p, "channelId", shown), value(p, "apiUrl", shown));
  }

  private static Value value(YMap p, String key, String file) {
    return p.entry(key)
        .map(
            e ->
                new Value(
                    ((YScalar) e.value()).asText(),
                    file + ":" + e.value().span().line() + ":" + e.value().span().column()))
        .orElse(null);
  }
}
