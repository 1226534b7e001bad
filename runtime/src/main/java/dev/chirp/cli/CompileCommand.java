package dev.chirp.cli;

import dev.chirp.Compiler;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chirp compile}: a spec and values in, the Channels API request body out. */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Channels API request body of a spec, resolved with values.",
      "Problems go to stderr; exit 1 when the spec or the values have errors."
    })
final class CompileCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;

  @Mixin SpecInput input;

  @Option(names = "--compact", description = "One line of JSON, as sent over the wire.")
  boolean compact;

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    SpecInput.Prepared p = input.prepare(err, Receiver.EXAMPLE.phone());
    if (p == null) {
      return Main.PROBLEMS;
    }
    Compiler.Resolution r = SpecInput.resolve(err, p);
    if (!r.ok()) {
      return Main.PROBLEMS;
    }
    out.print(compact ? Payload.compact(r.payload()) + "\n" : Payload.pretty(r.payload()));
    out.flush();
    return Main.OK;
  }
}
