package dev.chirp.spec;

import dev.chirp.diag.Span;
import java.util.List;
import java.util.Map;

/**
 * A spec read from its file: exactly one of {@code message} or {@code template} is set. Optional
 * fields are null when absent ({@code idSpan}: where the id is written, else the file's start). The
 * same record holds a resolved spec, whose texts are final.
 */
public record Spec(
    String file,
    String id,
    Span idSpan,
    String description,
    String locale,
    Map<String, Variable> variables,
    Message message,
    Template template,
    ReplyTo replyTo,
    Text reference,
    List<Text> tags,
    Span tagsSpan,
    Text scheduledFor,
    Long validity,
    Map<String, Boolean> flags,
    Map<String, Span> flagSpans,
    List<Example> examples) {

  /** Collections are copied: a spec cannot change after it is built. */
  public Spec {
    variables = Copies.map(variables);
    tags = List.copyOf(tags);
    flags = Copies.map(flags);
    flagSpans = Copies.map(flagSpans);
    examples = List.copyOf(examples);
  }

  /** The received message a reply quotes. */
  public record ReplyTo(Text id, String type, Span span) {}

  /** The boolean options of the Channels API, in the order they are emitted. */
  public static final List<String> FLAGS =
      List.of("ignoreQuietHours", "ignoreGlobalHoldout", "enableLinkTracking", "capFrequency");
}
