package dev.chirp.text;

import java.nio.charset.StandardCharsets;

/** RFC 3986 percent-encoding, for values put into URL paths and queries. */
public final class PercentEncoding {
  private PercentEncoding() {}

  /** {@code s} with everything but unreserved characters percent-encoded, over UTF-8. */
  public static String encode(String s) {
    return encode(s, "");
  }

  /** {@code s} percent-encoded as {@link #encode(String)} does, but ASCII {@code keep} kept. */
  public static String encode(String s, String keep) {
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || keep.indexOf(c) >= 0) {
        out.append((char) c);
      } else {
        out.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
