package dev.chirp.vars;

import dev.chirp.emit.Receivers;
import dev.chirp.emit.Urls;
import dev.chirp.spec.Variable;
import dev.chirp.yaml.YamlLoader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks a value against its variable's declaration: type, lengths, pattern, enum, range. */
public final class Values {
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** Compiled patterns of declarations: a batch checks the same few patterns for every row. */
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

  private Values() {}

  /** The text a value renders as: numbers without a trailing ".0", others as written. */
  public static String text(Object v) {
    if (v instanceof Double d && !d.isNaN() && !d.isInfinite()) {
      return new BigDecimal(d.toString()).stripTrailingZeros().toPlainString();
    }
    return String.valueOf(v);
  }

  /** Why {@code value} does not fit {@code v}, or empty when it does. */
  public static Optional<String> problem(Variable v, Object value) {
    if (value == null) {
      return Optional.of("is empty");
    }
    String s = text(value);
    int lone = YamlLoader.loneSurrogate(s);
    if (lone >= 0) {
      return Optional.of(
          String.format(
              Locale.ROOT,
              "holds a lone surrogate U+%04X (half a character); it cannot be sent as UTF-8",
              (int) s.charAt(lone)));
    }
    Optional<String> typeProblem = type(v.type(), value, s);
    if (typeProblem.isPresent()) {
      return typeProblem;
    }
    int len = s.length();
    if (v.minLength() != null && len < v.minLength()) {
      return Optional.of(
          String.format(Locale.ROOT, "is %s; at least %,d needed", length(s), v.minLength()));
    }
    if (v.maxLength() != null && len > v.maxLength()) {
      return Optional.of(
          String.format(Locale.ROOT, "is %s; at most %,d allowed", length(s), v.maxLength()));
    }
    if (v.pattern() != null) {
      try {
        if (!PATTERNS.computeIfAbsent(v.pattern(), Pattern::compile).matcher(s).matches()) {
          return Optional.of("does not match " + v.pattern());
        }
      } catch (PatternSyntaxException e) {
        return Optional.of(
            "cannot be checked: the pattern " + v.pattern() + " is not a valid regular expression");
      }
    }
    if (v.allowed() != null) {
      List<String> allowed = v.allowed().stream().map(Values::text).toList();
      if (!allowed.contains(s)) {
        return Optional.of("is not one of " + String.join(", ", allowed));
      }
    }
    if ((v.minimum() != null || v.maximum() != null)
        && (v.type().equals("integer") || v.type().equals("number"))) {
      BigDecimal n;
      try {
        n = new BigDecimal(s.trim());
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.of("is out of the range chirp can compare (its exponent is too large)");
      }
      if (v.minimum() != null && compare(n, v.minimum()) < 0) {
        return Optional.of("is less than the minimum " + text(v.minimum()));
      }
      if (v.maximum() != null && compare(n, v.maximum()) > 0) {
        return Optional.of("is more than the maximum " + text(v.maximum()));
      }
      if (v.type().equals("integer") && v.minimum() != null && v.maximum() != null) {
        // maxLength(v) bounds such a value by its range's digits: "+0099" would break the bound.
        String plain = n.toBigInteger().toString();
        if (!plain.equals(s)) {
          return Optional.of("is not written plainly; write " + plain);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * {@code n} compared with a declared bound; a bound written too large for a double (1e400) is
   * infinite, so every value is below +∞ and above -∞. A NaN bound compares equal (no bound).
   */
  private static int compare(BigDecimal n, double bound) {
    if (Double.isNaN(bound)) {
      return 0;
    }
    if (Double.isInfinite(bound)) {
      return bound > 0 ? -1 : 1;
    }
    return n.compareTo(BigDecimal.valueOf(bound));
  }

  private static Optional<String> type(String type, Object value, String s) {
    switch (type) {
      case "integer" -> {
        if (value instanceof Long || value instanceof BigInteger) {
          return Optional.empty();
        }
        return s.trim().matches("[-+]?[0-9]+")
            ? Optional.empty()
            : Optional.of("is not an integer");
      }
      case "number" -> {
        if (value instanceof Number n) {
          return Double.isFinite(n.doubleValue())
              ? Optional.empty()
              : Optional.of("is not a finite number");
        }
        return s.trim().matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")
            ? Optional.empty()
            : Optional.of("is not a number");
      }
      case "boolean" -> {
        return value instanceof Boolean || s.equals("true") || s.equals("false")
            ? Optional.empty()
            : Optional.of("is not true or false");
      }
      case "url" -> {
        if (Urls.httpScheme(s) != null) {
          return Optional.empty();
        }
        try {
          URI u = new URI(s);
          if (u.getHost() == null
              || !("https".equalsIgnoreCase(u.getScheme())
                  || "http".equalsIgnoreCase(u.getScheme()))) {
            return Optional.of("is not an absolute http(s) URL");
          }
          return Optional.empty();
        } catch (URISyntaxException e) {
          return Optional.of("is not a URL (" + e.getReason() + ")");
        }
      }
      case "phone" -> {
        return Receivers.problem(s).map(p -> "is not an E.164 phone number");
      }
      case "email" -> {
        return EMAIL.matcher(s).matches()
            ? Optional.empty()
            : Optional.of("is not an email address");
      }
      case "date" -> {
        try {
          LocalDate.parse(s);
          // Years past 9999 parse with a sign ("+12026-01-01") but break maxLength's 10.
          return s.length() == 10
              ? Optional.empty()
              : Optional.of("is not a date such as 2026-12-01");
        } catch (DateTimeParseException e) {
          return Optional.of("is not a date such as 2026-12-01");
        }
      }
      case "datetime" -> {
        return isRfc3339(s)
            ? Optional.empty()
            : Optional.of("is not a date-time with a zone such as 2026-12-01T09:00:00Z");
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /**
   * The most characters a value of {@code v} can have, or null when nothing bounds it: the least of
   * its maxLength, what its enum or type implies, and the longest match of its pattern when that is
   * finite ({@link PatternLength}).
   */
  public static Integer maxLength(Variable v) {
    Integer max = v.maxLength();
    Integer implied = null;
    if (v.allowed() != null) {
      implied = v.allowed().stream().mapToInt(a -> text(a).length()).max().orElse(0);
    } else if (v.type().equals("boolean")) {
      implied = 5;
    } else if (v.type().equals("date")) {
      implied = 10;
    } else if (v.type().equals("integer") && v.minimum() != null && v.maximum() != null) {
      implied =
          Math.max(text(v.minimum().longValue()).length(), text(v.maximum().longValue()).length());
    }
    if (v.pattern() != null) {
      Integer matched = PATTERN_MAX.computeIfAbsent(v.pattern(), Values::patternMax).orElse(null);
      if (matched != null) {
        implied = implied == null ? matched : Math.min(implied, matched);
      }
    }
    if (max == null) {
      return implied;
    }
    return implied == null ? max : Math.min(max, implied);
  }

  /** Each pattern's longest match, computed once (a catalog repeats the same few patterns). */
  private static final Map<String, Optional<Integer>> PATTERN_MAX = new ConcurrentHashMap<>();

  private static Optional<Integer> patternMax(String pattern) {
    return Optional.ofNullable(PatternLength.max(pattern));
  }

  /** The fewest characters a value of {@code v} can have. */
  public static int minLength(Variable v) {
    int min = v.minLength() == null ? 0 : v.minLength();
    if (v.allowed() != null) {
      min = Math.max(min, v.allowed().stream().mapToInt(a -> text(a).length()).min().orElse(0));
    } else if (v.type().equals("date")) {
      min = Math.max(min, 10);
    } else if (v.type().equals("boolean")) {
      min = Math.max(min, 4);
    } else if (v.type().equals("integer") || v.type().equals("number")) {
      min = Math.max(min, 1);
    }
    return min;
  }

  /**
   * RFC 3339's date-time, seconds required (Java's parser also takes 09:00Z, which Bird refuses).
   */
  private static final Pattern RFC3339 =
      Pattern.compile(
          "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");

  /** Whether {@code s} is an RFC 3339 date-time with a zone, such as 2026-12-01T09:00:00Z. */
  public static boolean isRfc3339(String s) {
    if (!RFC3339.matcher(s).matches()) {
      return false;
    }
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false; // the right shape, but no such day or hour
    }
  }

  /**
   * The length as chirp counts it (UTF-16 code units, as for every limit), said in characters, and
   * in both units when an emoji or another symbol outside the BMP makes them differ: a reader
   * counting what they see would otherwise find fewer.
   */
  public static String length(String s) {
    int units = s.length();
    int codePoints = s.codePointCount(0, units);
    return codePoints == units
        ? String.format(Locale.ROOT, "%,d character%s", units, units == 1 ? "" : "s")
        : String.format(
            Locale.ROOT,
            "%,d UTF-16 code units (%,d characters; emoji and other symbols outside the BMP count 2)",
            units,
            codePoints);
  }
}
