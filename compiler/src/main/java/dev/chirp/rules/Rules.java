package dev.chirp.rules;

import static dev.chirp.rules.Findings.clip;
import static dev.chirp.rules.Limits.SCHEDULE_DAYS_MAX;
import static dev.chirp.rules.Limits.TAGS_MAX;
import static dev.chirp.rules.Limits.TAG_MAX;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import dev.chirp.spec.Spec;
import dev.chirp.spec.Text;
import dev.chirp.spec.Texts;
import dev.chirp.vars.Values;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * WhatsApp's and Bird's limits, checked on a spec. On a spec as written, a text that still holds
 * Mustache tags is skipped by the checks that need its final value (the variable bounds check
 * covers those); on a resolved spec every value is final and every check applies.
 */
public final class Rules {
  private static final Pattern TAG = Pattern.compile("^[a-zA-Z0-9-_ ]+$");

  private Rules() {}

  /** Every limit problem of {@code spec}; {@code clock} dates the 35-day schedule check. */
  public static List<Diagnostic> check(Spec spec, Clock clock) {
    return check(spec, clock, null);
  }

  /**
   * Every limit problem of {@code spec} as written in {@code source}, which also places hidden
   * characters at their exact column; with a null source (a resolved spec) that rule is left to
   * {@link TextSafety#hiddenInValue}.
   */
  public static List<Diagnostic> check(Spec spec, Clock clock, SourceFile source) {
    Findings f = new Findings(spec.file(), spec.variables());
    if (source != null) {
      for (Text t : Texts.all(spec)) {
        if (!t.url()) {
          TextSafety.check(f, t, source);
        }
      }
    }
    if (spec.message() != null) {
      MessageRules.check(f, spec.message());
    }
    if (spec.template() != null) {
      TemplateRules.check(f, spec.template());
    }
    tags(f, spec);
    schedule(f, spec.scheduledFor(), clock);
    if (Boolean.TRUE.equals(spec.flags().get("capFrequency"))) {
      f.add(
          Code.CAP_FREQUENCY,
          spec.flagSpans().getOrDefault("capFrequency", Span.START),
          "capFrequency is only valid for a contact receiver with meta.extraInformation.useCase"
              + " \"marketing\", which chirp does not send; Bird may refuse the message");
    }
    return f.all();
  }

  private static void tags(Findings f, Spec s) {
    if (s.tags().size() > TAGS_MAX) {
      f.add(
          Code.TAGS,
          s.tags().get(TAGS_MAX).span(),
          s.tags().size() + " tags; Bird accepts at most " + TAGS_MAX);
    }
    for (Text t : s.tags()) {
      if (t.templated()) {
        continue;
      }
      if (t.value().isEmpty() || t.length() > TAG_MAX) {
        f.add(
            Code.TAGS,
            t.span(),
            "tag \""
                + clip(t.value())
                + "\" is "
                + t.length()
                + " characters; Bird accepts 1 to "
                + TAG_MAX);
      } else if (!TAG.matcher(t.value()).matches()) {
        f.add(
            Code.TAGS,
            t.span(),
            "tag \""
                + clip(t.value())
                + "\" has characters other than letters, digits, `-`, `_` and spaces");
      }
    }
  }

  private static void schedule(Findings f, Text t, Clock clock) {
    if (t == null || t.templated()) {
      return;
    }
    OffsetDateTime when;
    try {
      if (!Values.isRfc3339(t.value())) {
        throw new DateTimeParseException("not RFC 3339", t.value(), 0);
      }
      when = OffsetDateTime.parse(t.value());
    } catch (DateTimeParseException e) {
      f.add(
          Code.SCHEDULE,
          t.span(),
          "scheduledFor \""
              + clip(t.value())
              + "\" is not an RFC 3339 time such as 2026-12-01T09:00:00Z");
      return;
    }
    OffsetDateTime limit = OffsetDateTime.now(clock).plus(Duration.ofDays(SCHEDULE_DAYS_MAX));
    if (when.isAfter(limit)) {
      f.add(
          Code.SCHEDULE,
          t.span(),
          "scheduledFor "
              + t.value()
              + " is more than "
              + SCHEDULE_DAYS_MAX
              + " days ahead; Bird rejects it");
    }
  }
}
