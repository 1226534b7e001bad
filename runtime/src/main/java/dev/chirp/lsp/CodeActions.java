package dev.chirp.lsp;

import dev.chirp.catalog.Suppressions;
import dev.chirp.diag.Diagnostic;
import dev.chirp.diag.Severity;
import dev.chirp.diag.SourceFile;
import dev.chirp.diag.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.lsp4j.CodeAction;
import org.eclipse.lsp4j.CodeActionKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;

/**
 * Code actions for the findings under a range: the "did you mean" fix a diagnostic carries, and a
 * {@code # chirp-ignore CODE: reason} line above a warning or an info.
 */
final class CodeActions {
  private CodeActions() {}

  /** The reason a new suppression comment is written with, for the author to replace. */
  static final String REASON = "why this is fine";

  private static final Pattern DID_YOU_MEAN = Pattern.compile("^did you mean `([^`]+)`\\?$");
  private static final Pattern WORD = Pattern.compile("[^\\s{}\"'`#>^/!&,:\\[\\]]+");

  static List<CodeAction> actions(
      Documents.Doc doc, Range range, List<Diagnostics.Found> found, Positions pos) {
    SourceFile source = doc.source();
    List<CodeAction> out = new ArrayList<>();
    for (Diagnostics.Found f : found) {
      if (!overlaps(f.lsp().getRange(), range)) {
        continue;
      }
      Diagnostic d = f.chirp();
      if (d.fix() != null) {
        Matcher m = DID_YOU_MEAN.matcher(d.fix());
        if (m.matches()) {
          replace(source, d.span(), m.group(1), pos)
              .ifPresent(
                  edit -> {
                    CodeAction a = action("Change to `" + m.group(1) + "`", doc, edit, f);
                    a.setIsPreferred(true);
                    out.add(a);
                  });
        }
      }
      if (d.severity() != Severity.ERROR && suppressible(source, d)) {
        String line = source.line(d.span().line());
        String indent = line.substring(0, line.length() - line.stripLeading().length());
        String comment = indent + "# chirp-ignore " + d.code().id() + ": " + REASON + "\n";
        Position at = new Position(d.span().line() - 1, 0);
        out.add(
            action(
                "Ignore " + d.code().id() + " here (# chirp-ignore)",
                doc,
                new TextEdit(new Range(at, at), comment),
                f));
      }
    }
    return out;
  }

  /** An edit putting {@code word} in place of the one mistyped word the span covers. */
  private static Optional<TextEdit> replace(
      SourceFile source, Span span, String word, Positions pos) {
    if (span.line() != span.endLine()) {
      return Optional.empty();
    }
    String line = source.line(span.line());
    int start =
        line.offsetByCodePoints(
            0, Math.min(span.column() - 1, line.codePointCount(0, line.length())));
    int end =
        line.offsetByCodePoints(
            0, Math.min(span.endColumn() - 1, line.codePointCount(0, line.length())));
    Matcher m = WORD.matcher(line.substring(start, end));
    if (!m.find()) {
      return Optional.empty();
    }
    int ws = start + m.start();
    int we = start + m.end();
    if (m.find()) {
      return Optional.empty(); // more than one word: no single place to change
    }
    return Optional.of(
        new TextEdit(
            new Range(
                pos.position(source, span.line(), line.codePointCount(0, ws) + 1),
                pos.position(source, span.line(), line.codePointCount(0, we) + 1)),
            word));
  }

  /**
   * Whether a comment line above the finding silences it: true unless the line is inside a block
   * scalar or a quoted string, where {@code #} is text (checked by {@code chirp check}'s own
   * suppression code on the edited text).
   */
  private static boolean suppressible(SourceFile source, Diagnostic d) {
    StringBuilder text = new StringBuilder();
    for (int n = 1; n <= source.lineCount(); n++) {
      if (n == d.span().line()) {
        String line = source.line(n);
        text.append(line, 0, line.length() - line.stripLeading().length())
            .append("# chirp-ignore ")
            .append(d.code().id())
            .append(": ")
            .append(REASON)
            .append('\n');
      }
      text.append(source.line(n)).append('\n');
    }
    Span moved =
        new Span(
            d.span().line() + 1, d.span().column(), d.span().endLine() + 1, d.span().endColumn());
    Diagnostic shifted =
        new Diagnostic(d.code(), d.severity(), d.message(), d.file(), moved, d.notes(), d.fix());
    return Suppressions.apply(new SourceFile(d.file(), text.toString()), List.of(shifted))
        .isEmpty();
  }

  private static CodeAction action(
      String title, Documents.Doc doc, TextEdit edit, Diagnostics.Found f) {
    CodeAction a = new CodeAction(title);
    a.setKind(CodeActionKind.QuickFix);
    a.setDiagnostics(List.of(f.lsp()));
    a.setEdit(new WorkspaceEdit(Map.of(doc.uri(), List.of(edit))));
    return a;
  }

  private static boolean overlaps(Range a, Range b) {
    return !Hovers.before(b.getEnd(), a.getStart()) && !Hovers.before(a.getEnd(), b.getStart());
  }
}
