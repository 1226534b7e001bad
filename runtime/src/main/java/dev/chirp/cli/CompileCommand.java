package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.report.Format;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.vars.Binding;
import dev.chirp.vars.Bindings;
import dev.chirp.vars.ValueCheck;
import dev.chirp.vars.VarsFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

  @Parameters(paramLabel = "SPEC", description = "The spec file.")
  Path file;

  @Option(
      names = "--var",
      paramLabel = "NAME=VALUE",
      description = "A variable value; repeat for more.")
  List<String> vars = new ArrayList<>();

  @Option(
      names = "--vars",
      paramLabel = "FILE",
      description = "A JSON or YAML file of values by variable name.")
  Path varsFile;

  @Option(
      names = "--example",
      paramLabel = "NAME",
      arity = "0..1",
      fallbackValue = "",
      description = "Use the values of the spec's example NAME (the first when NAME is omitted).")
  String example;

  @Option(
      names = "--to",
      paramLabel = "+E164",
      description = "The receiver's phone number (default: the example's, else +31612345678).")
  String to;

  @Option(
      names = "--contact-id",
      paramLabel = "ID",
      description = "A Bird contact id instead of a number.")
  String contactId;

  @Option(names = "--compact", description = "One line of JSON, as sent over the wire.")
  boolean compact;

  @Override
  public Integer call() throws Exception {
    if (to != null && contactId != null) {
      throw new Main.UsageError("give --to or --contact-id, not both");
    }
    if (!Files.isRegularFile(file)) {
      throw new Main.UsageError("no such file: " + file);
    }
    Checker checker = new Checker();
    String display = Checker.display(file, Path.of(""));
    Checker.Checked checked = checker.check(file, display);
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    List<Diagnostic> specErrors =
        checked.diagnostics().stream()
            .filter(d -> d.severity() == dev.chirp.diag.Severity.ERROR)
            .filter(d -> !d.message().startsWith("example `"))
            .toList();
    if (checked.spec().isEmpty() || !specErrors.isEmpty()) {
      err.print(
          Format.HUMAN.render(
              Report.of(specErrors, List.of(checked.loaded().source())), Version.get(), false));
      return Main.PROBLEMS;
    }
    Spec s = checked.spec().get();
    List<Binding> given = new ArrayList<>();
    String exampleTo = null;
    String setFile = "command line";
    Span setSpan = Span.START;
    String setLabel = "--var";
    if (example != null) {
      Example ex = pick(s);
      Bindings fromExample = ValueCheck.bindings(s, ex);
      given.addAll(fromExample.list());
      exampleTo = ex.to();
      setFile = fromExample.file();
      setSpan = fromExample.span();
      setLabel = fromExample.label();
    }
    if (varsFile != null) {
      VarsFile.Read read = VarOptions.readVarsFile(varsFile);
      if (!read.diagnostics().isEmpty()) {
        err.print(
            Format.HUMAN.render(
                Report.of(read.diagnostics(), List.of(read.loaded().source())),
                Version.get(),
                false));
        return Main.PROBLEMS;
      }
      given.addAll(read.bindings());
      if (example == null) {
        setFile = read.loaded().source().path();
        setLabel = "--vars " + setFile;
      }
    }
    given.addAll(VarOptions.bindings(vars));
    Receiver receiver =
        contactId != null
            ? Receiver.contact(contactId)
            : Receiver.phone(
                to != null ? to : exampleTo != null ? exampleTo : Receiver.EXAMPLE.phone());
    Bindings bindings = new Bindings(given, setFile, setSpan, setLabel, true);
    Compiler.Resolution r = new Compiler(Clock.systemUTC()).resolve(s, bindings, receiver);
    List<Diagnostic> shown = new ArrayList<>(r.diagnostics());
    if (!shown.isEmpty()) {
      err.print(
          Format.HUMAN.render(
              Report.of(shown, List.of(checked.loaded().source())), Version.get(), false));
    }
    if (!r.ok()) {
      return Main.PROBLEMS;
    }
    out.print(compact ? Payload.compact(r.payload()) + "\n" : Payload.pretty(r.payload()));
    out.flush();
    return Main.OK;
  }

  private Example pick(Spec s) {
    if (s.examples().isEmpty()) {
      throw new Main.UsageError(file + " has no examples; give values with --var NAME=VALUE");
    }
    if (example.isEmpty()) {
      return s.examples().get(0);
    }
    return s.examples().stream()
        .filter(e -> e.name().equals(example))
        .findFirst()
        .orElseThrow(
            () ->
                new Main.UsageError(
                    "no example '"
                        + example
                        + "' in "
                        + file
                        + "; it has: "
                        + String.join(", ", s.examples().stream().map(Example::name).toList())));
  }
}
