package dev.chirp.rules;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.spec.Text;
import dev.chirp.spec.Variable;
import dev.chirp.vars.Tag;
import dev.chirp.vars.Tags;
import dev.chirp.vars.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The static bound of a templated field: its shortest and longest possible length from the literal
 * text and each variable's declared bounds. Section content counts toward the longest but not the
 * shortest, since a section may be left out.
 */
final class LengthBounds {
  private LengthBounds() {}

  static void check(Findings f, Text t, int limit, String what) {
    Tags.Scan scan = Tags.scan(t.value());
    if (scan.problem().isPresent()) {
      return; // reported as var-syntax by the variable check
    }
    Map<String, Variable> variables = f.variables();
    long min = 0;
    long max = 0;
    int depth = 0;
    int pos = 0;
    Map<String, Integer> bounded = new LinkedHashMap<>();
    Set<String> unbounded = new LinkedHashSet<>();
    int unboundedUses = 0;
    for (Tag tag : scan.tags()) {
      int literal = tag.start() - pos;
      max += literal;
      if (depth == 0) {
        min += literal;
      }
      pos = tag.end();
      switch (tag.kind()) {
        case VALUE -> {
          Variable v = variables.get(tag.name());
          if (v == null) {
            continue; // reported as var-undeclared
          }
          Integer most = Values.maxLength(v);
          if (most == null) {
            unbounded.add(tag.name());
            unboundedUses++;
          } else {
            max += most;
            bounded.putIfAbsent(tag.name(), most);
          }
          if (depth == 0 && v.required() && v.defaultValue() == null) {
            min += Values.minLength(v);
          }
        }
        case SECTION, INVERTED -> depth++;
        case CLOSE -> depth--;
        default -> {}
      }
    }
    int tail = t.value().length() - pos;
    max += tail;
    min += tail;
    if (min > limit) {
      f.add(
          Code.BOUND_EXCEEDS,
          t.span(),
          String.format(
              Locale.ROOT,
              "%s is at least %,d characters whatever the values; WhatsApp allows %,d",
              what,
              min,
              limit));
    } else if (!unbounded.isEmpty()) {
      // Each use of an unbounded variable takes its full length, so share the room among uses.
      long room = suggestedMaxLength(Math.max(1, (limit - max) / unboundedUses));
      String names = String.join(", ", unbounded.stream().map(n -> "`" + n + "`").toList());
      Diagnostic d =
          f.of(
              Code.BOUND_UNKNOWN,
              t.span(),
              String.format(
                  Locale.ROOT,
                  "%s has no upper bound: %s %s no maxLength; WhatsApp allows %,d",
                  what,
                  names,
                  unbounded.size() == 1 ? "has" : "have",
                  limit));
      for (String name : unbounded) {
        if (variables.get(name).pattern() != null) {
          d =
              d.withNote(
                  "the pattern of `"
                      + name
                      + "` does not bound its length (it has *, + or {n,}, or chirp cannot tell)");
        }
      }
      f.add(
          d.withFix(
              "declare maxLength: "
                  + room
                  + (unbounded.size() == 1 ? "" : " on each")
                  + " to stay within the limit"));
    } else if (max > limit) {
      List<String> parts = new ArrayList<>();
      bounded.forEach((k, v) -> parts.add(k + " is " + String.format(Locale.ROOT, "%,d", v)));
      String when =
          parts.size() == 1
              ? parts.get(0)
              : String.join(", ", parts.subList(0, parts.size() - 1))
                  + " and "
                  + parts.get(parts.size() - 1);
      f.add(
          Code.BOUND_MAY_EXCEED,
          t.span(),
          String.format(
              Locale.ROOT, "%s can reach %,d of %,d characters when %s", what, max, limit, when));
    }
  }

  /**
   * The maxLength that bound-unknown suggests for {@code room}, the most characters each unbounded
   * use can take with the rest of the field at its longest: the room rounded down to its leading
   * digit (13 → 10, 72 → 70, 3,983 → 3,000), so the hint is a number a person would write and not
   * the exact remaining budget; a room under 10 is suggested as it is. It always fits the limit.
   */
  static long suggestedMaxLength(long room) {
    long step = 1;
    while (room / step >= 10) {
      step *= 10;
    }
    return room / step * step;
  }
}
