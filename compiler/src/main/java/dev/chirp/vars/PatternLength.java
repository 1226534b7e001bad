package dev.chirp.vars;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The longest value a variable's {@code pattern} can match, in UTF-16 code units (chirp's length
 * unit), when that is finite: {@code ^[A-Z0-9]{8}$} matches at most 8, so it bounds the variable as
 * {@code maxLength: 8} would.
 *
 * <p>It reads Java's regular expression syntax: literals, escapes, character classes (also nested
 * and negated), {@code .}, groups of every kind, alternation (the longest branch), anchors and
 * lookarounds (no length), and the quantifiers {@code ?}, {@code {n}} and {@code {n,m}} (with their
 * lazy and possessive forms). {@code *}, {@code +} and {@code {n,}} are unbounded. Whatever it is
 * not sure of (back-references, {@code \X}, comments mode, a pattern that does not compile) counts
 * as unbounded: the bound must never be lower than what the pattern accepts.
 *
 * <p>An element that can match a character outside the BMP (an emoji) counts 2, as chirp counts it:
 * {@code .}, negated classes and shorthands ({@code [^x]}, {@code \S}, {@code \W}, {@code \D}),
 * Unicode properties ({@code \p{L}}) and {@code \R} (which also matches CR LF). So {@code ^.{8}$}
 * bounds a value to 16, since eight emoji match it; {@code ^[A-Z0-9]{8}$} bounds it to 8.
 */
final class PatternLength {
  /** Stands for "no finite bound" while computing; any length at or above it is unbounded. */
  private static final long UNBOUNDED = (long) Integer.MAX_VALUE + 1;

  /** Deeper nesting than this is not followed (the answer is "unbounded"). */
  private static final int MAX_DEPTH = 100;

  private final String p;
  private int i;
  private int depth;
  private boolean unicodeClasses;

  private PatternLength(String pattern) {
    this.p = pattern;
  }

  /** Thrown for a construct whose length is not known; the pattern then counts as unbounded. */
  private static final class Unsure extends RuntimeException {
    Unsure() {
      super(null, null, false, false);
    }
  }

  /**
   * The most UTF-16 code units a value matching {@code pattern} (as a whole) can have, or null when
   * the pattern does not bound it (or chirp cannot tell).
   */
  public static Integer max(String pattern) {
    try {
      Pattern.compile(pattern);
    } catch (PatternSyntaxException | StackOverflowError e) {
      return null;
    }
    PatternLength pl = new PatternLength(pattern);
    try {
      long n = pl.alternation();
      if (pl.i != pattern.length() || n >= UNBOUNDED) {
        return null;
      }
      return (int) n;
    } catch (Unsure | IndexOutOfBoundsException | NumberFormatException e) {
      return null;
    }
  }

  private boolean more() {
    return i < p.length();
  }

  private char peek() {
    return p.charAt(i);
  }

  private static long add(long a, long b) {
    return Math.min(UNBOUNDED, a + b);
  }

  private static long times(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    if (a >= UNBOUNDED || b >= UNBOUNDED || a > UNBOUNDED / b) {
      return UNBOUNDED;
    }
    return Math.min(UNBOUNDED, a * b);
  }

  /** branch ('|' branch)*: the longest branch. */
  private long alternation() {
    if (++depth > MAX_DEPTH) {
      throw new Unsure();
    }
    long best = sequence();
    while (more() && peek() == '|') {
      i++;
      best = Math.max(best, sequence());
    }
    depth--;
    return best;
  }

  /** Atoms with their quantifiers, up to '|' or ')'. */
  private long sequence() {
    long total = 0;
    while (more() && peek() != '|' && peek() != ')') {
      long atom = atom();
      total = add(total, times(atom, quantifier()));
    }
    return total;
  }

  /** The most repetitions the quantifiers after an atom allow (1 without one). */
  private long quantifier() {
    long most = 1;
    while (more()) {
      char c = peek();
      long q;
      if (c == '?') {
        q = 1;
        i++;
      } else if (c == '*' || c == '+') {
        q = UNBOUNDED;
        i++;
      } else if (c == '{') {
        int close = p.indexOf('}', i);
        if (close < 0) {
          throw new Unsure();
        }
        String body = p.substring(i + 1, close);
        i = close + 1;
        int comma = body.indexOf(',');
        if (comma < 0) {
          q = Long.parseLong(body.trim());
        } else if (body.substring(comma + 1).isBlank()) {
          q = UNBOUNDED;
        } else {
          q = Long.parseLong(body.substring(comma + 1).trim());
        }
      } else {
        break;
      }
      // A lazy or possessive form matches no more than the greedy one.
      if (more() && (peek() == '?' || peek() == '+')) {
        i++;
      }
      most = times(most, q);
    }
    return most;
  }

  private long atom() {
    char c = peek();
    switch (c) {
      case '(' -> {
        return group();
      }
      case '[' -> {
        return charClass();
      }
      case '.' -> {
        i++;
        return 2; // any character, an emoji too
      }
      case '^', '$' -> {
        i++;
        return 0;
      }
      case '\\' -> {
        return escape(false);
      }
      default -> {
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        return Character.charCount(cp);
      }
    }
  }

  private long group() {
    i++; // (
    boolean lookaround = false;
    if (more() && peek() == '?') {
      i++;
      char k = peek();
      if (k == ':' || k == '>') {
        i++;
      } else if (k == '=' || k == '!') {
        i++;
        lookaround = true;
      } else if (k == '<') {
        i++;
        if (peek() == '=' || peek() == '!') {
          i++;
          lookaround = true;
        } else {
          int close = p.indexOf('>', i); // a named group
          if (close < 0) {
            throw new Unsure();
          }
          i = close + 1;
        }
      } else {
        // Inline flags: (?i) or (?i:...); comments mode changes what the rest means.
        int start = i;
        while (more() && (Character.isLetter(peek()) || peek() == '-')) {
          i++;
        }
        String flags = p.substring(start, i);
        int minus = flags.indexOf('-');
        String on = minus < 0 ? flags : flags.substring(0, minus);
        if (flags.indexOf('x') >= 0) {
          throw new Unsure();
        }
        if (on.indexOf('U') >= 0) {
          unicodeClasses = true;
        }
        if (more() && peek() == ')') {
          i++;
          return 0;
        }
        if (!more() || peek() != ':') {
          throw new Unsure();
        }
        i++;
      }
    }
    long inner = alternation();
    if (!more() || peek() != ')') {
      throw new Unsure();
    }
    i++;
    return lookaround ? 0 : inner;
  }

  /** An escape at {@code i} (the backslash); in a class, \b and the like are not anchors. */
  private long escape(boolean inClass) {
    i++; // backslash
    char e = peek();
    i++;
    switch (e) {
      case 'd', 'w' -> {
        return unicodeClasses ? 2 : 1;
      }
      case 's', 'h', 'v' -> {
        return 1; // whitespace, all in the BMP
      }
      case 'D', 'W', 'S', 'H', 'V', 'R' -> {
        return 2;
      }
      case 'p', 'P' -> {
        if (more() && peek() == '{') {
          i = closing('}') + 1;
        } else {
          i++;
        }
        return 2;
      }
      case 'N' -> {
        i = closing('}') + 1;
        return 2;
      }
      case 'b', 'B' -> {
        if (more() && peek() == '{') {
          i = closing('}') + 1;
        }
        return inClass ? 1 : 0;
      }
      case 'A', 'G', 'z', 'Z' -> {
        return 0;
      }
      case '0' -> {
        int digits = 0;
        while (digits < 3 && more() && peek() >= '0' && peek() <= '7') {
          i++;
          digits++;
        }
        return 1;
      }
      case 'x' -> {
        if (more() && peek() == '{') {
          int close = closing('}');
          int cp = Integer.parseInt(p.substring(i + 1, close), 16);
          i = close + 1;
          return Character.charCount(cp);
        }
        i += 2;
        return 1;
      }
      case 'u' -> {
        char c = (char) Integer.parseInt(p.substring(i, i + 4), 16);
        i += 4;
        // Java reads the escapes of a surrogate pair as one character, which a quantifier repeats.
        if (Character.isHighSurrogate(c)
            && p.startsWith("\\u", i)
            && i + 6 <= p.length()
            && Character.isLowSurrogate((char) Integer.parseInt(p.substring(i + 2, i + 6), 16))) {
          i += 6;
          return 2;
        }
        return 1;
      }
      case 'c' -> {
        i++;
        return 1;
      }
      case 'Q' -> {
        int end = p.indexOf("\\E", i);
        String quoted = end < 0 ? p.substring(i) : p.substring(i, end);
        i = end < 0 ? p.length() : end + 2;
        if (inClass) {
          return quoted.codePoints().anyMatch(Character::isSupplementaryCodePoint) ? 2 : 1;
        }
        return quoted.length();
      }
      case 'X', 'k' -> {
        throw new Unsure(); // a grapheme cluster; a back-reference
      }
      default -> {
        if (e >= '1' && e <= '9') {
          throw new Unsure(); // a back-reference
        }
        if (Character.isHighSurrogate(e)) {
          i++;
          return 2;
        }
        return 1; // an escaped literal: \. \\ \t \n \- ...
      }
    }
  }

  private int closing(char c) {
    int close = p.indexOf(c, i);
    if (close < 0) {
      throw new Unsure();
    }
    return close;
  }

  /** A character class at {@code i}: 1 when every character it can match is in the BMP, else 2. */
  private long charClass() {
    if (++depth > MAX_DEPTH) {
      throw new Unsure();
    }
    i++; // [
    long width = 1;
    if (more() && peek() == '^') {
      i++;
      width = 2;
    }
    boolean first = true;
    while (true) {
      char c = peek();
      if (c == ']' && !first) {
        i++;
        break;
      }
      first = false;
      if (c == '[') {
        width = Math.max(width, charClass());
      } else if (c == '\\') {
        width = Math.max(width, escape(true));
      } else {
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        width = Math.max(width, Character.charCount(cp));
      }
    }
    depth--;
    return width;
  }
}
