package dev.chirp.cli;

import dev.chirp.diag.Code;
import dev.chirp.schema.Suggest;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code chirp explain CODE}: what a diagnostic code means and how to fix it. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain a diagnostic code, e.g. 'chirp explain yaml-duplicate-key'.")
final class ExplainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "CODE", description = "The code; omit to list all.")
  String code;

  @Override
  public Integer call() {
    var out = spec.commandLine().getOut();
    if (code == null) {
      for (Code c : Code.values()) {
        out.printf("%-28s %-7s %s%n", c.id(), c.severity().word(), c.summary());
      }
      return Main.OK;
    }
    Code c =
        Code.byId(code.trim())
            .orElseThrow(
                () ->
                    new Main.UsageError(
                        "unknown code '"
                            + code
                            + "'"
                            + Suggest.closest(
                                    code, Arrays.stream(Code.values()).map(Code::id).toList())
                                .map(s -> "; did you mean '" + s + "'?")
                                .orElse("; 'chirp explain' lists them all")));
    out.println(c.explain());
    return Main.OK;
  }
}
