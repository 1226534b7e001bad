package dev.chirp;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Spec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A folder of specs, loaded and checked once, for Java services that embed chirp: look a spec up by
 * id and resolve it with values and a receiver into the Channels API request body.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.load(Path.of("specs"));
 * Catalog.Result r = catalog.resolve("order-shipped", Map.of("name", "Ada"), Receiver.phone("+31612345678"));
 * if (r.ok()) http.post(r.json()); else r.diagnostics().forEach(d -> log.warn(d.headline()));
 * }</pre>
 *
 * Instances are immutable and safe to share between threads.
 */
public final class Catalog {
  private final Map<String, Spec> specs;
  private final List<Diagnostic> diagnostics;
  private final Compiler compiler;

  private Catalog(Map<String, Spec> specs, List<Diagnostic> diagnostics, Clock clock) {
    this.specs = Collections.unmodifiableMap(specs);
    this.diagnostics = List.copyOf(diagnostics);
    this.compiler = new Compiler(clock);
  }

  /** Loads and checks every spec under {@code dir}; a spec with errors is left out. */
  public static Catalog load(Path dir) throws IOException {
    return load(dir, Clock.systemUTC());
  }

  /** As {@link #load(Path)}, with the clock that dates the schedule rule. */
  public static Catalog load(Path dir, Clock clock) throws IOException {
    Checker checker = new Checker(SpecSchema.load(), clock);
    Map<String, Spec> specs = new TreeMap<>();
    List<Diagnostic> all = new ArrayList<>();
    for (Path file : SpecFiles.find(List.of(dir))) {
      Checker.Checked c = checker.check(file, Checker.display(file, dir));
      all.addAll(c.diagnostics());
      if (c.spec().isPresent() && !c.hasErrors()) {
        Spec s = c.spec().get();
        if (specs.putIfAbsent(s.id(), s) != null) {
          all.add(
              Diagnostic.of(
                  Code.SCHEMA_VALUE,
                  s.file(),
                  Span.START,
                  "spec id `" + s.id() + "` is used twice"));
        }
      }
    }
    return new Catalog(specs, all, clock);
  }

  /** Every problem found while loading, in file order. */
  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /** Whether any spec had an error (such specs are not available). */
  public boolean hasErrors() {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** The ids of the available specs, sorted. */
  public Set<String> ids() {
    return specs.keySet();
  }

  /** The spec with {@code id}, if it loaded without errors. */
  public Optional<Spec> spec(String id) {
    return Optional.ofNullable(specs.get(id));
  }

  /** A resolved message: the request body as compact JSON when {@link #ok()}, and every problem. */
  public record Result(String json, List<Diagnostic> diagnostics) {
    public Result {
      diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
      return json != null;
    }
  }

  /** Resolves spec {@code id} with {@code values} for {@code to}. */
  public Result resolve(String id, Map<String, ?> values, Receiver to) {
    Spec s = specs.get(id);
    if (s == null) {
      return new Result(
          null,
          List.of(
              Diagnostic.of(
                  Code.FILE_UNREADABLE, id, Span.START, "no spec `" + id + "` in the catalog")));
    }
    Compiler.Resolution r = compiler.resolve(s, values, to);
    return new Result(r.ok() ? Payload.compact(r.payload()) : null, r.diagnostics());
  }
}
