package dev.chirp.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chirp.emit.Payload;
import dev.chirp.send.BirdClient;
import java.nio.charset.StandardCharsets;

/** A dry-run's output: each row's request (method, URL, redacted headers, body) as one line. */
final class DryRunPrinter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BirdClient client;
  private final BatchOutput output;
  private final Summary summary;

  /** Everything of a line before the body, the same for every row (the reading thread's). */
  private String prefix;

  DryRunPrinter(BirdClient client, BatchOutput output, Summary summary) {
    this.client = client;
    this.output = output;
    this.summary = summary;
  }

  void print(Job job) {
    if (prefix == null) {
      ObjectNode line = JSON.createObjectNode();
      line.put("method", "POST");
      line.put("url", client == null ? "" : client.connection().messagesUrl().toString());
      ObjectNode headers = line.putObject("headers");
      if (client != null) {
        client.redactedHeaders().forEach(headers::put);
      }
      line.putNull("body");
      String text = Payload.compact(line);
      prefix = text.substring(0, text.length() - "null}".length());
    }
    output.out(prefix + new String(job.body(), StandardCharsets.UTF_8) + "}");
    summary.dryRun.incrementAndGet();
  }
}
