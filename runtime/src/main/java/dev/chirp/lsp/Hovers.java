package dev.chirp.lsp;

import dev.chirp.diag.Code;
import dev.chirp.diag.SourceFile;
import dev.chirp.yaml.LoadedFile;
import dev.chirp.yaml.YMap;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.MarkupContent;
import org.eclipse.lsp4j.MarkupKind;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * Hover: what a diagnostic's code means (the text of {@code chirp explain CODE}), a variable's
 * declaration where it is used, a key's description from the JSON Schema.
 */
final class Hovers {
  private Hovers() {}

  static Optional<Hover> hover(
      Documents.Doc doc, Position p, List<Diagnostics.Found> found, Positions pos) {
    SourceFile source = doc.source();
    String line = source.line(p.getLine() + 1);
    int index = pos.index(source, p);
    List<String> parts = new ArrayList<>();
    Range range = null;
    // Every code found at the cursor, once.
    Set<Code> codes = new LinkedHashSet<>();
    for (Diagnostics.Found f : found) {
      if (contains(f.lsp().getRange(), p)) {
        codes.add(f.chirp().code());
        range = range == null ? f.lsp().getRange() : range;
      }
    }
    for (Code c : codes) {
      parts.add(c.explain());
    }
    Optional<Variables.Use> use = Variables.at(line, index);
    if (use.isPresent()) {
      LoadedFile loaded = Variables.load(doc);
      Optional<YMap.Entry> decl = Variables.declaration(loaded, use.get().name());
      if (decl.isPresent()) {
        parts.add("```yaml\n" + declarationText(source, decl.get()) + "\n```");
        range = range(source, p.getLine(), use.get().start(), use.get().end(), pos);
      }
    } else {
      Optional<KeyPath.At> at = KeyPath.at(source, p.getLine(), index);
      if (at.isPresent() && !at.get().key().isEmpty() && index < at.get().keyEnd()) {
        Optional<String> d =
            SchemaKeys.of(doc.path()).description(at.get().container(), at.get().key());
        if (d.isPresent()) {
          parts.add("`" + at.get().key() + "`: " + d.get());
          if (range == null) {
            range = range(source, p.getLine(), at.get().keyStart(), at.get().keyEnd(), pos);
          }
        }
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Hover(
            new MarkupContent(MarkupKind.MARKDOWN, String.join("\n\n---\n\n", parts)), range));
  }

  /** The declaration's lines as written, from its key to the end of its value. */
  static String declarationText(SourceFile source, YMap.Entry e) {
    int first = e.key().span().line();
    var end = e.value().span();
    int last = end.endColumn() == 1 && end.endLine() > first ? end.endLine() - 1 : end.endLine();
    List<String> lines = new ArrayList<>();
    for (int n = first; n <= last; n++) {
      lines.add(source.line(n));
    }
    int indent = Integer.MAX_VALUE;
    for (String l : lines) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    int cut = indent == Integer.MAX_VALUE ? 0 : indent;
    return String.join(
        "\n", lines.stream().map(l -> l.length() >= cut ? l.substring(cut) : l.strip()).toList());
  }

  private static Range range(SourceFile source, int line, int start, int end, Positions pos) {
    String text = source.line(line + 1);
    return new Range(
        pos.position(source, line + 1, text.codePointCount(0, start) + 1),
        pos.position(source, line + 1, text.codePointCount(0, end) + 1));
  }

  static boolean contains(Range r, Position p) {
    return !before(p, r.getStart()) && !before(r.getEnd(), p);
  }

  static boolean before(Position a, Position b) {
    return a.getLine() < b.getLine()
        || (a.getLine() == b.getLine() && a.getCharacter() < b.getCharacter());
  }
}
