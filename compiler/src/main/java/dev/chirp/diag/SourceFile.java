package dev.chirp.diag;

import java.util.Arrays;

/** A file's display path and decoded text, split into lines so renderers can quote them. */
public final class SourceFile {
  private final String path;
  private final String text;
  // Line n (1-based) is text[lineStarts[n-1], lineEnds[n-1]), without its line break. Lines are
  // cut on demand: most files never have a line quoted.
  private final int[] lineStarts;
  private final int[] lineEnds;

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    int[] starts = new int[16];
    int[] ends = new int[16];
    int n = 0;
    int start = 0;
    // Most files have no CR: indexOf('\n') is much cheaper than a char loop while the JVM warms.
    boolean cr = text.indexOf('\r') >= 0;
    while (true) {
      int i = cr ? nextBreak(text, start) : text.indexOf('\n', start);
      if (n == starts.length) {
        starts = Arrays.copyOf(starts, n * 2);
        ends = Arrays.copyOf(ends, n * 2);
      }
      starts[n] = start;
      if (i < 0) {
        ends[n++] = text.length();
        break;
      }
      ends[n++] = i;
      start =
          text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'
              ? i + 2
              : i + 1;
    }
    this.lineStarts = Arrays.copyOf(starts, n);
    this.lineEnds = Arrays.copyOf(ends, n);
  }

  /** The index of the next LF or CR at or after {@code from}, or -1. */
  private static int nextBreak(String text, int from) {
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        return i;
      }
    }
    return -1;
  }

  /** The char offset of a 1-based line and code-point column, clamped to the text. */
  public int offset(int line, int column) {
    if (line < 1 || line > lineStarts.length) {
      return line < 1 ? 0 : text.length();
    }
    int start = lineStarts[line - 1];
    int end = lineEnds[line - 1];
    int at = start;
    for (int c = 1; c < column && at < end; c++) {
      at += Character.charCount(text.codePointAt(at));
    }
    return at;
  }

  /** The 1-based line and code-point column of a char offset. */
  public Span position(int offset) {
    int line = 0;
    int lo = 0;
    int hi = lineStarts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (lineStarts[mid] <= offset) {
        line = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    int start = lineStarts[line];
    int column = 1 + text.codePointCount(start, Math.min(Math.max(offset, start), text.length()));
    return Span.at(line + 1, column);
  }

  public String path() {
    return path;
  }

  public String text() {
    return text;
  }

  /** The text of 1-based line {@code n} without its line break, or "" when out of range. */
  public String line(int n) {
    return n >= 1 && n <= lineStarts.length
        ? text.substring(lineStarts[n - 1], lineEnds[n - 1])
        : "";
  }

  /** Lines split on LF, CRLF or CR, as YAML counts them. */
  public int lineCount() {
    return lineStarts.length;
  }
}
