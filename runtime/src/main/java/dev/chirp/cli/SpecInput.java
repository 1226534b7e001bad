package dev.chirp.cli;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.catalog.CatalogRules;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Report;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.report.Format;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.text.Uuids;
import dev.chirp.vars.Binding;
import dev.chirp.vars.Bindings;
import dev.chirp.vars.ValueCheck;
import dev.chirp.vars.VarsFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The options shared by commands that take one spec and its values: the spec file, --example,
 * --vars, --var, --to and --contact-id. {@link #prepare} checks the spec and gathers the values.
 */
final class SpecInput {
  @Parameters(index = "0", paramLabel = "SPEC", description = "The spec file.")
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
      description =
          "The receiver's phone number in E.164 (compile without one uses the example's, else +31612345678).")
  String to;

  @Option(
      names = "--contact-id",
      paramLabel = "ID",
      description = "A Bird contact id instead of a number.")
  String contactId;

  /** Set by batch sends, whose receivers come from the recipients file. */
  boolean noReceiverNeeded;

  /** Set by previews, which show a spec that reads but has errors (with its errors). */
  boolean keepSpecErrors;

  /**
   * A checked spec with its values and receiver, ready to resolve, and the diagnostics of checking
   * the spec.
   */
  record Prepared(
      Spec spec,
      SourceFile source,
      Bindings bindings,
      Receiver receiver,
      List<Diagnostic> specDiagnostics,
      Set<String> partialsUsed) {}

  /**
   * Checks the spec and gathers values; prints problems to {@code err} and returns null when the
   * spec has errors. {@code defaultTo} is the receiver when none is given (null: one is required).
   */
  Prepared prepare(PrintWriter err, String defaultTo) {
    if (to != null && contactId != null) {
      throw new Main.UsageError("give --to or --contact-id, not both");
    }
    if (Files.isDirectory(file)) {
      throw new Main.UsageError(file + " is a folder; give one spec file");
    }
    if (!Files.isRegularFile(file)) {
      throw new Main.UsageError("no such file: " + file);
    }
    if (to != null) {
      Receivers.problem(to)
          .ifPresent(
              p -> {
                throw new Main.UsageError("--to " + p);
              });
    }
    if (contactId != null && !Uuids.isUuid(contactId)) {
      throw new Main.UsageError("--contact-id \"" + contactId + "\" is not a UUID");
    }
    Checker.Checked checked =
        withRegistry(Schemas.checker().check(file, Checker.display(file, Path.of(""))), file);
    List<Diagnostic> specErrors =
        checked.diagnostics().stream()
            .filter(d -> d.severity() == Severity.ERROR)
            .filter(d -> !d.message().startsWith("example `"))
            .toList();
    SourceFile source = checked.loaded().source();
    if (checked.spec().isEmpty() || (!specErrors.isEmpty() && !keepSpecErrors)) {
      print(err, specErrors, source);
      return null;
    }
    Spec s = checked.spec().get();
    List<Binding> given = new ArrayList<>();
    String exampleTo = null;
    Span exampleToSpan = null;
    String setFile = "command line";
    Span setSpan = Span.START;
    String setLabel = "--var";
    if (example != null && example.isEmpty() && s.examples().isEmpty()) {
      // No examples: the variables' own `example:` values, as preview uses (none are needed for
      // a spec without variables).
      ValueCheck.variableExamples(s)
          .forEach(
              (name, value) ->
                  given.add(
                      new Binding(name, value, source.path(), Span.START, "example of " + name)));
      setFile = source.path();
      setLabel = "the variables' examples";
    } else if (example != null) {
      Example ex = pick(s);
      Bindings fromExample = ValueCheck.bindings(s, ex);
      given.addAll(fromExample.list());
      exampleTo = ex.to();
      exampleToSpan = fromExample.receiverSpan();
      setFile = fromExample.file();
      setSpan = fromExample.span();
      setLabel = fromExample.label();
    }
    if (varsFile != null) {
      VarsFile.Read read = VarOptions.readVarsFile(varsFile);
      if (!read.diagnostics().isEmpty()) {
        print(err, read.diagnostics(), read.loaded().source());
        return null;
      }
      given.addAll(read.bindings());
      if (example == null) {
        setFile = read.loaded().source().path();
        setLabel = "--vars " + setFile;
      }
    }
    given.addAll(VarOptions.bindings(vars));
    String number = to != null ? to : exampleTo != null ? exampleTo : defaultTo;
    if (defaultTo == null && noReceiverNeeded) {
      return new Prepared(
          s,
          source,
          new Bindings(given, setFile, setSpan, setLabel, true),
          null,
          checked.diagnostics(),
          checked.partialsUsed());
    }
    if (contactId == null && number == null) {
      throw new Main.UsageError("give the receiver with --to +E164 or --contact-id ID");
    }
    Receiver receiver = contactId != null ? Receiver.contact(contactId) : Receiver.phone(number);
    // A bad number from the example's `to:` is reported at that value.
    Span receiverSpan = to == null && contactId == null && exampleTo != null ? exampleToSpan : null;
    return new Prepared(
        s,
        source,
        new Bindings(given, setFile, setSpan, setLabel, true, receiverSpan),
        receiver,
        checked.diagnostics(),
        checked.partialsUsed());
  }

  /**
   * {@code checked} with the template registry's verdict from the catalog's chirp.yaml, as `check`
   * gives it: a template with parameters or a locale the registry does not have is not sent.
   */
  private static Checker.Checked withRegistry(Checker.Checked checked, Path specFile) {
    if (checked.spec().isEmpty() || checked.spec().get().template() == null) {
      return checked;
    }
    Optional<Path> cf = CatalogFile.find(specFile);
    if (cf.isEmpty()) {
      return checked;
    }
    CatalogFile catalog;
    try {
      catalog =
          CatalogFile.load(
              cf.get(), Checker.display(cf.get(), Path.of("")), SpecSchema.loadCatalog());
    } catch (IOException e) {
      return checked; // an unreadable chirp.yaml is check's to report
    }
    List<Diagnostic> registry = CatalogRules.templates(checked.spec().get(), catalog);
    if (registry.isEmpty()) {
      return checked;
    }
    List<Diagnostic> all = new ArrayList<>(checked.diagnostics());
    all.addAll(registry);
    return new Checker.Checked(checked.loaded(), checked.spec(), all, checked.partialsUsed());
  }

  /**
   * Resolves a prepared spec with its values, printing to {@code err} the spec's warnings (those
   * `check` gives it, the template registry's among them; its infos stay `check`'s) and any problem
   * of the resolution.
   */
  static Compiler.Resolution resolve(PrintWriter err, Prepared p) {
    Compiler.Resolution r =
        new Compiler(Clock.systemUTC()).resolve(p.spec(), p.bindings(), p.receiver());
    List<Diagnostic> shown = new ArrayList<>();
    p.specDiagnostics().stream()
        .filter(d -> d.severity() == Severity.WARNING && !d.message().startsWith("example `"))
        .filter(d -> !r.diagnostics().contains(d))
        .forEach(shown::add);
    shown.addAll(r.diagnostics());
    if (!shown.isEmpty()) {
      print(err, shown, p.source());
    }
    return r;
  }

  static void print(PrintWriter err, List<Diagnostic> diagnostics, SourceFile source) {
    err.print(Format.HUMAN.render(Report.of(diagnostics, List.of(source)), Version.get(), false));
    err.flush();
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
