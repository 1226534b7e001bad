package dev.chirp.vars;

import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.spec.Text;

/** Finds where a piece of a text's value stands in its source file. */
public final class Locate {
  private Locate() {}

  /**
   * The span of the {@code length} chars at {@code offset} of {@code t}'s value. The piece is
   * searched in the source region of the scalar (the n-th occurrence for the n-th in the value), so
   * quoting and block styles do not matter; when it cannot be found (an escape inside it), the
   * whole scalar is the answer.
   */
  public static Span in(SourceFile source, Text t, int offset, int length) {
    String value = t.value();
    if (source == null || offset < 0 || offset + length > value.length()) {
      return t.span();
    }
    String piece = value.substring(offset, offset + length);
    int n = 0;
    for (int i = value.indexOf(piece); i >= 0 && i < offset; i = value.indexOf(piece, i + 1)) {
      n++;
    }
    Span s = t.span();
    int from = source.offset(s.line(), s.column());
    int to = Math.max(from, source.offset(s.endLine(), s.endColumn()));
    String region = source.text().substring(from, Math.min(to, source.text().length()));
    int at = -1;
    for (int i = 0, found = region.indexOf(piece);
        found >= 0;
        found = region.indexOf(piece, found + 1), i++) {
      if (i == n) {
        at = found;
        break;
      }
    }
    if (at < 0) {
      return s;
    }
    Span start = source.position(from + at);
    Span end = source.position(from + at + piece.length());
    return new Span(start.line(), start.column(), end.line(), end.column());
  }
}
