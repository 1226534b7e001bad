package dev.chirp.bench;

import dev.chirp.Checker;
import dev.chirp.Compiler;
import dev.chirp.emit.Receiver;
import dev.chirp.schema.SpecSchema;
import dev.chirp.spec.Spec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-process throughput of the compiler: checking a spec file (load, schema, rules, variables, its
 * examples), and resolving a checked spec with values into a payload. Run from the repository root
 * (the specs are read from specs/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompileBench {
  @Param({"order-shipped", "list-custom-button", "carousel-images", "template-typed-parameters"})
  public String spec;

  private Checker checker;
  private Compiler compiler;
  private byte[] bytes;
  private Spec checked;
  private Map<String, Object> values;

  @Setup
  public void setup() throws Exception {
    Clock clock = Clock.systemUTC();
    checker = new Checker(SpecSchema.load(), clock);
    compiler = new Compiler(clock);
    bytes = Files.readAllBytes(Path.of("specs", spec + ".yaml"));
    Checker.Checked c = checker.check(spec + ".yaml", bytes);
    checked = c.spec().orElseThrow();
    values = checked.examples().get(0).values();
  }

  /** Specs checked per second: everything `chirp check` does for one file. */
  @Benchmark
  public Object check() {
    return checker.check(spec + ".yaml", bytes);
  }

  /** Payloads per second: values checked, texts rendered, rules applied, JSON emitted. */
  @Benchmark
  public Object resolve() {
    return compiler.resolve(checked, values, Receiver.EXAMPLE).payload();
  }
}
