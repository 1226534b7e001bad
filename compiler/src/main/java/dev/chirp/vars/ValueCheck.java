package dev.chirp.vars;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.schema.Suggest;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a set of values against a spec's declarations: every value valid for its variable, every
 * required variable given, no value for an undeclared one. Problems are placed where each value
 * came from (the example, the vars file, the recipients row, the command line).
 */
public final class ValueCheck {
  private ValueCheck() {}

  /** The variables' own {@code example:} values, for a spec without examples. */
  public static Map<String, Object> variableExamples(Spec spec) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Variable v : spec.variables().values()) {
      if (v.example() != null) {
        values.put(v.name(), v.example());
      }
    }
    return values;
  }

  /** The values of an example, each at its position in the spec. */
  public static Bindings bindings(Spec spec, Example ex) {
    List<Binding> list = new ArrayList<>();
    for (Map.Entry<String, Object> e : ex.values().entrySet()) {
      list.add(
          new Binding(
              e.getKey(),
              e.getValue(),
              spec.file(),
              ex.spans().getOrDefault(e.getKey(), ex.span()),
              "example `" + ex.name() + "`"));
    }
    return new Bindings(
        list,
        spec.file(),
        ex.span(),
        "example `" + ex.name() + "`",
        true,
        ex.to() != null ? ex.toSpan() : null);
  }

  public static List<Diagnostic> check(Spec spec, Bindings bindings) {
    List<Diagnostic> out = new ArrayList<>();
    for (Binding b : bindings.list()) {
      Variable v = spec.variables().get(b.name());
      if (v == null) {
        Diagnostic d =
            Diagnostic.of(
                Code.VAR_UNKNOWN,
                b.file(),
                b.span(),
                b.label() + ": `" + b.name() + "` is not a variable of " + spec.id());
        Optional<String> close = Suggest.closest(b.name(), spec.variables().keySet());
        if (close.isPresent()) {
          d = d.withFix("did you mean `" + close.get() + "`?");
        }
        out.add(bindings.strict() ? d : d.withSeverity(Severity.WARNING));
        continue;
      }
      Object value = b.value();
      if (value == null || (value instanceof String s && s.isEmpty())) {
        if (v.required() && v.defaultValue() == null) {
          out.add(
              Diagnostic.of(
                  Code.VAR_MISSING,
                  b.file(),
                  b.span(),
                  b.label() + ": `" + b.name() + "` is required but empty"));
        }
        continue;
      }
      Optional<String> problem = Values.problem(v, value);
      if (problem.isPresent()) {
        Diagnostic d =
            Diagnostic.of(
                Code.VAR_VALUE,
                b.file(),
                b.span(),
                b.label()
                    + ": `"
                    + b.name()
                    + "` = \""
                    + clip(Values.text(value))
                    + "\" "
                    + problem.get());
        String fix = VariableCheck.urlFix(v, value);
        out.add(fix == null ? d : d.withFix(fix));
      }
    }
    Map<String, Object> given = bindings.values();
    for (Variable v : spec.variables().values()) {
      if (v.required() && v.defaultValue() == null && !given.containsKey(v.name())) {
        out.add(
            Diagnostic.of(
                Code.VAR_MISSING,
                bindings.file(),
                bindings.span(),
                bindings.label()
                    + ": no value for required variable `"
                    + v.name()
                    + "`"
                    + (bindings.label().equals("--var")
                        ? "; give it with --var " + v.name() + "=VALUE"
                        : "")));
      }
    }
    return out;
  }

  private static String clip(String s) {
    String oneLine = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    return oneLine.length() > 60 ? oneLine.substring(0, 57) + "..." : oneLine;
  }
}
