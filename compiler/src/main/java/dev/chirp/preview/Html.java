package dev.chirp.preview;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HTML escaping and WhatsApp's text formatting, rendered as HTML. */
final class Html {
  private Html() {}

  private static final Pattern MONO = Pattern.compile("```(.+?)```", Pattern.DOTALL);
  private static final Pattern BOLD = marker("\\*");
  private static final Pattern ITALIC = marker("_");
  private static final Pattern STRIKE = marker("~");

  /** A marker pair around text that neither starts nor ends with a space, at word edges. */
  private static Pattern marker(String m) {
    return Pattern.compile(
        "(?<![\\p{L}\\p{N}"
            + m
            + "])"
            + m
            + "(?=\\S)([^\\n]*?\\S)"
            + m
            + "(?![\\p{L}\\p{N}"
            + m
            + "])");
  }

  /** Escapes the five characters that matter in HTML text and attribute values. */
  static String escape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A message text as WhatsApp shows it: escaped first, then {@code ```mono```}, {@code *bold*},
   * {@code _italic_} and {@code ~strike~} as code, b, i and s elements, and line breaks.
   */
  static String formatted(String text) {
    String escaped = escape(text);
    StringBuilder out = new StringBuilder();
    Matcher m = MONO.matcher(escaped);
    int last = 0;
    while (m.find()) {
      out.append(inline(escaped.substring(last, m.start())));
      out.append("<code>").append(m.group(1)).append("</code>");
      last = m.end();
    }
    out.append(inline(escaped.substring(last)));
    return out.toString().replace("\n", "<br/>");
  }

  private static String inline(String s) {
    s = BOLD.matcher(s).replaceAll("<b>$1</b>");
    s = ITALIC.matcher(s).replaceAll("<i>$1</i>");
    return STRIKE.matcher(s).replaceAll("<s>$1</s>");
  }
}
