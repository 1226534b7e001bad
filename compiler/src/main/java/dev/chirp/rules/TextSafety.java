package dev.chirp.rules;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.SourceFile;
import dev.chirp.spec.Text;
import dev.chirp.text.HiddenCharacters;
import dev.chirp.vars.Locate;
import dev.chirp.vars.Tag;
import dev.chirp.vars.Tags;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The hidden-characters rule: on a text as written, and on what a value brings into a text. */
public final class TextSafety {
  /** At most this many warnings for one text as written. */
  private static final int SHOWN_MAX = 5;

  private TextSafety() {}

  /** One warning per hidden character of a text as written, at its column when it can be found. */
  static void check(Findings f, Text t, SourceFile source) {
    String v = t.value();
    int shown = 0;
    for (int i = HiddenCharacters.first(v); i >= 0 && shown < SHOWN_MAX; ) {
      int cp = v.codePointAt(i);
      f.add(
          f.of(
                  Code.HIDDEN_CHARACTERS,
                  Locate.in(source, t, i, Character.charCount(cp)),
                  "text holds "
                      + describe(cp)
                      + (HiddenCharacters.isDirectional(cp)
                          ? ", which changes the direction of the text after it"
                          : ", which is invisible"))
              .withFix(
                  "remove it; if it is intended, keep it and add `# chirp-ignore"
                      + " hidden-characters: why`"));
      shown++;
      int next = i + Character.charCount(cp);
      int rest = HiddenCharacters.first(v.substring(next));
      i = rest < 0 ? -1 : next + rest;
    }
  }

  /**
   * A warning when resolving {@code t} (as written) into {@code resolved} brought in hidden
   * characters from a value, or empty. {@code values} are the texts values render as.
   */
  public static Optional<Diagnostic> hiddenInValue(
      String file, Text t, String resolved, Map<String, ?> values) {
    if (t.url() || HiddenCharacters.count(resolved) <= HiddenCharacters.count(t.value())) {
      return Optional.empty();
    }
    for (Tag tag : Tags.scan(t.value()).tags()) {
      Object v = values.get(tag.name());
      if (v instanceof String s && HiddenCharacters.first(s) >= 0) {
        return Optional.of(
            Diagnostic.of(
                Code.HIDDEN_CHARACTERS,
                file,
                t.span(),
                "the value of `"
                    + tag.name()
                    + "` puts "
                    + describe(s.codePointAt(HiddenCharacters.first(s)))
                    + " into this text; it is invisible or changes the text's direction"));
      }
    }
    int at = HiddenCharacters.first(resolved);
    return Optional.of(
        Diagnostic.of(
            Code.HIDDEN_CHARACTERS,
            file,
            t.span(),
            "a value puts "
                + describe(resolved.codePointAt(at))
                + " into this text; it is invisible or changes the text's direction"));
  }

  private static String describe(int cp) {
    String name = Character.getName(cp);
    return String.format(Locale.ROOT, "U+%04X", cp)
        + (name == null ? "" : " " + name.toLowerCase(Locale.ROOT));
  }
}
