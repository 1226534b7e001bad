package dev.chirp.preview;

import java.util.ArrayList;
import java.util.List;

/**
 * Word wrapping for the text preview. Widths are terminal columns: emoji and East Asian wide
 * characters take two, combining marks, joiners and variation selectors none, the rest one.
 */
final class Wrap {
  private Wrap() {}

  /** {@code text} as lines of at most {@code width} columns, breaking at spaces when it can. */
  static List<String> lines(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String para : text.split("\n", -1)) {
      String rest = para.stripTrailing();
      if (rest.isEmpty()) {
        out.add("");
        continue;
      }
      while (width(rest) > width) {
        int cut = fit(rest, width);
        int space = rest.lastIndexOf(' ', cut);
        int end = space > 0 ? space : cut;
        out.add(rest.substring(0, end).stripTrailing());
        rest = rest.substring(space > 0 ? space + 1 : cut).stripLeading();
      }
      out.add(rest);
    }
    return out;
  }

  /** The index of the first char that does not fit in {@code width} columns (at least one). */
  private static int fit(String s, int width) {
    int used = 0;
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int w = columns(cp);
      if (used + w > width && i > 0) {
        return i;
      }
      used += w;
      i += Character.charCount(cp);
    }
    return i;
  }

  static int width(String s) {
    return s.codePoints().map(Wrap::columns).sum();
  }

  /** The columns a terminal gives one code point. */
  static int columns(int cp) {
    int type = Character.getType(cp);
    if (type == Character.NON_SPACING_MARK
        || type == Character.ENCLOSING_MARK
        || type == Character.FORMAT
        || (cp >= 0xFE00 && cp <= 0xFE0F)) {
      return 0;
    }
    boolean wide =
        (cp >= 0x1F000 && cp <= 0x1FAFF)
            || (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x20000 && cp <= 0x3FFFD);
    return wide ? 2 : 1;
  }

  /** {@code s} padded with spaces to {@code width} columns. */
  static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - width(s)));
  }
}
