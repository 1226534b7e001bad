package dev.chirp.yaml;

import dev.chirp.diag.Span;

/** A YAML node that remembers where it came from; the tree every later stage reads. */
public sealed interface YNode permits YMap, YSeq, YScalar {
  /** Where the node starts and ends in its file. */
  Span span();

  /** A word for the node's kind in messages: "mapping", "list", "string", "number", ... */
  String kindWord();
}
