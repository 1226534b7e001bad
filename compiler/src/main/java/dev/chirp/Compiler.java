package dev.chirp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.MustacheException;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.emit.Receivers;
import dev.chirp.render.Renderer;
import dev.chirp.rules.Rules;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Texts;
import dev.chirp.spec.Variable;
import dev.chirp.vars.Bindings;
import dev.chirp.vars.Tag;
import dev.chirp.vars.Tags;
import dev.chirp.vars.ValueCheck;
import dev.chirp.vars.Values;
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
    boolean valuesOk = out.stream().noneMatch(d -> d.severity() == dev.chirp.diag.Severity.ERROR);
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
                Rules.hiddenInValue(spec.file(), t, rendered, scope).ifPresent(out::add);
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
    if (out.stream().anyMatch(d -> d.severity() == dev.chirp.diag.Severity.ERROR)) {
      return new Resolution(null, null, resolved, out);
    }
    ObjectNode payload = Payload.of(resolved, to);
    if (defaultReference != null && !payload.has("reference")) {
      payload.put("reference", defaultReference);
    }
    String json = Payload.compact(payload);
    int size = utf8Length(json);
    if (size > Rules.PAYLOAD_MAX_BYTES) {
      out.add(
          Diagnostic.of(
              Code.PAYLOAD_TOO_LARGE,
              spec.file(),
              spec.message() != null ? spec.message().span() : spec.template().span(),
              String.format(
                  java.util.Locale.ROOT,
                  "request body is %,d bytes; Bird accepts at most %,d (200 KB)",
                  size,
                  Rules.PAYLOAD_MAX_BYTES)));
      return new Resolution(null, null, resolved, out);
    }
    return new Resolution(payload, json, resolved, out);
  }

  private static java.util.Optional<Diagnostic> receiverProblem(Receiver to, Bindings bindings) {
    java.util.Optional<String> problem =
        to.phone() != null
            ? Receivers.problem(to.phone()).map(p -> "receiver " + p)
            : Rules.isUuid(to.contactId())
                ? java.util.Optional.empty()
                : java.util.Optional.of("contact id \"" + to.contactId() + "\" is not a UUID");
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
    Map<String, Object> encoded = new java.util.HashMap<>();
    for (String name : u.names()) {
      Object v = scope.get(name);
      if (v != null) {
        encoded.put(name, v instanceof String s ? percentEncode(s) : v);
      }
    }
    if (u.lead() != null && scope.containsKey(u.lead())) {
      encoded.put("chirpRawLead_" + u.lead(), scope.get(u.lead()));
    }
    return renderer.render(u.template(), encoded);
  }

  /** A URL template prepared once: its leading tag renamed to a raw alias, its variable names. */
  private record UrlTemplate(String template, String lead, java.util.Set<String> names) {}

  private final Map<String, UrlTemplate> urlTemplates =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static UrlTemplate urlTemplate(String template) {
    List<Tag> tags = Tags.scan(template).tags();
    java.util.Set<String> names = new java.util.HashSet<>();
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

  /** RFC 3986 percent-encoding of everything but unreserved characters, over UTF-8. */
  public static String percentEncode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
