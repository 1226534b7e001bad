package dev.chirp.diag;

import java.util.ArrayList;
import java.util.List;

/** A file's display path and decoded text, split into lines so renderers can quote them. */
public final class SourceFile {
  private final String path;
  private final String text;
  private final List<String> lines;

  public SourceFile(String path, String text) {
    this.path = path;
    this.text = text;
    this.lines = split(text);
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
