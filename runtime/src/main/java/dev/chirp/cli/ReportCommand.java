package dev.chirp.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.send.MessageStatus;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code chirp report JOURNAL}: the outcome of a batch, again, from its journal. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Print the summary and one JSON line per row of a batch from its journal.")
final class ReportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @picocli.CommandLine.Spec CommandSpec spec;

  @Parameters(paramLabel = "JOURNAL", description = "The journal a batch send wrote.")
  Path journalFile;

  @Option(names = "--summary", description = "Only the counts.")
  boolean summaryOnly;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(journalFile)) {
      throw new Main.UsageError("no journal at " + journalFile);
    }
    PrintWriter out = spec.commandLine().getOut();
    Journal opened;
    try {
      opened = Journal.openToRead(journalFile);
    } catch (Journal.NotAJournal e) {
      throw new Main.UsageError(e.getMessage() + "; give the journal a batch send wrote");
    } catch (IOException e) {
      throw new Main.UsageError(e.getMessage());
    }
    try (Journal j = opened) {
      Map<Journal.State, Integer> counts = j.counts();
      out.println(
          "batch " + j.fact("specId").orElse("?") + " (" + j.fact("recipients").orElse("?") + ")");
      for (Journal.State s : Journal.State.values()) {
        if (s == Journal.State.SENDING) {
          continue; // in doubt, as the rows' lines and the send summary say: counted as unknown
        }
        int n = counts.getOrDefault(s, 0);
        if (s == Journal.State.UNKNOWN) {
          n += counts.getOrDefault(Journal.State.SENDING, 0);
        }
        // The words and columns of the summary a batch prints, so the two read alike.
        out.printf(Locale.ROOT, "  %-13s %,9d%n", label(s), n);
      }
      if (j.fact(BatchSend.FINISHED).orElse("").equals("no")) {
        out.println(
            "  unfinished: the last run stopped before the end of the recipients file; the same"
                + " send command goes on from there");
      }
      if (!summaryOnly) {
        try (Deliveries d = Deliveries.openToRead(journalFile)) {
          IOException[] failure = {null};
          j.forEach(
              e -> {
                try {
                  out.println(line(e, d.get(e.reference()).orElse(null)));
                } catch (IOException ex) {
                  failure[0] = ex;
                }
              });
          if (failure[0] != null) {
            throw failure[0];
          }
        }
      }
    }
    out.flush();
    return Main.OK;
  }

  static String line(Journal.Entry e) {
    return line(e, null);
  }

  /**
   * One row as a JSON line; {@code delivery} is its latest status read by `chirp status` (null:
   * none read), shown as {@code delivery} and, on failure, {@code deliveryFailure}.
   */
  static String line(Journal.Entry e, MessageStatus delivery) {
    ObjectNode o = JSON.createObjectNode();
    o.put("line", e.line());
    if (e.receiver() != null) {
      o.put("receiver", e.receiver());
    }
    // A row left "sending" (the sender stopped with its request in flight) is in doubt: unknown.
    o.put(
        "outcome",
        e.state() == Journal.State.SENDING ? "unknown" : e.state().name().toLowerCase(Locale.ROOT));
    if (!e.reference().startsWith("line:")) {
      o.put("reference", e.reference());
    }
    if (e.messageId() != null) {
      o.put("messageId", e.messageId());
    }
    if (e.status() != null) {
      o.put("status", e.status());
    }
    if (e.httpStatus() != null && e.httpStatus() != 202) {
      o.put("httpStatus", e.httpStatus());
    }
    if (e.code() != null) {
      o.put(e.state() == Journal.State.INVALID ? "column" : "code", e.code());
    }
    if (e.detail() != null) {
      o.put("detail", e.detail());
    } else if (e.state() == Journal.State.SENDING) {
      o.put("detail", "in flight when the sender stopped; it may have been sent");
    }
    if (e.attempts() > 0) {
      o.put("attempts", e.attempts());
    }
    if (delivery != null) {
      o.put("delivery", delivery.status());
      if (delivery.lastStatusAt() != null) {
        o.put("deliveryAt", delivery.lastStatusAt());
      }
      if (delivery.sourceCode() != null) {
        o.put(
            "deliveryFailure",
            (delivery.sourceName() == null ? "" : delivery.sourceName() + " ")
                + delivery.sourceCode());
      }
    }
    return o.toString();
  }

  static void writeJsonl(Journal j, Path file) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      FilePerms.ownerOnly(file); // before any row is written
      IOException[] failure = {null};
      j.forEach(
          e -> {
            try {
              w.write(line(e));
              w.newLine();
            } catch (IOException ex) {
              failure[0] = ex;
            }
          });
      if (failure[0] != null) {
        throw failure[0];
      }
    }
  }

  /** A state as the batch summary names it. */
  static String label(Journal.State s) {
    return switch (s) {
      case INVALID -> "invalid rows";
      case DUPLICATE -> "duplicates";
      default -> s.name().toLowerCase(Locale.ROOT);
    };
  }
}
