package dev.chirp.cli;

import dev.chirp.cli.DaemonProtocol.Op;
import dev.chirp.cli.Residents.Resident;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code chirp daemon status|stop}: the resident checkers that speed up {@code check}. */
@Command(
    name = "daemon",
    mixinStandardHelpOptions = true,
    description = {
      "Show or stop the resident checkers that speed up `check` (README, \"Fast checks\").",
      "The ./chirp launcher starts one per directory. Stopping one is always safe: the next check"
          + " runs as usual and starts a new one."
    },
    subcommands = {DaemonCommand.Status.class, DaemonCommand.Stop.class, DaemonCommand.Serve.class})
final class DaemonCommand implements Callable<Integer> {
  @ParentCommand ChirpCommand parent;

  @Override
  public Integer call() {
    PrintStream err = parent.env.err();
    err.println("chirp: daemon needs status or stop");
    err.println("Try 'chirp daemon --help' for usage.");
    return Main.USAGE;
  }

  static final String NONE = "chirp: no resident checker is running";

  /** {@code chirp daemon status}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "List the resident checkers of this user and the directory each serves.")
  static final class Status implements Callable<Integer> {
    @ParentCommand DaemonCommand daemon;

    @Override
    public Integer call() throws IOException {
      Main.Env env = daemon.parent.env;
      List<Resident> running = running(env);
      if (running.isEmpty()) {
        env.out().println(NONE);
      }
      for (Resident r : running) {
        env.out().println("chirp: a resident checker (pid " + r.pid() + ") serves " + r.serves());
      }
      return Main.OK;
    }
  }

  /** {@code chirp daemon stop}. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stop the resident checkers of this user and remove what killed ones left behind.")
  static final class Stop implements Callable<Integer> {
    @ParentCommand DaemonCommand daemon;

    @Override
    public Integer call() throws IOException, InterruptedException {
      Main.Env env = daemon.parent.env;
      Optional<Path> dir = Residents.directory(env.vars());
      List<Resident> running = running(env);
      if (running.isEmpty()) {
        env.out().println(NONE);
      }
      try (Deadlines deadlines = new Deadlines()) {
        for (Resident r : running) {
          if (Client.ask(r.socket(), Op.STOP, deadlines) != null) {
            env.out().println("chirp: stopped the resident checker for " + r.serves());
          }
        }
      }
      // Each removes its socket as it stops, so a check right after starts afresh, and lets go
      // of its lock as it exits; wait for both (5 s each at most) before cleaning up.
      for (Resident r : running) {
        for (int i = 0; i < 50 && Files.exists(r.socket()); i++) {
          Thread.sleep(100);
        }
        for (int i = 0; i < 50 && Residents.locked(r.socket()); i++) {
          Thread.sleep(100);
        }
      }
      if (dir.isPresent()) {
        Residents.removeStale(dir.get());
      }
      return Main.OK;
    }
  }

  private static List<Resident> running(Main.Env env) throws IOException {
    Optional<Path> dir = Residents.directory(env.vars());
    if (dir.isEmpty() || !Files.isDirectory(dir.get())) {
      return List.of();
    }
    try (Deadlines deadlines = new Deadlines()) {
      return Residents.running(dir.get(), deadlines);
    }
  }

  /** {@code chirp daemon serve}: not for people; {@link Launch} starts it. */
  @Command(
      name = "serve",
      hidden = true,
      description = "Serve checks from a warm process (started by the ./chirp launcher).")
  static final class Serve implements Callable<Integer> {
    @ParentCommand DaemonCommand daemon;

    @Option(names = "--socket", required = true)
    Path socket;

    @Option(names = "--idle", defaultValue = "900")
    long idleSeconds;

    @Parameters(arity = "0..*")
    List<String> warm;

    @Override
    public Integer call() {
      return new Daemon(
              socket.toAbsolutePath(),
              Path.of("").toAbsolutePath(),
              Duration.ofSeconds(Math.max(1, idleSeconds)))
          .serve(warm == null ? List.of() : warm, daemon.parent.env.err());
    }
  }
}
