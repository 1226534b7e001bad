package dev.chirp.yaml;

import dev.chirp.diag.Span;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;

/** SnakeYAML Engine's 0-based marks as chirp's 1-based spans. */
final class Marks {
  private Marks() {}

  /** The span of an event, from its start mark to its end mark. */
  static Span span(Event e) {
    Mark start = e.getStartMark().orElse(null);
    Mark end = e.getEndMark().orElse(start);
    if (start == null) {
      return Span.START;
    }
    return new Span(
        start.getLine() + 1, start.getColumn() + 1, end.getLine() + 1, end.getColumn() + 1);
  }

  /** From the start of one event to the end of another: a whole collection. */
  static Span spanBetween(Event startEvent, Event endEvent) {
    Span a = span(startEvent);
    Span b = span(endEvent);
    return new Span(a.line(), a.column(), b.endLine(), b.endColumn());
  }
}
