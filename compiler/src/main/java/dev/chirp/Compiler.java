package dev.chirp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.MustacheException;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.render.Renderer;
import dev.chirp.rules.Rules;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Texts;
import dev.chirp.spec.Variable;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves a spec with values and a receiver into the Channels API request body. */
public final class Compiler {
  private final Renderer renderer = new Renderer();
  private final Clock clock;

  public Compiler(Clock clock) {
    this.clock = clock;
  }

  /**
   * The outcome of resolving: the payload when there are no errors, and every diagnostic. The
   * payload is null when any error was found.
   */
  public record Resolution(ObjectNode payload, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return payload != null;
    }
  }

  /** Resolves {@code spec} with {@code values} (variable name to value) for {@code to}. */
  public Resolution resolve(Spec spec, Map<String, Object> values, Receiver to) {
    List<Diagnostic> out = new ArrayList<>();
    if (to.phone() != null) {
      Receivers.problem(to.phone())
          .ifPresent(
              p -> out.add(Diagnostic.of(Code.RECEIVER, spec.file(), Span.START, "receiver " + p)));
    } else if (!Rules.isUuid(to.contactId())) {
      out.add(
          Diagnostic.of(
              Code.RECEIVER,
              spec.file(),
              Span.START,
              "contact id \"" + to.contactId() + "\" is not a UUID"));
    }
    Map<String, Object> scope = new LinkedHashMap<>();
    for (Variable v : spec.variables().values()) {
      if (v.defaultValue() != null) {
        scope.put(v.name(), text(v.defaultValue()));
      }
    }
    values.forEach((k, v) -> scope.put(k, text(v)));
    Spec resolved =
        Texts.map(
            spec,
            t -> {
              if (!t.templated()) {
                return t;
              }
              try {
                return t.with(renderer.render(t.value(), scope));
              } catch (MustacheException e) {
                out.add(
                    Diagnostic.of(
                        Code.SCHEMA_VALUE,
                        spec.file(),
                        t.span(),
                        "cannot render: " + e.getMessage()));
                return t.with(t.value());
              }
            });
    out.addAll(Rules.check(resolved, clock));
    if (out.stream().anyMatch(d -> d.severity() == dev.chirp.diag.Severity.ERROR)) {
      return new Resolution(null, out);
    }
    ObjectNode payload = Payload.of(resolved, to);
    int size = Payload.size(payload);
    if (size > Rules.PAYLOAD_MAX_BYTES) {
      out.add(
          Diagnostic.of(
              Code.PAYLOAD_TOO_LARGE,
              spec.file(),
              Span.START,
              String.format(
                  java.util.Locale.ROOT,
                  "request body is %,d bytes; Bird accepts at most %,d (200 KB)",
                  size,
                  Rules.PAYLOAD_MAX_BYTES)));
      return new Resolution(null, out);
    }
    return new Resolution(payload, out);
  }

  /** A value as the text Mustache writes: numbers without a trailing ".0". */
  static String text(Object v) {
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return new BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }
}
