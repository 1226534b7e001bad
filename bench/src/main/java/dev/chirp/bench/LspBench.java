package dev.chirp.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.lsp4j.Diagnostic;

/**
 * The {@code chirp lsp} latency benchmark (bench/lsp.sh): language servers started side by side on
 * one spec of a generated catalog, edited in turns, each edit timed from {@code didChange} to the
 * {@code publishDiagnostics} for it.
 *
 * <pre>
 *   LspBench WORKSPACE SCHEMA EDITS WARMUP PAUSE_MS NAME=COMMAND...
 * </pre>
 *
 * Edits alternate between inserting an unknown key ({@code colour: blue}) under {@code chirp: 1}
 * and removing it again; every answer is checked (the inserted key reported, then gone), so a
 * server that does not really validate fails the run instead of winning it. Prints one {@code
 * RESULT name edits median_ms p95_ms max_ms rss_kb hwm_kb sync} line per server; exit 1 on a
 * failure.
 */
public final class LspBench {
  /** The inserted error, and the line it goes on (0-based, under {@code chirp: 1}). */
  static final String ERROR = "colour: blue\n";

  static final int ERROR_LINE = 1;

  private LspBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 6) {
      System.err.println(
          "usage: LspBench WORKSPACE SCHEMA EDITS WARMUP PAUSE_MS NAME=COMMAND [NAME=COMMAND...]");
      System.exit(2);
    }
    Path workspace = Path.of(args[0]).toAbsolutePath().normalize();
    Path schema = Path.of(args[1]).toAbsolutePath().normalize();
    int edits = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    long pauseMs = Long.parseLong(args[4]);
    Path spec = pick(workspace);
    // The modeline would point yaml-language-server at ../schema; the schema comes from the
    // settings instead, and both servers are sent the same text.
    String clean =
        Files.readString(spec, StandardCharsets.UTF_8)
            .replaceFirst("\\A# yaml-language-server:[^\n]*\n", "");
    if (!clean.startsWith("chirp: 1\n")) {
      throw new IllegalStateException(spec + " does not start with chirp: 1");
    }
    String broken = clean.replaceFirst("\n", "\n" + ERROR);
    String uri = spec.toUri().toString();
    Map<String, Object> settings = settings(schema);

    List<LspPeer> peers = new ArrayList<>();
    Map<LspPeer, Integer> baseline = new LinkedHashMap<>();
    Map<LspPeer, long[]> times = new LinkedHashMap<>();
    int failures = 0;
    try {
      for (int i = 5; i < args.length; i++) {
        String name = args[i].substring(0, args[i].indexOf('='));
        List<String> command = Arrays.asList(args[i].substring(name.length() + 1).split(" "));
        Path log = Files.createTempFile("lsp-" + name, ".log");
        LspPeer peer = new LspPeer(name, command, workspace, settings, log);
        peers.add(peer);
        peer.open(uri, clean);
        // The first check of a whole catalog, cold: not measured.
        List<Diagnostic> first = peer.await(uri, 1, 300_000).params().getDiagnostics();
        baseline.put(peer, first.size());
        times.put(peer, new long[edits]);
      }
      for (int i = 0; i < warmup + edits; i++) {
        boolean insert = i % 2 == 0;
        int version = i + 2;
        for (LspPeer peer : peers) {
          peer.forget();
          long sent =
              insert
                  ? peer.change(uri, version, broken, LspPeer.at(ERROR_LINE, ERROR_LINE), ERROR)
                  : peer.change(uri, version, clean, LspPeer.at(ERROR_LINE, ERROR_LINE + 1), "");
          LspPeer.Published p = peer.await(uri, version, 30_000);
          String wrong = verify(p.params().getDiagnostics(), insert, baseline.get(peer));
          if (wrong != null) {
            throw new IllegalStateException(
                peer.name + ", version " + version + ": " + wrong + "; the comparison is void");
          }
          if (i >= warmup) {
            times.get(peer)[i - warmup] = p.at() - sent;
          }
          Thread.sleep(pauseMs);
        }
      }
      for (LspPeer peer : peers) {
        long[] mem = peer.memoryKb();
        long[] t = times.get(peer).clone();
        Arrays.sort(t);
        System.out.printf(
            Locale.ROOT,
            "RESULT %s %d %.1f %.1f %.1f %d %d %s%n",
            peer.name,
            edits,
            ms(percentile(t, 50)),
            ms(percentile(t, 95)),
            ms(t[t.length - 1]),
            mem[0],
            mem[1],
            peer.incremental() ? "incremental" : "full");
      }
    } catch (Exception e) {
      failures++;
      System.err.println("lsp FAILED: " + e.getMessage());
      for (LspPeer peer : peers) {
        String tail = peer.stderrTail();
        if (!tail.isBlank()) {
          System.err.println(peer.name + " stderr: " + tail);
        }
      }
    } finally {
      for (LspPeer peer : peers) {
        peer.close();
      }
    }
    System.exit(failures == 0 ? 0 : 1);
  }

  /** The catalog's first order-shipped spec: a text message with variables and examples. */
  static Path pick(Path workspace) throws Exception {
    Pattern name = Pattern.compile("order-shipped-[0-9]+\\.yaml");
    try (Stream<Path> s = Files.list(workspace)) {
      return s.filter(p -> name.matcher(p.getFileName().toString()).matches())
          .sorted()
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no order-shipped spec in " + workspace));
    }
  }

  /**
   * What yaml-language-server reads from workspace/configuration: chirp's schema for every YAML
   * file, validation on, and no schema store (no network).
   */
  static Map<String, Object> settings(Path schema) {
    Map<String, Object> yaml = new LinkedHashMap<>();
    yaml.put("validate", true);
    yaml.put("schemas", Map.of(schema.toUri().toString(), List.of("*.yaml")));
    yaml.put("schemaStore", Map.of("enable", false));
    return Map.of("yaml", yaml);
  }

  /** Why the answer is wrong for the edit, or null when it is right. */
  static String verify(List<Diagnostic> found, boolean inserted, int baseline) {
    boolean reported =
        found.stream()
            .anyMatch(
                d ->
                    d.getRange().getStart().getLine() == ERROR_LINE
                        && d.getMessage().contains("colour"));
    if (inserted && !reported) {
      return "the inserted key `colour` is not reported (" + found.size() + " diagnostics)";
    }
    if (!inserted && (reported || found.size() != baseline)) {
      return found.size() + " diagnostics after the key was removed, " + baseline + " before";
    }
    return null;
  }

  /** The nearest-rank percentile of sorted {@code t}. */
  static long percentile(long[] sorted, int p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
