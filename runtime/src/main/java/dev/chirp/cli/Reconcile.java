package dev.chirp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chirp.batch.Deliveries;
import dev.chirp.batch.Journal;
import dev.chirp.send.BirdClient;
import dev.chirp.send.MessageStatus;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds at Bird the rows whose outcome is unknown (in flight at a crash, or no answer came), so no
 * message that reached Bird is sent twice. Bird documents no lookup by reference, so chirp lists
 * the channel's outgoing messages created while those rows were in flight (see {@link
 * dev.chirp.send.Connection#messagesUrl}) and matches the {@code reference} each row sent: a row
 * found is recorded as accepted with its id and status; a row not found stays unknown.
 */
final class Reconcile {
  /** Pages read at most (100 messages each): a window this busy is not searched to its end. */
  static final int MAX_PAGES = 2_000;

  private final Journal journal;
  private final Deliveries deliveries;
  private final BirdClient client;
  private final PrintWriter err;

  Reconcile(Journal journal, Deliveries deliveries, BirdClient client, PrintWriter err) {
    this.journal = journal;
    this.deliveries = deliveries;
    this.client = client;
    this.err = err;
  }

  /** The lookup could not be made; the message says why and that nothing was resent. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message, null, false, false);
    }
  }

  /** What the lookup found: rows recorded as accepted, and rows still unknown. */
  record Result(int found, int notFound) {}

  Result run() throws IOException, InterruptedException, Failed {
    List<Journal.Entry> doubt = journal.inDoubt();
    if (doubt.isEmpty()) {
      return new Result(0, 0);
    }
    Map<String, Journal.Entry> byRef = new HashMap<>();
    Instant first = null;
    Instant last = null;
    for (Journal.Entry e : doubt) {
      byRef.put(e.reference(), e);
      Instant t = time(e.updated()).orElse(null);
      if (t != null) {
        first = first == null || t.isBefore(first) ? t : first;
        last = last == null || t.isAfter(last) ? t : last;
      }
    }
    Instant now = Instant.now();
    // From shortly before the first intent (clocks differ) to an hour after the last one (a
    // request can wait for its turn, and Bird may create the message a little later).
    Instant from =
        (first == null ? now.minus(Duration.ofDays(7)) : first).minus(Duration.ofMinutes(10));
    Instant to = last == null ? now : last.plus(Duration.ofHours(1));
    int found = 0;
    String token = null;
    for (int page = 0; page < MAX_PAGES && !byRef.isEmpty(); page++) {
      JsonNode n;
      try {
        n = client.messagesPage(from, to, token);
      } catch (IOException e) {
        journal.commit();
        throw new Failed(
            "could not look the unknown rows up at Bird ("
                + e.getMessage()
                + "); none was sent again");
      }
      JsonNode results = n.path("results");
      for (JsonNode m : results) {
        String ref = m.path("reference").isTextual() ? m.get("reference").asText() : null;
        Journal.Entry row = ref == null ? null : byRef.remove(ref);
        Optional<MessageStatus> s = MessageStatus.of(m);
        if (row == null || s.isEmpty()) {
          continue;
        }
        journal.add(
            row.foundAtBird(
                s.get().messageId(),
                s.get().status(),
                "found at Bird by its reference (chirp status --reconcile)"));
        deliveries.put(row.reference(), s.get());
        found++;
      }
      token =
          n.hasNonNull("nextPageToken") && !n.get("nextPageToken").asText().isEmpty()
              ? n.get("nextPageToken").asText()
              : null;
      if (token == null) {
        break;
      }
    }
    journal.commit();
    err.printf(
        Locale.ROOT,
        "reconciled %,d unknown %s: %,d found at Bird (recorded as accepted, never sent again),"
            + " %,d not found (send --resend-unknown sends them again)%n",
        doubt.size(),
        doubt.size() == 1 ? "row" : "rows",
        found,
        byRef.size());
    err.flush();
    return new Result(found, byRef.size());
  }

  private static Optional<Instant> time(String s) {
    if (s == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(s));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
