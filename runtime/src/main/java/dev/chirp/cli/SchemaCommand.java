package dev.chirp.cli;

import dev.chirp.schema.SpecSchema;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code chirp schema}: prints the spec JSON Schema, for editors. */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = "Print the spec JSON Schema (2020-12) for editors and other tools.")
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().print(SpecSchema.text());
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
