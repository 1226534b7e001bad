package dev.chirp.send;

import dev.chirp.catalog.CatalogFile;
import dev.chirp.catalog.CatalogFile.Setting;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.schema.SpecSchema;
import dev.chirp.text.Uuids;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
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
        return what.toUpperCase(Locale.ROOT) + "_ID";
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
    if (!Uuids.isUuid(v.value())) {
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

  /**
   * The profile {@code name} (or the catalog's defaultProfile) of {@code file}, read through the
   * compiler's validated catalog model: a value of the wrong type or form is the schema's
   * diagnostic, at its line, as `chirp check` reports it.
   */
  private static Profile profile(String name, Path file) throws SettingsException {
    if (file == null) {
      if (name != null) {
        throw new SettingsException(
            "--profile " + name + ": no chirp.yaml found beside the spec or in a parent folder");
      }
      return null;
    }
    String shown = file.toString();
    CatalogFile cf;
    try {
      cf = CatalogFile.load(file, shown, SpecSchema.loadCatalog());
    } catch (IOException e) {
      throw new SettingsException("cannot read " + shown);
    }
    Optional<Diagnostic> error =
        cf.diagnostics().stream().filter(d -> d.severity() == Severity.ERROR).findFirst();
    if (error.isPresent()) {
      throw new SettingsException(
          error.get().headline() + " (run `chirp check " + shown + "` for every problem)");
    }
    String chosen = name != null ? name : cf.defaultProfile().map(Setting::value).orElse(null);
    if (chosen == null) {
      return null;
    }
    CatalogFile.Profile p = cf.profiles().get(chosen);
    if (p == null) {
      throw new SettingsException(
          cf.profiles().isEmpty()
              ? shown + ": no `profiles:` mapping, so profile `" + chosen + "` cannot be found"
              : shown
                  + ": no profile `"
                  + chosen
                  + "`; it has: "
                  + String.join(", ", cf.profiles().keySet()));
    }
    return new Profile(
        value(p.workspaceId(), shown),
        value(p.channelId(), shown),
        p.apiUrl().map(u -> value(u, shown)).orElse(null));
  }

  private static Value value(Setting s, String file) {
    return new Value(s.value(), file + ":" + s.span().line() + ":" + s.span().column());
  }
}
