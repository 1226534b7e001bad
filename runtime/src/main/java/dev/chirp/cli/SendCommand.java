package dev.chirp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.Compiler;
import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Span;
import dev.chirp.emit.Payload;
import dev.chirp.send.AccessKey;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Connection;
import dev.chirp.send.Outcome;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code chirp send}: compile a spec and send it through Bird, or show what would be sent. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description = {
      "Send a spec through Bird's Channels API: to one receiver, or to every row of a recipients"
          + " file.",
      "",
      "Exit 0 accepted, 1 refused or failed, 2 usage or settings error, 3 outcome unknown (the"
          + " request was sent but no answer came: check Bird before resending)."
    })
final class SendCommand implements Callable<Integer> {
  static final int UNKNOWN = 3;

  @picocli.CommandLine.Spec CommandSpec spec;
  @picocli.CommandLine.ParentCommand ChirpCommand parent;

  @Mixin SpecInput input;
  @Mixin ConnectionOptions conn;

  @Option(
      names = "--dry-run",
      description =
          "Do everything but the network call: print the request as one JSON line (key redacted). Needs no access key.")
  boolean dryRun;

  @Option(
      names = "--recipients",
      paramLabel = "FILE",
      description =
          "Send to every row of FILE (CSV with a header, or JSON Lines): a column `to` or `contactId`; the others are variables.")
  Path recipients;

  @Option(
      names = "--concurrency",
      paramLabel = "N",
      description =
          "Requests in flight at once, 1 to 256 (default: enough for --rate at round trips up to"
              + " 250 ms: rate / 4, at least 4 and at most 128; 64 with --rate 0; 4 with"
              + " --batch-api).")
  Integer concurrency;

  @Option(
      names = "--journal",
      paramLabel = "PATH",
      description =
          "The batch journal; by default in the recipients file's folder:"
              + " .chirp/journals/SPEC-HASH.sqlite")
  Path journalPath;

  @Option(
      names = "--resume",
      description =
          "Require an existing journal and continue it (re-running the same command resumes anyway).")
  boolean resume;

  @Option(names = "--fail-fast", description = "Stop at the first bad row or refused message.")
  boolean failFast;

  @Option(names = "--allow-duplicates", description = "Send to a receiver as often as it appears.")
  boolean allowDuplicates;

  @Option(
      names = "--resend-unknown",
      description =
          "Resend rows whose earlier outcome is unknown, after looking each up at Bird by its"
              + " reference: rows found there are recorded as accepted and not sent again.")
  boolean resendUnknown;

  @Option(
      names = "--skip-lookup",
      description =
          "With --resend-unknown: resend unknown rows without looking them up at Bird first"
              + " (when the lookup cannot be made and you checked them by hand).")
  boolean skipLookup;

  @Option(
      names = "--batch-api",
      description = "Send through Bird's batch endpoint in groups of up to 100.")
  boolean batchApi;

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description = "Write one JSON line per row outcome to FILE at the end.")
  Path reportFile;

  @Option(
      names = "--require-window",
      description =
          "Refuse a non-template message when the contact's 24-hour service window is closed.")
  boolean requireWindow;

  @Override
  public Integer call() throws Exception {
    var err = spec.commandLine().getErr();
    var out = spec.commandLine().getOut();
    Map<String, String> env = parent.env.vars();
    input.noReceiverNeeded = recipients != null;
    if (recipients != null && (input.to != null || input.contactId != null)) {
      throw new Main.UsageError("give --recipients or --to/--contact-id, not both");
    }
    if (reportFile != null && recipients == null) {
      throw new Main.UsageError(
          "--report is for batches (--recipients FILE); a single send prints its outcome");
    }
    if (reportFile != null) {
      Path dir = reportFile.toAbsolutePath().getParent();
      if (dir != null && !Files.isDirectory(dir)) {
        // Checked now, not after the batch: the rows would be sent and the report lost.
        throw new Main.UsageError("--report " + reportFile + ": no such directory " + dir);
      }
    }
    if (reportFile != null && dryRun) {
      throw new Main.UsageError(
          "--report writes the outcomes of sent rows, and a --dry-run sends none (its output is"
              + " the requests); drop --report or --dry-run");
    }
    SpecInput.Prepared p = input.prepare(err, null);
    if (p == null) {
      return Main.PROBLEMS;
    }
    if (recipients != null) {
      return new BatchSend(this, p, env).run();
    }
    Connection connection = conn.connection(env, input.file, dryRun);
    Compiler.Resolution r = SpecInput.resolve(err, p);
    if (!r.ok()) {
      return Main.PROBLEMS;
    }
    Map<String, Span> trace = new LinkedHashMap<>();
    Payload.of(r.resolved(), p.receiver(), trace);
    byte[] body = Payload.compact(r.payload()).getBytes(StandardCharsets.UTF_8);
    if (dryRun) {
      ObjectNode line = new ObjectMapper().createObjectNode();
      line.put("method", "POST");
      line.put("url", connection.messagesUrl().toString());
      ObjectNode headers = line.putObject("headers");
      BirdClient.redactedHeaders(BirdClient.userAgent(Version.get())).forEach(headers::put);
      line.set("body", r.payload());
      out.println(Payload.compact(line));
      out.flush();
      return Main.OK;
    }
    AccessKey key = conn.key(env, " (use --dry-run to try without one)");
    BirdClient client = conn.client(connection, key, parent.env, 1);
    if (requireWindow && p.spec().template() == null) {
      String who =
          p.receiver().contactId() != null ? p.receiver().contactId() : p.receiver().phone();
      BirdClient.Window w;
      try {
        w = client.window(who);
      } catch (IOException e) {
        err.println("chirp: cannot check the service window: " + e.getMessage());
        return Main.PROBLEMS;
      }
      if (!Boolean.TRUE.equals(w.permanent())
          && (w.expiresAt() == null || !w.expiresAt().isAfter(Instant.now()))) {
        err.println(
            "chirp: the 24-hour service window with "
                + who
                + " is closed"
                + (w.expiresAt() == null ? "" : " (it closed at " + w.expiresAt() + ")")
                + "; WhatsApp only delivers templates now: send a template spec instead");
        return Main.PROBLEMS;
      }
    }
    Outcome o = client.send(body, r.payload().path("reference").textValue());
    return report(o, p, trace, out, err);
  }

  private int report(
      Outcome o, SpecInput.Prepared p, Map<String, Span> trace, PrintWriter out, PrintWriter err) {
    String to = p.receiver().toString();
    String tries = o.attempts() + (o.attempts() == 1 ? " attempt" : " attempts");
    if (o instanceof Outcome.Accepted a) {
      out.println(
          "accepted: message "
              + (a.messageId() == null ? "(Bird sent no message id)" : a.messageId())
              + " to "
              + to
              + " (status "
              + (a.status() == null ? "unknown" : a.status())
              + ", "
              + tries
              + ")");
      out.flush();
      return Main.OK;
    }
    if (o instanceof Outcome.Rejected rj) {
      err.println(
          "chirp: Bird refused the message to "
              + to
              + ": HTTP "
              + rj.httpStatus()
              + (rj.code() == null ? "" : " " + rj.code())
              + ": "
              + rj.message());
      if (!rj.details().isEmpty()) {
        List<Diagnostic> mapped = new ArrayList<>();
        rj.details()
            .forEach(
                (field, msgs) -> {
                  if (field.replaceFirst("^[$/.]+", "").startsWith("receiver")) {
                    // The receiver comes from --to, --contact-id or an example, not the message:
                    // pointing at the spec's text would mislead.
                    err.println(
                        "chirp: Bird: "
                            + field
                            + ": "
                            + String.join("; ", msgs)
                            + " (about the receiver "
                            + to
                            + ")");
                    return;
                  }
                  Span at = locate(trace, field);
                  mapped.add(
                      Diagnostic.of(
                          Code.SCHEMA_VALUE,
                          p.spec().file(),
                          at,
                          "Bird: " + field + ": " + String.join("; ", msgs)));
                });
        if (!mapped.isEmpty()) {
          SpecInput.print(err, mapped, p.source());
        }
      }
      err.flush();
      return Main.PROBLEMS;
    }
    if (o instanceof Outcome.Failed f) {
      err.println("chirp: sending to " + to + " failed: " + f.reason());
      err.flush();
      return Main.PROBLEMS;
    }
    Outcome.Unknown u = (Outcome.Unknown) o;
    err.println(
        "chirp: outcome unknown for "
            + to
            + ": "
            + u.reason()
            + ". The message may have been sent; it was not resent. Check Bird before sending again.");
    err.flush();
    return UNKNOWN;
  }

  /** The spec position of a field Bird named: exact, or the longest known prefix. */
  static Span locate(Map<String, Span> trace, String field) {
    String f = field.replaceAll("\\[(\\d+)]", ".$1").replaceFirst("^[$/.]+", "").replace('/', '.');
    Span best = null;
    int bestLen = -1;
    for (Map.Entry<String, Span> e : trace.entrySet()) {
      String k = e.getKey();
      if (k.equals(f)) {
        return e.getValue();
      }
      if ((k.startsWith(f + ".") || f.startsWith(k + ".")) && k.length() > bestLen) {
        best = e.getValue();
        bestLen = k.length();
      }
    }
    return best == null ? Span.START : best;
  }
}
