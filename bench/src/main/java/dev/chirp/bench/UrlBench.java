package dev.chirp.bench;

import dev.chirp.emit.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of deciding whether a value is an absolute http(s) URL, which a url variable's value
 * needs on every resolve: {@link Urls#httpScheme} against {@link URI} alone. It decided whether
 * Urls keeps a fast path of its own (bench/results.md, "URL check").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UrlBench {
  @Param({"https://track.nordwind.example/482913", "https://a.example/p/a%20b%2Fc?q=x%26y#f"})
  public String url;

  /** What chirp runs. */
  @Benchmark
  public String httpScheme() {
    return Urls.httpScheme(url);
  }

  /** java.net.URI alone, as Urls decides without a fast path. */
  @Benchmark
  public String uri() {
    try {
      URI u = new URI(url);
      if (u.getHost() == null || u.getScheme() == null) {
        return null;
      }
      return u.getScheme().toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
