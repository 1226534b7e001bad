package dev.chirp.cli;

import dev.chirp.send.BirdClient;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code chirp} command line. {@link #run} takes its streams and environment as arguments and
 * returns the exit code, so tests drive it in-process: 0 clean, 1 problems found, 2 usage or I/O
 * error.
 */
public final class Main {
  public static final int OK = 0;
  public static final int PROBLEMS = 1;
  public static final int USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(LongBatch.rerun(args).orElseGet(() -> runProcess(args)));
  }

  /** Runs one command line on this process's streams and environment; returns the exit code. */
  static int runProcess(String[] args) {
    // The common pool parses and checks spec files in parallel; on 2 cores its default is one
    // worker, which would leave a core idle.
    if (System.getProperty("java.util.concurrent.ForkJoinPool.common.parallelism") == null) {
      System.setProperty(
          "java.util.concurrent.ForkJoinPool.common.parallelism",
          String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors())));
    }
    boolean terminal = System.console() != null;
    return run(args, new Env(System.in, System.out, System.err, System.getenv(), terminal));
  }

  /** Runs one command line and returns its exit code; never throws, never exits. */
  public static int run(String[] args, Env env) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // Without building every command's options first: the answer is one line, the same as
      // picocli's version provider gives (ChirpCommand.VersionProvider).
      env.out().println(new ChirpCommand.VersionProvider().getVersion()[0]);
      env.out().flush();
      return OK;
    }
    PrintWriter out = new PrintWriter(env.out(), false, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(env.err(), true, StandardCharsets.UTF_8);
    CommandLine cli = new CommandLine(new ChirpCommand(env));
    cli.setOut(out);
    cli.setErr(err);
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setParameterExceptionHandler(
        (ex, a) -> {
          err.println("chirp: " + ex.getMessage());
          CommandLine cmd = ex.getCommandLine();
          err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
          return USAGE;
        });
    cli.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          if (ex instanceof UsageError u) {
            err.println("chirp: " + u.getMessage());
            return USAGE;
          }
          if (ex instanceof FileSystemException f) {
            // A path given on the command line that cannot be read or written: the user's to fix.
            err.println("chirp: " + fileProblem(f));
            return USAGE;
          }
          err.println(
              "chirp: internal error ("
                  + ex.getClass().getSimpleName()
                  + (ex.getMessage() == null ? "" : ": " + ex.getMessage())
                  + "); please report it with the input that caused it");
          return USAGE;
        });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static String fileProblem(FileSystemException f) {
    String what =
        f instanceof NoSuchFileException
            ? "no such file or directory"
            : f instanceof AccessDeniedException
                ? "permission denied"
                : f instanceof FileAlreadyExistsException
                    ? "already exists"
                    : f.getReason() == null
                        ? "cannot be used"
                        : f.getReason().toLowerCase(Locale.ROOT);
    Path parent = f.getFile() == null ? null : Path.of(f.getFile()).toAbsolutePath().getParent();
    if (f instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent)) {
      return f.getFile() + ": no such directory " + parent + " (create it first)";
    }
    return f.getFile() + ": " + what;
  }

  /**
   * The process around a run: streams, environment variables, whether stdout is a terminal, and how
   * waits between send attempts pass (tests shorten them; chirp itself sleeps).
   */
  public record Env(
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> vars,
      boolean terminal,
      BirdClient.Sleeper sleeper) {

    /** The environment of a real process: waits are slept. */
    public Env(
        InputStream in,
        PrintStream out,
        PrintStream err,
        Map<String, String> vars,
        boolean terminal) {
      this(in, out, err, vars, terminal, d -> Thread.sleep(d.toMillis()));
    }
  }

  /** A problem with how chirp was called or with a file it must read; exit code 2. */
  public static final class UsageError extends RuntimeException {
    public UsageError(String message) {
      super(message, null, false, false);
    }
  }
}
