package dev.chirp.yaml;

import dev.chirp.diag.Span;
import java.util.List;

/** A YAML sequence (a list) with its position. */
public record YSeq(List<YNode> items, Span span) implements YNode {
  public YSeq {
    items = List.copyOf(items);
  }

  @Override
  public String kindWord() {
    return "list";
  }
}
