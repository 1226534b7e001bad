package dev.chirp.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Headless Chromium, run once per screenshot with a fresh profile and no background traffic. */
final class Chromium {
  private Chromium() {}

  /** How long one screenshot may take before the browser is killed. */
  static final long TIMEOUT_SECONDS = 90;

  /** A finished screenshot: the browser's exit code and everything it logged. */
  record Shot(int exit, String log) {}

  /** The chromium binary: /usr/bin/chromium, else {@code chromium} on PATH. */
  static Optional<Path> find(Map<String, String> env) {
    return find(env, Path.of("/usr/bin/chromium"));
  }

  /** As {@link #find(Map)}, with {@code standard} in place of /usr/bin/chromium. */
  static Optional<Path> find(Map<String, String> env, Path standard) {
    if (Files.isExecutable(standard)) {
      return Optional.of(standard);
    }
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "chromium"))) {
        return Optional.of(Path.of(dir, "chromium"));
      }
    }
    return Optional.empty();
  }

  /** Renders {@code html} into {@code png} with a window of {@code width} by {@code height}. */
  static Shot screenshot(Path binary, String html, Path png, int width, int height)
      throws IOException, InterruptedException {
    return screenshot(binary, html, png, width, height, null);
  }

  /**
   * As above; a non-null {@code netLog} receives Chromium's NetLog (JSON), the record of every
   * request the browser attempted. A proxy that refuses and a resolver that finds nothing keep
   * every request on the machine in any case.
   */
  static Shot screenshot(Path binary, String html, Path png, int width, int height, Path netLog)
      throws IOException, InterruptedException {
    Path tmp = Files.createTempDirectory("chirp-preview");
    try {
      Path page = tmp.resolve("page.html");
      Files.writeString(page, html, StandardCharsets.UTF_8);
      Path log = tmp.resolve("chromium.log");
      List<String> cmd = new ArrayList<>();
      cmd.add(binary.toString());
      cmd.addAll(
          List.of(
              "--headless",
              "--no-sandbox",
              "--disable-gpu",
              "--disable-quic",
              "--no-first-run",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--disable-default-apps",
              "--disable-extensions",
              "--hide-scrollbars",
              "--no-pings",
              "--disable-domain-reliability",
              "--disable-client-side-phishing-detection",
              "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,Translate,MediaRouter",
              "--proxy-server=127.0.0.1:9",
              "--host-resolver-rules=MAP * ~NOTFOUND",
              "--enable-logging=stderr",
              "--v=0",
              "--user-data-dir=" + tmp.resolve("profile"),
              "--screenshot=" + png.toAbsolutePath(),
              "--window-size=" + width + "," + height,
              page.toUri().toString()));
      if (netLog != null) {
        cmd.add(cmd.size() - 1, "--log-net-log=" + netLog.toAbsolutePath());
      }
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullFile()))
              .start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
        throw new IOException("chromium did not finish within " + TIMEOUT_SECONDS + " s");
      }
      return new Shot(p.exitValue(), new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    } finally {
      try (Stream<Path> walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static File nullFile() {
    return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
