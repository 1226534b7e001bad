package dev.chirp.cli;

import dev.chirp.cli.DaemonProtocol.Op;
import dev.chirp.cli.DaemonProtocol.Request;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry of the {@code ./chirp} launcher, which runs every command through it with fixed JVM
 * options. For {@code chirp check} with the resident checker wanted, it forwards the command line
 * to this directory's daemon over its socket, before loading any of the command line's classes;
 * without one it runs chirp here and, if the check ran, starts one for next time. Everything else
 * goes straight to {@link Main}.
 */
public final class Launch {
  private Launch() {}

  /**
   * The daemon's JVM: the optimizing compiler (it lives for minutes and runs the same check many
   * times), and a bounded footprint: the heap holds one check at a time (a check of a generated
   * 1,000-spec catalog completes with -Xmx64m; 384 MB leaves room for bigger catalogs), class
   * metadata and compiled code are capped too. {@code CHIRP_JAVA_OPTS} comes after these, so an
   * {@code -Xmx} there wins.
   */
  static final List<String> DAEMON_OPTS =
      List.of(
          "-XX:+UseSerialGC",
          "-Xmx384m",
          "-XX:MaxMetaspaceSize=192m",
          "-XX:ReservedCodeCacheSize=96m",
          "-XX:-UsePerfData");

  /** Environment a daemon starts with: never the access key or other secrets of this shell. */
  static final List<String> DAEMON_ENV = List.of("PATH", "HOME", "LANG", "TMPDIR");

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    Optional<Path> socket = wanted(List.of(args), env) ? socket(env) : Optional.empty();
    if (socket.isEmpty()) {
      Main.main(args);
      return;
    }
    int code =
        Client.run(
            socket.get(),
            request(args, env),
            new FileOutputStream(FileDescriptor.out),
            new FileOutputStream(FileDescriptor.err));
    if (code != DaemonProtocol.RUN_COLD) {
      System.exit(code);
    }
    // None yet, or it cannot take this request: check here, then, if the check ran (not a usage
    // error or a missing folder), start one for next time.
    code = Main.runProcess(args);
    if (code == Main.OK || code == Main.PROBLEMS) {
      start(socket.get(), args, env);
    }
    System.exit(code);
  }

  /**
   * Whether this command line goes through a resident checker: {@code check} (not its help or
   * version), unless in CI ({@code CI} set) or with {@code CHIRP_DAEMON=0}; {@code CHIRP_DAEMON=1}
   * forces it on.
   */
  static boolean wanted(List<String> args, Map<String, String> env) {
    if (args.isEmpty() || !args.get(0).equals("check")) {
      return false;
    }
    for (String a : args) {
      if (a.equals("-h") || a.equals("--help") || a.equals("-V") || a.equals("--version")) {
        return false;
      }
    }
    String d = env.getOrDefault("CHIRP_DAEMON", "");
    if (d.equals("0") || d.equals("1")) {
      return d.equals("1");
    }
    return env.getOrDefault("CI", "").isEmpty();
  }

  // Plain ifs, no lambdas: this runs before every forwarded check, and a lambda's first use
  // costs start-up time.
  private static Optional<Path> socket(Map<String, String> env) {
    Optional<Path> jar = jar();
    Optional<Path> dir = Residents.prepared(env);
    if (jar.isEmpty() || dir.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        Residents.socketFor(
            dir.get(),
            Path.of("").toAbsolutePath(),
            jar.get(),
            env.getOrDefault("CHIRP_JAVA_OPTS", "")));
  }

  private static Request request(String[] args, Map<String, String> env) {
    Map<String, String> passed = new LinkedHashMap<>();
    for (String k : DaemonProtocol.PASSED_ENV) {
      String v = env.get(k);
      if (v != null) {
        passed.put(k, v);
      }
    }
    return new Request(
        Op.CHECK, Path.of("").toAbsolutePath(), System.console() != null, passed, List.of(args));
  }

  /** The jar (or classes folder) this class came from. */
  static Optional<Path> jar() {
    try {
      return Optional.of(
          Path.of(Launch.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The command that starts a daemon on {@code socket}, warmed up by {@code args}. */
  static List<String> daemonCommand(
      String java, Path jar, Path socket, String javaOpts, String[] args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(java);
    cmd.addAll(DAEMON_OPTS);
    for (String o : javaOpts.trim().split("\\s+")) {
      if (!o.isEmpty()) {
        cmd.add(o);
      }
    }
    cmd.addAll(
        List.of(
            "-cp",
            jar.toString(),
            Main.class.getName(),
            "daemon",
            "serve",
            "--socket",
            "" + socket));
    cmd.add("--");
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  /**
   * Starts a daemon in the background, detached (its own session through {@code setsid} where there
   * is one, so the terminal's Ctrl-C and hang-up leave it be), with a minimal environment.
   */
  private static void start(Path socket, String[] args, Map<String, String> env) {
    Optional<Path> jar = jar();
    if (jar.isEmpty()) {
      return;
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            daemonCommand(java, jar.get(), socket, env.getOrDefault("CHIRP_JAVA_OPTS", ""), args));
    Path setsid = Path.of("/usr/bin/setsid");
    if (Files.isExecutable(setsid)) {
      cmd.add(0, setsid.toString());
    }
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> childEnv = pb.environment();
    childEnv.clear();
    for (String k : DAEMON_ENV) {
      String v = env.get(k);
      if (v != null) {
        childEnv.put(k, v);
      }
    }
    childEnv.putIfAbsent("LANG", "C.UTF-8");
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      pb.start();
    } catch (IOException e) {
      // no daemon this time: the next check runs by itself as this one did
    }
  }
}
