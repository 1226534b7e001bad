package dev.chirp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.catalog.CatalogFile;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.send.MessageStatus;
import dev.chirp.send.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code chirp status JOURNAL}: what became of each sent row after Bird's 202. Reads each message
 * Bird accepted (at Bird's 50 reads a second), records its status in the journal, and says what
 * failed and why; with {@code --reconcile}, first looks up rows whose outcome is unknown.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Read the delivery status of every row a batch sent, record it in the journal, and report it.",
      "Rows already delivered or failed for good are not read again; a stopped run goes on where it"
          + " stopped. Exit 0 when no row failed, 1 when some did (or are still unknown), 2 on"
          + " errors."
    })
final class StatusCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec spec;
  @picocli.CommandLine.ParentCommand ChirpCommand parent;

  @Parameters(index = "0", paramLabel = "JOURNAL", description = "The batch's journal.")
  Path journalFile;

  @Mixin ConnectionOptions conn;

  @Option(
      names = "--until-final",
      paramLabel = "DURATION",
      arity = "0..1",
      fallbackValue = "1h",
      description =
          "Keep reading rows that are not final (accepted, processing, scheduled, sent), waiting"
              + " longer between rounds, until all are final or DURATION has passed (e.g. 30m, 2h;"
              + " default 1h).")
  String untilFinal;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "human",
      description = "human (counts and failures by WhatsApp code) or json (one line per row).")
  String format;

  @Option(
      names = "--failed-as-recipients",
      paramLabel = "FILE",
      description =
          "Write the rows that failed, with their variables, as a CSV recipients file for a"
              + " follow-up batch.")
  Path failedFile;

  @Option(
      names = "--reconcile",
      description =
          "First look up at Bird the rows whose outcome is unknown, by their reference: found"
              + " ones are recorded as accepted (never sent again); the rest stay unknown.")
  boolean reconcile;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!format.equals("human") && !format.equals("json")) {
      throw new Main.UsageError("unknown format '" + format + "'; use human or json");
    }
    Duration budget = untilFinal == null ? Duration.ZERO : duration(untilFinal);
    if (!Files.isRegularFile(journalFile)) {
      throw new Main.UsageError("no journal at " + journalFile);
    }
    if (failedFile != null) {
      Path dir = failedFile.toAbsolutePath().getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        throw new Main.UsageError("--failed-as-recipients: no such directory " + dir);
      }
    }
    Journal journal;
    try {
      journal = Journal.open(journalFile);
    } catch (Journal.InUse e) {
      throw new Main.UsageError(e.getMessage());
    } catch (IOException e) {
      throw new Main.UsageError(e.getMessage() + "; give the journal a batch send wrote");
    }
    try (journal;
        Deliveries deliveries = Deliveries.open(journalFile)) {
      Connection c = connection(journal);
      BirdClient client = conn.client(c, conn.key(parent.env.vars()), parent.env, 8);
      if (reconcile) {
        new Reconcile(journal, deliveries, client, err).run();
      }
      StatusReader reader = new StatusReader(journal, deliveries, client, err);
      Instant deadline = Instant.now().plus(budget);
      Duration wait = Duration.ofSeconds(10);
      while (true) {
        StatusReader.Pass pass = reader.pass();
        if (pass.stoppedBecause() != null) {
          err.println("chirp: " + pass.stoppedBecause());
          return Main.USAGE;
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (pass.pending() == 0 || left.isNegative() || left.isZero()) {
          break;
        }
        Duration nap = wait.compareTo(left) < 0 ? wait : left;
        err.printf(
            Locale.ROOT,
            "status: %,d %s not final yet; next look in %d s%n",
            pass.pending(),
            pass.pending() == 1 ? "row is" : "rows are",
            Math.max(1, nap.toSeconds()));
        err.flush();
        parent.env.sleeper().sleep(nap);
        wait =
            wait.multipliedBy(2).compareTo(Duration.ofMinutes(5)) > 0
                ? Duration.ofMinutes(5)
                : wait.multipliedBy(2);
      }
      int failed = report(journal, deliveries, out);
      if (failedFile != null) {
        int n = FailedRows.write(journal, deliveries, failedFile);
        err.printf(
            Locale.ROOT, "wrote %,d failed %s to %s%n", n, n == 1 ? "row" : "rows", failedFile);
      }
      int unknown = journal.inDoubt().size();
      return failed > 0 || unknown > 0 ? Main.PROBLEMS : Main.OK;
    }
  }

  /**
   * Where the rows went: flags, then the environment, then what the journal recorded when the batch
   * started, then the catalog's profile.
   */
  private Connection connection(Journal j) throws IOException {
    Map<String, String> env = parent.env.vars();
    if (conn.workspaceId == null && env.get(Settings.ENV_WORKSPACE) == null) {
      conn.workspaceId = j.fact("workspaceId").orElse(null);
    }
    if (conn.channelId == null && env.get(Settings.ENV_CHANNEL) == null) {
      conn.channelId = j.fact("channelId").orElse(null);
    }
    if (conn.apiUrl == null && env.get(Settings.ENV_API_URL) == null) {
      conn.apiUrl = j.fact("apiUrl").orElse(null);
    }
    Path catalog = CatalogFile.find(Path.of("").toAbsolutePath()).orElse(null);
    return conn.connectionWith(env, catalog, false);
  }

  /** Prints the outcome in the asked format; returns how many rows failed. */
  private int report(Journal j, Deliveries d, PrintWriter out) throws IOException {
    if (format.equals("json")) {
      IOException[] failure = {null};
      j.forEach(
          e -> {
            if (e.messageId() == null) {
              return;
            }
            try {
              out.println(json(e, d.get(e.reference()).orElse(null)));
            } catch (IOException ex) {
              failure[0] = ex;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
      out.flush();
      return failedCount(d);
    }
    Map<String, Integer> counts = d.counts();
    out.println(
        "status of batch "
            + j.fact("specId").orElse("?")
            + " ("
            + j.fact("recipients").orElse("?")
            + ")");
    for (Map.Entry<String, Integer> e : counts.entrySet()) { // sorted by status
      out.printf(Locale.ROOT, "  %-16s %,9d%n", e.getKey(), e.getValue());
    }
    if (counts.isEmpty()) {
      out.println("  no row with a Bird message id yet");
    }
    List<Deliveries.FailureGroup> groups = d.failures();
    if (!groups.isEmpty()) {
      out.println("failures:");
      for (Deliveries.FailureGroup g : groups) {
        String what = g.sourceCode() == null ? "no code" : g.sourceName() + " " + g.sourceCode();
        out.printf(Locale.ROOT, "  %-16s %,9d   ", what, g.rows());
        var meaning = WhatsAppErrors.of(g.sourceCode());
        if (meaning.isPresent()) {
          out.println(meaning.get().reason() + "; " + meaning.get().fix());
        } else {
          out.println(g.description() == null ? "(Bird gave no description)" : g.description());
        }
      }
    }
    int unknown = j.inDoubt().size();
    if (unknown > 0) {
      out.printf(
          Locale.ROOT,
          "  %,d %s unknown: the send may or may not have reached Bird; chirp status --reconcile"
              + " looks them up%n",
          unknown,
          unknown == 1 ? "row is" : "rows are");
    }
    out.flush();
    return failedCount(d);
  }

  private static int failedCount(Deliveries d) throws IOException {
    int n = 0;
    for (Map.Entry<String, Integer> e : d.counts().entrySet()) {
      if (MessageStatus.FAILED.contains(e.getKey())) {
        n += e.getValue();
      }
    }
    return n;
  }

  private static String json(Journal.Entry e, MessageStatus s) {
    ObjectNode o = JSON.createObjectNode();
    o.put("line", e.line());
    o.put("receiver", e.receiver());
    o.put("reference", e.reference());
    o.put("messageId", e.messageId());
    if (s == null) {
      o.putNull("status");
      return o.toString();
    }
    o.put("status", s.status());
    if (s.lastStatusAt() != null) {
      o.put("lastStatusAt", s.lastStatusAt());
    }
    if (s.failureCode() != null || s.sourceCode() != null || s.failureDescription() != null) {
      ObjectNode f = o.putObject("failure");
      if (s.failureCode() != null) {
        f.put("code", s.failureCode());
      }
      if (s.failureDescription() != null) {
        f.put("description", s.failureDescription());
      }
      if (s.sourceName() != null || s.sourceCode() != null) {
        ObjectNode src = f.putObject("source");
        if (s.sourceName() != null) {
          src.put("name", s.sourceName());
        }
        if (s.sourceCode() != null) {
          src.put("code", s.sourceCode());
        }
      }
    }
    return o.toString();
  }

  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  /** {@code 90s}, {@code 10m}, {@code 1h}, {@code 2h30m}: a usage error for anything else. */
  static Duration duration(String s) {
    Matcher m = DURATION.matcher(s.strip());
    if (s.isBlank() || !m.matches()) {
      throw new Main.UsageError(
          "--until-final " + s + ": not a duration; write it as 90s, 10m, 1h or 2h30m");
    }
    long h = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
    long min = m.group(2) == null ? 0 : Long.parseLong(m.group(2));
    long sec = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    if (h > 24 * 7) {
      throw new Main.UsageError("--until-final " + s + ": at most a week (168h)");
    }
    return Duration.ofHours(h).plusMinutes(min).plusSeconds(sec);
  }
}
