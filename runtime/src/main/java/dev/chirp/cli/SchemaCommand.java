package dev.chirp.cli;

import dev.chirp.schema.SpecSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code chirp schema [spec|catalog]}: prints the JSON Schema of spec files (the default) or of the
 * catalog file chirp.yaml, for editors.
 */
@Command(
    name = "schema",
    mixinStandardHelpOptions = true,
    description = {
      "Print a JSON Schema (2020-12) for editors and other tools: of spec files (spec, the"
          + " default) or of the catalog file chirp.yaml (catalog).",
      "Exit 0, or 2 for an unknown KIND."
    })
final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      paramLabel = "KIND",
      arity = "0..1",
      defaultValue = "spec",
      completionCandidates = Kinds.class,
      description = "spec or catalog (default: ${DEFAULT-VALUE})")
  String kind;

  /** The values of KIND, for shell completion. */
  static final class Kinds extends ArrayList<String> {
    Kinds() {
      super(List.of("spec", "catalog"));
    }
  }

  @Override
  public Integer call() {
    String text =
        switch (kind) {
          case "spec" -> SpecSchema.text();
          case "catalog" -> SpecSchema.catalogText();
          default ->
              throw new Main.UsageError("unknown schema '" + kind + "'; use spec or catalog");
        };
    spec.commandLine().getOut().print(text);
    spec.commandLine().getOut().flush();
    return Main.OK;
  }
}
