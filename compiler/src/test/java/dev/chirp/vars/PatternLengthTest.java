package dev.chirp.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The longest match of a pattern, in UTF-16 code units, or null (unbounded or unsure). */
class PatternLengthTest {
  private static Map<String, Integer> all(String... patterns) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (String p : patterns) {
      out.put(p, PatternLength.max(p));
    }
    return out;
  }

  private static Map<String, Integer> expect(Object... pairs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      out.put((String) pairs[i], (Integer) pairs[i + 1]);
    }
    return out;
  }

  @Test
  void literalsClassesAndCounts() {
    assertEquals(
        expect(
            "^[A-Z0-9]{8}$", 8,
            "^[0-9]{6}$", 6,
            "^E[0-9]{4}$", 5,
            "abc", 3,
            "ab?c{2,3}", 5,
            "^\\d{3}-\\d{4}$", 8,
            "^[a-z0-9-]{1,40}$", 40,
            "[]a]{3}", 3,
            "\\.\\-\\\\", 3,
            "\\t\\n\\x41\\u0042\\0101\\cA", 6,
            "^$", 0,
            "", 0),
        all(
            "^[A-Z0-9]{8}$",
            "^[0-9]{6}$",
            "^E[0-9]{4}$",
            "abc",
            "ab?c{2,3}",
            "^\\d{3}-\\d{4}$",
            "^[a-z0-9-]{1,40}$",
            "[]a]{3}",
            "\\.\\-\\\\",
            "\\t\\n\\x41\\u0042\\0101\\cA",
            "^$",
            ""));
  }

  @Test
  void groupsAlternationAnchorsAndLookarounds() {
    assertEquals(
        expect(
            "^(a|bc){2}$", 4,
            "^(?:https?://)?[a-z]{1,10}\\.example$", 26,
            "(?<n>ab)|c{5}", 5,
            "(?i:abc){2}", 6,
            "^(?i)[a-z]{4}$", 4,
            "(?=abc)a{2}", 2,
            "(?<!x)ab(?!c)", 2,
            "(?>ab|c)", 2,
            "\\bab\\B\\A\\z", 2,
            "a{3}+", 3,
            "a{1,2}?", 2,
            "\\Qa.b\\E", 3),
        all(
            "^(a|bc){2}$",
            "^(?:https?://)?[a-z]{1,10}\\.example$",
            "(?<n>ab)|c{5}",
            "(?i:abc){2}",
            "^(?i)[a-z]{4}$",
            "(?=abc)a{2}",
            "(?<!x)ab(?!c)",
            "(?>ab|c)",
            "\\bab\\B\\A\\z",
            "a{3}+",
            "a{1,2}?",
            "\\Qa.b\\E"));
  }

  @Test
  void whatCanMatchAnEmojiCountsTwo() {
    assertEquals(
        expect(
            "^.{8}$", 16,
            "^[^x]{3}$", 6,
            "^\\p{L}{2}$", 4,
            "\\S\\W\\D", 6,
            "[a-z&&[^aeiou]]{3}", 6,
            "(?U)\\w{2}", 4,
            "\\R", 2,
            "\\x{1F600}{2}", 4,
            "^\\uD83D\\uDE00{2}$", 4,
            "\uD83D\uDE00{2}", 4,
            "[\\Qab\\E]{2}", 2),
        all(
            "^.{8}$",
            "^[^x]{3}$",
            "^\\p{L}{2}$",
            "\\S\\W\\D",
            "[a-z&&[^aeiou]]{3}",
            "(?U)\\w{2}",
            "\\R",
            "\\x{1F600}{2}",
            "^\\uD83D\\uDE00{2}$",
            "\uD83D\uDE00{2}",
            "[\\Qab\\E]{2}"));
  }

  @Test
  void unboundedOrUnsureIsNull() {
    Map<String, Integer> none = new LinkedHashMap<>();
    String[] patterns = {
      "a*",
      "a+",
      "a{2,}",
      "^[A-Z0-9]+$",
      "(ab|c*)",
      "^(a)\\1$",
      "(?<n>a)\\k<n>",
      "\\X",
      "^(?x)a b$",
      "(a{1000000}){1000000}",
      "[unclosed",
      "(".repeat(200) + ")".repeat(200)
    };
    for (String p : patterns) {
      none.put(p, null);
    }
    assertEquals(none, all(patterns));
  }
}
