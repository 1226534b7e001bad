package dev.chirp.diag;

/**
 * A region of a source file. Lines and columns are 1-based; columns count Unicode code points, so
 * an editor that counts characters lands on the same place for text without astral symbols. The end
 * is exclusive.
 */
public record Span(int line, int column, int endLine, int endColumn) {
  /** The span for a whole file with no better position (line 1, column 1). */
  public static final Span START = new Span(1, 1, 1, 1);

  public Span {
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("positions are 1-based: " + line + ":" + column);
    }
    if (endLine < line || (endLine == line && endColumn < column)) {
      endLine = line;
      endColumn = column;
    }
  }

  /** A span of one point. */
  public static Span at(int line, int column) {
    return new Span(line, column, line, column);
  }
}
