package dev.chirp.preview;

import java.util.ArrayList;
import java.util.List;

/** Word wrapping for the text preview; widths count code points. */
final class Wrap {
  private Wrap() {}

  /** {@code text} as lines of at most {@code width} code points, breaking at spaces when it can. */
  static List<String> lines(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      String rest = para.stripTrailing();
      if (rest.isEmpty()) {
        out.add("");
        continue;
      }
      while (width(rest) > width) {
        int cut = rest.offsetByCodePoints(0, width);
        int space = rest.lastIndexOf(' ', cut);
        int end = space > 0 ? space : cut;
        out.add(rest.substring(0, end).stripTrailing());
        rest = rest.substring(space > 0 ? space + 1 : cut).stripLeading();
      }
      out.add(rest);
    }
    return out;
  }

  static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  /** {@code s} padded with spaces to {@code width} code points. */
  static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - width(s)));
  }
}
