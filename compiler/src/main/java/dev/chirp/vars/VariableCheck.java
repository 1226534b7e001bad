package dev.chirp.vars;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.emit.Urls;
import dev.chirp.schema.Suggest;
import dev.chirp.spec.Example;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import dev.chirp.spec.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a spec's variables as written: every tag well-formed and declared (reported at the tag's
 * exact column), every declaration used, every declaration's example and default valid, every
 * partial found, and every example's values valid.
 */
public final class VariableCheck {
  private final Spec spec;
  private final SourceFile source;
  private final Partials partials;
  private final List<Diagnostic> out = new ArrayList<>();
  private final Set<String> used = new HashSet<>();

  /** A text that cannot be scanned may use any variable, so none is reported unused. */
  private boolean unscanned;

  private VariableCheck(Spec spec, SourceFile source, Partials partials) {
    this.spec = spec;
    this.source = source;
    this.partials = partials;
  }

  public static List<Diagnostic> check(Spec spec, SourceFile source, Partials partials) {
    VariableCheck c = new VariableCheck(spec, source, partials);
    for (Text t : Texts.all(spec)) {
      if (t.templated()) {
        c.text(t);
      }
    }
    c.declarations();
    c.examples();
    return List.copyOf(c.out);
  }

  private void text(Text t) {
    Tags.Scan scan = Tags.scan(t.value());
    if (scan.problem().isPresent()) {
      Tags.Problem p = scan.problem().get();
      add(Code.VAR_SYNTAX, locate(t, p.offset(), 2), p.message());
      unscanned = true;
      return;
    }
    for (Tag tag : scan.tags()) {
      switch (tag.kind()) {
        case VALUE, SECTION, INVERTED ->
            use(tag.name(), locate(t, tag.start(), tag.end() - tag.start()), null);
        case PARTIAL -> partial(t, tag, List.of());
        default -> {}
      }
    }
  }

  /** Checks partial {@code tag} of {@code t}, included through the partials {@code chain}. */
  private void partial(Text t, Tag tag, List<String> chain) {
    Span at = locate(t, tag.start(), tag.end() - tag.start());
    if (chain.contains(tag.name())) {
      add(
          Code.VAR_SYNTAX,
          at,
          "partial `"
              + chain.get(0)
              + "` includes itself: "
              + String.join(" > ", chain)
              + " > "
              + tag.name());
      return;
    }
    List<String> through = new ArrayList<>(chain);
    through.add(tag.name());
    Optional<String> body = partials.get(tag.name());
    if (body.isEmpty()) {
      String where =
          partials
              .folder()
              .map(f -> "partials/" + tag.name() + ".mustache")
              .orElse("a partials/ folder");
      add(Code.PARTIAL_MISSING, at, "partial `" + tag.name() + "` not found; looked for " + where);
      return;
    }
    Tags.Scan scan = Tags.scan(body.get());
    if (scan.problem().isPresent()) {
      add(Code.VAR_SYNTAX, at, "partial `" + tag.name() + "`: " + scan.problem().get().message());
      unscanned = true;
      return;
    }
    for (Tag inner : scan.tags()) {
      switch (inner.kind()) {
        case VALUE, SECTION, INVERTED -> use(inner.name(), at, tag.name());
        case PARTIAL -> {
          if (through.size() < 8) {
            partial(
                t,
                new Tag(inner.kind(), inner.name(), tag.start(), tag.end(), tag.source()),
                through);
          }
        }
        default -> {}
      }
    }
  }

  private void use(String name, Span at, String viaPartial) {
    used.add(name);
    if (spec.variables().containsKey(name)) {
      return;
    }
    String msg =
        viaPartial == null
            ? "variable `" + name + "` is not declared"
            : "partial `" + viaPartial + "` uses variable `" + name + "`, which is not declared";
    Diagnostic d = Diagnostic.of(Code.VAR_UNDECLARED, spec.file(), at, msg);
    Optional<String> close = Suggest.closest(name, spec.variables().keySet());
    out.add(
        close.isPresent()
            ? d.withFix("did you mean `" + close.get() + "`?")
            : d.withFix(
                "declare it under `variables:`, e.g. "
                    + name
                    + ": { type: string, maxLength: 40 }"));
  }

  private void declarations() {
    for (Variable v : spec.variables().values()) {
      if (!unscanned && !used.contains(v.name())) {
        add(Code.VAR_UNUSED, v.span(), "variable `" + v.name() + "` is declared but never used");
      }
      for (String which : List.of("minimum", "maximum")) {
        Double bound = which.equals("minimum") ? v.minimum() : v.maximum();
        if (bound != null && !Double.isFinite(bound)) {
          // 1e400 or .inf reads as an infinite double: no value could be compared with it.
          add(
              Code.SCHEMA_VALUE,
              v.span(),
              "`"
                  + which
                  + "` of `"
                  + v.name()
                  + "` is not a finite number; a bound must lie within ±1.7e308");
        }
      }
      if (v.example() != null) {
        Values.problem(v, v.example())
            .ifPresent(
                p ->
                    add(
                        Code.VAR_EXAMPLE_INVALID,
                        v.span(),
                        "the example of `"
                            + v.name()
                            + "`, \""
                            + Values.text(v.example())
                            + "\", "
                            + p,
                        urlFix(v, v.example())));
      }
      if (v.defaultValue() != null) {
        Values.problem(v, v.defaultValue())
            .ifPresent(
                p ->
                    add(
                        Code.VAR_EXAMPLE_INVALID,
                        v.span(),
                        "the default of `"
                            + v.name()
                            + "`, \""
                            + Values.text(v.defaultValue())
                            + "\", "
                            + p,
                        urlFix(v, v.defaultValue())));
      }
      if (v.minLength() != null && v.maxLength() != null && v.minLength() > v.maxLength()) {
        add(
            Code.VAR_EXAMPLE_INVALID,
            v.span(),
            "`"
                + v.name()
                + "` has minLength "
                + v.minLength()
                + " above its maxLength "
                + v.maxLength());
      }
    }
  }

  private void examples() {
    for (Example ex : spec.examples()) {
      out.addAll(ValueCheck.check(spec, ValueCheck.bindings(spec, ex)));
    }
  }

  /** The span of {@code length} chars at {@code offset} of a text's value, found in the source. */
  private Span locate(Text t, int offset, int length) {
    return Locate.in(source, t, offset, length);
  }

  private void add(Code code, Span at, String message) {
    out.add(Diagnostic.of(code, spec.file(), at, message));
  }

  private void add(Code code, Span at, String message, String fix) {
    Diagnostic d = Diagnostic.of(code, spec.file(), at, message);
    out.add(fix == null ? d : d.withFix(fix));
  }

  /** The help for a refused value of a `url` variable that has spaces, or null. */
  static String urlFix(Variable v, Object value) {
    return v.type().equals("url") ? Urls.spacesFix(Values.text(value)).orElse(null) : null;
  }
}
