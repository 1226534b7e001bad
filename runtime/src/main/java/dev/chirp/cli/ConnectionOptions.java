package dev.chirp.cli;

import dev.chirp.send.AccessKey;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.send.Proxies;
import dev.chirp.send.RateLimiter;
import dev.chirp.send.Settings;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options that say where and how to reach Bird, shared by send and window. */
final class ConnectionOptions {
  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "A profile of the catalog's chirp.yaml.")
  String profile;

  @Option(
      names = "--workspace-id",
      paramLabel = "UUID",
      description = "Bird workspace id (env CHIRP_WORKSPACE_ID).")
  String workspaceId;

  @Option(
      names = "--channel-id",
      paramLabel = "UUID",
      description = "Bird WhatsApp channel id (env CHIRP_CHANNEL_ID).")
  String channelId;

  @Option(
      names = "--api-url",
      paramLabel = "URL",
      description = "API base URL (default https://api.bird.com; env CHIRP_API_URL).")
  String apiUrl;

  @Option(
      names = "--access-key-file",
      paramLabel = "FILE",
      description =
          "Read the access key from FILE instead of the BIRD_ACCESS_KEY environment variable.")
  Path accessKeyFile;

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for each answer (default: ${DEFAULT-VALUE}).")
  double timeoutSeconds;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "50",
      description =
          "Most requests a second (default: ${DEFAULT-VALUE}; Bird allows 500 per workspace, WhatsApp"
              + " about 80 per number). 0: no limit.")
  double rate;

  Connection connection(Map<String, String> env, Path specFile, boolean dryRun) {
    Path catalog = specFile == null ? null : Settings.findCatalogFile(specFile).orElse(null);
    return connectionWith(env, catalog, dryRun);
  }

  /** The connection with the profiles of {@code catalog} (a chirp.yaml, or null for none). */
  Connection connectionWith(Map<String, String> env, Path catalog, boolean dryRun) {
    try {
      return Settings.resolve(
          new Settings.Flags(profile, workspaceId, channelId, apiUrl), env, catalog, dryRun);
    } catch (Settings.SettingsException e) {
      throw new Main.UsageError(e.getMessage());
    }
  }

  AccessKey key(Map<String, String> env) {
    return key(env, "");
  }

  /**
   * As {@link #key(Map)}; {@code hint} ends the message when there is no key (send's --dry-run).
   */
  AccessKey key(Map<String, String> env, String hint) {
    try {
      return AccessKey.find(accessKeyFile, env)
          .orElseThrow(
              () ->
                  new Main.UsageError(
                      "no access key: set BIRD_ACCESS_KEY or give --access-key-file FILE" + hint));
    } catch (IOException e) {
      throw new Main.UsageError(e.getMessage()); // it names the file, never the key
    } catch (IllegalArgumentException e) {
      // AccessKey's messages never contain the key.
      throw new Main.UsageError(e.getMessage());
    }
  }

  /** A client for a dry-run: it never reaches the network, so it needs no key and no proxy. */
  BirdClient dryRunClient(Connection c) {
    return BirdClient.builder(c, AccessKey.of("dry-run")).version(Version.get()).build();
  }

  /**
   * A client that sends with {@code key}, waits between attempts as {@code env} says, goes through
   * the proxy its variables name, if any, and keeps {@code concurrency} connections open.
   */
  BirdClient client(Connection c, AccessKey key, Main.Env env, int concurrency) {
    Proxies proxies;
    try {
      proxies = Proxies.fromEnv(env.vars());
    } catch (Proxies.Invalid e) {
      throw new Main.UsageError(e.getMessage()); // names the variable, never its credentials
    }
    if (!(timeoutSeconds > 0) || !Double.isFinite(timeoutSeconds)) {
      throw new Main.UsageError(
          "--timeout must be more than 0 seconds, got " + plain(timeoutSeconds));
    }
    return BirdClient.builder(c, key)
        .limiter(limiter())
        .readLimiter(RateLimiter.forReads())
        .timeout(Duration.ofMillis((long) (timeoutSeconds * 1000)))
        .version(Version.get())
        .sleeper(env.sleeper())
        .proxies(proxies)
        .concurrency(concurrency)
        .build();
  }

  /** The rate limiter {@code --rate} asks for: bursts of a tenth of a second's worth. */
  RateLimiter limiter() {
    checkRate();
    return rate == 0 ? RateLimiter.unlimited() : new RateLimiter(rate, Math.max(1, rate / 10));
  }

  /** {@code --rate}, refused when it is not 0 or a positive number. */
  double rate() {
    checkRate();
    return rate;
  }

  private void checkRate() {
    if (rate < 0 || !Double.isFinite(rate)) {
      throw new Main.UsageError("--rate must be 0 (no limit) or more, got " + plain(rate));
    }
  }

  private static String plain(double d) {
    return Double.isFinite(d)
        ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
        : String.valueOf(d);
  }
}
