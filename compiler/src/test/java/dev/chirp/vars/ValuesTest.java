package dev.chirp.vars;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chirp.diag.Span;
import dev.chirp.spec.Variable;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValuesTest {
  /** A required variable `x` of {@code type} with the given limits ({@code null}: none). */
  private static Variable variable(
      String type,
      Integer minLength,
      Integer maxLength,
      String pattern,
      List<Object> allowed,
      Double minimum,
      Double maximum) {
    return new Variable(
        "x",
        type,
        true,
        null,
        minLength,
        maxLength,
        pattern,
        allowed,
        minimum,
        maximum,
        null,
        null,
        Span.START);
  }

  private static Variable v(String type) {
    return variable(type, null, null, null, null, null, null);
  }

  private static Variable lengths(String type, Integer min, Integer max) {
    return variable(type, min, max, null, null, null, null);
  }

  private static Variable pattern(String p) {
    return variable("string", null, null, p, null, null, null);
  }

  private static Variable oneOf(String type, List<Object> allowed) {
    return variable(type, null, null, null, allowed, null, null);
  }

  private static Variable range(String type, Double min, Double max) {
    return variable(type, null, null, null, null, min, max);
  }

  private static void ok(Variable v, Object value) {
    assertEquals(Optional.empty(), Values.problem(v, value), v.type() + " " + value);
  }

  private static void bad(Variable v, Object value, String message) {
    assertEquals(Optional.of(message), Values.problem(v, value), v.type() + " " + value);
  }

  @Test
  void text() {
    assertEquals("3", Values.text(3.0));
    assertEquals("1.5", Values.text(1.5));
    assertEquals("100000000000000000000", Values.text(1e20));
    assertEquals("42", Values.text(42L));
    assertEquals("true", Values.text(true));
    assertEquals("null", Values.text(null));
  }

  @Test
  void nullIsEmpty() {
    bad(v("string"), null, "is empty");
  }

  @Test
  void string() {
    ok(v("string"), "anything at all 🎉");
    ok(v("string"), 12L);
  }

  @Test
  void integer() {
    ok(v("integer"), 42L);
    ok(v("integer"), new BigInteger("123456789012345678901234567890"));
    ok(v("integer"), "-7");
    ok(v("integer"), "+7");
    ok(v("integer"), 3.0);
    bad(v("integer"), 1.5, "is not an integer");
    bad(v("integer"), "12a", "is not an integer");
    bad(v("integer"), "", "is not an integer");
  }

  @Test
  void number() {
    ok(v("number"), 1.5);
    ok(v("number"), 7L);
    ok(v("number"), "-1.25e3");
    ok(v("number"), ".5");
    bad(v("number"), Double.NaN, "is not a finite number");
    bad(v("number"), Double.POSITIVE_INFINITY, "is not a finite number");
    bad(v("number"), "1,5", "is not a number");
    bad(v("number"), "abc", "is not a number");
  }

  @Test
  void bool() {
    ok(v("boolean"), true);
    ok(v("boolean"), "false");
    bad(v("boolean"), "yes", "is not true or false");
    bad(v("boolean"), "True", "is not true or false");
  }

  /**
   * The text formats, each value with the problem it has (none where the last column is empty). RFC
   * 3339 needs the seconds (Java's parser does not); and a day that does not exist fails.
   */
  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          url      | https://x.example/a?b=c   |
          url      | HTTP://x.example          |
          url      | ftp://x.example/a         | is not an absolute http(s) URL
          url      | /relative/path            | is not an absolute http(s) URL
          url      | https://x.example/a b     | is not a URL (Illegal character in path)
          email    | ada@x.example             |
          email    | ada.x.example             | is not an email address
          email    | ada@x                     | is not an email address
          email    | a da@x.example            | is not an email address
          phone    | +31612345678              |
          phone    | 0612345678                | is not an E.164 phone number
          phone    | +31 6 12345678            | is not an E.164 phone number
          phone    | +999123                   | is not an E.164 phone number
          date     | 2026-12-01                |
          date     | 2026-13-01                | is not a date such as 2026-12-01
          date     | 01-12-2026                | is not a date such as 2026-12-01
          date     | 2026-12-01T09:00:00Z      | is not a date such as 2026-12-01
          date     | +12026-12-01              | is not a date such as 2026-12-01
          datetime | 2026-12-01T09:00:00Z      |
          datetime | 2026-12-01T09:00:00+01:00 |
          datetime | 2026-12-01T09:00:00       | is not a date-time with a zone such as 2026-12-01T09:00:00Z
          datetime | 2026-12-01                | is not a date-time with a zone such as 2026-12-01T09:00:00Z
          datetime | 2026-12-01T09:00:00.250Z  |
          datetime | 2026-12-01T09:00Z         | is not a date-time with a zone such as 2026-12-01T09:00:00Z
          datetime | 2026-02-30T09:00:00Z      | is not a date-time with a zone such as 2026-12-01T09:00:00Z
          """)
  void textFormats(String type, String value, String problem) {
    assertEquals(Optional.ofNullable(problem), Values.problem(v(type), value), type + " " + value);
  }

  @Test
  void lengthsCountUtf16Units() {
    Variable v = lengths("string", 2, 5);
    ok(v, "ab");
    ok(v, "abcde");
    bad(v, "a", "is 1 character; at least 2 needed");
    bad(v, "abcdef", "is 6 characters; at most 5 allowed");
    bad(
        v,
        "abcd🎉",
        "is 6 UTF-16 code units (5 characters; emoji and other symbols outside the BMP count 2);"
            + " at most 5 allowed");
    bad(
        lengths("string", null, 1000),
        "x".repeat(1234),
        "is 1,234 characters; at most 1,000 allowed");
  }

  @Test
  void typeIsCheckedBeforeLength() {
    bad(lengths("integer", null, 2), "abc", "is not an integer");
  }

  @Test
  void patternMatchesInFull() {
    Variable v = pattern("[0-9]{6}");
    ok(v, "123456");
    bad(v, "1234567", "does not match [0-9]{6}");
    bad(v, "12345a", "does not match [0-9]{6}");
    bad(
        pattern("([a-z"),
        "abc",
        "cannot be checked: the pattern ([a-z is not a valid regular expression");
  }

  @Test
  void enumComparesRenderedText() {
    Variable v = oneOf("string", List.of("gold", "silver"));
    ok(v, "gold");
    bad(v, "bronze", "is not one of gold, silver");
    Variable n = oneOf("integer", List.of(1L, 2L));
    ok(n, "2");
    ok(n, 2L);
    bad(n, 3L, "is not one of 1, 2");
  }

  @Test
  void minimumAndMaximum() {
    Variable v = range("integer", 1.0, 10.0);
    ok(v, 1L);
    ok(v, "10");
    bad(v, 0L, "is less than the minimum 1");
    bad(v, "11", "is more than the maximum 10");
    Variable n = range("number", 0.5, 2.5);
    ok(n, 0.5);
    bad(n, 0.25, "is less than the minimum 0.5");
    bad(n, 3L, "is more than the maximum 2.5");
    // An integer whose range implies its length must be written plainly to stay within it.
    Variable pct = range("integer", 0.0, 99.0);
    assertEquals(2, Values.maxLength(pct));
    ok(pct, "99");
    ok(pct, 7L);
    bad(pct, "+0099", "is not written plainly; write 99");
    bad(pct, "007", "is not written plainly; write 7");
    bad(pct, " 5", "is not written plainly; write 5");
    // Without a range nothing bounds the length, so any integer spelling is fine.
    ok(v("integer"), "007");
    // A range on a string is not a numeric constraint.
    ok(range("string", 1.0, 2.0), "abc");
  }

  @Test
  void aPatternOfBoundedLengthBoundsTheVariable() {
    assertEquals(8, Values.maxLength(pattern("^[A-Z0-9]{8}$")));
    assertEquals(6, Values.maxLength(pattern("^[0-9]{6}$")));
    assertNull(Values.maxLength(pattern("^[A-Z0-9]+$")));
    // The smaller of the pattern's bound and maxLength.
    assertEquals(5, Values.maxLength(variable("string", null, 5, "^[A-Z]{8}$", null, null, null)));
  }

  @Test
  void impliedMaxLength() {
    assertNull(Values.maxLength(v("string")));
    assertNull(Values.maxLength(v("url")));
    assertNull(Values.maxLength(v("integer")));
    assertNull(Values.maxLength(v("datetime")));
    assertEquals(40, Values.maxLength(lengths("string", null, 40)));
    assertEquals(5, Values.maxLength(v("boolean")));
    assertEquals(10, Values.maxLength(v("date")));
    assertEquals(8, Values.maxLength(lengths("date", null, 8)));
    assertEquals(6, Values.maxLength(oneOf("string", List.of("gold", "silver"))));
    assertEquals(
        4,
        Values.maxLength(variable("string", null, 4, null, List.of("gold", "silver"), null, null)));
    assertEquals(5, Values.maxLength(range("integer", 0.0, 99999.0)));
    assertEquals(4, Values.maxLength(range("integer", -100.0, 10.0)));
    assertNull(Values.maxLength(range("integer", 0.0, null)));
    assertNull(Values.maxLength(range("number", 0.0, 9.0)));
  }

  @Test
  void impliedMinLength() {
    assertEquals(0, Values.minLength(v("string")));
    assertEquals(3, Values.minLength(lengths("string", 3, null)));
    assertEquals(4, Values.minLength(oneOf("string", List.of("gold", "silver"))));
    assertEquals(10, Values.minLength(v("date")));
    assertEquals(4, Values.minLength(v("boolean")));
    assertEquals(1, Values.minLength(v("integer")));
    assertEquals(1, Values.minLength(v("number")));
    assertEquals(0, Values.minLength(v("url")));
  }
}
