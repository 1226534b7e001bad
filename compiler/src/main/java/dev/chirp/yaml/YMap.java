package dev.chirp.yaml;

import dev.chirp.diag.Span;
import java.util.List;
import java.util.Optional;

/** A YAML mapping with string keys in file order, each key with its own position. */
public record YMap(List<Entry> entries, Span span) implements YNode {

  /** One key and its value. */
  public record Entry(YScalar key, YNode value) {
    public String name() {
      return key.asText();
    }
  }

  public YMap {
    entries = List.copyOf(entries);
  }

  /** The value under {@code key}, if present. */
  public Optional<YNode> get(String key) {
    return entry(key).map(Entry::value);
  }

  /** The entry for {@code key}, if present. */
  public Optional<Entry> entry(String key) {
    for (Entry e : entries) {
      if (e.name().equals(key)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  public boolean has(String key) {
    return entry(key).isPresent();
  }

  @Override
  public String kindWord() {
    return "mapping";
  }
}
