package dev.chirp.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.emit.Payload;
import dev.chirp.send.BirdClient;
import dev.chirp.send.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Sends on a pool thread: one row to the messages endpoint, or a group to the batch endpoint. */
final class RowSender {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BirdClient client;
  private final Journal journal;
  private final Summary summary;
  private final Progress progress;
  private final AbortPolicy abort;
  private final OutcomeRecorder recorder;

  RowSender(
      BirdClient client,
      Journal journal,
      Summary summary,
      Progress progress,
      AbortPolicy abort,
      OutcomeRecorder recorder) {
    this.client = client;
    this.journal = journal;
    this.summary = summary;
    this.progress = progress;
    this.abort = abort;
    this.recorder = recorder;
  }

  /** Sends one row whose intent the dispatcher has committed. */
  void send(Job job) {
    try {
      if (abort.stopped()) {
        recorder.notBegun(job);
        return;
      }
      Outcome o = client.send(job.body(), job.payload().path("reference").textValue());
      recorder.record(job, o);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      progress.step(summary.progressNote());
    }
  }

  /**
   * Sends up to 100 rows through Bird's batch endpoint, journaling each as for single sends; their
   * intents are written here, after the turn under the rate limit.
   */
  void sendGroup(List<Job> jobs) {
    try {
      if (abort.stopped()) {
        return; // no intent was written for these rows: a re-run sends them
      }
      // The turn under the rate limit first, then the intents: a crash while waiting for a turn
      // leaves these rows unsent, not "maybe sent".
      client.awaitTurn();
      if (abort.stopped()) {
        return;
      }
      for (Job j : jobs) {
        journal.add(Journal.Entry.sending(j.reference(), j.line(), j.receiver(), j.bodyHash()));
      }
      journal.commit();
      ObjectNode req = JSON.createObjectNode();
      ArrayNode arr = req.putArray("messageRequests");
      jobs.forEach(j -> arr.add(j.payload()));
      Outcome o =
          client.post(
              client.connection().batchUrl(),
              Payload.compact(req).getBytes(StandardCharsets.UTF_8),
              true);
      List<JsonNode> items =
          o instanceof Outcome.Accepted a ? BatchAnswers.itemsFor(jobs, a.answer()) : null;
      for (int i = 0; i < jobs.size(); i++) {
        Outcome each =
            items == null ? o : BatchAnswers.itemOutcome(items.get(i), o.attempts(), client::scrub);
        recorder.record(jobs.get(i), each);
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } finally {
      for (int i = 0; i < jobs.size(); i++) {
        progress.step(summary.progressNote());
      }
    }
  }
}
