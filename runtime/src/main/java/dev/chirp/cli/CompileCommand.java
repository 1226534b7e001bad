package dev.chirp.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code chirp compile}: a spec and values in, the Channels API request body out. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = "Print the Channels API request body of a spec.")
final class CompileCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw new Main.UsageError("compile is not available yet");
  }
}
