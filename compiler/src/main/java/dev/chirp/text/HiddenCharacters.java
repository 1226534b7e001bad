package dev.chirp.text;

/** Characters a reader cannot see: direction overrides and isolates, and zero-width characters. */
public final class HiddenCharacters {
  private HiddenCharacters() {}

  /**
   * Whether {@code cp} is a bidirectional override or isolate, or a zero-width character that is
   * neither a joiner emoji and scripts need (U+200C, U+200D).
   */
  public static boolean isHidden(int cp) {
    return isDirectional(cp) || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF || cp == 0x180E;
  }

  /**
   * Whether {@code cp} is a bidirectional override or isolate, which reorders the text after it.
   */
  public static boolean isDirectional(int cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
  }

  /** The char index of the first hidden character of {@code s}, or -1. */
  public static int first(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isHidden(cp)) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** How many hidden characters {@code s} holds. */
  public static int count(String s) {
    return (int) s.codePoints().filter(HiddenCharacters::isHidden).count();
  }
}
