package dev.chirp.diag;

import java.util.ArrayList;
import java.util.List;

/** A file's display path and decoded text, split into lines so renderers can quote them. */
public final class SourceFile {
  private final String path;
  private final String text;
  private final List<String> lines;
  private final int[] lineStarts;

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    this.lines = split(text);
    this.lineStarts = new int[lines.size()];
    int line = 0;
    for (int i = 0; i < text.length() && line + 1 < lineStarts.length; i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        lineStarts[++line] = i + 1;
      }
    }
  }

  /** The char offset of a 1-based line and code-point column, clamped to the text. */
  public int offset(int line, int column) {
    if (line < 1 || line > lineStarts.length) {
      return line < 1 ? 0 : text.length();
    }
    int start = lineStarts[line - 1];
    int end = start + lines.get(line - 1).length();
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
    return n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
  }

  public int lineCount() {
    return lines.size();
  }

  /** Lines split on LF, CRLF or CR, as YAML counts them. */
  private static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    out.add(text.substring(start));
    return List.copyOf(out);
  }
}
