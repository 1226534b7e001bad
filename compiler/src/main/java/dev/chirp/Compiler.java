package dev.chirp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.MustacheException;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.render.Renderer;
import dev.chirp.rules.Limits;
import dev.chirp.rules.Rules;
import dev.chirp.rules.TextSafety;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Texts;
import dev.chirp.spec.Variable;
import dev.chirp.text.PercentEncoding;
import dev.chirp.text.Uuids;
import dev.chirp.vars.Bindings;
import dev.chirp.vars.Tag;
import dev.chirp.vars.Tags;
import dev.chirp.vars.ValueCheck;
import dev.chirp.vars.Values;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
  public record Resolution(
      ObjectNode payload, String json, Spec resolved, List<Diagnostic> diagnostics) {
    public boolean ok() {
      return payload != null;
    }
  }

  /** Resolves {@code spec} with plain values (no origins) for {@code to}. */
  public Resolution resolve(Spec spec, Map<String, ?> values, Receiver to) {
    return resolve(spec, Bindings.of(values), to);
  }

  /**
   * Resolves {@code spec} with {@code bindings} for {@code to}: checks every value against its
   * declaration, renders every text, checks the result against the rules and emits the payload.
   */
  public Resolution resolve(Spec spec, Bindings bindings, Receiver to) {
    return resolve(spec, bindings, to, true);
  }

  /**
   * As {@link #resolve(Spec, Bindings, Receiver)}; {@code checkReceiver} false skips the receiver
   * check for a caller that has checked it already (batch rows, with the row's column).
   */
  public Resolution resolve(Spec spec, Bindings bindings, Receiver to, boolean checkReceiver) {
    return resolve(spec, bindings, to, checkReceiver, null);
  }

  /**
   * As above, with {@code defaultReference} sent as {@code reference} when the spec sets none
   * (batch rows get their traceable reference this way, before the one serialization).
   */
  public Resolution resolve(
      Spec spec, Bindings bindings, Receiver to, boolean checkReceiver, String defaultReference) {
    List<Diagnostic> out = new ArrayList<>();
    if (checkReceiver) {
      receiverProblem(to, bindings).ifPresent(out::add);
    }
    out.addAll(ValueCheck.check(spec, bindings));
    // With a value missing or refused, the rendered texts are not what will be sent: the limits
    // are checked once the values are right, so one mistake is reported once.
    boolean valuesOk = out.stream().noneMatch(d -> d.severity() == Severity.ERROR);
    Map<String, Object> scope = new LinkedHashMap<>();
    for (Variable v : spec.variables().values()) {
      if (v.defaultValue() != null) {
        scope.put(v.name(), scoped(v, v.defaultValue()));
      }
    }
    bindings
        .values()
        .forEach(
            (k, v) -> {
              if (v != null && !(v instanceof String str && str.isEmpty())) {
                scope.put(k, scoped(spec.variables().get(k), v));
              }
            });
    Spec resolved =
        Texts.map(
            spec,
            t -> {
              if (!t.templated()) {
                return t;
              }
              try {
                String rendered =
                    t.url() ? renderUrl(t.value(), scope) : renderer.render(t.value(), scope);
                TextSafety.hiddenInValue(spec.file(), t, rendered, scope).ifPresent(out::add);
                return t.with(rendered);
              } catch (MustacheException e) {
                out.add(
                    Diagnostic.of(
                        Code.VAR_SYNTAX,
                        spec.file(),
                        t.span(),
                        "cannot render: " + e.getMessage()));
                return t.with(t.value());
              }
            });
    if (valuesOk) {
      out.addAll(Rules.check(resolved, clock));
    }
    if (out.stream().anyMatch(d -> d.severity() == Severity.ERROR)) {
      return new Resolution(null, null, resolved, out);
    }
    ObjectNode payload = Payload.of(resolved, to);
    if (defaultReference != null && !payload.has("reference")) {
      payload.put("reference", defaultReference);
    }
    String json = Payload.compact(payload);
    int size = utf8Length(json);
    if (size > Limits.PAYLOAD_MAX_BYTES) {
      out.add(
          Diagnostic.of(
              Code.PAYLOAD_TOO_LARGE,
              spec.file(),
              spec.message() != null ? spec.message().span() : spec.template().span(),
              String.format(
                  Locale.ROOT,
                  "request body is %,d bytes; Bird accepts at most %,d (200 KB)",
                  size,
                  Limits.PAYLOAD_MAX_BYTES)));
      return new Resolution(null, null, resolved, out);
    }
    return new Resolution(payload, json, resolved, out);
  }

  private static Optional<Diagnostic> receiverProblem(Receiver to, Bindings bindings) {
    Optional<String> problem =
        to.phone() != null
            ? Receivers.problem(to.phone()).map(p -> "receiver " + p)
            : Uuids.isUuid(to.contactId())
                ? Optional.empty()
                : Optional.of("contact id \"" + to.contactId() + "\" is not a UUID");
    return problem.map(
        p -> Diagnostic.of(Code.RECEIVER, bindings.file(), bindings.receiverAt(), p));
  }

  /** A value as Mustache sees it: booleans as booleans (so false hides a section), else text. */
  private static Object scoped(Variable v, Object value) {
    String text = Values.text(value);
    if (v != null && v.type().equals("boolean")) {
      return Boolean.valueOf(text.trim());
    }
    return text;
  }

  /**
   * Renders a URL field. The tag at the very start of the URL (if any) is inserted as it is: it is
   * the URL, or its base. Every other variable forms a path segment or query value and is
   * percent-encoded (RFC 3986: all but unreserved characters), even when the same variable also
   * starts the URL.
   */
  private String renderUrl(String template, Map<String, Object> scope) {
    UrlTemplate u = urlTemplates.computeIfAbsent(template, Compiler::urlTemplate);
    Map<String, Object> encoded = new HashMap<>();
    for (String name : u.names()) {
      Object v = scope.get(name);
      if (v != null) {
        encoded.put(name, v instanceof String s ? PercentEncoding.encode(s) : v);
      }
    }
    if (u.lead() != null && scope.containsKey(u.lead())) {
      encoded.put("chirpRawLead_" + u.lead(), scope.get(u.lead()));
    }
    return renderer.render(u.template(), encoded);
  }

  /** A URL template prepared once: its leading tag renamed to a raw alias, its variable names. */
  private record UrlTemplate(String template, String lead, Set<String> names) {}

  private final Map<String, UrlTemplate> urlTemplates = new ConcurrentHashMap<>();

  private static UrlTemplate urlTemplate(String template) {
    List<Tag> tags = Tags.scan(template).tags();
    Set<String> names = new HashSet<>();
    tags.forEach(t -> names.add(t.name()));
    if (!tags.isEmpty() && tags.get(0).start() == 0 && tags.get(0).kind() == Tag.Kind.VALUE) {
      Tag lead = tags.get(0);
      return new UrlTemplate(
          "{{chirpRawLead_" + lead.name() + "}}" + template.substring(lead.end()),
          lead.name(),
          names);
    }
    return new UrlTemplate(template, null, names);
  }

  private static int utf8Length(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
