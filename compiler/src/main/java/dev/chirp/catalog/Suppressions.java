package dev.chirp.catalog;

import dev.chirp.diag.Code;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * Suppression comments: {@code # chirp-ignore CODE: reason} at the end of the line a finding is on,
 * or alone on the line above it. Only that code, only there, only with a reason, and only a warning
 * or an info: an error stays (compile and send refuse it). A comment that suppresses nothing is
 * reported.
 */
public final class Suppressions {
  private static final Pattern COMMENT =
      Pattern.compile("#\\s*chirp-ignore\\b\\s*([a-z0-9-]*)\\s*(?::\\s*(.*))?$");

  private Suppressions() {}

  /**
   * Where YAML comments start (line and column, 1-based, packed in a long), by SnakeYAML's own
   * scanner: a line of a block scalar that begins with {@code #} is text. Empty when the text does
   * not scan (its YAML errors are reported elsewhere); every candidate is then taken as a comment.
   */
  private static Set<Long> commentStarts(String text) {
    Set<Long> out = new HashSet<>();
    LoadSettings settings = LoadSettings.builder().setParseComments(true).build();
    try {
      ScannerImpl scanner = new ScannerImpl(settings, new StreamReader(settings, text));
      while (scanner.hasNext()) {
        Token t = scanner.next();
        if (t.getTokenId() == Token.ID.Comment) {
          t.getStartMark()
              .ifPresent(m -> out.add(((long) (m.getLine() + 1) << 32) | (m.getColumn() + 1)));
        }
      }
    } catch (RuntimeException e) {
      return Set.of();
    }
    return out;
  }

  private record Suppression(int line, int column, int target, String code, String reason) {}

  /** {@code diagnostics} of one file less the suppressed ones, plus problems of the comments. */
  public static List<Diagnostic> apply(SourceFile source, List<Diagnostic> diagnostics) {
    List<Suppression> found = new ArrayList<>();
    List<Diagnostic> out = new ArrayList<>();
    Set<Long> comments = null; // where real comments start, scanned on first need
    for (int n = 1; n <= source.lineCount(); n++) {
      String line = source.line(n);
      if (!line.contains("chirp-ignore")) {
        continue;
      }
      if (comments == null) {
        comments = commentStarts(source.text());
      }
      // The "# chirp-ignore" that starts a real comment: one inside a string or a block scalar
      // is text, not a comment.
      int hash = -1;
      for (int i = line.indexOf('#'); i >= 0; i = line.indexOf('#', i + 1)) {
        if (line.startsWith("chirp-ignore", i + 1 + (line.startsWith(" ", i + 1) ? 1 : 0))
            && (comments.isEmpty()
                || comments.contains(((long) n << 32) | (line.codePointCount(0, i) + 1)))) {
          hash = i;
          break;
        }
      }
      if (hash < 0) {
        continue;
      }
      Matcher m = COMMENT.matcher(line.substring(hash));
      if (!m.find()) {
        continue;
      }
      int column = line.codePointCount(0, hash) + 1;
      boolean alone = line.substring(0, hash).isBlank();
      String code = m.group(1);
      String reason = m.group(2) == null ? "" : m.group(2).trim();
      Span at = Span.at(n, column);
      if (code.isEmpty() || Code.byId(code).isEmpty()) {
        out.add(
            Diagnostic.of(
                Code.SUPPRESSION_INVALID,
                source.path(),
                at,
                code.isEmpty()
                    ? "chirp-ignore names no code"
                    : "chirp-ignore names an unknown code `" + code + "`"));
        continue;
      }
      if (reason.isEmpty()) {
        out.add(
            Diagnostic.of(
                    Code.SUPPRESSION_INVALID,
                    source.path(),
                    at,
                    "chirp-ignore " + code + " gives no reason")
                .withFix("write `# chirp-ignore " + code + ": why this is fine`"));
        continue;
      }
      found.add(new Suppression(n, column, alone ? n + 1 : n, code, reason));
    }
    boolean[] used = new boolean[found.size()];
    for (Diagnostic d : diagnostics) {
      boolean suppressed = false;
      for (int i = 0; i < found.size(); i++) {
        Suppression s = found.get(i);
        if (s.code().equals(d.code().id())
            && s.target() == d.span().line()
            && d.file().equals(source.path())) {
          used[i] = true;
          if (d.severity() == Severity.ERROR) {
            // compile and send refuse the spec whatever the comment says: a gate that let it
            // pass would approve what cannot be sent.
            out.add(
                Diagnostic.of(
                        Code.SUPPRESSION_INVALID,
                        source.path(),
                        Span.at(s.line(), s.column()),
                        "chirp-ignore "
                            + s.code()
                            + " cannot silence an error: compile and send refuse the spec all the"
                            + " same")
                    .withFix("fix the finding, and remove the comment"));
          } else {
            suppressed = true;
          }
        }
      }
      if (!suppressed) {
        out.add(d);
      }
    }
    for (int i = 0; i < found.size(); i++) {
      if (!used[i]) {
        Suppression s = found.get(i);
        out.add(
            Diagnostic.of(
                Code.SUPPRESSION_UNUSED,
                source.path(),
                Span.at(s.line(), s.column()),
                "chirp-ignore " + s.code() + " suppresses nothing on line " + s.target()));
      }
    }
    return out;
  }
}
